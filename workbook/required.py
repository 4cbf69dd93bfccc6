"""Required questions not answered yet: what ``required: yes`` means (issue #16).

A required question still open is listed, with the step it is on, at the close of a meeting
and before the agreement is acknowledged. What counts and what is done are the progress rule's
(:mod:`workbook.progress`), so the list and the step bar never disagree: a prompt counts once
per author the viewer may see, the other person's private prompts are left out (their answers
never reach this file), and so are statements, questions hidden by ``show if`` and structured
prompts with nothing to hold (a homework review with no homework).

Only questions due by the session being held are listed: the preparation and the sessions up
to this one, never the follow-up after the programme.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from workbook.conditions import pack_conditions
from workbook.content.model import Pack, Prompt, PromptKind, SessionTag, Tab
from workbook.models import Author, Role
from workbook.progress import agreement_if_needed, counted_items
from workbook.service import WorkbookService
from workbook.text import one_line

SESSION_OF_TAG = {SessionTag.FIRST: 1, SessionTag.SECOND: 2}
"""The session number a session-tagged question belongs to."""


def due_by(tag: SessionTag, session_number: int | None) -> bool:
    """True when a question tagged ``tag`` is due by session ``session_number`` (None: before
    the first session): preparation and untagged questions always, a session's questions from
    that session on, the follow-up never."""
    if tag is SessionTag.AFTER:
        return False
    needed = SESSION_OF_TAG.get(tag)
    return needed is None or (session_number is not None and session_number >= needed)


@dataclass(frozen=True)
class Unanswered:
    """One author's part of a required question, not answered yet."""

    prompt: Prompt
    tab: Tab
    author: Author

    def line(self, viewer: Role) -> str:
        """``Preparation: What do you hope to get out of it? (mentee)`` in ``viewer``'s
        wording, on one printable line."""
        who = "together" if self.author is Author.JOINT else self.author.value
        return one_line(f"{self.tab.title}: {self.prompt.title_for(viewer.value)} ({who})")


def unanswered_required(
    service: WorkbookService,
    pack: Pack,
    viewer: Role,
    *,
    presenting: bool = False,
    session_number: int | None = None,
    leave_out: Collection[PromptKind] = (),
    today: date | None = None,
) -> list[Unanswered]:
    """The required questions ``viewer`` can see that are not done yet, by step, due by
    session ``session_number`` (default: the session held now). Kinds in ``leave_out`` are
    not listed (acknowledging the agreement leaves out the agreement itself)."""
    if session_number is None:
        current = service.current_session()
        session_number = current.number if current is not None else None
    shown = pack_conditions(service, pack)
    found: list[Unanswered] = []
    for tab in pack.tabs:
        prompts = [
            p
            for p in tab.prompts
            if p.required and p.kind not in leave_out and due_by(p.session, session_number)
        ]
        if not prompts:
            continue
        agreement = agreement_if_needed(service, pack, prompts, today)
        found += [
            Unanswered(item.prompt, tab, item.author)
            for item in counted_items(
                service, prompts, viewer, presenting=presenting, shown=shown, agreement=agreement
            )
            if not item.done
        ]
    return found


def summary_lines(
    missing: list[Unanswered], viewer: Role, limit: int = 6, bullet: str = "• "
) -> list[str]:
    """At most ``limit`` lines for a short list, each after ``bullet``; when there are more,
    the last line says how many (``… and 9 more``)."""
    lines = [bullet + item.line(viewer) for item in missing]
    if len(lines) <= limit:
        return lines
    rest = len(lines) - (limit - 1)
    return [*lines[: limit - 1], f"… and {rest} more"]
