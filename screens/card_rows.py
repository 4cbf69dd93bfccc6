"""The fewest rows a prompt card can take: how many cards fill a tab's first screen.

A tab is composed with just enough cards to cover the screen, and the rest follow between frames
(:class:`screens.tab_view.TabView`). Every card composed before the first frame costs time, so
the count comes from each card's least possible height: each figure below is a lower bound of
what the layout gives (see ``workbook_screen.tcss``), so the cards composed always reach the
bottom of the screen and the first frame shows the tab's top exactly as it stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from workbook.content.model import Prompt, PromptKind
from workbook.models import Author

CARD_MARGIN = 1
"""Blank row above every card (``.prompt-card { margin: 1 0 0 0 }``)."""
LONG_TEXT_ROWS = 4
"""``.editor-long-text { min-height: 4 }``."""
BOXED_ROWS = 3
"""An Input, or a read-only answer (``min-height: 3``): a line inside a border."""
OPTION_LIST_MAX = 12
"""``max-height: 12`` of the option-list editors."""
SCALE_ROWS = 1
"""The scale is one line."""
STRUCTURED_ROWS = 4
"""A goals, actions, cadence, agreement or homework panel: a title and at least a few lines."""
OPTION_KINDS = frozenset(
    {
        PromptKind.SINGLE_CHOICE,
        PromptKind.YES_NO,
        PromptKind.MULTIPLE_CHOICE,
        PromptKind.CHECKLIST,
        PromptKind.RANKING,
    }
)


def wrapped_rows(text: str, width: int) -> int:
    """The fewest rows ``text`` (literal, one paragraph) takes when wrapped at ``width`` cells."""
    return max(1, -(-cell_len(text) // max(1, width)))


def editor_rows(prompt: Prompt, editable: bool) -> int:
    """The least height of one author's editor (or read-only answer) for ``prompt``."""
    if not editable:
        return BOXED_ROWS
    if prompt.kind is PromptKind.LONG_TEXT:
        return LONG_TEXT_ROWS
    if prompt.kind is PromptKind.SCALE:
        return SCALE_ROWS
    if prompt.kind in OPTION_KINDS and prompt.options:
        return min(len(prompt.options) + 2, OPTION_LIST_MAX)
    return BOXED_ROWS


def card_rows(
    prompt: Prompt, authors: Sequence[Author], editable: Sequence[bool], *, width: int, wide: bool
) -> int:
    """The least height of ``prompt``'s card, margin included, at a screen ``width`` cells wide.

    ``authors`` are the visible authors and ``editable`` says, for each, whether it gets an
    editor; ``wide`` means their editors sit side by side rather than stacked.
    """
    if prompt.kind.is_structured:
        return CARD_MARGIN + STRUCTURED_ROWS
    heading = wrapped_rows(prompt.title, width) + (1 if prompt.guidance else 0)
    editors = [editor_rows(prompt, can) for can in editable] or [0]
    answers = max(editors) if wide else sum(editors)
    return CARD_MARGIN + heading + answers


def cards_to_fill(rows: Sequence[int], screen_rows: int, least: int = 1) -> int:
    """How many of the cards, whose least heights are ``rows``, it takes to cover
    ``screen_rows`` (at least ``least``, at most all of them)."""
    total = 0
    for count, height in enumerate(rows, start=1):
        total += height
        if total >= screen_rows and count >= least:
            return count
    return len(rows)
