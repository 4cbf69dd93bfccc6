"""Under a question asked at every session (``repeat: every session``): the earlier sessions'
answers, read-only, newest first, each with its session number.

The editor above holds this session's answer (:func:`workbook.checkins.current_answer`);
before the first session the line says the question is asked at each session. Another
person's private answers follow the one privacy rule (:func:`workbook.visibility.can_see`), as
on the card itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.text_safety import user_line
from workbook.checkins import answer_history, answer_session
from workbook.content.model import Prompt, PromptKind
from workbook.models import Answer, AnswerValue, Author
from workbook.text import format_value
from workbook.visibility import can_see

AUTHOR_NAMES = {Author.MENTOR: "Mentor", Author.MENTEE: "Mentee", Author.JOINT: "Together"}
BEFORE_FIRST = (
    "Asked at every session: each session keeps its own answer. "
    "The first session has not started yet (ctrl+g starts it)."
)
NONE_EARLIER = "Asked at every session: this is session {number}'s answer; earlier ones show here."


def value_text(prompt: Prompt | None, value: AnswerValue) -> str:
    """An answer as one line of plain text; a scale point with its words (``3 (getting
    there)``) where the pack names it."""
    text = format_value(value)
    if prompt is not None and prompt.kind is PromptKind.SCALE and isinstance(value, int):
        label = prompt.scale_labels.get(value)
        if label:
            text += f" ({label})"
    return user_line(text)


def earlier_answers(
    context: WorkbookContext, prompt: Prompt, authors: Sequence[Author]
) -> list[Answer]:
    """The earlier sessions' answers of ``authors`` the viewer may see, newest first."""
    service = context.service
    now = answer_session(service, prompt)
    found = [
        answer
        for author in authors
        for answer in answer_history(service, prompt.id, author, before=now)
        if can_see(prompt, answer.author, context.role, context.presenting, answer)
    ]
    order = {author: index for index, author in enumerate(authors)}
    return sorted(found, key=lambda a: (-(a.session_number or 0), order.get(a.author, 0)))


def history_content(context: WorkbookContext, prompt: Prompt, authors: Sequence[Author]) -> Content:
    """What the line under the card says (see the module's docstring)."""
    number = answer_session(context.service, prompt)
    if number is None:
        return Content.styled(BEFORE_FIRST, "$text-muted italic")
    answers = earlier_answers(context, prompt, authors)
    if not answers:
        return Content.styled(NONE_EARLIER.format(number=number), "$text-muted italic")
    labelled = len(authors) > 1
    lines = [Content.styled("Earlier sessions, newest first:", "$text-muted italic")]
    for answer in answers:
        who = f" · {AUTHOR_NAMES[answer.author]}" if labelled else ""
        lines.append(
            Content.assemble(
                (f"Session {answer.session_number}{who}: ", "bold"),
                value_text(prompt, answer.value),
            )
        )
    return Content("\n").join(lines)


class EarlierAnswers(Static):
    """The earlier answers of a repeating prompt (or why there are none yet)."""

    def __init__(self, context: WorkbookContext, prompt: Prompt, authors: Sequence[Author]) -> None:
        super().__init__(history_content(context, prompt, authors), classes="earlier-answers")
