"""The agreed meeting rhythm: how often, how long, the first meeting, how many, and where.

It starts from the programme's suggestion and warns below its minimum contact. Each valid
change is saved at once through ``update_relationship(cadence=...)``; a field that
does not parse shows why under it and is not saved (the other fields still are). Reading the
fields, their limits and the first meeting's time zone are the core's
(:mod:`workbook.cadence_input`); this widget only shows them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from screens.context import WorkbookContext
from screens.form_screen import show_error
from screens.structured.base import KeepsTypedText, StructuredPanel
from screens.text_safety import user_line
from workbook.cadence_input import TypedCadence, first_meeting_fields, read_cadence, typed_from
from workbook.content.model import Prompt
from workbook.models import Cadence
from workbook.programme import contact_warning, default_cadence

LABELS: dict[str, str] = {
    "every": "How often",
    "minutes": "Minutes",
    "count": "Sessions",
    "first_date": "First meeting",
    "first_time": "at (HH:MM)",
    "place": "Place / platform",
}
"""The form's fields (named as in :class:`TypedCadence`) and their labels."""
HINTS: dict[str, str] = {
    "every": "every 2 weeks",
    "minutes": "e.g. 60",
    "count": "optional",
    "first_date": "YYYY-MM-DD",
    "first_time": "HH:MM",
    "place": "e.g. Zoom, the café by the station",
}
"""Placeholders: hints of the format, never values that look agreed."""
ROWS = (("every", "minutes", "count"), ("first_date", "first_time"), ("place",))
MAX_LENGTHS = {"every": 30, "place": 200}
"""How long a field's text may be (the others: 10)."""


def input_id(name: str) -> str:
    """The id of the Input for field ``name``."""
    return f"cadence-{name.replace('_', '-')}"


class CadenceForm(KeepsTypedText, StructuredPanel):
    """How often (every N weeks, or N times a month), minutes, sessions, the first meeting's
    date and time, and the place.

    Before the pair agree a rhythm, the fields start from the programme's suggestion (the
    pack's ``meetings`` and ``sessions``: :func:`workbook.programme.default_cadence`); it is
    agreed, and stored, once they change a field or press enter in one. A rhythm less often
    than the programme's minimum contact is warned about under the form.
    """

    def __init__(self, prompt: Prompt, context: WorkbookContext) -> None:
        super().__init__(prompt, context)
        self.shown_at_start = typed_from(context.service.relationship.cadence or self.suggested)
        """The fields as first shown (the stored cadence, or the programme's suggestion)."""

    def compose_body(self) -> ComposeResult:
        """The fields in compact rows, a summary line and the contact warning."""
        cadence = self.context.service.relationship.cadence
        for row in ROWS:
            with Horizontal(classes="cadence-row"):
                for name in row:
                    with Vertical(classes=f"cadence-field {input_id(name)}-field"):
                        yield Label(LABELS[name], classes="field-label")
                        yield Input(
                            getattr(self.shown_at_start, name),
                            id=input_id(name),
                            placeholder=HINTS[name],
                            compact=True,
                            disabled=not self.editable,
                            max_length=MAX_LENGTHS.get(name, 10),
                        )
                        yield Static("", id=f"{input_id(name)}-error", classes="form-error")
        yield Static(self._summary(cadence), classes="cadence-summary")
        warning = Static("", classes="cadence-warning")
        self._warn(warning, cadence or self.suggested)
        yield warning

    @property
    def suggested(self) -> Cadence | None:
        """The programme's suggested rhythm (None when the pack suggests none)."""
        pack = self.context.pack
        return default_cadence(pack) if pack.cadence_defaults is not None else None

    def _summary(self, cadence: Cadence | None) -> Content:
        if cadence is None:
            suggested = self.suggested
            if suggested is None:
                return Content.styled("Not agreed yet: fill in the fields above.", "$text-muted")
            return Content.styled(
                f"Not agreed yet. The programme suggests {user_line(suggested.describe())}: "
                "change what you like, or press enter in a field to agree it.",
                "$text-muted",
            )
        text = f"Agreed: {user_line(cadence.describe())}"
        first_date, first_time = first_meeting_fields(cadence)
        if first_date:
            zone = f" ({cadence.timezone})" if cadence.timezone else ""
            text += f"; first meeting {first_date} {first_time}{zone}"
        return Content(text)

    def _warn(self, line: Static, cadence: Cadence | None) -> None:
        """Say under the form when ``cadence`` meets less often than the programme expects."""
        warning = contact_warning(cadence, self.context.pack) if cadence is not None else None
        line.update(Content(warning or ""))
        line.display = warning is not None

    def typed(self) -> TypedCadence:
        """The fields as typed now."""
        return TypedCadence(
            **{name: self.query_one(f"#{input_id(name)}", Input).value for name in LABELS}
        )

    def _read(self) -> Cadence:
        """The cadence the fields give now; each field's error shown under it."""
        stored = self.context.service.relationship.cadence
        cadence, errors = read_cadence(self.typed(), stored or self.suggested)
        for name, message in errors.items():
            show_error(self.query_one(f"#{input_id(name)}-error", Static), message)
            self.query_one(f"#{input_id(name)}", Input).set_class(bool(message), "-invalid")
        self._warn(self.query_one(".cadence-warning", Static), cadence)
        return cadence

    def _agree(self, cadence: Cadence) -> None:
        if self.change(lambda: self.context.service.update_relationship(cadence=cadence)):
            self.query_one(".cadence-summary", Static).update(self._summary(cadence))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check the fields; save the cadence when a valid value changed it."""
        event.stop()
        self.keep_typed_text()

    def keep_typed_text(self) -> None:
        """Save the cadence the fields show when it is valid and changed (also when the
        workbook saves at once)."""
        if not self.editable:
            return
        typed = self.typed()
        cadence = self._read()
        stored = self.context.service.relationship.cadence
        if stored == cadence:
            return
        if stored is None and typed in (self.shown_at_start, TypedCadence()):
            return  # nothing typed, or the suggestion untouched: nothing is agreed yet
        self._agree(cadence)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter agrees the rhythm as the fields show it (the programme's suggestion too)."""
        event.stop()
        if not self.editable:
            return
        cadence = self._read()
        if self.context.service.relationship.cadence != cadence:
            self._agree(cadence)
