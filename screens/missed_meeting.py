"""Recording a planned meeting that did not happen: missed or cancelled, by whom, why, and
the new time agreed for it (which then is the next meeting, in the history and everywhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from screens.form_screen import FormScreen, error_line, field
from screens.text_safety import user_line
from workbook.cadence_input import meeting_zone_label, read_meeting_time
from workbook.models import MissedKind, Relationship, Role
from workbook.typed_input import parse_date

NOT_SAID = "nobody"
"""The "by whom" choice for a meeting nobody in particular called off."""


@dataclass(frozen=True)
class MissedRequest:
    """The dialog's answer (see :func:`workbook.sessions.record_missed`)."""

    planned_on: date
    kind: MissedKind
    by: Role | None
    reason: str
    rescheduled_to: datetime | None


class MissedMeetingForm(FormScreen[MissedRequest]):
    """When the meeting was planned, missed or cancelled, by whom, why, and its new time."""

    SAVE_LABEL = "Record it"

    def __init__(self, relationship: Relationship, planned_on: date, now: datetime) -> None:
        super().__init__()
        self.relationship = relationship
        self.planned_on = planned_on
        self.now = now

    def heading(self) -> Content:
        """The form's title."""
        return Content("Record a missed or cancelled meeting")

    def compose_fields(self) -> ComposeResult:
        """Planned date, kind, by whom, why, and the new time."""
        rel = self.relationship
        yield field(
            "Planned for",
            Input(
                self.planned_on.isoformat(),
                id="planned-on",
                placeholder="YYYY-MM-DD",
                compact=True,
                max_length=10,
            ),
        )
        yield error_line("planned-on-error")
        kinds = [
            ("Cancelled beforehand", MissedKind.CANCELLED.value),
            ("Missed", MissedKind.MISSED.value),
        ]
        yield field(
            "What happened",
            Select(
                kinds, id="kind", value=MissedKind.CANCELLED.value, allow_blank=False, compact=True
            ),
        )
        people = [
            (f"{user_line(rel.name_of(role))} ({role.value})", role.value) for role in Role
        ] + [("Not said, or both", NOT_SAID)]
        yield field(
            "By whom",
            Select(people, id="by", value=NOT_SAID, allow_blank=False, compact=True),
        )
        yield field(
            "Why",
            Input(id="reason", placeholder="optional", compact=True, max_length=500),
        )
        with Horizontal(classes="form-row"):
            yield Label("New time", classes="field-label")
            yield Input(id="new-date", placeholder="YYYY-MM-DD", compact=True, max_length=10)
            yield Input(id="new-time", placeholder="HH:MM", compact=True, max_length=5)
            yield Static(meeting_zone_label(rel.cadence), classes="zone-label")
        yield Static("Leave the new time empty if none was agreed yet.", classes="form-note")
        yield error_line("new-error")

    def on_mount(self) -> None:
        """Start on the planned date."""
        self.query_one("#planned-on", Input).focus()

    def action_save(self) -> None:
        """Record it when the dates are dates and the new time is ahead."""
        planned_text = self.query_one("#planned-on", Input).value
        planned_on = parse_date(planned_text)
        planned_error = (
            "" if planned_on else f"{planned_text.strip()!r} is not a date: use YYYY-MM-DD."
        )
        read = read_meeting_time(
            self.query_one("#new-date", Input).value,
            self.query_one("#new-time", Input).value,
            self.relationship.cadence,
            "the new meeting",
        )
        rescheduled_to, new_error = read.in_future(self.now, "The new time must be in the future.")
        self.show_error("planned-on-error", planned_error)
        self.show_error("new-error", new_error)
        self.reveal_first_error()
        if planned_on is None or new_error:
            return
        kind = self.query_one("#kind", Select).value
        by = self.query_one("#by", Select).value
        self.dismiss(
            MissedRequest(
                planned_on=planned_on,
                kind=MissedKind(kind) if isinstance(kind, str) else MissedKind.CANCELLED,
                by=Role(by) if isinstance(by, str) and by != NOT_SAID else None,
                reason=self.query_one("#reason", Input).value.strip(),
                rescheduled_to=rescheduled_to,
            )
        )
