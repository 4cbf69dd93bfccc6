"""Who sees and who edits which answer, in each role and in presenting (screen-share) mode."""

from __future__ import annotations

from collections.abc import Callable

from workbook.content.model import Audience, Prompt, SessionTag, Tab
from workbook.models import Answer, Author, Role

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


def can_see(prompt: Prompt, author: Author, role: Role, presenting: bool) -> bool:
    """True when someone answering as ``role`` may see ``author``'s answer to ``prompt``."""
    if presenting and hidden_when_presenting(prompt):
        return False
    if prompt.private:
        return author.value == role.value
    return True


def can_edit(author: Author, role: Role) -> bool:
    """True when ``role`` may change ``author``'s answer (its own, or a joint one)."""
    return author is Author.JOINT or author.value == role.value


def visible_authors(prompt: Prompt, role: Role, presenting: bool) -> list[Author]:
    """The authors whose answers to ``prompt`` are shown to ``role``."""
    return [author for author in authors_for(prompt) if can_see(prompt, author, role, presenting)]


def has_value(answer: Answer | None) -> bool:
    """True when there is an answer and it holds something."""
    return answer is not None and answer.filled


def prompt_complete(prompt: Prompt, lookup: AnswerLookup, role: Role, presenting: bool) -> bool:
    """True when every visible author has answered ``prompt``."""
    authors = visible_authors(prompt, role, presenting)
    return bool(authors) and all(has_value(lookup(prompt.id, author)) for author in authors)


def counted_prompts(tab: Tab, role: Role, presenting: bool) -> list[Prompt]:
    """The prompts of ``tab`` that count towards its progress (answerable and visible)."""
    return [
        prompt
        for prompt in tab.prompts
        if not prompt.kind.is_structured and visible_authors(prompt, role, presenting)
    ]


def tab_progress(tab: Tab, lookup: AnswerLookup, role: Role, presenting: bool) -> tuple[int, int]:
    """(answered, total) of a tab's counted prompts, e.g. (3, 6) for "Rapport 3/6"."""
    prompts = counted_prompts(tab, role, presenting)
    done = sum(prompt_complete(p, lookup, role, presenting) for p in prompts)
    return done, len(prompts)
