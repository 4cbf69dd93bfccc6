"""What every answer editor shares: the messages it posts when its value (or, for a
``private: optional`` answer, who sees it) changes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from workbook.models import AnswerValue, Author, Visibility


@dataclass
class AnswerEdited(Message):
    """An editor's value changed because the user edited it (never on restore)."""

    prompt_id: str
    author: Author
    value: AnswerValue


class EditorMixin:
    """Gives an editor its prompt id and author and a helper to post :class:`AnswerEdited`."""

    prompt_id: str = ""
    author: Author = Author.JOINT

    def bind_answer(self, prompt_id: str, author: Author) -> None:
        """Say which answer this editor edits."""
        self.prompt_id = prompt_id
        self.author = author

    def announce(self, value: AnswerValue) -> None:
        """Post :class:`AnswerEdited` with ``value``."""
        self.post_message(AnswerEdited(self.prompt_id, self.author, value))  # type: ignore[attr-defined]

    def take_unannounced_edit(self) -> AnswerEdited | None:
        """The edit shown in this editor but not announced yet, now counted as announced;
        None when there is none.

        A typed key changes the text at once, and its announcement reaches the workbook a
        few messages later. An app stopping in between (a quit, a closed terminal) takes
        this edit so that what is on the screen is what is saved. Text editors override it;
        the others announce each change as it is made.
        """
        return None

    def announce_typed(self) -> None:
        """Post the edit :meth:`take_unannounced_edit` finds, if there is one (a text
        editor's change handler)."""
        edit = self.take_unannounced_edit()
        if edit is not None:
            self.post_message(edit)  # type: ignore[attr-defined]


@dataclass
class VisibilityChosen(Message):
    """The author of a ``private: optional`` answer chose who sees it: shared with the other
    side (and in shared copies and presenting), or private to them again. The answer's value
    is not part of it: the workbook keeps whatever was typed last."""

    prompt_id: str
    author: Author
    visibility: Visibility
