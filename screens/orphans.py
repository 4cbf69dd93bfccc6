"""Answers to prompts the pack no longer has: kept in the file and shown, never dropped."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.context import WorkbookContext
from screens.text_safety import user_line, user_text
from workbook.models import Answer
from workbook.privacy import PrivacyRule
from workbook.text import format_value

PAGE_SIZE = 100
"""How many answers the list shows at once (a file can hold thousands)."""


def orphan_answers(context: WorkbookContext) -> list[Answer]:
    """Answers whose prompt is not in the pack, that the viewer may see."""
    known = {prompt.id for prompt in context.pack.all_prompts()}
    viewer = None if context.presenting else context.role
    rule = PrivacyRule.for_pack(context.pack)
    return [
        answer
        for answer in context.service.answers()
        if answer.prompt_id not in known and rule.visible_to(answer, viewer)
    ]


def answer_option(answer: Answer) -> Option:
    """One list entry: the old prompt id, who wrote it, and (the start of) the answer."""
    return Option(
        Content.assemble(
            (user_line(answer.prompt_id), "bold"),
            (f"  ({answer.author.value})", "$text-muted"),
            "\n",
            user_text(format_value(answer.value)[:2000]),
        )
    )


class OrphanAnswers(Vertical):
    """A read-only, paged list of answers whose prompts the pack no longer has.

    Only the current page (``PAGE_SIZE`` answers) is turned into list entries;
    ``[`` and ``]`` move between pages.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "page(-1)", f"Previous {PAGE_SIZE}"),
        Binding("right_square_bracket", "page(1)", f"Next {PAGE_SIZE}"),
    ]

    def __init__(self, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.context = context
        self.answers: list[Answer] = orphan_answers(context)
        self.page = 0

    @property
    def page_count(self) -> int:
        """How many pages the answers fill (at least one)."""
        return max(1, -(-len(self.answers) // PAGE_SIZE))

    def compose(self) -> ComposeResult:
        """An explanation, where we are in the pages, then the current page of answers."""
        yield Static(
            "These answers belong to prompts that this version of the pack no longer has. "
            "They are kept in the file and shown here so nothing is lost.",
            classes="tab-intro",
        )
        status = Static(self._status(), classes="tab-intro orphan-pages")
        status.display = self.page_count > 1
        yield status
        yield OptionList(*self._page_options(), classes="orphan-answers")

    def _page_options(self) -> list[Option]:
        """List entries for the answers on the current page only."""
        start = self.page * PAGE_SIZE
        return [answer_option(answer) for answer in self.answers[start : start + PAGE_SIZE]]

    def _status(self) -> Content:
        """E.g. "Answers 101–200 of 4,912", with the keys that page."""
        total = len(self.answers)
        first = self.page * PAGE_SIZE + 1
        last = min(total, first + PAGE_SIZE - 1)
        return Content(
            f"Answers {first:,}–{last:,} of {total:,}  ·  "
            f"[ previous {PAGE_SIZE}, ] next {PAGE_SIZE}"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the paging keys when all answers fit; dim the one that cannot move."""
        if action != "page" or not parameters or not isinstance(parameters[0], int):
            return True
        if self.page_count == 1:
            return False
        return True if 0 <= self.page + parameters[0] < self.page_count else None

    def action_page(self, delta: int) -> None:
        """Show the page ``delta`` pages away (stays put at either end)."""
        target = min(max(self.page + delta, 0), self.page_count - 1)
        if target == self.page:
            return
        self.page = target
        self.query_one(".orphan-pages", Static).update(self._status())
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(self._page_options())
        option_list.highlighted = 0
        option_list.scroll_home(animate=False, immediate=True)
        self.refresh_bindings()
