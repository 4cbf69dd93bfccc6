"""The close of a meeting: agree the next one, confirm the homework set today, write a recap.

Every meeting concludes with the next one being agreed (the source guides), so the dialog
starts there: a date and a time in the meetings' zone, with each side's own time shown below
when it differs. Then the homework set in this session, each piece with its owner and a due
date or session (and one more can be added), then a short recap of what was agreed. The
required questions still unanswered are listed at the end, one short list naming the step of
each: closing is never refused for them, but nobody is surprised later.

The dialog returns a :class:`CloseRequest`; :mod:`screens.session_flow` closes the session with
it and shows the recap (:mod:`screens.recap_screen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from screens.form_screen import FormScreen, error_line
from screens.text_safety import user_line, user_text
from workbook.cadence_input import (
    local_zone_name,
    meeting_fields,
    meeting_zone_label,
    read_meeting_time,
)
from workbook.meetings import describe_moment, local_times
from workbook.models import ActionItem, Relationship, Role, Session
from workbook.sessions import describe_duration, elapsed
from workbook.typed_input import parse_date

OWNERS = [("Mentee", Role.MENTEE.value), ("Mentor", Role.MENTOR.value)]
NEW_ROW = "homework-new"
"""The id of the row where one more piece of homework can be added."""


@dataclass(frozen=True)
class CloseRequest:
    """What the close dialog agreed: the next meeting, the recap, the homework to save."""

    next_meeting: datetime | None
    recap: str
    homework: tuple[ActionItem, ...]


class HomeworkRow(Horizontal):
    """One piece of homework set today (or the row that adds one): owner and due."""

    def __init__(self, item: ActionItem | None, row_id: str) -> None:
        super().__init__(id=row_id, classes="homework-row")
        self.item = item

    def compose(self) -> ComposeResult:
        """Its text (or a field for a new one), owner, due date and due session."""
        item = self.item
        if item is None:
            yield Input(
                id=f"{self.id}-text",
                classes="homework-text",
                placeholder="Add a piece of homework (optional)",
                compact=True,
                max_length=500,
            )
        else:
            yield Label(user_line(item.text), classes="homework-text")
        owner = item.owner.value if item else Role.MENTEE.value
        yield Select(OWNERS, value=owner, allow_blank=False, compact=True, classes="owner")
        yield Input(
            item.due_date.isoformat() if item and item.due_date else "",
            placeholder="due date",
            compact=True,
            max_length=10,
            classes="due-date",
        )
        yield Input(
            str(item.due_session) if item and item.due_session else "",
            placeholder="or session",
            compact=True,
            max_length=3,
            type="integer",
            classes="due-session",
        )

    def read(self, number: int) -> tuple[ActionItem | None, str]:
        """The item as confirmed (None for an empty new row), or a sentence saying what is
        wrong (``number`` is the row's place in the list)."""
        text = self.item.text if self.item else self.query_one(".homework-text", Input).value
        if not text.strip():
            return None, ""
        due_text = self.query_one(".due-date", Input).value.strip()
        session_text = self.query_one(".due-session", Input).value.strip()
        due = parse_date(due_text) if due_text else None
        if due_text and due is None:
            return None, f"Homework {number}: {due_text!r} is not a date (YYYY-MM-DD)."
        if session_text and not (session_text.isdigit() and int(session_text) >= 1):
            return None, f"Homework {number}: a session is a whole number from 1."
        owner = self.query_one(".owner", Select).value
        update = {
            "owner": Role(owner) if isinstance(owner, str) else Role.MENTEE,
            "due_date": due,
            "due_session": int(session_text) if session_text else None,
        }
        if self.item is None:
            return ActionItem(text=text.strip(), **update), ""  # type: ignore[arg-type]
        return self.item.model_copy(update=update), ""


def close_heading(session: Session, now: datetime) -> Content:
    """``Close session 2 (second, held 2026-01-19) · 48 min so far``."""
    spent = describe_duration(elapsed(session, now))
    when = f"{spent} so far" if session.is_open else f"closed after {spent}"
    return Content.assemble(
        (f"Close session {session.number}", "bold"),
        (f" ({session.kind.value}, held {session.held_on.isoformat()}) · {when}", "$text-muted"),
    )


class CloseMeetingForm(FormScreen[CloseRequest]):
    """Close the meeting: next meeting, homework set today, recap; required questions listed."""

    SAVE_LABEL = "Close the meeting"

    def __init__(
        self,
        session: Session,
        relationship: Relationship,
        homework: Sequence[ActionItem],
        missing: Sequence[str],
        *,
        now: datetime,
        suggested_next: datetime | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.relationship = relationship
        self.homework = list(homework)
        self.missing = list(missing)
        self.now = now
        self.suggested_next = session.next_meeting or suggested_next

    def heading(self) -> Content:
        """What is being closed, and how long it ran."""
        return close_heading(self.session, self.now)

    def compose_fields(self) -> ComposeResult:
        """Next meeting, homework, recap, and the required questions still open."""
        cadence = self.relationship.cadence
        day, at = meeting_fields(self.suggested_next, cadence)
        with Horizontal(classes="form-row"):
            yield Label("Next meeting", classes="field-label")
            yield Input(day, id="next-date", placeholder="YYYY-MM-DD", compact=True, max_length=10)
            yield Input(at, id="next-time", placeholder="HH:MM", compact=True, max_length=5)
            yield Static(meeting_zone_label(cadence), id="next-zone", classes="zone-label")
        yield Static("", id="next-local", classes="form-note")
        yield error_line("next-error")
        yield Static(
            "Homework set today: who does it, and by when (a date or a session)",
            classes="form-note-strong",
        )
        with Vertical(id="homework-rows"):
            for index, item in enumerate(self.homework):
                yield HomeworkRow(item, f"homework-{index}")
            yield HomeworkRow(None, NEW_ROW)
        yield error_line("homework-error")
        yield Static("Recap: what we agreed (goes into the summary)", classes="form-note-strong")
        yield TextArea(
            user_text(self.session.recap),
            id="recap",
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            classes="form-area recap-area",
        )
        if self.missing:
            yield Static(self._missing_text(), id="required-missing", classes="required-missing")

    def _missing_text(self) -> Content:
        lines = [Content.styled("Required questions still unanswered:", "$warning bold")]
        lines += [Content(user_line(line)) for line in self.missing]
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        """Start on the next meeting's date; show each side's time for what is there."""
        self.query_one("#next-date", Input).focus()
        self._show_local_times()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing the next meeting shows it on each side's clock."""
        if event.input.id in ("next-date", "next-time"):
            self._show_local_times()

    def _typed_next(self) -> tuple[datetime | None, str]:
        read = read_meeting_time(
            self.query_one("#next-date", Input).value,
            self.query_one("#next-time", Input).value,
            self.relationship.cadence,
            "the next meeting",
        )
        return read.in_future(self.now, "The next meeting must be in the future.")

    def _show_local_times(self) -> None:
        """``For the mentee: 2026-02-03 12:00 America/New_York`` where a side's zone differs."""
        moment, _ = self._typed_next()
        line = self.query_one("#next-local", Static)
        if moment is None:
            line.update("")
            return
        cadence = self.relationship.cadence
        typed = describe_moment(moment, (cadence.timezone if cadence else "") or local_zone_name())
        others = [
            f"for the {t.who}: {t.text}"
            for t in local_times(moment, self.relationship)[1:]
            if t.text != typed
        ]
        line.update("That is " + "; ".join(others) + "." if others else "")

    def build(self) -> tuple[CloseRequest | None, dict[str, str]]:
        """The close as typed, and an error per part."""
        moment, next_error = self._typed_next()
        errors = {"next-error": next_error, "homework-error": ""}
        homework: list[ActionItem] = []
        problems: list[str] = []
        for number, row in enumerate(self.query(HomeworkRow).results(HomeworkRow), 1):
            item, problem = row.read(number)
            if problem:
                problems.append(problem)
            elif item is not None:
                homework.append(item)
        errors["homework-error"] = "\n".join(problems)
        if any(errors.values()):
            return None, errors
        recap = self.query_one("#recap", TextArea).text
        return CloseRequest(moment, recap, tuple(homework)), errors

    def action_save(self) -> None:
        """Close the meeting when every part is valid."""
        request, errors = self.build()
        for widget_id, message in errors.items():
            self.show_error(widget_id, message)
        self.reveal_first_error()
        if request is not None:
            self.dismiss(request)
