"""The contents of one workbook tab: its introduction and its prompts, a screenful at once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from screens.card_rows import CARD_MARGIN, card_rows, cards_to_fill
from screens.context import WorkbookContext
from screens.prompt_card import PromptCard, guidance_widget
from screens.structured import structured_widget
from workbook.content.model import Prompt, Tab
from workbook.visibility import can_edit, visible_authors

MIN_FIRST_BATCH = 2
"""The fewest prompts composed with the tab, however tall they are."""
LATER_BATCH = 2
"""Prompts added per frame after that, so typing never waits long."""


class TabView(VerticalScroll, can_focus=False):
    """A scrolling column of the tab's introduction and prompt cards."""

    def __init__(self, tab: Tab, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.tab = tab
        self.context = context
        self._pending: list[Widget] = []
        self.laid_out_at: Size | None = None
        """The size this view was last laid out at while hidden (see :mod:`screens.prewarm`)."""

    def _gets_card(self, prompt: Prompt) -> bool:
        """True when ``prompt`` is shown: a structured one unless private while presenting,
        any other when the viewer may see at least one author's answer."""
        context = self.context
        if prompt.kind.is_structured:
            return not (context.presenting and prompt.private)
        return bool(
            visible_authors(prompt, context.role, context.presenting, context.service.answer)
        )

    def _shown_prompts(self) -> list[Prompt]:
        """The prompts that get a card (structured kinds get their own editor)."""
        return [prompt for prompt in self.tab.prompts if self._gets_card(prompt)]

    def _card(self, prompt: Prompt) -> Widget:
        if prompt.kind.is_structured:
            return structured_widget(prompt, self.context)
        return PromptCard(prompt, self.context)

    def first_batch_size(self, prompts: list[Prompt]) -> int:
        """How many of ``prompts`` to compose with the tab: enough to cover the screen (by
        their least heights, :mod:`screens.card_rows`), so the first frame of the tab already
        shows its visible part as it stays, and no more (each one delays that frame)."""
        intro = CARD_MARGIN + 1 if self.tab.intro else 0  # (Markdown: its length is no bound)
        rows = [self.least_rows(prompt) for prompt in prompts]
        return cards_to_fill(rows, self.app.size.height - intro, least=MIN_FIRST_BATCH)

    def least_rows(self, prompt: Prompt) -> int:
        """The fewest rows ``prompt``'s card can take on this screen, its margin included."""
        context = self.context
        authors = visible_authors(prompt, context.role, context.presenting, context.service.answer)
        editable = [can_edit(author, context.role) and context.editable for author in authors]
        return card_rows(
            prompt,
            authors,
            editable,
            width=self.app.size.width,
            wide=self.screen.has_class("-wide"),
        )

    def compose(self) -> ComposeResult:
        """Introduction and the first screenful of prompts; the rest follow right after."""
        if self.tab.intro:
            yield guidance_widget(self.tab.intro, "tab-intro")
        prompts = self._shown_prompts()
        first = self.first_batch_size(prompts)
        cards = [self._card(prompt) for prompt in prompts]
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
