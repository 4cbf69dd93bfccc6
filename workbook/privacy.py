"""The one privacy rule, used by every view, copy, export, merge and report.

An answer is private when it was given as private **or** its prompt is private now: the
stricter of the two always wins, so neither a pack edit nor a stored flag can reveal an answer
given in confidence. Private notes are always private. Goals, actions, sessions' shared notes
and agreements are shared by nature.

Everything that decides what another person, an audience (presenting mode) or a file may see
asks :class:`PrivacyRule`; nothing else reads ``Answer.visibility`` or ``Prompt.private`` to
decide it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from workbook.models import Answer, Note, Role, StoredModel, Visibility

if TYPE_CHECKING:
    from workbook.content.model import Pack, Prompt

ItemT = TypeVar("ItemT", bound=StoredModel)


def answer_is_private(answer: Answer, prompt: Prompt | None) -> bool:
    """True when ``answer`` is private: stored as private, or its prompt is private now."""
    return answer.visibility is Visibility.PRIVATE or (prompt is not None and prompt.private)


def new_answer_visibility(prompt: Prompt | None) -> Visibility:
    """How a new answer to ``prompt`` is stored: private for a private prompt and for a
    ``private: optional`` one (private until its author chooses to share it), else shared."""
    private = prompt is not None and (prompt.private or prompt.private_optional)
    return Visibility.PRIVATE if private else Visibility.SHARED


class PrivacyRule:
    """Decides what is private for one relationship, given the prompts its pack marks private.

    Build it with :meth:`for_pack` (or from prompt ids when no pack object is at hand). A
    relationship whose pack cannot be loaded gets the rule of its stored flags only: the pack
    can then not make anything *more* private, which callers that write copies must weigh.
    """

    def __init__(self, private_prompt_ids: Iterable[str] = ()) -> None:
        self.private_prompt_ids = frozenset(private_prompt_ids)

    @classmethod
    def for_pack(cls, pack: Pack | None) -> PrivacyRule:
        """The rule for a relationship using ``pack`` (None: stored flags only)."""
        if pack is None:
            return cls()
        return cls(prompt.id for prompt in pack.all_prompts() if prompt.private)

    def prompt_is_private(self, prompt_id: str) -> bool:
        """True when the pack marks ``prompt_id`` private."""
        return prompt_id in self.private_prompt_ids

    def answer_is_private(self, answer: Answer) -> bool:
        """True when ``answer`` is private (see :func:`answer_is_private`)."""
        return (
            answer.visibility is Visibility.PRIVATE or answer.prompt_id in self.private_prompt_ids
        )

    def is_private(self, item: StoredModel) -> bool:
        """True for private notes and private answers; everything else is shared."""
        if isinstance(item, Note):
            return True
        return isinstance(item, Answer) and self.answer_is_private(item)

    def visible_to(self, item: StoredModel, role: Role | None) -> bool:
        """True when ``role`` may see ``item``; None is an audience (nothing private at all)."""
        if not self.is_private(item):
            return True
        if role is None:
            return False
        author = getattr(item, "author", None)
        return author is not None and author.value == role.value

    def public_only(self, items: Iterable[ItemT]) -> list[ItemT]:
        """``items`` without anything private."""
        return [item for item in items if not self.is_private(item)]


STORED_FLAGS_ONLY = PrivacyRule()
"""The rule when no pack is known: only what was stored as private (and notes) is private."""
