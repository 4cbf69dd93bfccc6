"""How a report cell is written in each format, and which columns a format for people shows.

People read dates as ``2025-03-25``, moments as ``2025-03-25 17:00`` (in the pair's meeting
time zone), yes/no as words and nothing as an empty cell; CSV writes the same but moments in
ISO 8601 with their offset (``2025-03-25T17:00+00:00``); JSON keeps numbers, booleans and
nulls as such. Widths are counted in terminal cells (a wide character takes two), so the
table's columns line up whatever the names are written in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from workbook.report.columns import COLUMNS, Cell, Column, Row

JsonCell = str | int | float | bool | None


def human_text(value: Cell) -> str:
    """``value`` as people read it in the table, Markdown and HTML."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def json_value(value: Cell) -> JsonCell:
    """``value`` for JSON: moments and days as ISO 8601 text, the rest as it is."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def machine_text(value: Cell) -> str:
    """``value`` as a CSV cell (ISO 8601 moments, yes/no, empty for nothing)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return human_text(value)


def shown_columns(rows: Sequence[Row], max_priority: int) -> list[tuple[int, Column]]:
    """The columns (with their positions in a row) a format for people shows: priority up to
    ``max_priority``, less the optional ones no row has a value in."""
    return [
        (number, column)
        for number, column in enumerate(COLUMNS)
        if column.priority <= max_priority
        and not (column.optional and all(row[number] is None for row in rows))
    ]


def char_width(char: str) -> int:
    """Terminal cells ``char`` takes: 2 for wide East Asian characters, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return sum(char_width(char) for char in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (ending in "…" when cut), padded to it."""
    if display_width(text) > width:
        kept, used = [], 0
        for char in text:
            size = char_width(char)
            if used + size > width - 1:
                break
            kept.append(char)
            used += size
        text = "".join(kept) + "…"
    return text + " " * (width - display_width(text))


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells, broken between words (a word
    wider than a line is cut with "…")."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if display_width(word) > width:
            word = fit(word, width)
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
    lines.append(current)
    return lines
