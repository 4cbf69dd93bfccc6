"""The contents of one step of the workbook (a pack tab): its progress by part, its
introduction and its prompts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.prompt_card import PromptCard, guidance_widget
from screens.structured import structured_widget
from workbook.content.model import Prompt, Tab
from workbook.progress import Progress
from workbook.visibility import visible_authors


class TabView(VerticalScroll, can_focus=False):
    """A scrolling column of the tab's introduction and prompt cards, all composed at once:
    each card is a few light widgets (answers are text until edited)."""

    def __init__(self, tab: Tab, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.tab = tab
        self.context = context
        self.progress: Progress | None = None
        """The progress shown at the top (set by the workbook screen)."""

    def _gets_card(self, prompt: Prompt) -> bool:
        """True when ``prompt`` is shown: a structured one unless private while presenting,
        any other when the viewer may see at least one author's answer."""
        context = self.context
        if prompt.kind.is_structured:
            return not (context.presenting and prompt.private)
        return bool(visible_authors(prompt, context.role, context.presenting, context.answer_now))

    def shown_prompts(self) -> list[Prompt]:
        """The prompts that get a card."""
        return [prompt for prompt in self.tab.prompts if self._gets_card(prompt)]

    def _card(self, prompt: Prompt) -> Widget:
        if prompt.kind.is_structured:
            return structured_widget(prompt, self.context)
        return PromptCard(prompt, self.context)

    def show_progress(self, progress: Progress) -> None:
        """``yours 3/8 · theirs 1/8 · together 0/2`` (see :mod:`workbook.progress`); kept
        until the view is composed when it is not yet."""
        self.progress = progress
        total = progress.overall.total
        for line in self.query(".step-progress").results(Static):
            line.display = bool(total)
            if total:
                line.update(Content.assemble(("Progress: ", "bold"), progress.label()))

    def on_mount(self) -> None:
        """Show the progress given before the view was composed."""
        if self.progress is not None:
            self.show_progress(self.progress)

    def compose(self) -> ComposeResult:
        """Progress (filled by the screen), introduction, then a card per shown prompt (or
        why there is none)."""
        progress = Static("", classes="step-progress")
        progress.display = False
        yield progress
        if self.tab.intro:
            yield guidance_widget(self.tab.intro, "tab-intro")
        prompts = self.shown_prompts()
        yield from (self._card(prompt) for prompt in prompts)
        if not prompts:
            reason = (
                "Everything on this tab is private, so it is hidden while presenting."
                if self.context.presenting
                else "Nothing on this tab is for you to see in this role."
            )
            yield Static(reason, classes="empty-state")
