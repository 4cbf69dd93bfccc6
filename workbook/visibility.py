"""Who sees and who edits which answer, in each role and in presenting (screen-share) mode.

Privacy is decided by the one rule (:func:`workbook.privacy.answer_is_private`): an answer is
private when its prompt is private now *or* it was given as private. So every decision here
takes the stored answer into account (through an :data:`AnswerLookup`): an answer given in
confidence stays hidden from the other side and from an audience even after the pack stops
calling its prompt private.
"""

from __future__ import annotations

from collections.abc import Callable

from workbook.content.model import Audience, Prompt, SessionTag, Tab
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


def has_value(answer: Answer | None) -> bool:
    """True when there is an answer and it holds something."""
    return answer is not None and answer.filled


PromptShown = Callable[[Prompt, Author], bool]
"""Whether ``prompt`` is shown for ``author`` now (``show if``: :mod:`workbook.conditions`)."""


def counted_authors(
    prompt: Prompt,
    lookup: AnswerLookup,
    role: Role,
    presenting: bool,
    shown: PromptShown | None = None,
) -> list[Author]:
    """The authors whose answers to ``prompt`` count for ``role``: those visible, and shown
    by the prompt's condition (``shown``; None: no condition applied)."""
    authors = visible_authors(prompt, role, presenting, lookup)
    return [author for author in authors if shown is None or shown(prompt, author)]


def prompt_complete(
    prompt: Prompt,
    lookup: AnswerLookup,
    role: Role,
    presenting: bool,
    shown: PromptShown | None = None,
) -> bool:
    """True when every counted author (see :func:`counted_authors`) has answered ``prompt``."""
    authors = counted_authors(prompt, lookup, role, presenting, shown)
    return bool(authors) and all(has_value(lookup(prompt.id, author)) for author in authors)


def counted_prompts(
    tab: Tab,
    role: Role,
    presenting: bool,
    lookup: AnswerLookup,
    shown: PromptShown | None = None,
) -> list[Prompt]:
    """The prompts of ``tab`` that count towards its progress: answerable (not a statement,
    which nobody answers), visible, and not hidden by their condition (``shown``)."""
    return [
        prompt
        for prompt in tab.prompts
        if prompt.kind.takes_answer and counted_authors(prompt, lookup, role, presenting, shown)
    ]


def tab_progress(
    tab: Tab,
    lookup: AnswerLookup,
    role: Role,
    presenting: bool,
    shown: PromptShown | None = None,
) -> tuple[int, int]:
    """(answered, total) of a tab's counted prompts, e.g. (3, 6) for "Rapport 3/6"
    (``shown``: the pack's conditions, so that a question ``show if`` hides does not count)."""
    prompts = counted_prompts(tab, role, presenting, lookup, shown)
    done = sum(prompt_complete(p, lookup, role, presenting, shown) for p in prompts)
    return done, len(prompts)
