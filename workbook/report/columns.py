"""Every column of the coordinator's report, defined once: its name, heading, meaning and how it
is computed.

The table, Markdown, CSV, JSON and HTML formats all take their columns from :data:`COLUMNS`,
and the README's list of CSV columns is checked against it by a test. A column computes its
cell from :class:`PairFacts`, the facts about one pair that :mod:`workbook.report.reading`
gathers with :func:`workbook.status.build_status` (the same facts ``status`` shows) plus the
latest shared check-in answers. Cells are plain values (text, numbers, dates, yes/no); a row is
the tuple of one pair's cells in :data:`COLUMNS` order, small enough to keep a thousand.

Nothing private reaches a cell: names, dates, states and counts are shared by nature, and a
check-in answer is one only when shared (:func:`workbook.checkins.latest_shared_checkins`).
Every text cell is one printable line (:func:`workbook.text.one_line`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from workbook.checkins import CHECKINS
from workbook.models import Answer, GoalStatus, RelationshipStatus, Role
from workbook.status import StatusReport
from workbook.text import format_value, one_line, plural

Cell = str | int | float | bool | date | datetime | None
"""One cell's value: text, a count, a day, a moment (in the pair's meeting zone), yes/no or
nothing."""

Row = tuple[Cell, ...]
"""One pair's cells, in :data:`COLUMNS` order."""


@dataclass(frozen=True)
class PairFacts:
    """What the report knows about one pair, from its (merged) copies."""

    status: StatusReport
    """The pair's status, as ``mentor-workbook status`` builds it (without progress)."""
    pack_version: str
    end_reason: str
    next_meeting: datetime | None
    """The next meeting in the pair's meeting time zone."""
    cadence_days: int | None
    """Days between meetings: the agreed cadence's, else the pack's suggested rhythm's."""
    checkins: dict[str, dict[Role, Answer]]
    """Each side's latest shared answer to each check-in (see :mod:`workbook.checkins`)."""
    files: tuple[str, ...]
    """The pair's files, relative to the folder the report reads."""
    today: date
    no_meeting_after: int
    """Days after matching by which a first session is expected (``--no-meeting-after``)."""

    @property
    def active(self) -> bool:
        """True while the relationship runs (neither completed nor ended early)."""
        return self.status.relationship_status == RelationshipStatus.ACTIVE.value

    @property
    def days_since_last_meeting(self) -> int | None:
        """Days from the latest session to the report's day (None before any session)."""
        last = self.status.last_session
        return (self.today - last).days if last is not None else None

    @property
    def days_since_matched(self) -> int:
        """Days from the start (the day the pair was matched) to the report's day."""
        return (self.today - self.status.started_on).days

    @property
    def first_session_overdue(self) -> bool:
        """An active pair matched more than ``no_meeting_after`` days ago with no session."""
        return (
            self.active
            and self.status.sessions_held == 0
            and self.days_since_matched > self.no_meeting_after
        )

    @property
    def meeting_overdue(self) -> bool:
        """An active pair that has met, whose last meeting is longer ago than its cadence."""
        days = self.days_since_last_meeting
        return (
            self.active
            and days is not None
            and self.cadence_days is not None
            and days > self.cadence_days
        )

    @property
    def review_due(self) -> bool:
        """An active pair whose acknowledged agreement has reached its review date."""
        return self.active and self.status.review_due

    @property
    def overdue_homework(self) -> int:
        """Open action items and homework past their due date."""
        return sum(item.overdue for item in self.status.homework)

    def attention(self) -> list[str]:
        """Why a coordinator may want to look at this pair, in a few words each."""
        if not self.active:
            return []
        found = []
        if self.first_session_overdue:
            found.append(f"no first session {self.days_since_matched} days after matching")
        if self.meeting_overdue:
            found.append(
                f"no meeting for {self.days_since_last_meeting} days "
                f"(meets every {self.cadence_days})"
            )
        if self.review_due and self.status.review_on is not None:
            found.append(f"review due since {self.status.review_on.isoformat()}")
        if self.overdue_homework:
            count = self.overdue_homework
            found.append(plural(count, "overdue homework item"))
        return found

    def checkin(self, name: str, side: Role) -> Cell:
        """``side``'s latest shared answer to check-in ``name`` (a number for a scale, yes/no
        as a boolean, else one line of text), None when there is none."""
        answer = self.checkins.get(name, {}).get(side)
        if answer is None:
            return None
        value = answer.value
        if isinstance(value, bool | int):
            return value
        return one_line(format_value(value))


def _goals_set(facts: PairFacts) -> int:
    return len(facts.status.goals)


def _goals_done(facts: PairFacts) -> int:
    return sum(goal.status == GoalStatus.ACHIEVED.value for goal in facts.status.goals)


def _goals_progress(facts: PairFacts) -> int | None:
    kept = [g.progress for g in facts.status.goals if g.status != GoalStatus.DROPPED.value]
    return round(sum(kept) / len(kept)) if kept else None


@dataclass(frozen=True)
class Column:
    """One column of the report."""

    name: str
    """Its name in CSV headers and JSON keys (stable: spreadsheets rely on it)."""
    heading: str
    """Its heading in the table, Markdown and HTML."""
    meaning: str
    """What it says and how it is computed (the README and the HTML legend show this)."""
    value: Callable[[PairFacts], Cell]
    priority: int = 3
    """1: always in the table; 2, then 3: added to the table while the terminal is wide
    enough (Markdown shows 1 to 3); 4: only in CSV, JSON and HTML."""
    optional: bool = False
    """Left out of the table, Markdown and HTML when no pair has a value in it (check-ins a
    programme's pack does not ask, "ended because" while nobody ended early)."""
    max_width: int | None = None
    """The widest the table lets it be on a terminal (longer text is cut with "…")."""


def _checkin_column(name: str, side: Role) -> Column:
    label = {"pairing-fit": "pairing fit", "on-track": "on track", "feedback": "feedback"}[name]
    question = {
        "pairing-fit": "whether the pairing fits",
        "on-track": "whether the pair is on track",
        "feedback": "the session feedback (a number on the pack's scale)",
    }[name]
    return Column(
        name=f"{name.replace('-', '_')}_{side.value}",
        heading=f"{label.capitalize()} ({side.value})",
        meaning=(
            f"The {side.value}'s latest shared answer to the check-in on {question}: the "
            "latest session's, a joint answer counting for both sides; empty when the pack "
            "asks no such check-in or nothing shared was answered."
        ),
        value=lambda facts: facts.checkin(name, side),
        priority=2,
        optional=True,
        max_width=20,
    )


COLUMNS: tuple[Column, ...] = (
    Column(
        "mentor",
        "Mentor",
        "The mentor's name.",
        lambda f: f.status.mentor,
        priority=1,
        max_width=20,
    ),
    Column(
        "mentee",
        "Mentee",
        "The mentee's name.",
        lambda f: f.status.mentee,
        priority=1,
        max_width=20,
    ),
    Column(
        "pack",
        "Pack",
        "The programme's content pack (its id).",
        lambda f: f.status.pack_id,
        max_width=14,
        priority=3,
    ),
    Column(
        "pack_version",
        "Pack version",
        "The version of the pack the pair's file records.",
        lambda f: f.pack_version or None,
        priority=4,
    ),
    Column(
        "status",
        "Status",
        "active, completed or ended-early.",
        lambda f: f.status.relationship_status,
        priority=1,
    ),
    Column(
        "end_reason",
        "Ended because",
        "Why the relationship ended early, as the pair wrote it.",
        lambda f: f.end_reason or None,
        optional=True,
        max_width=24,
        priority=3,
    ),
    Column(
        "started",
        "Started",
        "The day the pair was matched and the relationship started.",
        lambda f: f.status.started_on,
        priority=3,
    ),
    Column(
        "sessions_held",
        "Held",
        "Sessions held so far (a session counts once it is started).",
        lambda f: f.status.sessions_held,
        priority=1,
    ),
    Column(
        "sessions_planned",
        "Planned",
        "Sessions the programme plans: the pack's number, else the agreed cadence's count; "
        "empty when neither says.",
        lambda f: f.status.sessions_planned,
        priority=3,
    ),
    Column(
        "last_meeting",
        "Last meeting",
        "The day of the latest session.",
        lambda f: f.status.last_session,
        priority=1,
    ),
    Column(
        "days_since_last_meeting",
        "Days since",
        "Days from the latest session to the day of the report.",
        lambda f: f.days_since_last_meeting,
        priority=2,
    ),
    Column(
        "next_meeting",
        "Next meeting",
        "The next meeting: the earliest one agreed at a session's close or rescheduled, else "
        "the cadence's next; in the pair's meeting time zone.",
        lambda f: f.next_meeting,
        priority=2,
    ),
    Column(
        "cadence_days",
        "Meets every (days)",
        "Days between meetings by the agreed cadence (twice a month: 15), else by the "
        "pack's suggested rhythm; empty when neither gives one.",
        lambda f: f.cadence_days,
        priority=4,
    ),
    Column(
        "agreement",
        "Agreement",
        "Where the mentoring agreement stands: none, draft, awaiting acknowledgement, "
        "acknowledged, changed since acknowledged or review due.",
        lambda f: f.status.agreement,
        priority=1,
        max_width=18,
    ),
    Column(
        "review_on",
        "Review",
        "The agreement's review date: the one both agreed, else the pack's review_months "
        "after the latest acknowledgement.",
        lambda f: f.status.review_on,
        priority=2,
    ),
    Column(
        "review_due",
        "Review due",
        "yes when an active pair's acknowledged agreement has reached its review date.",
        lambda f: f.review_due,
        priority=4,
    ),
    Column(
        "goals_set",
        "Goals",
        "Goals set (every goal in the file, dropped ones included).",
        _goals_set,
        priority=3,
    ),
    Column(
        "goals_done",
        "Achieved",
        "Goals marked achieved.",
        _goals_done,
        priority=3,
    ),
    Column(
        "goals_progress",
        "Goal progress %",
        "Average progress of the goals not dropped, in per cent; empty without goals.",
        _goals_progress,
        priority=3,
    ),
    Column(
        "homework_open",
        "Open homework",
        "Open action items and homework.",
        lambda f: len(f.status.homework),
        priority=3,
    ),
    Column(
        "homework_overdue",
        "Overdue",
        "Open action items and homework past their due date.",
        lambda f: f.overdue_homework,
        priority=2,
    ),
    Column(
        "follow_up_on",
        "Follow-up",
        "The day the mentor plans to check in after the programme.",
        lambda f: f.status.follow_up_on,
        priority=4,
    ),
    *(_checkin_column(name, side) for name in CHECKINS for side in Role),
    Column(
        "first_session_overdue",
        "No first session",
        "yes when an active pair matched more than --no-meeting-after days ago (default 2) "
        "has held no session yet.",
        lambda f: f.first_session_overdue,
        priority=4,
    ),
    Column(
        "meeting_overdue",
        "No meeting beyond cadence",
        "yes when an active pair's latest session is longer ago than its meets-every days.",
        lambda f: f.meeting_overdue,
        priority=4,
    ),
    Column(
        "attention",
        "Needs attention",
        "Why an active pair may need a look: no first session, no meeting for longer than "
        "its cadence, the review due, overdue homework.",
        lambda f: "; ".join(f.attention()) or None,
        priority=1,
        max_width=60,
    ),
    Column(
        "copies",
        "Copies",
        "How many files of this pair were read and merged into this row (the mentor's and "
        "the mentee's copies are one pair).",
        lambda f: len(f.files),
        priority=4,
    ),
    Column(
        "files",
        "Files",
        "The pair's files, relative to the folder read, separated by '; '.",
        lambda f: "; ".join(f.files),
        priority=4,
    ),
)
"""The report's columns, in the order every format shows them."""

COLUMN_INDEX: dict[str, int] = {column.name: number for number, column in enumerate(COLUMNS)}
"""Each column's position in a :data:`Row`."""


def make_row(facts: PairFacts) -> Row:
    """One pair's cells, in :data:`COLUMNS` order."""
    return tuple(column.value(facts) for column in COLUMNS)


def cell(row: Row, name: str) -> Cell:
    """The cell of column ``name`` in ``row``."""
    return row[COLUMN_INDEX[name]]


def count_cell(row: Row, name: str) -> int:
    """The count in column ``name`` of ``row`` (0 when empty)."""
    value = cell(row, name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
