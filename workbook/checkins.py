"""Prompts asked at every session (``repeat: every session``): one answer per session.

A repeating prompt's answer belongs to the session under way (``Answer.session_number``);
earlier sessions' answers stay as its history, shown beneath the current one (read-only), in
the session history and in the exports. Before the first session starts, answers are kept
under no session (as for any other prompt).

A prompt marked ``checkin:`` is one of the programme's check-ins (:data:`CHECKINS`);
:func:`latest_shared_checkins` gives each side's latest shared answer to each.
"""

from __future__ import annotations

from datetime import datetime

from workbook.content.model import Pack, Prompt
from workbook.models import Answer, Author, Role
from workbook.privacy import PrivacyRule
from workbook.service import WorkbookService

CHECKINS: tuple[str, ...] = ("pairing-fit", "on-track", "feedback")
"""The programme check-ins a prompt can be (``checkin:``): does the pairing fit, is the pair on
track, how was the session. The coordinator's report shows each side's latest shared answer."""


def answer_session(service: WorkbookService, prompt: Prompt) -> int | None:
    """The session an answer to ``prompt`` belongs to now: the current session's number for
    a repeating prompt (None before any session), None for a prompt answered once."""
    if not prompt.repeat:
        return None
    session = service.current_session()
    return session.number if session is not None else None


def current_answer(
    service: WorkbookService, prompt: Prompt, author: Author | Role
) -> Answer | None:
    """``author``'s answer to ``prompt`` for now (this session's, for a repeating prompt)."""
    return service.answer(prompt.id, author, answer_session(service, prompt))


def answer_history(
    service: WorkbookService, prompt_id: str, author: Author | Role, *, before: int | None = None
) -> list[Answer]:
    """``author``'s answers to a repeating prompt in earlier sessions, oldest first (with
    ``before``: only sessions before that one). Empty answers are left out."""
    who = Author(author)
    found = [
        a
        for a in service.answers()
        if a.prompt_id == prompt_id
        and a.author is who
        and a.session_number is not None
        and a.filled
        and (before is None or a.session_number < before)
    ]
    return sorted(found, key=lambda a: a.session_number or 0)


def _answer_order(answer: Answer) -> tuple[int, datetime]:
    return (answer.session_number or 0, answer.updated_at)


def latest_shared_checkins(
    service: WorkbookService, pack: Pack, rule: PrivacyRule | None = None
) -> dict[str, dict[Role, Answer]]:
    """Each side's latest shared answer to each of ``pack``'s check-ins: ``{"pairing-fit":
    {Role.MENTEE: answer}}`` (check-ins or sides with no such answer are left out).

    Latest means the latest session's (then the latest edit); a joint answer counts for both
    sides. Empty answers and private ones (``rule``, by default the pack's
    :class:`~workbook.privacy.PrivacyRule`) are never picked.
    """
    rule = rule or PrivacyRule.for_pack(pack)
    checkin_of = {p.id: p.checkin for p in pack.all_prompts() if p.checkin in CHECKINS}
    found: dict[str, dict[Role, Answer]] = {}
    if not checkin_of:
        return found
    for answer in service.answers():
        name = checkin_of.get(answer.prompt_id)
        if name is None or not answer.filled or rule.answer_is_private(answer):
            continue
        sides = list(Role) if answer.author is Author.JOINT else [Role(answer.author.value)]
        by_side = found.setdefault(name, {})
        for side in sides:
            current = by_side.get(side)
            if current is None or _answer_order(answer) > _answer_order(current):
                by_side[side] = answer
    return found
