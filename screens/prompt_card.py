"""One prompt on screen: its question, guidance and an answer editor per visible author.

Kept flat on purpose (one text widget, then the editors): a tab holds up to ~20 prompts and
every widget costs time when the tab is first shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from screens.context import WorkbookContext
from screens.editors.factory import build_editor
from screens.markdown_lite import markdown_content
from workbook.content.model import Prompt
from workbook.models import Answer, AnswerValue, Author
from workbook.text import format_value
from workbook.visibility import authors_for, can_edit, visible_authors

AUTHOR_LABELS = {Author.MENTOR: "Mentor", Author.MENTEE: "Mentee", Author.JOINT: "Agreed together"}


def guidance_widget(markdown: str, classes: str) -> Static:
    """Coordinator-written Markdown as one cheap widget."""
    return Static(markdown_content(markdown), classes=classes)


def prompt_heading(prompt: Prompt, hidden_note: str = "") -> Content:
    """The question (literally), its markers, its guidance and a note on hidden answers."""
    title = Content.assemble(
        (prompt.title, "bold"),
        (" *required" if prompt.required else "", "$warning"),
        (" (private)" if prompt.private else "", "$text-muted italic"),
    )
    parts = [title]
    if prompt.guidance:
        parts.append(markdown_content(prompt.guidance).stylize("$text-muted"))
    if hidden_note:
        parts.append(Content.styled(hidden_note, "$text-muted italic"))
    return Content("\n").join(parts)


def conflict_text(answer: Answer) -> Content:
    """The values another copy held for ``answer`` when both sides edited it (kept, shown)."""
    lines = [
        Content.assemble(
            (f"Also edited in the {copy.from_copy or 'other'}'s copy: ", "$warning"),
            str(copy.value),
        )
        for copy in answer.conflicts
    ]
    return Content("\n").join(lines)


def read_only_text(value: AnswerValue) -> Content:
    """An answer shown without an editor: its text, or a muted "no answer yet"."""
    text = format_value(value)
    return Content(text) if text.strip() else Content.styled("no answer yet", "$text-muted italic")


class PromptCard(Vertical):
    """A prompt with its guidance and the editors of the authors the viewer may see."""

    def __init__(self, prompt: Prompt, context: WorkbookContext) -> None:
        super().__init__(id=f"prompt-{prompt.id}", classes="prompt-card")
        self.prompt = prompt
        self.context = context

    def _editor(self, author: Author, labelled: bool) -> list[Widget]:
        answer = self.context.service.answer(self.prompt.id, author)
        value = answer.value if answer else None
        label = AUTHOR_LABELS[author] if labelled else ""
        editor: Widget
        if can_edit(author, self.context.role) and self.context.editable:
            editor = build_editor(self.prompt, author, value, label=label)
        else:  # someone else's answer, or a finished relationship: text is enough (and cheap)
            editor = Static(read_only_text(value), classes="read-only-answer", markup=False)
            editor.border_title = label or None
        widgets: list[Widget] = [editor]
        if answer is not None and answer.conflicts:
            widgets.append(Static(conflict_text(answer), classes="conflict"))
        return widgets

    def compose(self) -> ComposeResult:
        """Heading (question and guidance), then one editor per visible author."""
        prompt, context = self.prompt, self.context
        authors = visible_authors(prompt, context.role, context.presenting, context.service.answer)
        hidden = [a for a in authors_for(prompt) if a not in authors]
        note = ""
        if hidden and not context.presenting:
            who = " and ".join(AUTHOR_LABELS[a].lower() for a in hidden)
            note = f"The {who}'s answer is private."
        yield Static(prompt_heading(prompt, note), classes="prompt-heading")
        labelled = len(authors_for(prompt)) > 1 or prompt.audience.value == "joint"
        if len(authors) == 1:
            yield from self._editor(authors[0], labelled)
        elif authors:
            with Horizontal(classes="answers"):
                for author in authors:
                    yield from self._editor(author, labelled)
