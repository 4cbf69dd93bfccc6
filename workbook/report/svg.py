"""Small horizontal bar charts as inline SVG, for the HTML report's summary.

Generated here rather than by a charting library: a few rectangles and labels are all a
summary needs, they render in any browser without scripts or network, and every label is
escaped as XML text (names and answers from the files can never become markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT = 18
ROW_HEIGHT = 24
LABEL_WIDTH = 190
BAR_AREA = 220
COUNT_WIDTH = 50
TITLE_HEIGHT = 26
COLOURS = ("#2f6f9f", "#5b9c5b", "#c47f2c", "#a14d6a", "#6a5fa8", "#3f8f8f")
"""One colour per bar, in turn (readable on white, distinct in grey as well by order)."""
LABEL_CHARACTERS = 28
"""Longer labels are cut with "…" (the table below the charts has the full text)."""


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(title: str, bars: Sequence[tuple[str, int]]) -> str:
    """An SVG bar chart called ``title`` with one bar per ``(label, count)``."""
    width = LABEL_WIDTH + BAR_AREA + COUNT_WIDTH
    height = TITLE_HEIGHT + ROW_HEIGHT * max(1, len(bars))
    biggest = max((count for _, count in bars), default=0)
    summary = ", ".join(f"{label}: {count}" for label, count in bars)
    parts = [
        f'<svg class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(f"{title}: {summary}")}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for number, (label, count) in enumerate(bars):
        top = TITLE_HEIGHT + number * ROW_HEIGHT
        length = round(BAR_AREA * count / biggest) if biggest else 0
        middle = top + BAR_HEIGHT / 2 + 4
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:g}" text-anchor="end">'
            f"{escape(_label(label))}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{top}" width="{max(length, 1) if count else 0}" '
            f'height="{BAR_HEIGHT}" fill="{COLOURS[number % len(COLOURS)]}"/>',
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle:g}">{count}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)
