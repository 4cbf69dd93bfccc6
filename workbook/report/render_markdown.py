"""The report as Markdown, to paste into a programme report: a heading, the headline, the summary
as a list, the pairs as a table (the columns meant for people: priorities 1 to 3, less the
optional ones nobody has a value in) and the files that could not be read.

Text from the files (names, answers, paths) goes through
:func:`workbook.text.escape_markdown_line`, the escaping every Markdown output shares, so that
nothing in it acts as Markdown: emphasis, strikethrough, code, a link or an image, an HTML tag
or an entity, the end of a table cell.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.report.cells import human_text, shown_columns
from workbook.report.document import Report
from workbook.text import escape_markdown_line as escape


def render_markdown(report: Report, *, width: int | None = None) -> Iterator[str]:
    """The whole report as Markdown, line by line (``width`` is not used)."""
    rows = report.data.rows
    columns = shown_columns(rows, max_priority=3)
    yield f"# Programme report\n\n{escape(report.headline())}.\n\n## Summary\n\n"
    for label, text in report.summary.lines():
        yield f"- **{escape(label)}:** {escape(text)}\n"
    yield "\n## Pairs\n\n"
    yield "| " + " | ".join(escape(column.heading) for _, column in columns) + " |\n"
    yield "|" + "|".join("---" for _ in columns) + "|\n"
    for row in rows:
        yield "| " + " | ".join(escape(human_text(row[n])) for n, _ in columns) + " |\n"
    if report.data.problems:
        yield "\n## Files that could not be read\n\n"
        for problem in report.data.problems:
            yield f"- {escape(problem.file)}: {escape(problem.reason)}\n"
