"""Preparation flowing into the sessions: what each side wrote beforehand, offered as starting
points.

The mentee's draft goals become starting points in the goal editor, the topics both sides
wanted to raise become the first session's agenda, and the people the mentor suggested
talking to can each become an action in one step. The prompts that carry them are named
below by id (the bundled packs' ids; a pack that extends one keeps them). What a person may
see follows :class:`~workbook.privacy.PrivacyRule`: a private draft is offered to its author
only, and to nobody in presenting mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.content.model import Pack
from workbook.errors import UsageError
from workbook.models import ActionItem, Answer, Role
from workbook.privacy import PrivacyRule
from workbook.service import WorkbookService
from workbook.text import format_value, one_line

DRAFT_GOAL_PROMPTS = ("own-goals", "draft-smart-goals", "skills-wanted")
"""Preparation prompts whose answers are draft goals."""
AGENDA_PROMPTS = ("first-meeting-topics", "about-them", "mentoring-interests", "industry-questions")
"""Prompts whose answers are topics for the first session's agenda."""
CONTACT_PROMPTS = ("introductions", "signposting")
"""Prompts whose answers name people the mentee could speak to."""

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class StartingPoint:
    """One line someone wrote beforehand, offered as a starting point."""

    prompt_id: str
    author: str
    text: str


def split_points(value: str) -> list[str]:
    """The points of an answer: one per line (bullets and numbers removed), or the sentence
    list of a one-line answer separated by semicolons."""
    lines = [_BULLET.sub("", line).strip() for line in value.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1 and ";" in lines[0]:
        lines = [part.strip() for part in lines[0].split(";") if part.strip()]
    return [one_line(line) for line in lines]


def _points(
    service: WorkbookService,
    pack: Pack | None,
    prompt_ids: tuple[str, ...],
    viewer: Role | None,
) -> list[StartingPoint]:
    rule = PrivacyRule.for_pack(pack)
    found: list[StartingPoint] = []
    wanted = set(prompt_ids)
    answers: list[Answer] = [
        a
        for a in service.answers()
        if a.prompt_id in wanted and a.filled and a.session_number is None
    ]
    answers.sort(key=lambda a: (prompt_ids.index(a.prompt_id), a.author.value))
    for answer in answers:
        if not rule.visible_to(answer, viewer):
            continue
        value = answer.value
        points = (
            [one_line(item) for item in value if item.strip()]
            if isinstance(value, list)
            else split_points(format_value(value))
        )
        found += [StartingPoint(answer.prompt_id, answer.author.value, p) for p in points]
    return found


def draft_goals(
    service: WorkbookService, pack: Pack | None, viewer: Role | None
) -> list[StartingPoint]:
    """Draft goals from the preparation, as starting points for the goal editor."""
    return _points(service, pack, DRAFT_GOAL_PROMPTS, viewer)


def first_session_agenda(
    service: WorkbookService, pack: Pack | None, viewer: Role | None
) -> list[StartingPoint]:
    """The topics both sides wanted to raise: the first session's agenda."""
    return _points(service, pack, AGENDA_PROMPTS, viewer)


def suggested_contacts(
    service: WorkbookService, pack: Pack | None, viewer: Role | None
) -> list[StartingPoint]:
    """The people suggested as contacts for the mentee, one per point."""
    return _points(service, pack, CONTACT_PROMPTS, viewer)


def action_from_contact(
    service: WorkbookService, contact: str, *, owner: Role = Role.MENTEE
) -> ActionItem:
    """Turn a suggested contact into an action ("Speak to ..."), set in the current session."""
    text = one_line(contact)
    if not text:
        raise UsageError("the suggested contact is empty")
    session = service.current_session()
    return service.save(
        ActionItem(
            text=f"Speak to {text}",
            owner=owner,
            set_in_session=session.number if session is not None else None,
        )
    )
