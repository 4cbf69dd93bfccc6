"""One prompt on screen: its question and guidance in the viewer's words, an answer per
visible author (those its ``show if`` shows), and who sees a ``private: optional`` answer.

Kept flat on purpose (one text widget for the heading, then one widget per answer): a tab
holds up to ~20 prompts and every widget costs time when the tab is built. Answers are light
views until edited (:mod:`screens.answer_view`); a scale is its own editor (one line).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from screens.answer_view import AnswerView, ReadOnlyAnswer
from screens.checkin_history import EarlierAnswers
from screens.context import WorkbookContext
from screens.editors.factory import build_editor
from screens.focus_mark import FocusMarked
from screens.markdown_lite import markdown_content
from screens.privacy_toggle import PrivacyToggle
from screens.text_safety import user_line, user_text
from screens.wording import wording
from workbook.conditions import PromptShown
from workbook.content.model import Prompt, PromptKind
from workbook.models import Answer, Author
from workbook.visibility import authors_for, can_edit, visible_authors

AUTHOR_LABELS = {Author.MENTOR: "Mentor", Author.MENTEE: "Mentee", Author.JOINT: "Agreed together"}


def guidance_widget(markdown: str, classes: str) -> Static:
    """Coordinator-written Markdown as one cheap widget."""
    return Static(markdown_content(markdown), classes=classes)


def prompt_title(prompt: Prompt, title: str | None = None) -> Content:
    """The question (literally; ``title``: in the viewer's words), marked when required or
    private."""
    return Content.assemble(
        (user_line(prompt.title if title is None else title), "bold"),
        (" *required" if prompt.required else "", "$warning"),
        (" (private)" if prompt.private else "", "$text-muted italic"),
    )


def prompt_heading(
    prompt: Prompt,
    hidden_note: str = "",
    *,
    title: str | None = None,
    guidance: str | None = None,
) -> Content:
    """The question, its guidance and a note on answers hidden from the viewer (``title``
    and ``guidance``: in the viewer's words, see :func:`wording`)."""
    parts = [prompt_title(prompt, title)]
    guidance = prompt.guidance if guidance is None else guidance
    if guidance:
        parts.append(markdown_content(guidance).stylize("$text-muted"))
    if hidden_note:
        parts.append(Content.styled(hidden_note, "$text-muted italic"))
    return Content("\n").join(parts)


def conflict_text(answer: Answer) -> Content:
    """The values another copy held for ``answer`` when both sides edited it (kept, shown)."""
    lines = [
        Content.assemble(
            (f"Also edited in the {user_line(copy.from_copy or 'other')}'s copy: ", "$warning"),
            user_text(copy.value),
        )
        for copy in answer.conflicts
    ]
    return Content("\n").join(lines)


class PromptCard(FocusMarked, Vertical):
    """A prompt with its guidance and the answers of the authors the viewer may see.

    A prompt with ``show if`` shows only the answers whose condition holds (``shown``, see
    :mod:`workbook.conditions`); the card is hidden while none does, and follows the deciding
    answers as they change (:meth:`follow_conditions`). Hidden answers are kept as they are.
    """

    def __init__(
        self, prompt: Prompt, context: WorkbookContext, shown: PromptShown | None = None
    ) -> None:
        super().__init__(id=f"prompt-{prompt.id}", classes="prompt-card")
        self.prompt = prompt
        self.context = context
        self.authors = self._shown_authors(shown)
        """The authors whose answers the card shows now (visible to the viewer, and shown by
        the prompt's condition)."""
        self.display = bool(self.authors)

    def _visible_authors(self) -> list[Author]:
        context = self.context
        return visible_authors(self.prompt, context.role, context.presenting, context.answer_now)

    def _shown_authors(self, shown: PromptShown | None) -> list[Author]:
        visible = self._visible_authors()
        if shown is None or self.prompt.show_if is None:
            return visible
        return [author for author in visible if shown(self.prompt, author)]

    def follow_conditions(self, shown: PromptShown) -> None:
        """Show the answers whose condition holds now (a deciding answer changed): the card
        is redrawn only when that changes, and hidden while no answer is shown."""
        authors = self._shown_authors(shown)
        if authors == self.authors:
            return
        self.authors = authors
        self.display = bool(authors)
        self.refresh(recompose=True)

    def _answer(self, author: Author, labelled: bool) -> Widget:
        prompt, service = self.prompt, self.context.service
        answer = self.context.answer_now(prompt.id, author)
        value = answer.value if answer else None
        label = AUTHOR_LABELS[author] if labelled else ""
        if not self._editable(author):
            return ReadOnlyAnswer(prompt, value, label)
        if prompt.kind is PromptKind.SCALE:  # one line: as cheap as its text
            return build_editor(prompt, author, value, label=label)
        return AnswerView(prompt, author, service, label)

    def _editable(self, author: Author) -> bool:
        return can_edit(author, self.context.role) and self.context.editable

    def _privacy_toggles(self) -> list[Widget]:
        """For a ``private: optional`` prompt, a line under the viewer's own answer saying
        who sees it, with the key that switches (never on a shared screen)."""
        context = self.context
        if not self.prompt.private_optional or context.presenting:
            return []
        yours = len(self.authors) > 1
        return [
            PrivacyToggle(self.prompt, author, context.role, context.service, yours=yours)
            for author in self.authors
            if self._editable(author)
        ]

    def _conflicts(self, authors: list[Author]) -> list[Widget]:
        """A note per shown answer that another copy also changed."""
        found = [self.context.answer_now(self.prompt.id, author) for author in authors]
        return [
            Static(conflict_text(answer), classes="conflict")
            for answer in found
            if answer is not None and answer.conflicts
        ]

    def heading(self) -> Content:
        """The question and guidance in the viewer's words, and who else answers in private."""
        prompt, context, authors = self.prompt, self.context, self.authors
        hidden = [a for a in authors_for(prompt) if a not in self._visible_authors()]
        note = ""
        if hidden and not context.presenting:
            who = " and ".join(AUTHOR_LABELS[a].lower() for a in hidden)
            note = f"The {who}'s answer is private."
        title, guidance = wording(prompt, context, both_shown=len(authors) > 1)
        return prompt_heading(prompt, note, title=title, guidance=guidance)

    def answers(self) -> list[Widget]:
        """One widget per shown author's answer (side by side when there are several)."""
        labelled = len(authors_for(self.prompt)) > 1 or self.prompt.audience.value == "joint"
        return [self._answer(author, labelled) for author in self.authors]

    def extras(self) -> list[Widget]:
        """What follows the answers: who sees the viewer's own answer when they choose
        (``private: optional``), another copy's conflicting values, earlier sessions'."""
        extras = [*self._privacy_toggles(), *self._conflicts(self.authors)]
        if self.prompt.repeat:  # asked at every session: the earlier sessions' answers beneath
            extras.append(EarlierAnswers(self.context, self.prompt, self.authors))
        return extras

    def compose(self) -> ComposeResult:
        """Heading (question and guidance), then one answer per shown author, then who sees
        the viewer's own answer when they choose (``private: optional``)."""
        yield Static(self.heading(), classes="prompt-heading")
        answers = self.answers()
        if len(answers) == 1:
            yield answers[0]
        elif answers:
            with Horizontal(classes="answers"):
                yield from answers
        yield from self.extras()
