"""A dialog form that fits any window from 80x24 up: a title, fields that scroll when they do
not fit, and the buttons always in view at the bottom (docked, never scrolled away).

ctrl+s saves, escape cancels, enter in a field moves on; errors show under their field, take
no room while empty, and the first one is scrolled into view.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from screens.text_safety import user_text

FORM_KEYS = "ctrl+s save · esc cancel"
"""Hint shown beside the buttons of every form."""

ResultT = TypeVar("ResultT")


def show_error(line: Static, message: str) -> None:
    """Show ``message`` (literally) in an error line, which takes no room when empty."""
    line.update(Content(user_text(message)))
    line.set_class(bool(message), "-shown")


def error_line(widget_id: str) -> Static:
    """An empty error line (shown by :func:`show_error`)."""
    return Static("", id=widget_id, classes="form-error")


def field(label: str, widget: Widget) -> Horizontal:
    """A form row: a label on the left, the field on the right."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="form-row")


class FormScreen(ModalScreen[ResultT]):
    """A centred form: title, scrolling fields, and Cancel / Save always visible."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]
    SAVE_LABEL: ClassVar[str] = "Save"

    def heading(self) -> Content:
        """The form's title (subclasses)."""
        return Content("")

    def compose_fields(self) -> ComposeResult:
        """The form's fields (subclasses)."""
        yield from ()

    @property
    def save_label(self) -> str:
        """The text of the button that saves."""
        return self.SAVE_LABEL

    @property
    def keys_hint(self) -> str:
        """The hint beside the buttons (:data:`FORM_KEYS` unless a form says otherwise)."""
        return FORM_KEYS

    def compose(self) -> ComposeResult:
        """Title, the fields (scrolling when they do not fit), the buttons."""
        with Vertical(classes="form-box"):
            yield Static(self.heading(), classes="form-title")
            with Horizontal(classes="form-buttons"):
                yield Static(self.keys_hint, classes="form-keys")
                yield Button("Cancel", id="cancel", compact=True)
                yield Button(self.save_label, id="save", variant="primary", compact=True)
            with VerticalScroll(classes="form-fields"):
                yield from self.compose_fields()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Validate and return the result (subclasses)."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, Cancel, or a subclass's own button."""
        if event.button.id == "save":
            event.stop()
            self.action_save()
        elif event.button.id == "cancel":
            event.stop()
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves on to the next one."""
        event.stop()
        self.focus_next()

    def reveal_first_error(self) -> None:
        """Scroll the first error message into view (small terminals)."""
        shown = self.query(".form-error.-shown")
        if shown:
            self.call_after_refresh(shown.first().scroll_visible, animate=False)

    def show_error(self, widget_id: str, message: str) -> None:
        """Put ``message`` (literally) in the error line ``widget_id`` ("" clears it)."""
        show_error(self.query_one(f"#{widget_id}", Static), message)
