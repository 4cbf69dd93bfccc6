"""The agreed meeting rhythm: how often, how long, the first meeting, how many, and where.

Each valid change is saved at once through ``update_relationship(cadence=...)``; a field that
does not parse shows why under it and is not saved (the other fields still are). Reading the
fields, their limits and the first meeting's time zone are the core's
(:mod:`workbook.cadence_input`); this widget only shows them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from screens.form_screen import show_error
from screens.structured.base import StructuredPanel
from screens.text_safety import user_line
from workbook.cadence_input import TypedCadence, first_meeting_fields, read_cadence, typed_from
from workbook.models import Cadence

LABELS: dict[str, str] = {
    "every": "Every (weeks)",
    "minutes": "Minutes",
    "count": "Sessions",
    "first_date": "First meeting",
    "first_time": "at (HH:MM)",
    "place": "Place / platform",
}
"""The form's fields (named as in :class:`TypedCadence`) and their labels."""
HINTS: dict[str, str] = {
    "every": "e.g. 2",
    "minutes": "e.g. 60",
    "count": "optional",
    "first_date": "YYYY-MM-DD",
    "first_time": "HH:MM",
    "place": "e.g. Zoom, the café by the station",
}
"""Placeholders: hints of the format, never values that look agreed."""
ROWS = (("every", "minutes", "count"), ("first_date", "first_time"), ("place",))


def input_id(name: str) -> str:
    """The id of the Input for field ``name``."""
    return f"cadence-{name.replace('_', '-')}"


class CadenceForm(StructuredPanel):
    """Inputs for every N weeks, minutes, first meeting date and time, sessions and place."""

    def compose_body(self) -> ComposeResult:
        """The fields in compact rows plus a summary line."""
        cadence = self.context.service.relationship.cadence
        values = typed_from(cadence)
        for row in ROWS:
            with Horizontal(classes="cadence-row"):
                for name in row:
                    with Vertical(classes=f"cadence-field {input_id(name)}-field"):
                        yield Label(LABELS[name], classes="field-label")
                        yield Input(
                            getattr(values, name),
                            id=input_id(name),
                            placeholder=HINTS[name],
                            compact=True,
                            disabled=not self.editable,
                            max_length=200 if name == "place" else 10,
                        )
                        yield Static("", id=f"{input_id(name)}-error", classes="form-error")
        yield Static(self._summary(cadence), classes="cadence-summary")

    def _summary(self, cadence: Cadence | None) -> Content:
        if cadence is None:
            return Content.styled("Not agreed yet: fill in the fields above.", "$text-muted")
        text = f"Agreed: {user_line(cadence.describe())}"
        first_date, first_time = first_meeting_fields(cadence)
        if first_date:
            zone = f" ({cadence.timezone})" if cadence.timezone else ""
            text += f"; first meeting {first_date} {first_time}{zone}"
        return Content(text)

    def typed(self) -> TypedCadence:
        """The fields as typed now."""
        return TypedCadence(
            **{name: self.query_one(f"#{input_id(name)}", Input).value for name in LABELS}
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check the fields; save the cadence when a valid value changed it."""
        event.stop()
        if not self.editable:
            return
        typed = self.typed()
        stored = self.context.service.relationship.cadence
        cadence, errors = read_cadence(typed, stored)
        for name, message in errors.items():
            show_error(self.query_one(f"#{input_id(name)}-error", Static), message)
            self.query_one(f"#{input_id(name)}", Input).set_class(bool(message), "-invalid")
        if stored == cadence or (stored is None and not typed.started):
            return  # unchanged, or nothing typed yet: do not record a default cadence
        if self.change(lambda: self.context.service.update_relationship(cadence=cadence)):
            self.query_one(".cadence-summary", Static).update(self._summary(cadence))
