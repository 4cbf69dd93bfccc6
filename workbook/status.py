"""One relationship at a glance: what ``mentor-workbook status`` prints (and ``--json``).

Who (with each side's preferred contact), sessions held against planned, the last and next
meeting, meetings missed or cancelled, where the agreement stands (with its review date), goals
and progress, the open homework with owners and due dates (carried-forward items included) and
the follow-up date. Nothing here reveals a
private answer or note: only counts and shared items appear. Text from the file is made one
printable line (:func:`workbook.text.one_line`) before it is printed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel

from workbook.agreement_state import agreement_status
from workbook.contacts import contact_line
from workbook.content.model import Pack
from workbook.debrief import carried_forward
from workbook.goals import open_actions
from workbook.meetings import local_times
from workbook.models import ActionItem, Role, utc_now
from workbook.progress import pack_progress
from workbook.service import WorkbookService
from workbook.sessions import (
    MissedCount,
    describe_duration,
    elapsed,
    missed_count,
    next_meeting,
    planned_sessions,
)
from workbook.text import one_line


class HomeworkStatus(BaseModel):
    """One open action or piece of homework."""

    text: str
    owner: str
    owner_name: str
    due_date: date | None = None
    due_session: int | None = None
    set_in_session: int | None = None
    carried_forward: bool = False
    """True when an earlier debrief found it partly or not done."""
    overdue: bool = False


class GoalStatusLine(BaseModel):
    """One goal's progress."""

    title: str
    status: str
    progress: int
    benchmarks_done: int
    benchmarks: int
    target_date: date | None = None


class StatusReport(BaseModel):
    """Everything ``status`` shows about one relationship."""

    slug: str
    mentor: str
    mentee: str
    mentor_contact: str = ""
    """The mentor's preferred contact ("" when not given)."""
    mentee_contact: str = ""
    """The mentee's preferred contact ("" when not given)."""
    pack_id: str
    relationship_status: str
    started_on: date
    sessions_held: int
    sessions_planned: int | None = None
    last_session: date | None = None
    last_session_minutes: int | None = None
    session_open: bool = False
    next_meeting: datetime | None = None
    next_meeting_source: str = ""
    next_meeting_local: list[str] = []
    """The next meeting in the meetings' zone, then in each side's own zone where it differs."""
    missed: int = 0
    cancelled: int = 0
    rescheduled: int = 0
    agreement: str = "none"
    agreement_detail: str = "none"
    agreement_changed: list[str] = []
    agreement_awaiting: list[str] = []
    review_on: date | None = None
    review_due: bool = False
    goals: list[GoalStatusLine] = []
    progress: str = ""
    """``yours 8/8 · theirs 3/8 · together 2/4`` for the file's owner."""
    homework: list[HomeworkStatus] = []
    follow_up_on: date | None = None


def _homework(service: WorkbookService, item: ActionItem, today: date) -> HomeworkStatus:
    rel = service.relationship
    current = service.current_session()
    number = current.number if current else 1
    return HomeworkStatus(
        text=one_line(item.text),
        owner=item.owner.value,
        owner_name=one_line(rel.name_of(item.owner)),
        due_date=item.due_date,
        due_session=item.due_session,
        set_in_session=item.set_in_session,
        carried_forward=carried_forward(item, number + 1),
        overdue=item.is_overdue(today),
    )


def build_status(
    service: WorkbookService,
    pack: Pack | None,
    *,
    today: date | None = None,
    now: datetime | None = None,
    with_progress: bool = True,
) -> StatusReport:
    """The status of ``service``'s relationship on ``today`` (pack None: it cannot be loaded;
    progress and the agreement's changes are then not known). ``with_progress=False`` leaves
    ``progress`` empty: the coordinator's report does not show it, and it is the dearest part
    (about two thirds of the time on a realistic file)."""
    now = now or utc_now()
    today = today or now.date()
    rel = service.relationship
    sessions = service.sessions()
    last = sessions[-1] if sessions else None
    agreement = agreement_status(service, pack, today)
    upcoming = next_meeting(service, now)
    missed = missed_count(service)
    progress = (
        pack_progress(service, pack, rel.owner_role, today=today)
        if pack and with_progress
        else None
    )
    return StatusReport(
        slug=one_line(rel.slug),
        mentor=one_line(rel.mentor),
        mentee=one_line(rel.mentee),
        mentor_contact=one_line(rel.mentor_contact),
        mentee_contact=one_line(rel.mentee_contact),
        pack_id=one_line(rel.pack_id),
        relationship_status=rel.status.value,
        started_on=rel.started_on,
        sessions_held=len(sessions),
        sessions_planned=planned_sessions(service, pack),
        last_session=last.held_on if last else None,
        last_session_minutes=int(elapsed(last, now).total_seconds() // 60) if last else None,
        session_open=bool(last and last.is_open),
        next_meeting=upcoming.at if upcoming else None,
        next_meeting_source=upcoming.source if upcoming else "",
        next_meeting_local=[t.text for t in local_times(upcoming.at, rel)] if upcoming else [],
        missed=missed.missed,
        cancelled=missed.cancelled,
        rescheduled=missed.rescheduled,
        agreement=agreement.state.value,
        agreement_detail=one_line(agreement.label(rel)),
        agreement_changed=list(agreement.changed),
        agreement_awaiting=[role.value for role in agreement.awaiting],
        review_on=agreement.review_on,
        review_due=agreement.review_due,
        goals=[
            GoalStatusLine(
                title=one_line(goal.title),
                status=goal.status.value,
                progress=goal.progress,
                benchmarks_done=sum(b.done for b in goal.benchmarks),
                benchmarks=len(goal.benchmarks),
                target_date=goal.target_date,
            )
            for goal in service.goals()
        ],
        progress=progress.label() if progress else "",
        homework=[_homework(service, item, today) for item in open_actions(service.actions())],
        follow_up_on=rel.follow_up_on,
    )


def format_status(report: StatusReport) -> str:
    """The report as aligned plain text, one fact a line."""
    held = str(report.sessions_held)
    if report.sessions_planned:
        held += f" of {report.sessions_planned} planned"
    if report.last_session:
        state = "under way" if report.session_open else "closed"
        minutes = describe_duration_minutes(report.last_session_minutes)
        held += f" (last on {report.last_session.isoformat()}, {state}{minutes})"
    next_line = "not fixed"
    if report.next_meeting_local:
        next_line = f"{report.next_meeting_local[0]} ({report.next_meeting_source})"
    rows = [
        ("Relationship", f"{report.mentor} & {report.mentee} ({report.relationship_status})"),
        ("Contacts", contact_line(report.mentor, Role.MENTOR, report.mentor_contact)),
        ("", contact_line(report.mentee, Role.MENTEE, report.mentee_contact)),
        ("Programme", f"{report.pack_id}, started {report.started_on.isoformat()}"),
        ("Sessions", held),
        ("Next meeting", next_line),
        *(("", f"  {local}") for local in report.next_meeting_local[1:]),
        ("Missed", _missed_line(report)),
        ("Agreement", report.agreement_detail),
        ("Review", _review_line(report)),
        ("Progress", report.progress or "(pack not available)"),
        ("Goals", "none yet" if not report.goals else ""),
        *(("", f"  {_goal_line(goal)}") for goal in report.goals),
        ("Open homework", "none" if not report.homework else ""),
        *(("", f"  {_homework_line(item)}") for item in report.homework),
        ("Follow-up", report.follow_up_on.isoformat() if report.follow_up_on else "not set"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    return (
        "\n".join(
            (f"{label + ':':<{width}}{value}" if label else f"{'':<{width}}{value}").rstrip()
            for label, value in rows
        )
        + "\n"
    )


def describe_duration_minutes(minutes: int | None) -> str:
    """``, 55 min`` for a session's length (empty when not known)."""
    return f", {describe_duration(timedelta(minutes=minutes))}" if minutes else ""


def _missed_line(report: StatusReport) -> str:
    return MissedCount(
        missed=report.missed, cancelled=report.cancelled, rescheduled=report.rescheduled
    ).describe()


def _review_line(report: StatusReport) -> str:
    if report.review_on is None:
        return "not set (after acknowledgement)"
    return f"{report.review_on.isoformat()}" + (" (DUE)" if report.review_due else "")


def _goal_line(goal: GoalStatusLine) -> str:
    target = f", target {goal.target_date.isoformat()}" if goal.target_date else ""
    benchmarks = f", benchmarks {goal.benchmarks_done}/{goal.benchmarks}" if goal.benchmarks else ""
    return f"{goal.title}: {goal.status}, {goal.progress}%{benchmarks}{target}"


def _homework_line(item: HomeworkStatus) -> str:
    due = []
    if item.due_date:
        due.append(f"due {item.due_date.isoformat()}")
    if item.due_session:
        due.append(f"by session {item.due_session}")
    flags = [
        flag
        for flag, on in (("carried forward", item.carried_forward), ("OVERDUE", item.overdue))
        if on
    ]
    details = ", ".join([f"{item.owner_name} ({item.owner})", *due, *flags])
    return f"{item.text}: {details}"
