"""The agreed meeting rhythm: how often, how long, the first meeting, how many, and where.

Each valid change is saved at once through ``update_relationship(cadence=...)``; a field that
does not parse shows why under it and is not saved (the other fields still are).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from screens.editors.text import parse_date
from screens.structured.base import StructuredPanel
from screens.structured.forms import show_error
from workbook.models import Cadence

FIELDS: dict[str, str] = {
    "every": "Every (weeks)",
    "minutes": "Minutes",
    "first-date": "First meeting",
    "first-time": "at (local time)",
    "count": "Sessions",
    "place": "Place / platform",
}
"""The form's fields and their labels."""


def parse_int(text: str, low: int, high: int, what: str) -> tuple[int | None, str]:
    """``text`` as a whole number from ``low`` to ``high``, or an error message."""
    text = text.strip()
    if not text.isdigit() or not low <= int(text) <= high:
        return None, f"{what} is a whole number from {low} to {high}."
    return int(text), ""


def parse_time(text: str) -> time | None:
    """``text`` as a 24-hour time HH:MM, or None."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        return None


def local_first_meeting(cadence: Cadence | None) -> tuple[str, str]:
    """The first meeting as local (date, time) strings, or blanks."""
    if cadence is None or cadence.first_meeting is None:
        return "", ""
    local = cadence.first_meeting.astimezone()
    return local.date().isoformat(), local.strftime("%H:%M")


def to_utc(day: date, at: time) -> datetime:
    """A local date and time as an aware datetime (the model stores it in UTC)."""
    return datetime.combine(day, at).astimezone()


class CadenceForm(StructuredPanel):
    """Inputs for every N weeks, minutes, first meeting date and time, sessions and place."""

    def compose_body(self) -> ComposeResult:
        """The fields in two compact rows plus where and a summary line."""
        cadence = self.context.service.relationship.cadence
        shown = cadence or Cadence()
        first_date, first_time = local_first_meeting(cadence)
        values = {
            "every": str(shown.every_weeks) if cadence else "",
            "minutes": str(shown.duration_minutes) if cadence else "",
            "first-date": first_date,
            "first-time": first_time,
            "count": str(shown.count) if shown.count else "",
            "place": shown.place,
        }
        placeholders = {
            "every": "2",
            "minutes": "60",
            "first-date": "YYYY-MM-DD",
            "first-time": "HH:MM",
            "count": "optional",
            "place": "e.g. Zoom, the café by the station",
        }
        disabled = not self.editable
        rows = (("every", "minutes", "count"), ("first-date", "first-time"), ("place",))
        for row in rows:
            with Horizontal(classes="cadence-row"):
                for name in row:
                    with Vertical(classes=f"cadence-field cadence-{name}"):
                        yield Label(FIELDS[name], classes="field-label")
                        yield Input(
                            values[name],
                            id=f"cadence-{name}",
                            placeholder=placeholders[name],
                            compact=True,
                            disabled=disabled,
                            max_length=200 if name == "place" else 10,
                        )
                        yield Static("", id=f"cadence-{name}-error", classes="form-error")
        yield Static(self._summary(cadence), classes="cadence-summary")

    def _summary(self, cadence: Cadence | None) -> Content:
        if cadence is None:
            return Content.styled("Not agreed yet: fill in the fields above.", "$text-muted")
        text = f"Agreed: {cadence.describe()}"
        first_date, first_time = local_first_meeting(cadence)
        if first_date:
            text += f"; first meeting {first_date} {first_time}"
        return Content.styled(text, "$text-muted")

    def _value(self, name: str) -> str:
        return self.query_one(f"#cadence-{name}", Input).value

    def _parsers(self) -> dict[str, Callable[[str], tuple[object, str]]]:
        return {
            "every": lambda text: parse_int(text, 1, 52, "Weeks between meetings"),
            "minutes": lambda text: parse_int(text, 5, 600, "Minutes"),
            "count": lambda text: (
                (None, "") if not text.strip() else parse_int(text, 1, 520, "Sessions")
            ),
            "place": lambda text: (text.strip(), ""),
        }

    def build(self) -> tuple[Cadence, dict[str, str]]:
        """The cadence from the valid fields (invalid ones keep the stored value), and errors."""
        stored = self.context.service.relationship.cadence or Cadence()
        update: dict[str, object] = {}
        errors: dict[str, str] = {}
        keys = {
            "every": "every_weeks",
            "minutes": "duration_minutes",
            "count": "count",
            "place": "place",
        }
        for name, parse in self._parsers().items():
            text = self._value(name)
            if name in ("every", "minutes") and not text.strip():
                errors[name] = ""  # blank while typing: keep the stored value, no message
                continue
            value, message = parse(text)
            errors[name] = message
            if not message:
                update[keys[name]] = value
        day_text, time_text = self._value("first-date").strip(), self._value("first-time").strip()
        day = parse_date(day_text) if day_text else None
        at = parse_time(time_text) if time_text else None
        errors["first-date"] = (
            f"{day_text!r} is not a date: use YYYY-MM-DD." if day_text and day is None else ""
        )
        errors["first-time"] = (
            f"{time_text!r} is not a time: use HH:MM (24-hour)." if time_text and at is None else ""
        )
        if not day_text and not time_text:
            update["first_meeting"] = None
        elif day is not None and at is not None:
            update["first_meeting"] = to_utc(day, at)
        elif day is not None and not time_text:
            errors["first-time"] = "Add the time of the first meeting (HH:MM)."
        elif at is not None and not day_text:
            errors["first-date"] = "Add the date of the first meeting (YYYY-MM-DD)."
        return stored.model_copy(update=update), errors

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check the fields; save the cadence when a valid value changed it."""
        event.stop()
        if not self.editable:
            return
        cadence, errors = self.build()
        for name, message in errors.items():
            show_error(self.query_one(f"#cadence-{name}-error", Static), message)
            self.query_one(f"#cadence-{name}", Input).set_class(bool(message), "-invalid")
        stored = self.context.service.relationship.cadence
        if stored == cadence:
            return
        if stored is None and not self._started():
            return  # nothing typed yet: do not record a default cadence
        validated = Cadence.model_validate(cadence.model_dump())
        if self.change(lambda: self.context.service.update_relationship(cadence=validated)):
            self.query_one(".cadence-summary", Static).update(self._summary(validated))

    def _started(self) -> bool:
        return any(self._value(name).strip() for name in FIELDS)
