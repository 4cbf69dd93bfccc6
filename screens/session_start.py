"""Starting a session: a small dialog that says what it starts and asks for its date.

"Session 3 of a 2-session programme" when the programme's plan is past, so starting one is
never a surprise; the date is today unless changed (a session written up the day after keeps
its real date), never later than today nor before the previous session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from screens.form_screen import FormScreen, error_line, field
from workbook.models import SessionKind
from workbook.typed_input import parse_date

KIND_LABELS: dict[SessionKind, str] = {
    SessionKind.FIRST: "First",
    SessionKind.SECOND: "Second",
    SessionKind.REGULAR: "Regular",
    SessionKind.CLOSING: "Closing (the last one)",
}


def default_kind(number: int) -> SessionKind:
    """The kind a session numbered ``number`` is unless chosen otherwise."""
    return {1: SessionKind.FIRST, 2: SessionKind.SECOND}.get(number, SessionKind.REGULAR)


@dataclass(frozen=True)
class SessionPlan:
    """What the dialog is about to start."""

    number: int
    position: str
    """``Session 3 of a 2-session programme`` (see :func:`workbook.sessions.session_position`)."""
    beyond_plan: bool
    previous_on: date | None
    """The date of the session before it, if there is one."""
    kind: SessionKind | None = None
    """The kind asked for (the palette's "closing session"); None: by its number."""


@dataclass(frozen=True)
class SessionRequest:
    """The dialog's answer: start a session of ``kind`` held on ``held_on``."""

    held_on: date
    kind: SessionKind


def check_held_on(text: str, today: date, previous_on: date | None) -> tuple[date | None, str]:
    """The date typed, or None and a sentence saying what is wrong with it."""
    held_on = parse_date(text)
    if held_on is None:
        return None, f"{text.strip()!r} is not a date: use YYYY-MM-DD."
    if held_on > today:
        return None, f"A session is started on the day it is held: {today.isoformat()} or earlier."
    if previous_on is not None and held_on < previous_on:
        return None, f"The previous session was held on {previous_on.isoformat()}: not before."
    return held_on, ""


class StartSessionForm(FormScreen[SessionRequest]):
    """Start the next session: where it stands in the programme, its date and kind."""

    SAVE_LABEL = "Start"

    def __init__(self, plan: SessionPlan, today: date) -> None:
        super().__init__()
        self.plan = plan
        self.today = today

    def heading(self) -> Content:
        """``Start session 3``."""
        return Content(f"Start session {self.plan.number}")

    def compose_fields(self) -> ComposeResult:
        """Where it stands in the programme, then its date and kind."""
        plan = self.plan
        position = Content.styled(plan.position, "$warning bold" if plan.beyond_plan else "bold")
        if plan.beyond_plan:
            position += Content.styled(": past the programme's plan", "$warning")
        yield Static(position, id="session-position", classes="form-note-strong")
        yield Static(
            "Its clock starts now, shows in the header and stops when you close the meeting.",
            classes="form-note",
        )
        yield field(
            "Held on",
            Input(
                self.today.isoformat(),
                id="held-on",
                compact=True,
                placeholder="YYYY-MM-DD",
                max_length=10,
            ),
        )
        yield error_line("held-on-error")
        kind = plan.kind or default_kind(plan.number)
        yield field(
            "Kind",
            Select(
                [(label, value.value) for value, label in KIND_LABELS.items()],
                id="kind",
                value=kind.value,
                allow_blank=False,
                compact=True,
            ),
        )

    def on_mount(self) -> None:
        """Start on the date, ready to press enter or change it."""
        self.query_one("#held-on", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the date starts the session."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Start with the date and kind chosen, when the date is one."""
        held_on, error = check_held_on(
            self.query_one("#held-on", Input).value, self.today, self.plan.previous_on
        )
        self.show_error("held-on-error", error)
        if held_on is None:
            return
        kind = self.query_one("#kind", Select).value
        chosen = SessionKind(kind) if isinstance(kind, str) else default_kind(self.plan.number)
        self.dismiss(SessionRequest(held_on, chosen))
