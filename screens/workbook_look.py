"""What the workbook screen and its first look (:mod:`screens.first_look`) draw alike: the
width classes and the focused answer's hint (light: the first look imports it before the
models load)."""

from __future__ import annotations

WORKBOOK_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
"""Textual's horizontal breakpoints of the workbook: answers stack below 110 columns."""
EDIT_HINT = "type or press enter to answer"
"""Shown under a focused answer."""


def breakpoint_class(breakpoints: list[tuple[int, str]], width: int) -> str | None:
    """The class Textual gives a screen ``width`` cells wide for ``breakpoints`` (the name of
    the widest breakpoint not wider than ``width``)."""
    return next((name for edge, name in sorted(breakpoints, reverse=True) if width >= edge), None)


ROWS_PER_CARD_AT_LEAST = 3
"""The fewest rows a card takes on screen (its top margin, a heading line, a one-line
answer): the first part of a step holds as many cards as the screen has rows for at that
density. (Were a card ever smaller, the rest would only show one frame later.)"""


def first_part_size(height: int) -> int:
    """How many cards a step shows with its first frame on a screen ``height`` rows high."""
    return max(1, height // ROWS_PER_CARD_AT_LEAST)
