"""Prompts asked at every session (``repeat: every session``): one answer per session.

A repeating prompt's answer belongs to the session under way (``Answer.session_number``);
earlier sessions' answers stay as its history, shown beneath the current one (read-only), in
the session history and in the exports. Before the first session starts, answers are kept
under no session (as for any other prompt).
"""

from __future__ import annotations

from workbook.content.model import Prompt
from workbook.models import Answer, Author, Role
from workbook.service import WorkbookService


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
