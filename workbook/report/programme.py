"""The programme summary above the report's rows: how the pairs stand, taken together.

Everything is counted from the rows (:mod:`workbook.report.columns`), so each figure can be
traced to the pairs behind it:

* pairs by status (active / completed / ended early) and by where their agreement stands;
* the share of pairs with an acknowledged agreement (acknowledged, or acknowledged and due for
  review: terms both sides accepted and that have not changed since);
* reviews due in the next 30 days, and reviews already due (active pairs);
* active pairs with no meeting for longer than their cadence, and active pairs matched more
  than ``--no-meeting-after`` days ago (default 2) with no first session yet;
* active pairs with overdue homework;
* the latest shared check-in answers of every pair, plural by side (pairing fit, on track) and
  the average session feedback.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workbook.agreement_state import AgreementState
from workbook.models import RelationshipStatus, Role
from workbook.report.columns import Cell, Row, cell, count_cell
from workbook.report.reading import ReportData
from workbook.text import plural

REVIEW_WINDOW_DAYS = 30
"""How far ahead "reviews due soon" looks."""

ACKNOWLEDGED_STATES = frozenset(
    {AgreementState.ACKNOWLEDGED.value, AgreementState.REVIEW_DUE.value}
)
"""Agreement states whose current terms both sides acknowledged."""


@dataclass(frozen=True)
class ProgrammeSummary:
    """The figures of the summary (see the module's docstring)."""

    pairs: int
    by_status: dict[str, int]
    """Pairs by relationship status, every status listed (in :class:`RelationshipStatus`
    order)."""
    by_agreement: dict[str, int]
    """Pairs by agreement state, every state listed (in :class:`AgreementState` order)."""
    acknowledged: int
    reviews_soon: int
    """Active pairs whose review date is after today, within :data:`REVIEW_WINDOW_DAYS` days."""
    reviews_overdue: int
    """Active pairs whose review date has come (the review is due)."""
    no_meeting_beyond_cadence: int
    no_first_session: int
    no_meeting_after: int
    overdue_homework: int
    """Active pairs with at least one overdue piece of homework."""
    pairing_fit: dict[str, dict[str, int]]
    """Latest shared pairing-fit answers counted by side, then by answer."""
    on_track: dict[str, dict[str, int]]
    """Latest shared on-track answers counted by side, then by answer."""
    feedback: dict[str, dict[str, int]]
    """Latest shared feedback answers counted by side, then by answer."""
    feedback_average: float | None
    """The mean of every side's latest shared numeric feedback answer."""
    feedback_answers: int
    files_found: int
    files_read: int
    problems: int

    @property
    def acknowledged_share(self) -> float:
        """The share of pairs with an acknowledged agreement (0 to 1)."""
        return self.acknowledged / self.pairs if self.pairs else 0.0

    def as_json(self) -> dict[str, Any]:
        """The figures as plain JSON values."""
        return {
            "pairs": self.pairs,
            "by_status": self.by_status,
            "by_agreement": self.by_agreement,
            "acknowledged_agreement": self.acknowledged,
            "acknowledged_share": round(self.acknowledged_share, 3),
            "reviews_due_next_30_days": self.reviews_soon,
            "reviews_overdue": self.reviews_overdue,
            "no_meeting_beyond_cadence": self.no_meeting_beyond_cadence,
            "no_first_session": self.no_first_session,
            "no_meeting_after_days": self.no_meeting_after,
            "overdue_homework": self.overdue_homework,
            "pairing_fit": self.pairing_fit,
            "on_track": self.on_track,
            "feedback": self.feedback,
            "feedback_average": (
                round(self.feedback_average, 2) if self.feedback_average is not None else None
            ),
            "feedback_answers": self.feedback_answers,
            "files_found": self.files_found,
            "files_read": self.files_read,
            "files_not_read": self.problems,
        }

    def lines(self) -> list[tuple[str, str]]:
        """The summary as (label, text) lines, for the table, Markdown and HTML."""
        status = " · ".join(
            f"{count} {name.replace('-', ' ')}" for name, count in self.by_status.items() if count
        )
        percent = round(100 * self.acknowledged_share)
        found = [
            ("Pairs", f"{self.pairs}" + (f" ({status})" if status else "")),
            ("Agreement acknowledged", f"{self.acknowledged} of {self.pairs} ({percent}%)"),
            (
                "Reviews",
                f"{self.reviews_soon} due in the next {REVIEW_WINDOW_DAYS} days, "
                f"{self.reviews_overdue} overdue",
            ),
            ("No meeting beyond cadence", plural(self.no_meeting_beyond_cadence, "pair")),
            (
                "No first session",
                f"{plural(self.no_first_session, 'pair')} matched more than "
                f"{self.no_meeting_after} days ago",
            ),
            ("Overdue homework", plural(self.overdue_homework, "pair")),
        ]
        if self.pairing_fit:
            found.append(("Pairing fit", _by_side(self.pairing_fit)))
        if self.on_track:
            found.append(("On track", _by_side(self.on_track)))
        if self.feedback_answers:
            average = f"{self.feedback_average:.1f}" if self.feedback_average is not None else ""
            found.append(
                ("Average feedback", f"{average} ({plural(self.feedback_answers, 'answer')})")
            )
        return found


def _by_side(counts: dict[str, dict[str, int]]) -> str:
    return "; ".join(
        f"{side}s: " + ", ".join(f"{answer} {number}" for answer, number in answers.items())
        for side, answers in counts.items()
    )


def _answer_text(value: Cell) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _checkin_counts(rows: list[Row], checkin: str) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for side in Role:
        found = Counter(
            _answer_text(value)
            for row in rows
            if (value := cell(row, f"{checkin}_{side.value}")) is not None
        )
        if found:
            counts[side.value] = dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))
    return counts


def summarise(data: ReportData) -> ProgrammeSummary:
    """The programme summary of ``data``'s rows."""
    rows = data.rows
    today = data.today
    active = [row for row in rows if cell(row, "status") == RelationshipStatus.ACTIVE.value]
    soon = today + timedelta(days=REVIEW_WINDOW_DAYS)
    statuses = Counter(cell(row, "status") for row in rows)
    states = Counter(cell(row, "agreement") for row in rows)
    feedback = [
        value
        for row in rows
        for side in Role
        if isinstance(value := cell(row, f"feedback_{side.value}"), int | float)
        and not isinstance(value, bool)
    ]

    def review_on(row: Row) -> date | None:
        value = cell(row, "review_on")
        return value if isinstance(value, date) else None

    return ProgrammeSummary(
        pairs=len(rows),
        by_status={status.value: statuses[status.value] for status in RelationshipStatus},
        by_agreement={state.value: states[state.value] for state in AgreementState},
        acknowledged=sum(states[state] for state in ACKNOWLEDGED_STATES),
        reviews_soon=sum(
            today < day <= soon for row in active if (day := review_on(row)) is not None
        ),
        reviews_overdue=sum(cell(row, "review_due") is True for row in active),
        no_meeting_beyond_cadence=sum(cell(row, "meeting_overdue") is True for row in active),
        no_first_session=sum(cell(row, "first_session_overdue") is True for row in active),
        no_meeting_after=data.no_meeting_after,
        overdue_homework=sum(count_cell(row, "homework_overdue") > 0 for row in active),
        pairing_fit=_checkin_counts(rows, "pairing_fit"),
        on_track=_checkin_counts(rows, "on_track"),
        feedback=_checkin_counts(rows, "feedback"),
        feedback_average=sum(feedback) / len(feedback) if feedback else None,
        feedback_answers=len(feedback),
        files_found=data.files_found,
        files_read=data.files_read,
        problems=len(data.problems),
    )
