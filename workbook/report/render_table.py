"""The report as plain text for a terminal: the headline, the summary, the pairs' table fitted
to the terminal's width, then the files that could not be read.

On a terminal the table keeps the columns that matter most (priority 1: names, status,
sessions held, last meeting, agreement, what needs attention) and adds the others, priority 2
first (next meeting, days since the last, review date, overdue homework, check-ins), while
they fit; long text is cut with "…". Without a width (output to a file or a pipe) it
shows every column meant for people, uncut. Every text is already one printable line.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.report.cells import display_width, fit, human_text, shown_columns
from workbook.report.columns import Column
from workbook.report.document import Report

GAP = "  "
MIN_WIDTH = 6
"""The narrowest a text column is cut to when even the first columns do not fit."""
EMPTY = "-"


def _widths(
    columns: list[tuple[int, Column]], texts: dict[int, list[str]], width: int | None
) -> dict[int, int]:
    """The width of each shown column (the chosen ones only)."""
    natural = {
        number: max([display_width(column.heading), *map(display_width, texts[number])])
        for number, column in columns
    }
    if width is None:
        return natural
    capped = {
        number: min(natural[number], column.max_width or natural[number])
        for number, column in columns
    }
    chosen = [number for number, column in columns if column.priority == 1]

    def total(numbers: list[int]) -> int:
        return sum(capped[n] for n in numbers) + len(GAP) * (len(numbers) - 1)

    for number, column in sorted(columns, key=lambda pair: (pair[1].priority, pair[0])):
        if column.priority > 1 and total([*chosen, number]) <= width:
            chosen = sorted([*chosen, number])
    shrinkable = {number for number, column in columns if column.max_width}
    while total(chosen) > width:
        candidates = [n for n in chosen if n in shrinkable and capped[n] > MIN_WIDTH]
        if not candidates:
            break  # too narrow for even the first columns: the terminal wraps
        widest = max(candidates, key=lambda n: capped[n])
        capped[widest] -= 1
    return {number: capped[number] for number in chosen}


def table_lines(report: Report, width: int | None) -> Iterator[str]:
    """The pairs as aligned lines, heading first (without line ends)."""
    rows = report.data.rows
    columns = shown_columns(rows, max_priority=3)
    texts = {number: [human_text(row[number]) or EMPTY for row in rows] for number, _ in columns}
    widths = _widths(columns, texts, width)
    shown = [(number, column) for number, column in columns if number in widths]
    yield GAP.join(fit(column.heading.upper(), widths[n]) for n, column in shown).rstrip()
    for index in range(len(rows)):
        yield GAP.join(fit(texts[n][index], widths[n]) for n, _ in shown).rstrip()


def render_table(report: Report, *, width: int | None = None) -> Iterator[str]:
    """The whole report as text, line by line."""
    summary = report.summary.lines()
    label_width = max(len(label) for label, _ in summary) + 2
    yield f"Programme report: {report.headline()}\n\n"
    for label, text in summary:
        yield f"{label + ':':<{label_width}}{text}\n"
    yield "\n"
    for line in table_lines(report, width):
        yield line + "\n"
    if report.data.problems:
        count = len(report.data.problems)
        yield f"\nCould not read {count} file{'s' if count != 1 else ''}:\n"
        for problem in report.data.problems:
            yield f"  {problem.file}: {problem.reason}\n"
