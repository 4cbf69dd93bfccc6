"""A readable screen for a file that cannot be opened (locked, damaged or newer)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.text_safety import tell, user_text
from workbook.errors import DamagedFileError, WorkbookError


class MessageScreen(ModalScreen[str | None]):
    """Explains why a relationship did not open, offering what can be done about it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_screen", "Back")]

    def __init__(self, title: str, error: WorkbookError) -> None:
        super().__init__()
        self.heading = title
        self.error = error

    def compose(self) -> ComposeResult:
        """Title, the one-line problem, and buttons."""
        with Center(), Vertical(id="message-box"):
            yield Static(user_text(self.heading), id="message-title", markup=False)
            yield Static(user_text(self.error), id="message-text", markup=False)
            with Horizontal(id="message-buttons"):
                if isinstance(self.error, DamagedFileError) and self.error.backup is not None:
                    yield Button("Restore last good backup", id="restore", variant="warning")
                yield Button("Back", id="back", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Back closes; Restore puts the backup in place (keeping the damaged copy)."""
        if event.button.id == "restore" and isinstance(self.error, DamagedFileError):
            from workbook.library import restore_last_good_copy

            try:
                kept: Path = restore_last_good_copy(self.error.path)
            except (WorkbookError, OSError) as error:
                tell(self, error, severity="error")
                return
            tell(self, f"Backup restored; the damaged file was kept as {kept}", timeout=8)
            self.dismiss("restored")
            return
        self.dismiss(None)

    def action_dismiss_screen(self) -> None:
        """Close the message."""
        self.dismiss(None)
