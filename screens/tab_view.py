"""The contents of one workbook tab: its introduction and its prompts, a screenful at once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.prompt_card import PromptCard, guidance_widget
from screens.structured import structured_widget
from workbook.content.model import Tab
from workbook.visibility import visible_authors

ROWS_PER_PROMPT = 6
"""The fewest rows a prompt card takes (title, editor with its border, spacing)."""
MIN_FIRST_BATCH = 2
LATER_BATCH = 2
"""Prompts added per frame after that, so typing never waits long."""


def first_batch_size(screen_rows: int) -> int:
    """How many prompts to compose with the tab: enough to fill the screen, so the first frame
    of the tab is already the finished view of its visible part."""
    return max(MIN_FIRST_BATCH, -(-screen_rows // ROWS_PER_PROMPT))


class TabView(VerticalScroll, can_focus=False):
    """A scrolling column of the tab's introduction and prompt cards."""

    def __init__(self, tab: Tab, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.tab = tab
        self.context = context
        self._pending: list[Widget] = []
        self.laid_out_at: Size | None = None
        """The size this view was last laid out at while hidden (see :mod:`screens.prewarm`)."""

    def _cards(self) -> list[Widget]:
        """A widget per visible prompt (structured kinds get their own editor)."""
        cards: list[Widget] = []
        for prompt in self.tab.prompts:
            if prompt.kind.is_structured:
                if not (self.context.presenting and prompt.private):
                    cards.append(structured_widget(prompt, self.context))
            elif visible_authors(prompt, self.context.role, self.context.presenting):
                cards.append(PromptCard(prompt, self.context))
        return cards

    def compose(self) -> ComposeResult:
        """Introduction and the first screenful of prompts; the rest follow right after."""
        if self.tab.intro:
            yield guidance_widget(self.tab.intro, "tab-intro")
        cards = self._cards()
        first = first_batch_size(self.app.size.height)
        yield from cards[:first]
        self._pending = cards[first:]
        if not cards:
            reason = (
                "Everything on this tab is private, so it is hidden while presenting."
                if self.context.presenting
                else "Nothing on this tab is for you to see in this role."
            )
            yield Static(reason, classes="empty-state")

    def on_mount(self) -> None:
        """Mount the remaining prompts a few at a time, between frames."""
        if self._pending:  # (no CSS class for this: a class change restyles the whole tab)
            self.call_after_refresh(self._mount_more)

    def _mount_more(self) -> None:
        batch, self._pending = self._pending[:LATER_BATCH], self._pending[LATER_BATCH:]
        self.mount_all(batch)
        if self._pending:
            self.call_after_refresh(self._mount_more)

    @property
    def building(self) -> bool:
        """True while prompts are still being added."""
        return bool(self._pending)
