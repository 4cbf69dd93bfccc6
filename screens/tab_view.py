"""The contents of one step of the workbook (a pack tab): its progress by part, its
introduction and its prompts.

Questions with ``show if`` are composed with the rest and shown or hidden by their condition
(:mod:`workbook.conditions`); when a deciding answer changes, :func:`follow_conditions` shows
and hides them in every built step at once (a condition may name a question of an earlier
step). Hiding a question never touches its answers: they come back with it.

A step is built in two parts: the cards that can fit on the screen with the step (composed
with the view, so the frame that shows the step shows them), then the rest, below the fold,
mounted right after that frame (:attr:`TabView.building` until they are). A long step is then
shown in the time its first screenful takes, not all of its cards.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.prompt_card import PromptCard, guidance_widget
from screens.statement_card import StatementCard
from screens.structured import structured_widget
from screens.workbook_look import first_part_size
from workbook.conditions import PromptShown, pack_conditions
from workbook.content.model import Prompt, PromptKind, Tab
from workbook.models import Author
from workbook.progress import Progress
from workbook.visibility import authors_for, visible_authors


def shown_to_viewer(prompt: Prompt, context: WorkbookContext, shown: PromptShown) -> bool:
    """True when a prompt without answer boxes of its own (a statement, a structured panel)
    is shown to the viewer: by their own part of the condition when the prompt has one, else
    by any author's (a joint prompt's joint answer)."""
    authors = authors_for(prompt)
    own = Author(context.role.value)
    if not context.presenting and own in authors:
        return shown(prompt, own)
    return any(shown(prompt, author) for author in authors)


def progress_content(progress: Progress) -> Content | None:
    """``Progress: yours 3/8 · theirs 1/8`` for the top of a step (None: it counts nothing)."""
    if not progress.overall.total:
        return None
    return Content.assemble(("Progress: ", "bold"), progress.label())


class TabView(VerticalScroll, can_focus=False):
    """A scrolling column of the tab's introduction and prompt cards (each a few light
    widgets: answers are text until edited): a screenful composed with the view, the rest
    mounted right after the first frame that shows it."""

    def __init__(self, tab: Tab, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.tab = tab
        self.context = context
        self.conditional = any(prompt.show_if for prompt in tab.prompts)
        """True when a question of this tab has a ``show if`` condition."""
        self.progress: Progress | None = None
        """The progress shown at the top (set by the workbook screen)."""
        self._rest: list[Widget] = []
        """The cards below the first screenful, until they are mounted."""
        self._mounting_rest: AwaitComplete | None = None

    def _gets_card(self, prompt: Prompt) -> bool:
        """True when ``prompt`` is shown: a statement always, a structured one unless private
        while presenting, any other when the viewer may see at least one author's answer."""
        context = self.context
        if prompt.kind is PromptKind.STATEMENT:
            return True
        if prompt.kind.is_structured:
            return not (context.presenting and prompt.private)
        return bool(visible_authors(prompt, context.role, context.presenting, context.answer_now))

    def shown_prompts(self) -> list[Prompt]:
        """The prompts that get a card (one hidden by its condition too: it may show later)."""
        return [prompt for prompt in self.tab.prompts if self._gets_card(prompt)]

    def _card(self, prompt: Prompt, shown: PromptShown | None) -> Widget:
        card: Widget
        if prompt.kind is PromptKind.STATEMENT:
            card = StatementCard(prompt, self.context)
        elif prompt.kind.is_structured:
            card = structured_widget(prompt, self.context)
        else:
            return PromptCard(prompt, self.context, shown)
        if shown is not None and prompt.show_if is not None:
            card.display = shown_to_viewer(prompt, self.context, shown)
        return card

    def build_cards(self) -> list[Widget]:
        """A card for each shown prompt, in order (not mounted; those a condition hides now
        are built hidden)."""
        shown = (
            pack_conditions(self.context.service, self.context.pack) if self.conditional else None
        )
        return [self._card(prompt, shown) for prompt in self.shown_prompts()]

    def show_progress(self, progress: Progress) -> None:
        """``yours 3/8 · theirs 1/8 · together 0/2`` (see :mod:`workbook.progress`); kept
        until the view is composed when it is not yet."""
        if progress == self.progress:
            return  # (every step's line is offered again after each edit)
        self.progress = progress
        self._draw_progress()

    def _draw_progress(self) -> None:
        progress = self.progress
        if progress is None:
            return
        content = progress_content(progress)
        for line in self.query(".step-progress").results(Static):
            line.display = content is not None
            if content is not None:
                line.update(content)

    @property
    def building(self) -> bool:
        """True until every card of the step is mounted."""
        return bool(self._rest) or self._mounting_rest is not None

    def on_mount(self) -> None:
        """Show the progress given before the view was composed; mount the cards below the
        first screenful once it is drawn."""
        self._draw_progress()
        if self._rest:
            self.call_after_refresh(self._mount_rest)

    def _mount_rest(self) -> None:
        rest, self._rest = self._rest, []
        if rest:
            self._mounting_rest = AwaitComplete(self._mount_all(rest)).call_next(self)

    async def _mount_all(self, cards: list[Widget]) -> None:
        try:
            await self.mount_all(cards)
        finally:
            self._mounting_rest = None

    async def all_mounted(self) -> None:
        """Wait until every card of the step is mounted (at once if it already is)."""
        if self._rest:
            self._mount_rest()
        if self._mounting_rest is not None:
            await self._mounting_rest

    def cards(self) -> list[Widget]:
        """Every card of the step, the mounted ones and those still to mount, in order."""
        return [*self.children, *self._rest]

    def compose(self) -> ComposeResult:
        """Progress (filled by the screen), introduction, then a card per shown prompt (or
        why there is none)."""
        progress = Static("", classes="step-progress")
        progress.display = False
        yield progress
        if self.tab.intro:
            yield guidance_widget(self.tab.intro, "tab-intro")
        cards = self.build_cards()
        first = first_part_size(self.app.size.height)
        yield from cards[:first]
        self._rest = cards[first:]
        if not cards:
            reason = (
                "Everything on this tab is private, so it is hidden while presenting."
                if self.context.presenting
                else "Nothing on this tab is for you to see in this role."
            )
            yield Static(reason, classes="empty-state")

    def follow_conditions(self, shown: PromptShown) -> None:
        """Show and hide this tab's conditional questions as ``shown`` now decides."""
        for card in self.cards():
            prompt = getattr(card, "prompt", None)
            if not isinstance(prompt, Prompt) or prompt.show_if is None:
                continue
            if isinstance(card, PromptCard):
                card.follow_conditions(shown)
            else:
                card.display = shown_to_viewer(prompt, self.context, shown)


def follow_conditions(root: Widget, context: WorkbookContext) -> None:
    """After a deciding answer changed: show and hide the conditional questions of every
    built step under ``root`` (the workbook screen), on the answers as they are now."""
    views = [view for view in root.query(TabView) if view.conditional]
    if views:
        shown = pack_conditions(context.service, context.pack)
        for view in views:
            view.follow_conditions(shown)
