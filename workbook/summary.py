"""One-line summaries of relationships, for ``mentor-workbook list`` and the home screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from workbook.content.model import Pack
from workbook.errors import WorkbookError
from workbook.models import Answer, Cadence, Relationship, utc_now
from workbook.service import WorkbookService

DAYS_A_MONTH = 30.44
"""The mean length of a month, to space "N times a month" meetings."""


class AgreementState(StrEnum):
    """Where the mentoring agreement stands."""

    NONE = "none"
    AWAITING = "awaiting acknowledgement"
    ACKNOWLEDGED = "acknowledged"
    REVIEW_DUE = "review due"


class RelationshipSummary(BaseModel):
    """What the list of relationships shows about one of them."""

    path: Path
    slug: str
    mentor: str = ""
    mentee: str = ""
    pack_id: str = ""
    started_on: date | None = None
    last_session: date | None = None
    sessions: int = 0
    answered: int = 0
    answerable: int = 0
    status: str = ""
    agreement: AgreementState = AgreementState.NONE
    review_on: date | None = None
    """When the latest agreement is due for review (None before there is one)."""
    next_meeting: datetime | None = None
    """The next meeting to come: the one agreed at the last session's close, else the next
    of the cadence's series (UTC; None when neither says)."""
    overdue_actions: int = 0
    """Open action items (homework included) whose due date has passed."""
    problem: str = ""
    """Why the file could not be read, when it could not (the other fields are then empty)."""

    @property
    def progress(self) -> str:
        """Answered prompts as a share, e.g. ``12/40``."""
        return f"{self.answered}/{self.answerable}" if self.answerable else str(self.answered)


def answered_prompt_ids(answers: list[Answer]) -> set[str]:
    """Ids of the prompts that have at least one non-empty answer."""
    return {answer.prompt_id for answer in answers if answer.filled}


def agreement_state(service: WorkbookService, today: date | None = None) -> AgreementState:
    """The agreement's state: none, awaiting acknowledgement, acknowledged or review due."""
    versions = service.agreements()
    if not versions:
        return AgreementState.NONE
    latest = versions[-1]
    if not latest.fully_acknowledged:
        return AgreementState.AWAITING
    if latest.review_on <= (today or date.today()):
        return AgreementState.REVIEW_DUE
    return AgreementState.ACKNOWLEDGED


def meeting_interval(cadence: Cadence) -> timedelta:
    """The time between two meetings of ``cadence``."""
    if cadence.times_per_month:
        return timedelta(days=round(DAYS_A_MONTH / cadence.times_per_month))
    return timedelta(weeks=cadence.every_weeks)


def next_in_series(cadence: Cadence | None, after: datetime) -> datetime | None:
    """The first meeting of the cadence's series later than ``after`` (within its count)."""
    if cadence is None or cadence.first_meeting is None:
        return None
    first, step = cadence.first_meeting, meeting_interval(cadence)
    index = 0 if first > after else (after - first) // step + 1
    if cadence.count is not None and index >= cadence.count:
        return None
    return first + step * index


def next_meeting(service: WorkbookService, now: datetime | None = None) -> datetime | None:
    """The next meeting after ``now``: the one agreed at the latest session's close if it is
    still to come, else the next of the cadence's series."""
    now = now or utc_now()
    session = service.current_session()
    if session is not None and session.next_meeting is not None and session.next_meeting > now:
        return session.next_meeting
    return next_in_series(service.relationship.cadence, now)


PackLookup = Callable[[str], Pack | None]
"""Finds a relationship's pack by id (None when it is missing or broken)."""


def lenient_lookup(catalog: Any) -> PackLookup:
    """A :data:`PackLookup` over a pack catalog that answers None for missing or broken packs."""
    cache: dict[str, Pack | None] = {}

    def find(pack_id: str) -> Pack | None:
        if pack_id not in cache:
            try:
                cache[pack_id] = catalog.load(pack_id)
            except WorkbookError:
                cache[pack_id] = None
        return cache[pack_id]

    return find


def summarize(
    path: Path,
    pack_for: PackLookup | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> RelationshipSummary:
    """Read ``path`` (without locking it) and summarise it; damaged files give a problem row."""
    try:
        service = WorkbookService.open(path, read_only=True)
    except WorkbookError as error:
        return RelationshipSummary(path=path, slug=path.stem, problem=str(error))
    rel: Relationship = service.relationship
    pack = pack_for(rel.pack_id) if pack_for is not None else None
    sessions = service.sessions()
    versions = service.agreements()
    answered = answered_prompt_ids(service.answers())
    answerable = (
        {p.id for p in pack.all_prompts() if not p.kind.is_structured}
        if pack is not None
        else set()
    )
    return RelationshipSummary(
        path=path,
        slug=rel.slug,
        mentor=rel.mentor,
        mentee=rel.mentee,
        pack_id=rel.pack_id,
        started_on=rel.started_on,
        last_session=sessions[-1].held_on if sessions else None,
        sessions=len(sessions),
        answered=len(answered & answerable) if answerable else len(answered),
        answerable=len(answerable),
        status=rel.status.value,
        agreement=agreement_state(service, today),
        review_on=versions[-1].review_on if versions else None,
        next_meeting=next_meeting(service, now),
        overdue_actions=sum(item.is_overdue(today or date.today()) for item in service.actions()),
    )
