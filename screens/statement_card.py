"""A statement on screen: a term the programme sets rather than asks (``kind: statement``).

"The mentee leads the agenda" is read, not answered: it has no editor and no progress, and
everyone sees it the same way (each role, and a shared screen). Under it: the agreement
section it appears in, so the pair know it is one of their terms.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.markdown_lite import markdown_content
from screens.text_safety import user_line
from screens.wording import wording
from workbook.content.model import Pack, Prompt

NO_SECTION_NOTE = "Set by the programme · nothing to answer"
"""Under a statement that feeds no agreement section."""


def statement_note(prompt: Prompt, pack: Pack) -> str:
    """Where the statement stands: ``A term of the agreement, under "Taking part" · nothing
    to answer`` (or that the programme sets it, when it feeds no section)."""
    if not prompt.agreement:
        return NO_SECTION_NOTE
    section = user_line(pack.agreement_title(prompt.agreement))
    return f'A term of the agreement, under "{section}" · nothing to answer'


def statement_content(prompt: Prompt, context: WorkbookContext) -> Content:
    """The statement (literally), its guidance, then :func:`statement_note`."""
    title, guidance = wording(prompt, context)
    parts = [Content.styled(user_line(title), "bold")]
    if guidance:
        parts.append(markdown_content(guidance).stylize("$text-muted"))
    parts.append(Content.styled(statement_note(prompt, context.pack), "$text-muted italic"))
    return Content("\n").join(parts)


class StatementCard(Static):
    """A statement: its text, guidance and agreement section, in one light widget."""

    def __init__(self, prompt: Prompt, context: WorkbookContext) -> None:
        super().__init__(
            statement_content(prompt, context),
            id=f"prompt-{prompt.id}",
            classes="statement-card",
            markup=False,
        )
        self.prompt = prompt
