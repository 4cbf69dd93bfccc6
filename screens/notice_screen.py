"""A message that is not an error: a title, a few lines, and OK (what a merge brought in)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.text_safety import user_content, user_line


class NoticeScreen(ModalScreen[None]):
    """``title`` in bold over ``text`` (shown literally); enter or escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        """The title, the text, OK."""
        with Vertical(id="notice-box"):
            yield Static(user_line(self.heading), id="notice-title", markup=False)
            yield Static(user_content(self.text), id="notice-text")
            with Horizontal(id="notice-buttons"):
                yield Button("OK", id="ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        """OK has the focus: enter closes."""
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK closes."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
