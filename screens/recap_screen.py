"""The recap of a session, ready to paste into an email or a chat, and where it was saved.

Shown once the meeting is closed. The Markdown is in a read-only text area (select part of it
and ``ctrl+c``), ``c`` copies all of it (through the terminal, where it allows: Textual's
``copy_to_clipboard``), and the line above it names the file it was saved to.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from screens.text_safety import tell, user_line, user_text


class RecapScreen(ModalScreen[None]):
    """The recap's Markdown, a button to copy it, and the file it was saved to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done"),
        Binding("c", "copy", "Copy all"),
    ]

    def __init__(self, title: str, markdown: str, saved_to: Path | None, problem: str = "") -> None:
        """``problem`` says why the recap could not be saved (``saved_to`` is then None)."""
        super().__init__()
        self.title_text = title
        self.markdown = markdown
        self.saved_to = saved_to
        self.problem = problem

    def compose(self) -> ComposeResult:
        """Title, where it was saved, the Markdown, the buttons."""
        with Vertical(classes="form-box recap-box"):
            yield Static(Content.styled(user_line(self.title_text), "bold"), classes="form-title")
            if self.saved_to is not None:
                where = Content.assemble(
                    "Saved to ", (user_line(self.saved_to), "bold"), " (readable by you only)."
                )
            else:
                where = Content.styled(f"Not saved: {user_line(self.problem)}", "$error")
            yield Static(where, id="recap-saved", classes="form-note")
            with Horizontal(classes="form-buttons"):
                yield Static("c copy all · esc done", classes="form-keys")
                yield Button("Copy all", id="copy", compact=True)
                yield Button("Done", id="done", variant="primary", compact=True)
            yield TextArea(
                user_text(self.markdown),
                id="recap-text",
                read_only=True,
                soft_wrap=True,
                compact=True,
                classes="recap-text",
            )

    def on_mount(self) -> None:
        """Focus Done: enter closes, the text can still be scrolled and selected."""
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Copy, or Done."""
        event.stop()
        if event.button.id == "copy":
            self.action_copy()
        else:
            self.action_done()

    def action_copy(self) -> None:
        """Copy the whole recap to the clipboard (where the terminal allows it)."""
        self.app.copy_to_clipboard(self.markdown)
        tell(self, "Recap copied (if your terminal passes copies on).", timeout=4)

    def action_done(self) -> None:
        """Close the recap."""
        self.dismiss(None)
