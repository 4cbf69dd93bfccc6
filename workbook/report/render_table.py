"""The report as plain text for a terminal: the headline, the summary, the pairs' table fitted
to the terminal's width, then the files that could not be read.

On a terminal the table keeps the columns that matter most (priority 1: names, status,
sessions held, last meeting, agreement, what needs attention) and adds the others, priority 2
first (next meeting, days since the last, review date, overdue homework, check-ins), while
they fit. When even the first columns are too wide, the last one ("needs attention") narrows
first, to :data:`WRAP_WIDTH`, and wraps onto more lines; then the widest of the others are
cut with "…". Without a width (output to a file or a pipe) it shows every column meant for
people, uncut, one line a pair. Every text is already one printable line.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.report.cells import display_width, fit, human_text, shown_columns, wrap
from workbook.report.columns import Column
from workbook.report.document import Report
from workbook.text import plural

GAP = "  "
MIN_WIDTH = 10
"""The narrowest a column with a ``max_width`` (names, the agreement) is cut to."""
WRAP_WIDTH = 24
"""The narrowest the last column is made before any other is cut (it wraps instead)."""
DROP_WHEN_NARROW = ("last_meeting", "sessions_held")
"""First columns left out, in this order, when even cut to :data:`MIN_WIDTH` they do not fit
(the number of days since the last meeting shows in "needs attention" when it matters)."""
EMPTY = "-"


def _total(widths: dict[int, int], numbers: list[int]) -> int:
    return sum(widths[n] for n in numbers) + len(GAP) * (len(numbers) - 1)


def _squeeze(
    columns: dict[int, Column], capped: dict[int, int], chosen: list[int], width: int
) -> dict[int, int] | None:
    """Widths of ``chosen`` within ``width``: the last column narrowed to
    :data:`WRAP_WIDTH` first, then the widest of the others cut, none below
    :data:`MIN_WIDTH`; None when that is not enough."""
    widths = {number: capped[number] for number in chosen}
    last = chosen[-1]
    excess = _total(widths, chosen) - width
    widths[last] = max(min(widths[last], WRAP_WIDTH), widths[last] - excess)
    while _total(widths, chosen) > width:
        candidates = [n for n in chosen[:-1] if columns[n].max_width and widths[n] > MIN_WIDTH]
        if not candidates:
            return None
        widths[max(candidates, key=lambda n: widths[n])] -= 1
    return widths


def _widths(
    columns: list[tuple[int, Column]], texts: dict[int, list[str]], width: int | None
) -> dict[int, int]:
    """The width of each shown column (the chosen ones only, in order)."""
    natural = {
        number: max([display_width(column.heading), *map(display_width, texts[number])])
        for number, column in columns
    }
    if width is None:
        return natural
    by_number = dict(columns)
    capped = {
        number: min(natural[number], column.max_width or natural[number])
        for number, column in columns
    }
    chosen = [number for number, column in columns if column.priority == 1]
    for number, column in sorted(columns, key=lambda pair: (pair[1].priority, pair[0])):
        if column.priority > 1 and _total(capped, [*chosen, number]) <= width:
            chosen = sorted([*chosen, number])
    droppable = [n for n, column in columns if column.name in DROP_WHEN_NARROW]
    droppable.sort(key=lambda n: DROP_WHEN_NARROW.index(by_number[n].name))
    while True:
        squeezed = _squeeze(by_number, capped, chosen, width)
        if squeezed is not None:
            return squeezed
        if not droppable:  # too narrow for the first columns even so: the terminal wraps
            return {
                n: min(capped[n], MIN_WIDTH) if by_number[n].max_width else capped[n]
                for n in chosen
            }
        chosen.remove(droppable.pop(0))


def table_lines(report: Report, width: int | None) -> Iterator[str]:
    """The pairs as aligned lines, heading first (without line ends)."""
    rows = report.data.rows
    columns = shown_columns(rows, max_priority=3)
    texts = {number: [human_text(row[number]) or EMPTY for row in rows] for number, _ in columns}
    widths = _widths(columns, texts, width)
    shown = [(number, column) for number, column in columns if number in widths]
    yield GAP.join(fit(column.heading.upper(), widths[n]) for n, column in shown).rstrip()
    *first, (last, _) = shown
    indent = " " * (sum(widths[n] + len(GAP) for n, _ in first))
    for index in range(len(rows)):
        cells = [fit(texts[n][index], widths[n]) for n, _ in first]
        head, *more = wrap(texts[last][index], widths[last]) if width else [texts[last][index]]
        yield GAP.join([*cells, head]).rstrip()
        for line in more:
            yield (indent + line).rstrip()


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
        yield f"\nCould not read {plural(count, 'file')}:\n"
        for problem in report.data.problems:
            yield f"  {problem.file}: {problem.reason}\n"
