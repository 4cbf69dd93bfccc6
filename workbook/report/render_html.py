"""The report as one self-contained HTML file: the headline, the summary with small bar charts
(inline SVG, :mod:`workbook.report.svg`), every pair in a table, the files that could not be
read, and what each column means.

Self-contained: the styles are inline, there is no script, no image file, no font or
stylesheet to fetch, and a Content-Security-Policy forbids loading anything, so the file reads
the same offline, attached to an email or on a shared drive. Every text is HTML-escaped (a
name like ``<b>Ann</b>`` shows as typed).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from workbook.report.cells import human_text, shown_columns
from workbook.report.document import Report
from workbook.report.svg import bar_chart

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d1d1d; }
h1 { margin-bottom: 0.2rem; }
.headline { color: #555; margin-top: 0; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: 1.5rem 0; }
svg.chart text { font-size: 12px; fill: #1d1d1d; }
svg.chart .chart-title { font-weight: 600; font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #f0f0f0; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #fafafa; }
dl.columns dt { font-family: monospace; margin-top: 0.4rem; }
footer { margin-top: 2rem; color: #777; font-size: 0.8rem; }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""Nothing may be loaded: only the inline styles apply."""


def _charts(report: Report) -> list[str]:
    summary = report.summary
    charts = [
        bar_chart(
            "Pairs by status", [(k.replace("-", " "), v) for k, v in summary.by_status.items()]
        ),
        bar_chart("Agreement", list(summary.by_agreement.items())),
        bar_chart(
            "Needs attention (active pairs)",
            [
                ("No first session", summary.no_first_session),
                ("No meeting beyond cadence", summary.no_meeting_beyond_cadence),
                ("Review overdue", summary.reviews_overdue),
                ("Review in 30 days", summary.reviews_soon),
                ("Overdue homework", summary.overdue_homework),
            ],
        ),
    ]
    for title, counts in (
        ("Pairing fit", summary.pairing_fit),
        ("On track", summary.on_track),
        ("Feedback", summary.feedback),
    ):
        for side, answers in counts.items():
            charts.append(bar_chart(f"{title}, {side}s", list(answers.items())))
    return charts


def _table(report: Report) -> Iterator[str]:
    rows = report.data.rows
    columns = shown_columns(rows, max_priority=4)
    yield '<div class="scroll"><table>\n<thead><tr>\n'
    for _, column in columns:
        yield f'<th scope="col">{escape(column.heading)}</th>\n'
    yield "</tr></thead>\n<tbody>\n"
    for row in rows:
        cells = []
        for number, _ in columns:
            value = row[number]
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            kind = ' class="n"' if numeric else ""
            cells.append(f"<td{kind}>{escape(human_text(value))}</td>")
        yield "<tr>" + "".join(cells) + "</tr>\n"
    yield "</tbody>\n</table></div>\n"


def render_html(report: Report, *, width: int | None = None) -> Iterator[str]:
    """The whole report as an HTML document, piece by piece (``width`` is not used)."""
    data = report.data
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Programme report, {data.today.isoformat()}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Programme report</h1>",
        f'<p class="headline">{escape(report.headline())}</p>',
        "<h2>Summary</h2>",
        '<dl class="summary">',
        *(
            f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>"
            for label, text in report.summary.lines()
        ),
        "</dl>",
        '<div class="charts">',
        *_charts(report),
        "</div>",
        "<h2>Pairs</h2>",
    ]
    yield "\n".join(head) + "\n"
    yield from _table(report)
    tail = []
    if data.problems:
        tail += ["<h2>Files that could not be read</h2>", "<ul>"]
        tail += [
            f"<li><code>{escape(p.file)}</code>: {escape(p.reason)}</li>" for p in data.problems
        ]
        tail.append("</ul>")
    tail += ["<h2>Columns</h2>", '<dl class="columns">']
    for _, column in shown_columns(data.rows, max_priority=4):
        tail.append(
            f"<dt>{escape(column.heading)} ({escape(column.name)})</dt>"
            f"<dd>{escape(column.meaning)}</dd>"
        )
    tail += [
        "</dl>",
        f"<footer>Made by {escape(report.generated_by)} on {data.today.isoformat()}.</footer>",
        "</body>",
        "</html>",
    ]
    yield "\n".join(tail) + "\n"
