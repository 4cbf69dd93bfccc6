"""The home screen's summary line of one's own relationships: "2 reviews due · 1 overdue
homework · next meeting Thu 4 Dec".

It counts over the active relationships' summary rows (:mod:`workbook.summary`, the rows the
home screen and ``list`` show, from the summary index where a file has not changed), by the
same rules as the coordinator's report (the agreement's state and review date, open actions
past their date, the next meeting): the home screen calls :func:`summary_from_rows` on the
rows it has just read, so the line reads no file again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from workbook import paths
from workbook.agreement_state import AgreementState
from workbook.models import RelationshipStatus, utc_now
from workbook.summary import PackLookup, RelationshipSummary, lenient_lookup, summarize
from workbook.text import plural

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Day and month names in English whatever the computer's locale (the app is in English)."""


def short_day(moment: date, today: date) -> str:
    """``Thu 4 Dec`` (with the year when it is not ``today``'s)."""
    text = f"{WEEKDAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]}"
    return text if moment.year == today.year else f"{text} {moment.year}"


@dataclass(frozen=True)
class HomeSummary:
    """What the home screen's summary line says, over the active relationships."""

    today: date
    active: int = 0
    """Active relationships read."""
    reviews_due: int = 0
    """Active relationships whose acknowledged agreement has reached its review date."""
    overdue_homework: int = 0
    """Open action items and homework past their due date, over all active relationships."""
    next_meeting: datetime | None = None
    """The earliest next meeting of any active relationship, in its meeting time zone."""
    unreadable: int = 0
    """Files that could not be read (the home screen lists them itself)."""

    def line(self) -> str:
        """``2 reviews due · 1 overdue homework · next meeting Thu 4 Dec``: what is due or
        next, parts with nothing to say left out; "nothing due" when nothing is, "" without
        any active relationship."""
        if not self.active:
            return ""
        parts = []
        if self.reviews_due:
            parts.append(f"{plural(self.reviews_due, 'review')} due")
        if self.overdue_homework:
            parts.append(f"{self.overdue_homework} overdue homework")
        if self.next_meeting is not None:
            parts.append(f"next meeting {short_day(self.next_meeting, self.today)}")
        return " · ".join(parts) or "nothing due"


def home_summary(
    pack_for: PackLookup | None = None,
    folder: Path | None = None,
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> HomeSummary:
    """The summary of the relationships in ``folder`` (default: ``<home>/relationships``),
    each file read once, read-only (the home screen uses :func:`summary_from_rows` on the rows
    it already has). ``pack_for`` finds their packs (default: the default catalog's, as
    :func:`workbook.summary.lenient_lookup` gives them)."""
    if pack_for is None:
        from workbook.content.catalog import PackCatalog

        pack_for = lenient_lookup(PackCatalog.default())
    today = today or date.today()
    folder = folder or paths.relationships_dir()
    if not folder.is_dir():
        return HomeSummary(today)
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith(".") and p.is_file())
    rows = [summarize(path, pack_for, today) for path in files]
    return summary_from_rows(rows, today=today, now=now)


def summary_from_rows(
    rows: Iterable[RelationshipSummary],
    *,
    today: date | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> HomeSummary:
    """The same summary from the rows the home screen already holds (the summary index's, see
    :mod:`workbook.summary_index`): no file is read again, so the line costs nothing at 1,000
    relationships. The next meeting's day is the one in ``zone`` (None: the computer's)."""
    now = now or utc_now()
    today = today or date.today()
    rows = list(rows)
    active = [
        row for row in rows if not row.problem and row.status == RelationshipStatus.ACTIVE.value
    ]
    meetings = [
        row.next_meeting.astimezone(zone)
        for row in active
        if row.next_meeting is not None and row.next_meeting >= now
    ]
    return HomeSummary(
        today=today,
        active=len(active),
        reviews_due=sum(_review_due(row, today) for row in active),
        overdue_homework=sum(row.overdue_actions for row in active),
        next_meeting=min(meetings, default=None),
        unreadable=sum(bool(row.problem) for row in rows),
    )


def _review_due(row: RelationshipSummary, today: date) -> bool:
    if row.agreement is AgreementState.REVIEW_DUE:
        return True
    due = row.review_on is not None and row.review_on <= today
    return due and row.agreement is AgreementState.ACKNOWLEDGED
