"""A session's life: its start (with a date, against the programme's plan), its clock, the
close of the meeting, meetings that did not happen, and the next meeting.

Built on :class:`~workbook.service.WorkbookService`; the screens and the command line call
these functions rather than editing :class:`~workbook.models.Session` items themselves.

The clock counts meeting time only while a workbook has the session open: :func:`pause_clock`
(on quit) and :func:`resume_clock` (on open) keep it from running across a quit and a reopen,
and :func:`close_session` stops it for good. A workbook that was killed without pausing
counts up to the file's last save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from workbook.content.model import Pack
from workbook.errors import NotFoundError, UsageError
from workbook.meetings import check_timezone, local_times, meeting_zone, next_by_cadence
from workbook.models import (
    ActionItem,
    MissedKind,
    MissedMeeting,
    Relationship,
    Role,
    Session,
    SessionKind,
    utc_now,
)
from workbook.service import WorkbookService, stop_clock
from workbook.text import one_line


# ------------------------------------------------------------------------------ start
def planned_sessions(service: WorkbookService, pack: Pack | None) -> int | None:
    """How many sessions the programme plans: the pack's, else the agreed cadence's count."""
    if pack is not None and pack.planned_sessions:
        return pack.planned_sessions
    cadence = service.relationship.cadence
    return cadence.count if cadence is not None else None


def session_position(number: int, planned: int | None) -> str:
    """``Session 2 of 4``, ``Session 3 of a 2-session programme`` (past the plan), or
    ``Session 3`` when nothing is planned."""
    if planned is None:
        return f"Session {number}"
    if number > planned:
        return f"Session {number} of a {planned}-session programme"
    return f"Session {number} of {planned}"


@dataclass(frozen=True)
class SessionStart:
    """A session just started, and where it stands in the programme."""

    session: Session
    planned: int | None

    @property
    def beyond_plan(self) -> bool:
        """True when the programme planned fewer sessions than this one's number."""
        return self.planned is not None and self.session.number > self.planned

    @property
    def position(self) -> str:
        """See :func:`session_position`."""
        return session_position(self.session.number, self.planned)


def start_session(
    service: WorkbookService,
    pack: Pack | None = None,
    *,
    held_on: date | None = None,
    kind: SessionKind | None = None,
    now: datetime | None = None,
) -> SessionStart:
    """Start the next session, held on ``held_on`` (today by default); a session still under
    way is closed first. The result says "session 3 of a 2-session programme" when past the
    plan, so starting one is never a surprise."""
    session = service.start_session(kind, held_on, now=now)
    return SessionStart(session, planned_sessions(service, pack))


def next_session_position(service: WorkbookService, pack: Pack | None) -> str:
    """What starting a session now would start (``Session 3 of a 2-session programme``), to
    ask before starting it."""
    return session_position(len(service.sessions()) + 1, planned_sessions(service, pack))


def set_own_timezone(service: WorkbookService, role: Role, zone: str) -> str:
    """Record ``role``'s own time zone (an IANA name; "" clears it), so each side can read
    meeting times on their own clock; a name that is no time zone is a one-line error."""
    name = check_timezone(zone, f"the {role.value}'s time zone")
    field = "mentor_timezone" if role is Role.MENTOR else "mentee_timezone"
    if getattr(service.relationship, field) != name:
        service.update_relationship(**{field: name})
    return name


# ------------------------------------------------------------------------------ clock
def elapsed(session: Session, now: datetime | None = None) -> timedelta:
    """Meeting time counted for ``session`` (it stops at the close and while paused)."""
    seconds = session.clock_seconds
    if session.running_since is not None and session.is_open:
        seconds += max(0.0, ((now or utc_now()) - session.running_since).total_seconds())
    return timedelta(seconds=round(seconds))


def _open_session(service: WorkbookService) -> Session | None:
    current = service.current_session()
    return current if current is not None and current.is_open else None


def pause_clock(service: WorkbookService, now: datetime | None = None) -> Session | None:
    """Stop the open session's clock (the workbook is being closed); None when none runs."""
    session = _open_session(service)
    if session is None or session.running_since is None:
        return None
    return service.save(stop_clock(session, now or utc_now()))


def resume_clock(
    service: WorkbookService, now: datetime | None = None, *, last_saved: datetime | None = None
) -> Session | None:
    """Start the open session's clock again (the workbook was opened); None without one.

    A clock found running was never paused (the workbook was killed): it is counted up to
    ``last_saved`` (default: the file's modification time), never up to now.
    """
    session = _open_session(service)
    if session is None or not service.writable:
        return None
    now = now or utc_now()
    if session.running_since is not None:
        if last_saved is None:
            last_saved = datetime.fromtimestamp(service.path.stat().st_mtime, UTC)
        session = stop_clock(session, min(max(last_saved, session.running_since), now))
    return service.save(session.model_copy(update={"running_since": now}))


# ------------------------------------------------------------------------------ close
def homework_set_in(service: WorkbookService, number: int) -> list[ActionItem]:
    """The action items set in session ``number`` (what its close asks to confirm)."""
    return [item for item in service.actions() if item.set_in_session == number]


def close_session(
    service: WorkbookService,
    *,
    next_meeting: datetime | None = None,
    recap: str = "",
    homework: Sequence[ActionItem] = (),
    number: int | None = None,
    now: datetime | None = None,
) -> Session:
    """Close the meeting: its clock stops, the next meeting and a recap of what was agreed
    are kept, and ``homework`` (owners and due dates as confirmed) is saved as set in it.

    ``number`` defaults to the latest session. Closing a closed session again updates its next
    meeting, recap and homework but keeps the time it closed.
    """
    session = _session(service, number)
    now = now or utc_now()
    if next_meeting is not None:
        if next_meeting.tzinfo is None:
            raise UsageError("give the next meeting's time with its time zone")
        if next_meeting <= now:
            raise UsageError("the next meeting must be in the future")
    for item in homework:
        service.save(item.model_copy(update={"set_in_session": session.number}))
    closed = stop_clock(session, now)
    update: dict[str, object] = {
        "closed_at": session.closed_at or now,
        "next_meeting": next_meeting,
        "recap": recap.strip(),
    }
    return service.save(closed.model_copy(update=update))


def _session(service: WorkbookService, number: int | None) -> Session:
    sessions = service.sessions()
    found = sessions[-1] if number is None and sessions else None
    if number is not None:
        found = next((s for s in sessions if s.number == number), None)
    if found is None:
        raise NotFoundError(
            f"there is no session {number}" if number else "no session has been started yet"
        )
    return found


# ----------------------------------------------------------------------------- missed
def record_missed(
    service: WorkbookService,
    planned_on: date,
    *,
    kind: MissedKind = MissedKind.CANCELLED,
    by: Role | None = None,
    reason: str = "",
    rescheduled_to: datetime | None = None,
) -> MissedMeeting:
    """Record that the meeting planned on ``planned_on`` was missed or cancelled, by whom
    and why, and the new time agreed for it if there is one."""
    if rescheduled_to is not None and rescheduled_to.tzinfo is None:
        raise UsageError("give the new meeting time with its time zone")
    return service.save(
        MissedMeeting(
            planned_on=planned_on,
            kind=kind,
            by=by,
            reason=reason.strip(),
            rescheduled_to=rescheduled_to,
        )
    )


def missed_line(meeting: MissedMeeting, relationship: Relationship) -> str:
    """``2026-02-03: cancelled by the mentee: ill; moved to 2026-02-10 17:00 Europe/London``
    (one printable line; the new time in the meetings' zone)."""
    who = f" by the {meeting.by.value}" if meeting.by else ""
    why = f": {meeting.reason.strip()}" if meeting.reason.strip() else ""
    moved = (
        f"; moved to {local_times(meeting.rescheduled_to, relationship)[0].text}"
        if meeting.rescheduled_to
        else ""
    )
    return one_line(f"{meeting.planned_on.isoformat()}: {meeting.kind.value}{who}{why}{moved}")


def missed_meetings(service: WorkbookService) -> list[MissedMeeting]:
    """Every missed or cancelled meeting, by the date it was planned for."""
    return sorted(service.items(MissedMeeting), key=lambda m: (m.planned_on, m.updated_at))


@dataclass(frozen=True)
class MissedCount:
    """How many planned meetings did not happen (for ``status`` and the coordinator)."""

    missed: int = 0
    cancelled: int = 0
    rescheduled: int = 0
    by_mentor: int = 0
    by_mentee: int = 0

    @property
    def total(self) -> int:
        """Missed and cancelled together."""
        return self.missed + self.cancelled

    def describe(self) -> str:
        """``1 missed, 2 cancelled (1 rescheduled)`` or ``none``."""
        if not self.total:
            return "none"
        text = f"{self.missed} missed, {self.cancelled} cancelled"
        return text + (f" ({self.rescheduled} rescheduled)" if self.rescheduled else "")


def missed_count(service: WorkbookService) -> MissedCount:
    """Counts of :func:`missed_meetings` by kind and by whom."""
    found = missed_meetings(service)
    return MissedCount(
        missed=sum(m.kind is MissedKind.MISSED for m in found),
        cancelled=sum(m.kind is MissedKind.CANCELLED for m in found),
        rescheduled=sum(m.rescheduled_to is not None for m in found),
        by_mentor=sum(m.by is Role.MENTOR for m in found),
        by_mentee=sum(m.by is Role.MENTEE for m in found),
    )


# ----------------------------------------------------------------------- next meeting
@dataclass(frozen=True)
class NextMeeting:
    """The next meeting and how it was fixed."""

    at: datetime
    source: str
    """``agreed at the close of session 2``, ``rescheduled`` or ``by the cadence``."""


def next_meeting(service: WorkbookService, now: datetime | None = None) -> NextMeeting | None:
    """The next meeting after ``now``: the earliest one agreed (at the latest session's
    close, or as a new time for a meeting called off since that session) that was not itself
    called off, else the cadence's next meeting on a day nothing was called off.

    A later session supersedes what an earlier close agreed: it is that meeting, or replaced
    it (a pair that met early does not still have the old date ahead of them)."""
    now = now or utc_now()
    rel = service.relationship
    zone = meeting_zone(rel.cadence)
    missed = missed_meetings(service)
    called_off = {m.planned_on for m in missed}
    sessions = service.sessions()
    latest = sessions[-1] if sessions else None
    agreed = (
        [NextMeeting(latest.next_meeting, f"agreed at the close of session {latest.number}")]
        if latest is not None
        and latest.next_meeting is not None
        and latest.next_meeting.astimezone(zone).date() not in called_off
        else []
    )
    agreed += [
        NextMeeting(m.rescheduled_to, "rescheduled")
        for m in missed
        if m.rescheduled_to is not None and (latest is None or m.planned_on >= latest.held_on)
    ]
    future = sorted((m for m in agreed if m.at > now), key=lambda m: m.at)
    if future:
        return future[0]
    after = now
    for _ in range(len(called_off) + 1):
        found = next_by_cadence(rel.cadence, after)
        if found is None:
            return None
        if found.astimezone(zone).date() not in called_off:
            return NextMeeting(found, "by the cadence")
        after = found
    return None


def last_session(service: WorkbookService) -> Session | None:
    """The latest session held (started), if any."""
    return service.current_session()


def describe_duration(span: timedelta) -> str:
    """``1 h 05 min`` or ``35 min``."""
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def session_line(session: Session) -> str:
    """``Session 2 (second), 2025-02-03, closed after 55 min`` (one printable line)."""
    state = (
        f"closed after {describe_duration(elapsed(session))}"
        if not session.is_open
        else "under way"
    )
    return one_line(
        f"Session {session.number} ({session.kind.value}), {session.held_on.isoformat()}, {state}"
    )
