"""A session's life on screen: its start (with a date, never a surprise), the close of the
meeting (next meeting, homework, recap, then the recap to copy), missed or cancelled meetings,
and the question asked when a session is still under way at its end.

The workbook screen owns one :class:`SessionFlow` and calls it from its keys and palette
commands; the flow asks through dialogs, changes the relationship only through the core
(:mod:`workbook.sessions`, :mod:`workbook.history`) and then tells the screen what moved:
:meth:`~screens.workbook_screen.WorkbookScreen.session_started` after a start (every step
shows the new session), :meth:`~screens.workbook_screen.WorkbookScreen.journey_changed` after
anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content

from screens.choice_screen import Choice, ChoiceScreen
from screens.close_meeting import CloseMeetingForm, CloseRequest
from screens.context import WorkbookContext
from screens.missed_meeting import MissedMeetingForm, MissedRequest
from screens.recap_screen import RecapScreen
from screens.session_start import SessionPlan, SessionRequest, StartSessionForm
from screens.structured.base import READ_ONLY_NOTE, today
from screens.text_safety import tell
from workbook.errors import WorkbookError
from workbook.history import recap_markdown, save_recap
from workbook.meetings import local_times, meeting_zone
from workbook.models import Session, SessionKind, utc_now
from workbook.required import summary_lines, unanswered_required
from workbook.sessions import (
    close_session,
    homework_set_in,
    next_meeting,
    next_session_position,
    planned_sessions,
    record_missed,
    start_session,
)

if TYPE_CHECKING:
    from screens.workbook_screen import WorkbookScreen

NO_SESSION = "No session has been started yet: ctrl+g starts one."


def under_way_question(session: Session, ending: str) -> Content:
    """``Session 2 (first, 2026-01-05) is still under way.`` and what happens next."""
    return Content.assemble(
        (f"Session {session.number}", "bold"),
        f" ({session.kind.value}, {session.held_on.isoformat()}) is still under way.\n",
        ending,
    )


class SessionFlow:
    """Starts, closes and records sessions for one workbook screen, through dialogs."""

    def __init__(self, screen: WorkbookScreen) -> None:
        self.screen = screen

    @property
    def context(self) -> WorkbookContext:
        """The open relationship, its pack, role and mode (the screen's)."""
        return self.screen.context

    def open_session(self) -> Session | None:
        """The session under way, if there is one."""
        session = self.context.service.current_session()
        return session if session is not None and session.is_open else None

    def _refused(self) -> bool:
        if self.context.editable:
            return False
        tell(self.screen, READ_ONLY_NOTE, severity="warning")
        return True

    # ------------------------------------------------------------------------ start
    def start(self, kind: SessionKind | None = None) -> None:
        """Start the next session: close the one under way first if wanted, then ask for
        the new one's date."""
        if self._refused():
            return
        session = self.open_session()
        if session is None:
            self._ask_start(kind)
            return

        def chosen(answer: str | None) -> None:
            if answer == "close":
                self.close(then=lambda: self._ask_start(kind))
            elif answer == "start":
                self._ask_start(kind)

        question = under_way_question(
            session, "Close the meeting first (next meeting, homework, recap)?"
        )
        choices = [
            Choice("close", "Close the meeting first", "c", primary=True),
            Choice("start", "Start without closing", "s"),
        ]
        self.screen.app.push_screen(ChoiceScreen(question, choices), chosen)

    def _ask_start(self, kind: SessionKind | None) -> None:
        service, pack = self.context.service, self.context.pack
        sessions = service.sessions()
        number = len(sessions) + 1
        planned = planned_sessions(service, pack)
        plan = SessionPlan(
            number=number,
            position=next_session_position(service, pack),
            beyond_plan=planned is not None and number > planned,
            previous_on=sessions[-1].held_on if sessions else None,
            kind=kind,
        )
        self.screen.app.push_screen(StartSessionForm(plan, today()), self._start)

    def _start(self, request: SessionRequest | None) -> None:
        if request is None:
            return
        try:
            started = start_session(
                self.context.service, self.context.pack, held_on=request.held_on, kind=request.kind
            )
        except WorkbookError as error:
            tell(self.screen, f"Not started: {error}", severity="error")
            return
        self.screen.save_now()
        self.screen.call_later(self.screen.session_started)
        session = started.session
        tell(
            self.screen,
            f"{started.position} started ({session.kind.value}, {session.held_on.isoformat()})",
            timeout=4,
        )

    # ------------------------------------------------------------------------ close
    def close(self, then: Callable[[], object] | None = None) -> None:
        """Close the meeting (the latest session; a closed one's close can be changed), then
        show its recap; ``then`` runs once the recap is dismissed."""
        service = self.context.service
        session = service.current_session()
        if session is None:
            tell(self.screen, NO_SESSION, severity="warning")
            return
        if self._refused():
            return
        context = self.context
        missing = unanswered_required(
            service,
            context.pack,
            context.role,
            presenting=context.presenting,
            session_number=session.number,
            today=today(),
        )
        now = utc_now()
        upcoming = next_meeting(service, now)
        form = CloseMeetingForm(
            session,
            service.relationship,
            homework_set_in(service, session.number),
            summary_lines(missing, context.role),
            now=now,
            suggested_next=upcoming.at if upcoming is not None else None,
        )
        self.screen.app.push_screen(
            form, lambda request: self._close(session.number, request, then)
        )

    def _close(
        self, number: int, request: CloseRequest | None, then: Callable[[], object] | None
    ) -> None:
        if request is None:
            return
        service = self.context.service
        try:
            close_session(
                service,
                next_meeting=request.next_meeting,
                recap=request.recap,
                homework=request.homework,
                number=number,
            )
        except WorkbookError as error:
            tell(self.screen, f"Not closed: {error}", severity="error")
            return
        self.screen.save_now()
        self.screen.journey_changed()
        markdown = recap_markdown(service, number)
        try:
            path, problem = save_recap(service, number), ""
        except (WorkbookError, OSError) as error:
            path, problem = None, str(error)
        recap = RecapScreen(f"Session {number} closed: the recap", markdown, path, problem)

        def done(_: None) -> None:
            if then is not None:
                then()

        self.screen.app.push_screen(recap, done)

    # ----------------------------------------------------------------------- missed
    def record_missed(self) -> None:
        """Record a planned meeting that did not happen (missed or cancelled)."""
        if self._refused():
            return
        service = self.context.service
        form = MissedMeetingForm(service.relationship, self._planned_on(), utc_now())
        self.screen.app.push_screen(form, self._missed)

    def _planned_on(self) -> date:
        """The meeting most likely meant: the latest one agreed at a close, else the next
        one by the cadence, else today."""
        service = self.context.service
        zone = meeting_zone(service.relationship.cadence)
        agreed = [s.next_meeting for s in service.sessions() if s.next_meeting is not None]
        if agreed:
            return agreed[-1].astimezone(zone).date()
        upcoming = next_meeting(service)
        return upcoming.at.astimezone(zone).date() if upcoming is not None else today()

    def _missed(self, request: MissedRequest | None) -> None:
        if request is None:
            return
        service = self.context.service
        try:
            meeting = record_missed(
                service,
                request.planned_on,
                kind=request.kind,
                by=request.by,
                reason=request.reason,
                rescheduled_to=request.rescheduled_to,
            )
        except WorkbookError as error:
            tell(self.screen, f"Not recorded: {error}", severity="error")
            return
        self.screen.save_now()
        self.screen.journey_changed()
        upcoming = next_meeting(service)
        after = (
            f"; the next meeting is {local_times(upcoming.at, service.relationship)[0].text}"
            if upcoming is not None
            else ""
        )
        tell(
            self.screen,
            f"{meeting.kind.value.capitalize()} meeting of {meeting.planned_on.isoformat()} "
            f"recorded{after}.",
            timeout=6,
        )

    # ------------------------------------------------------------------------- quit
    def before_quit(self, leave: Callable[[], object]) -> None:
        """Offer to close a session still under way, then ``leave`` (unless cancelled)."""
        session = self.open_session()
        if session is None or not self.context.editable:
            leave()
            return

        def chosen(answer: str | None) -> None:
            if answer == "close":
                self.close(then=leave)
            elif answer == "keep":
                leave()

        question = under_way_question(
            session, "Close the meeting now, or keep it open (its clock pauses until you return)?"
        )
        choices = [
            Choice("close", "Close the meeting", "c", primary=True),
            Choice("keep", "Quit, keep it open", "k"),
        ]
        self.screen.app.push_screen(ChoiceScreen(question, choices), chosen)
