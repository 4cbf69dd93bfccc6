"""What every answer editor shares: the messages it posts when its value (or, for a
``private: optional`` answer, who sees it) changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from textual.message import Message

from workbook.models import AnswerValue, Author, Visibility


@dataclass
class AnswerEdited(Message):
    """An editor's value changed because the user edited it (never on restore)."""

    prompt_id: str
    author: Author
    value: AnswerValue
    editor: EditorMixin | None = None
    """The editor that made the edit (None: not from an editor)."""
    number: int = 0
    """The edit's place among its editor's edits (1, 2, ...): a later one supersedes it."""


class EditorMixin:
    """Gives an editor its prompt id and author, and numbers its edits so that the workbook
    holds the latest one however their messages arrive.

    An edit's message bubbles up through the card to the workbook a few messages after the
    text changed. The workbook tells the editor which edit it took (:meth:`edit_applied`),
    so that an app stopping meanwhile takes the edits shown but not yet held
    (:meth:`take_unapplied_edit`), and an older message arriving after a newer edit was
    taken is dropped (:meth:`supersedes`).
    """

    prompt_id: str = ""
    author: Author = Author.JOINT
    _edits_made: int = 0
    _edits_applied: int = 0
    _latest_edit: AnswerEdited | None = None

    def bind_answer(self, prompt_id: str, author: Author) -> None:
        """Say which answer this editor edits."""
        self.prompt_id = prompt_id
        self.author = author

    def new_edit(self, value: AnswerValue) -> AnswerEdited:
        """The next edit of this editor, to ``value`` (numbered after the ones before)."""
        self._edits_made += 1
        edit = AnswerEdited(self.prompt_id, self.author, value, self, self._edits_made)
        self._latest_edit = edit
        return edit

    def announce(self, value: AnswerValue) -> None:
        """Post :class:`AnswerEdited` with ``value``."""
        self.post_message(self.new_edit(value))  # type: ignore[attr-defined]

    def take_unannounced_edit(self) -> AnswerEdited | None:
        """The edit shown in this editor but not announced yet, now counted as announced;
        None when there is none.

        A typed key changes the text at once, and its change message reaches the editor's
        handler a few messages later. Text editors override it; the others announce each
        change as it is made.
        """
        return None

    def announce_typed(self) -> None:
        """Post the edit :meth:`take_unannounced_edit` finds, if there is one (a text
        editor's change handler)."""
        edit = self.take_unannounced_edit()
        if edit is not None:
            self.post_message(edit)  # type: ignore[attr-defined]

    def take_unapplied_edit(self) -> AnswerEdited | None:
        """The latest edit shown in this editor that the workbook does not hold yet, whether
        it is still to be announced or its message is on its way; None when it holds it.

        The app stopping (a quit, a closed terminal) or the workbook saving at once takes it,
        so that what is on the screen is what is saved.
        """
        unannounced = self.take_unannounced_edit()
        if unannounced is not None:
            return unannounced
        latest = self._latest_edit
        if latest is None or latest.number <= self._edits_applied:
            return None
        return AnswerEdited(latest.prompt_id, latest.author, latest.value, self, latest.number)

    def supersedes(self, edit: AnswerEdited) -> bool:
        """True when the workbook already holds ``edit`` of this editor or a later one."""
        return edit.number <= self._edits_applied

    def edit_applied(self, edit: AnswerEdited) -> None:
        """The workbook now holds ``edit`` (and so everything this editor did before it)."""
        self._edits_applied = max(self._edits_applied, edit.number)


class ShowsVisibility(Protocol):
    """A widget that says who sees an answer and lets its author switch it."""

    @property
    def prompt_id(self) -> str:
        """The id of the prompt whose answer it is about."""
        ...

    @property
    def author(self) -> Author:
        """Whose answer it is."""
        ...

    def shown_visibility(self) -> Visibility:
        """Who sees the answer, as the widget says now."""
        ...


@dataclass
class VisibilityChosen(Message):
    """The author of a ``private: optional`` answer chose who sees it: shared with the other
    side (and in shared copies and presenting), or private to them again. The answer's value
    is not part of it: the workbook keeps whatever was typed last."""

    prompt_id: str
    author: Author
    visibility: Visibility
    chooser: ShowsVisibility | None = None
    """The widget the choice was made on: what it says when the message arrives is what
    counts (it may have been switched again since)."""
