"""Who sees and who edits which answer, in each role and in presenting (screen-share) mode.

Privacy is decided by the one rule (:func:`workbook.privacy.answer_is_private`): an answer is
private when its prompt is private now *or* it was given as private. So every decision here
takes the stored answer into account (through an :data:`AnswerLookup`): an answer given in
confidence stays hidden from the other side and from an audience even after the pack stops
calling its prompt private.
"""

from __future__ import annotations

from collections.abc import Callable

from workbook.content.model import Audience, Prompt, SessionTag
from workbook.models import Answer, Author, Role
from workbook.privacy import answer_is_private

AnswerLookup = Callable[[str, Author], Answer | None]
"""Finds the answer to a prompt id by an author (e.g. ``WorkbookService.answer``)."""


def authors_for(prompt: Prompt) -> list[Author]:
    """Whose answers a prompt holds: one side, both sides separately, or one joint answer."""
    return {
        Audience.MENTOR: [Author.MENTOR],
        Audience.MENTEE: [Author.MENTEE],
        Audience.BOTH: [Author.MENTOR, Author.MENTEE],
        Audience.JOINT: [Author.JOINT],
    }[prompt.audience]


def hidden_when_presenting(prompt: Prompt) -> bool:
    """Private prompts and the mentor's own preparation never show on a shared screen."""
    mentor_preparation = prompt.audience is Audience.MENTOR and prompt.session is SessionTag.BEFORE
    return prompt.private or mentor_preparation


def can_see(
    prompt: Prompt, author: Author, role: Role, presenting: bool, answer: Answer | None
) -> bool:
    """True when someone answering as ``role`` may see ``author``'s answer to ``prompt``
    (``answer``: that answer as stored, None when there is none yet).

    Private (prompt private now, or answer given as private): only its author's role sees it,
    a joint one both roles, and never an audience (presenting)."""
    if presenting and hidden_when_presenting(prompt):
        return False
    private = prompt.private or (answer is not None and answer_is_private(answer, prompt))
    if not private:
        return True
    if presenting:
        return False
    return author is Author.JOINT or author.value == role.value


def can_edit(author: Author, role: Role) -> bool:
    """True when ``role`` may change ``author``'s answer (its own, or a joint one)."""
    return author is Author.JOINT or author.value == role.value


def visible_authors(
    prompt: Prompt, role: Role, presenting: bool, lookup: AnswerLookup
) -> list[Author]:
    """The authors whose answers to ``prompt`` are shown to ``role`` (``lookup`` finds the
    stored answers: e.g. ``WorkbookService.answer``)."""
    return [
        author
        for author in authors_for(prompt)
        if can_see(prompt, author, role, presenting, lookup(prompt.id, author))
    ]
