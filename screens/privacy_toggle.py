"""Who sees a ``private: optional`` answer, said under it and switched by its author.

A ``private: optional`` answer starts private (:func:`workbook.privacy.new_answer_visibility`);
its author shares it, or makes it private again, here: ``p`` (or ``space``, ``enter``, a
click) on this one line, which always says what is true now ("Only you see this · press p to
share"). Nothing else changes the choice: editing keeps it
(:func:`workbook.privacy.visibility_for_edit`), and what the other side, presenting mode and
shared copies see follows from it through the one privacy rule.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from screens.editors.base import VisibilityChosen
from workbook.content.model import Prompt
from workbook.models import Author, Role, Visibility
from workbook.privacy import answer_is_private
from workbook.service import WorkbookService

SHARE_KEY = "p"
"""The key that shares the answer or makes it private again (named in the line itself)."""


def privacy_line(author: Author, viewer: Role, private: bool, *, yours: bool = False) -> Content:
    """What the line says for ``author``'s answer seen by its author ``viewer``: who sees it
    and what the key does. ``yours`` starts it with "Your answer:" (a card showing both)."""
    if author is Author.JOINT:
        who = "Only the two of you see this" if private else "Shared"
    else:
        who = "Only you see this" if private else f"Shared with your {viewer.other.value}"
    does = "share" if private else "make it private"
    sentence = f"Your answer: {who[:1].lower()}{who[1:]}" if yours else who
    return Content.assemble(
        (sentence, "italic" if private else "bold"),
        (f" · press {SHARE_KEY} to {does}", "$text-muted"),
    )


class PrivacyToggle(Static, can_focus=True):
    """The line under a ``private: optional`` answer: who sees it; ``p`` switches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SHARE_KEY, "switch", "Share / private"),
        Binding("space,enter", "switch", "Share / private", show=False),
    ]

    def __init__(
        self,
        prompt: Prompt,
        author: Author,
        viewer: Role,
        service: WorkbookService,
        *,
        yours: bool = False,
    ) -> None:
        self.prompt = prompt
        self.author = author
        self.viewer = viewer
        self.yours = yours
        answer = service.answer(prompt.id, author)
        self.private = answer is None or answer_is_private(answer, prompt)
        """True while the answer is private (a first answer is)."""
        super().__init__(self._line(), classes="privacy-toggle", markup=False)
        self.set_class(not self.private, "-shared")

    def _line(self) -> Content:
        return privacy_line(self.author, self.viewer, self.private, yours=self.yours)

    @property
    def prompt_id(self) -> str:
        """The id of the prompt whose answer this line is about."""
        return self.prompt.id

    def shown_visibility(self) -> Visibility:
        """Who sees the answer, as the line says now."""
        return Visibility.PRIVATE if self.private else Visibility.SHARED

    def action_switch(self) -> None:
        """Share the answer, or make it private again."""
        self.private = not self.private
        self.post_message(
            VisibilityChosen(self.prompt.id, self.author, self.shown_visibility(), self)
        )
        self.update(self._line())
        self.set_class(not self.private, "-shared")

    def on_click(self) -> None:
        """A click switches too."""
        self.action_switch()
