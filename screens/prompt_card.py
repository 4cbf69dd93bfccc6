"""One prompt on screen: its question, guidance and an answer editor per visible author."""

from __future__ import annotations

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from screens.context import WorkbookContext
from screens.editors.factory import build_editor
from workbook.content.model import Prompt
from workbook.models import Author
from workbook.visibility import authors_for, can_edit, visible_authors

AUTHOR_LABELS = {Author.MENTOR: "Mentor", Author.MENTEE: "Mentee", Author.JOINT: "Agreed together"}


def guidance_widget(markdown: str, classes: str) -> Static:
    """Coordinator-written Markdown as one cheap widget (not one widget per block)."""
    return Static(RichMarkdown(markdown), classes=classes)


class PromptCard(Vertical):
    """A prompt with its guidance and the editors of the authors the viewer may see."""

    def __init__(self, prompt: Prompt, context: WorkbookContext) -> None:
        super().__init__(id=f"prompt-{prompt.id}", classes="prompt-card")
        self.prompt = prompt
        self.context = context

    def compose(self) -> ComposeResult:
        """Question, guidance, then one column per visible author."""
        prompt, context = self.prompt, self.context
        title = Content.assemble(
            (prompt.title, "bold"),
            (" *required" if prompt.required else "", "$warning"),
            (" (private)" if prompt.private else "", "$text-muted italic"),
        )
        yield Static(title, classes="prompt-title")
        if prompt.guidance:
            yield guidance_widget(prompt.guidance, "prompt-guidance")
        authors = visible_authors(prompt, context.role, context.presenting)
        hidden = [a for a in authors_for(prompt) if a not in authors]
        with Horizontal(classes="answers"):
            for author in authors:
                answer = context.service.answer(prompt.id, author)
                with Vertical(classes="answer-column"):
                    if len(authors_for(prompt)) > 1 or author is Author.JOINT:
                        yield Label(AUTHOR_LABELS[author], classes="author-label")
                    yield build_editor(
                        prompt,
                        author,
                        answer.value if answer else None,
                        editable=can_edit(author, context.role) and context.editable,
                    )
                    if answer is not None and answer.conflicts:
                        for copy in answer.conflicts:
                            yield Static(
                                Content.assemble(
                                    ("Also edited in the ", "$warning"),
                                    (f"{copy.from_copy or 'other'}'s copy: ", "$warning"),
                                    str(copy.value),
                                ),
                                classes="conflict",
                            )
        if hidden and not context.presenting:
            who = " and ".join(AUTHOR_LABELS[a].lower() for a in hidden)
            yield Static(f"The {who}'s answer is private.", classes="private-note")
