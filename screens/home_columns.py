"""The columns of the home table: what each shows, how it sorts, and which fit the width.

Columns are listed most useful first (the other person, then what needs doing: the next
meeting, the agreement, its review, overdue homework); as many as fit the window are shown, in
that order. The column of this machine's own side, the same name on every row for most users
(the mentor's on a mentor's machine, the mentee's where most files are a mentee's own), goes
early when space is short.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rich.cells import cell_len

from screens.text_safety import user_line
from workbook.summary import AgreementState, RelationshipSummary

CELL_PADDING = 1
"""Blank cells on each side of a column (the DataTable's ``cell_padding``)."""
SCROLLBAR = 2
"""Cells kept free for the table's vertical scrollbar."""
NAME_MAX = 24
"""The widest a name column gets; longer names are cut with an ellipsis."""
AGREEMENT_LABELS = {
    AgreementState.NONE: "none",
    AgreementState.DRAFT: "draft",
    AgreementState.AWAITING: "to sign",
    AgreementState.CHANGED: "CHANGED",
    AgreementState.ACKNOWLEDGED: "acknowledged ✓",
    AgreementState.REVIEW_DUE: "REVIEW DUE",
}
"""Short words for the home table (``agreement_detail`` has the whole sentence)."""
AGREEMENT_URGENCY = {
    AgreementState.REVIEW_DUE: 0,
    AgreementState.CHANGED: 1,
    AgreementState.AWAITING: 2,
    AgreementState.DRAFT: 3,
    AgreementState.NONE: 4,
    AgreementState.ACKNOWLEDGED: 5,
}
"""Sorting by agreement puts what needs doing first."""
_LAST = (1, "")
"""Sort key of an empty cell: after every filled one."""


def when(moment: datetime | None) -> str:
    """A meeting time in this computer's zone, e.g. ``12 Mar 17:00`` ("-" for none)."""
    return moment.astimezone().strftime("%d %b %H:%M") if moment else "-"


def day(value: date | None) -> str:
    """A date as ``2026-03-12`` ("-" for none)."""
    return value.isoformat() if value else "-"


def cut(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` cells (an ellipsis when cut)."""
    text = user_line(text)
    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class Column:
    """One column: its key, heading, cell text and sort key."""

    key: str
    label: str
    cell: Callable[[RelationshipSummary], str]
    sort_key: Callable[[RelationshipSummary], tuple[int, object]]


def _name_column(key: str, *, first: bool) -> Column:
    """The column of the mentor's or the mentee's name (``key``); as the first column it
    also says the relationship's status when it is not active, or the file's name when it
    cannot be read."""

    def name(row: RelationshipSummary) -> str:
        return str(getattr(row, key))

    def cell(row: RelationshipSummary) -> str:
        if not first:
            return cut(name(row), NAME_MAX)
        if row.problem:
            return cut(f"{row.slug} (cannot be read)", NAME_MAX)
        status = "" if row.status in ("", "active") else f" ({row.status})"
        return cut(name(row) + status, NAME_MAX)

    return Column(key, key.capitalize(), cell, lambda r: (0, name(r).casefold()))


def _filled(value: object) -> tuple[int, object]:
    return _LAST if value in (None, "", 0) else (0, value)


COLUMNS: tuple[Column, ...] = (
    _name_column("mentee", first=True),
    Column(
        "next",
        "Next meeting",
        lambda r: when(r.next_meeting),
        lambda r: _filled(r.next_meeting),
    ),
    Column(
        "agreement",
        "Agreement",
        lambda r: "damaged" if r.problem else AGREEMENT_LABELS[r.agreement],
        lambda r: (0, AGREEMENT_URGENCY[r.agreement]),
    ),
    Column("review", "Review", lambda r: day(r.review_on), lambda r: _filled(r.review_on)),
    Column(
        "overdue",
        "Overdue",
        lambda r: f"{r.overdue_actions} late" if r.overdue_actions else "",
        lambda r: (0, -r.overdue_actions),
    ),
    Column("progress", "Progress", lambda r: r.progress, lambda r: (0, -r.answered)),
    _name_column("mentor", first=False),
    Column(
        "last", "Last session", lambda r: day(r.last_session), lambda r: _filled(r.last_session)
    ),
    Column("pack", "Pack", lambda r: cut(r.pack_id, NAME_MAX), lambda r: (0, r.pack_id)),
    Column("started", "Started", lambda r: day(r.started_on), lambda r: _filled(r.started_on)),
)
"""Every column, most useful first, on a mentor's machine."""
MENTEE_COLUMNS: tuple[Column, ...] = (
    _name_column("mentor", first=True),
    *(_name_column("mentee", first=False) if c.key == "mentor" else c for c in COLUMNS[1:]),
)
"""Every column, most useful first, where most files are a mentee's own: the mentor first."""
SHOWN_ORDER = ("mentee", "mentor", "next", "agreement", "review", "overdue", "progress", "last")
"""Left to right, when shown (the two names side by side); the rest follow in list order."""


def columns_for(rows: Sequence[RelationshipSummary]) -> tuple[Column, ...]:
    """Every column for ``rows``, most useful first: the other person's name first."""
    own_by_mentee = sum(row.owner == "mentee" for row in rows)
    return MENTEE_COLUMNS if own_by_mentee * 2 > len(rows) else COLUMNS


SORT_MARK = 2
"""Cells the sort mark (`` ▲``) adds to the heading of the column the table is sorted by."""


def column_width(column: Column, rows: Sequence[RelationshipSummary]) -> int:
    """The cells ``column`` needs: its widest cell or heading (with room for the sort
    mark), plus padding."""
    widest = max(
        [cell_len(column.label) + SORT_MARK, *(cell_len(column.cell(row)) for row in rows)]
    )
    return widest + 2 * CELL_PADDING


def fitting_columns(rows: Sequence[RelationshipSummary], width: int) -> list[Column]:
    """The most useful columns that fit ``width`` cells, in display order (the first column
    always, however narrow)."""
    room = width - SCROLLBAR
    chosen: list[Column] = []
    every = columns_for(rows)
    for column in every:
        needed = column_width(column, rows)
        if chosen and needed > room:
            continue  # a narrower, less useful one may still fit
        chosen.append(column)
        room -= needed
    first = every[0].key
    shown_order = (first, *(key for key in SHOWN_ORDER if key != first))
    order = {key: index for index, key in enumerate(shown_order)}
    return sorted(chosen, key=lambda c: order.get(c.key, len(order) + every.index(c)))
