"""The contents of one workbook tab: its introduction and its prompts, built when first shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.prompt_card import PromptCard, guidance_widget
from screens.structured import structured_widget
from workbook.content.model import Tab
from workbook.visibility import visible_authors


class TabView(VerticalScroll, can_focus=False):
    """A scrolling column of the tab's introduction and prompt cards."""

    def __init__(self, tab: Tab, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.tab = tab
        self.context = context

    def compose(self) -> ComposeResult:
        """Introduction, then each visible prompt (structured kinds get their own editor)."""
        if self.tab.intro:
            yield guidance_widget(self.tab.intro, "tab-intro")
        shown = 0
        for prompt in self.tab.prompts:
            if prompt.kind.is_structured:
                if self.context.presenting and prompt.private:
                    continue
                shown += 1
                yield structured_widget(prompt, self.context)
            elif visible_authors(prompt, self.context.role, self.context.presenting):
                shown += 1
                yield PromptCard(prompt, self.context)
        if not shown:
            reason = (
                "Everything on this tab is private, so it is hidden while presenting."
                if self.context.presenting
                else "Nothing on this tab is for you to see in this role."
            )
            yield Static(reason, classes="empty-state")
