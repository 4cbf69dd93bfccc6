"""Which questions are shown, given the answers so far: the rule behind ``show if``.

A prompt with ``show if: meeting-mode is Other`` is shown only while the answer to
``meeting-mode`` is one of the values named. This module only decides; it reads answers
through a lookup (``WorkbookService.answer`` fits) and changes nothing, so the screens, the
progress count and the exports can all ask it. A hidden question's answers are kept: they
come back when the condition holds again.

Whose answer decides, for the person (``author``) a prompt is shown to:

- a joint deciding prompt: its joint answer, for everyone;
- a deciding prompt ``author`` answers themselves: their own answer (each person's answer
  decides for them);
- otherwise (a joint question after a "both" choice, the mentee's question after a mentor's
  choice): any of the deciding prompt's answers.

A deciding prompt that is itself hidden shows nothing that depends on it. A deciding prompt
asked every session (``repeat``) decides by its answer in the same session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbook.content.model import Audience, Pack, Prompt
from workbook.models import Answer, AnswerValue, Author
from workbook.visibility import authors_for

if TYPE_CHECKING:
    from workbook.service import WorkbookService

PromptShown = Callable[[Prompt, Author], bool]
"""Whether ``prompt`` is shown for ``author`` now (False: hidden by a condition)."""

SessionAnswers = Callable[[str, Author, int | None], Answer | None]
"""Finds the answer to a prompt id by an author in a session (None: the once-only answer):
:meth:`workbook.service.WorkbookService.answer`."""


def value_matches(value: AnswerValue, wanted: tuple[str, ...]) -> bool:
    """True when an answer ``value`` is one of ``wanted`` (a choice, any ticked item of a
    list, ``yes``/``no``, a scale point; compared without case)."""
    folded = {item.casefold() for item in wanted}
    if isinstance(value, bool):
        return ("yes" if value else "no") in folded
    if isinstance(value, int):
        return str(value) in folded
    if isinstance(value, str):
        return value.strip().casefold() in folded
    if isinstance(value, list):
        return any(item.strip().casefold() in folded for item in value)
    return False


class Conditions:
    """Decides ``show if`` for one pack, one set of answers and one session.

    Build it once and ask :meth:`shown` for every prompt: results are remembered, so a whole
    pack costs time linear in its size. ``shown`` is the predicate the progress count takes.
    """

    def __init__(self, pack: Pack, answers: SessionAnswers, session: int | None = None) -> None:
        self._answers = answers
        self._session = session
        self._prompts = {prompt.id: prompt for prompt in pack.all_prompts()}
        self._known: dict[tuple[str, Author], bool] = {}

    def shown(self, prompt: Prompt, author: Author) -> bool:
        """True when ``prompt`` is shown for ``author``'s answer (always, without ``show if``)."""
        key = (prompt.id, author)
        known = self._known.get(key)
        if known is not None:
            return known
        # The deciding prompts first, without recursion (a chain of conditions may be long):
        # a plain stack of what is still to decide, each popped once its deciders are known.
        stack = [(prompt, author)]
        waiting = {key}
        while stack:
            current, who = stack[-1]
            pending = [
                need
                for need in self._needs(current, who)
                if (need[0].id, need[1]) not in self._known and (need[0].id, need[1]) not in waiting
            ]
            if pending:
                stack.extend(pending)
                waiting.update((decider.id, deciding) for decider, deciding in pending)
                continue
            stack.pop()
            self._known[(current.id, who)] = self._decide(current, who)
        return self._known[key]

    def _decider(self, prompt: Prompt) -> Prompt | None:
        condition = prompt.show_if
        decider = self._prompts.get(condition.prompt) if condition else None
        return None if decider is prompt else decider

    def _needs(self, prompt: Prompt, author: Author) -> list[tuple[Prompt, Author]]:
        """The (prompt, author) pairs whose being shown decides ``prompt`` for ``author``."""
        decider = self._decider(prompt)
        if decider is None:
            return []
        return [(decider, deciding) for deciding in _deciding_authors(decider, author)]

    def _decide(self, prompt: Prompt, author: Author) -> bool:
        """``prompt`` for ``author``, once every pair :meth:`_needs` names is decided (a pair
        still undecided is one in a loop of conditions, which a valid pack never has)."""
        condition = prompt.show_if
        decider = self._decider(prompt)
        if condition is None or decider is None:
            return True  # no condition, or one naming no other prompt: showing loses nothing
        session = self._session if decider.repeat else None
        for deciding in _deciding_authors(decider, author):
            if not self._known.get((decider.id, deciding), True):
                continue
            answer = self._answers(decider.id, deciding, session)
            if answer is not None and value_matches(answer.value, condition.values):
                return True
        return False


def _deciding_authors(decider: Prompt, author: Author) -> list[Author]:
    """Whose answers to ``decider`` decide for ``author`` (see the module docstring)."""
    if decider.audience is Audience.JOINT:
        return [Author.JOINT]
    authors = authors_for(decider)
    return [author] if author in authors else authors


def is_shown(
    prompt: Prompt,
    author: Author,
    pack: Pack,
    answers: SessionAnswers,
    session: int | None = None,
) -> bool:
    """True when ``prompt`` of ``pack`` is shown for ``author``'s answer, given ``answers``.

    For one question; to ask about many, build one :class:`Conditions` and use its ``shown``.
    """
    return Conditions(pack, answers, session).shown(prompt, author)


def pack_conditions(service: WorkbookService, pack: Pack) -> PromptShown:
    """The ``show if`` predicate for ``pack`` on ``service``'s answers now (repeating
    questions decide by their answers in the current session)."""
    current = service.current_session()
    return Conditions(pack, service.answer, current.number if current else None).shown


def deciding_prompt_ids(pack: Pack) -> frozenset[str]:
    """The ids of the prompts whose answers decide whether another prompt is shown: a change
    to one of them may show or hide questions (a change to any other never does)."""
    return frozenset(prompt.show_if.prompt for prompt in pack.all_prompts() if prompt.show_if)
