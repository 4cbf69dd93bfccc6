"""Answers to prompts the pack no longer has: kept in the file and shown, never dropped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.context import WorkbookContext
from workbook.models import Answer
from workbook.privacy import visible_to
from workbook.text import format_value


def orphan_answers(context: WorkbookContext) -> list[Answer]:
    """Answers whose prompt is not in the pack, that the viewer may see."""
    known = {prompt.id for prompt in context.pack.all_prompts()}
    viewer = None if context.presenting else context.role
    return [
        answer
        for answer in context.service.answers()
        if answer.prompt_id not in known and visible_to(answer, viewer)
    ]


class OrphanAnswers(Vertical):
    """A read-only list of answers whose prompts the pack no longer has.

    One list widget however many there are (a file can hold thousands).
    """

    def __init__(self, context: WorkbookContext) -> None:
        super().__init__(classes="tab-view")
        self.context = context

    def compose(self) -> ComposeResult:
        """An explanation, then the kept answers."""
        yield Static(
            "These answers belong to prompts that this version of the pack no longer has. "
            "They are kept in the file and shown here so nothing is lost.",
            classes="tab-intro",
        )
        yield OptionList(
            *[
                Option(
                    Content.assemble(
                        (answer.prompt_id, "bold"),
                        (f"  ({answer.author.value})", "$text-muted"),
                        "\n",
                        format_value(answer.value)[:2000],
                    )
                )
                for answer in orphan_answers(self.context)
            ],
            classes="orphan-answers",
        )
