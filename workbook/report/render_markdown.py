"""The report as Markdown, to paste into a programme report: a heading, the headline, the summary
as a list, the pairs as a table (the columns meant for people: priorities 1 to 3, less the
optional ones nobody has a value in) and the files that could not be read.

Text from the files (names, answers, paths) is escaped so that nothing in it acts as Markdown:
every character that could start emphasis, strikethrough, code, a link or an image, an HTML
tag or an entity, or end a table cell, is written with a backslash. Texts are one line
already and never begin a line here (they follow a list marker, a label or a cell's bar), so
nothing in them can start a block.
"""

from __future__ import annotations

import re

from workbook.report.cells import human_text, shown_columns
from workbook.report.document import Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """``text`` with every character Markdown could act on inside a line backslashed."""
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(report: Report, *, width: int | None = None) -> list[str]:
    """The whole report as Markdown lines (``width`` is not used)."""
    rows = report.data.rows
    columns = shown_columns(rows, max_priority=3)
    lines = ["# Programme report", "", escape(report.headline()) + ".", "", "## Summary", ""]
    lines += [f"- **{escape(label)}:** {escape(text)}" for label, text in report.summary.lines()]
    lines += ["", "## Pairs", ""]
    lines.append("| " + " | ".join(escape(column.heading) for _, column in columns) + " |")
    lines.append("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        cells = (escape(human_text(row[number])) for number, _ in columns)
        lines.append("| " + " | ".join(cells) + " |")
    if report.data.problems:
        lines += ["", "## Files that could not be read", ""]
        lines += [
            f"- {escape(problem.file)}: {escape(problem.reason)}"
            for problem in report.data.problems
        ]
    return [line + "\n" for line in lines]
