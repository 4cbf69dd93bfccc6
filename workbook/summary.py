"""One-line summaries of relationships, for ``mentor-workbook list`` and the home screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from workbook.agreement_state import AgreementState, agreement_status
from workbook.content.model import Pack
from workbook.errors import WorkbookError
from workbook.models import Relationship
from workbook.progress import pack_progress
from workbook.service import WorkbookService
from workbook.sessions import next_meeting

__all__ = ["AgreementState", "PackLookup", "RelationshipSummary", "lenient_lookup", "summarize"]


class RelationshipSummary(BaseModel):
    """What the list of relationships shows about one of them."""

    path: Path
    slug: str
    """The file's own name without ``.json``: what ``open`` and the other commands accept
    (never the slug stored inside the file, which a received copy could set to anything)."""
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
    agreement_detail: str = ""
    """The agreement's state in words (``changed since acknowledged: 2 sections (...)``)."""
    progress_detail: str = ""
    """The owner's progress by part (``yours 8/8 · theirs 3/8 · together 2/4``)."""
    review_on: date | None = None
    """When the agreement is due for review (None before it is acknowledged)."""
    next_meeting: datetime | None = None
    """The next meeting from the start of the summary's day (a meeting earlier that day still
    counts: summaries are kept for a day by :mod:`workbook.summary_index`), UTC."""
    overdue_actions: int = 0
    """Open action items (homework included) whose due date has passed."""
    owner: str = ""
    """Whose copy the file is (``mentor`` or ``mentee``): the side that answers in it on
    this machine ("" when it could not be read)."""
    problem: str = ""
    """Why the file could not be read, when it could not (the other fields are then empty)."""

    @property
    def progress(self) -> str:
        """Done out of counted items (see :mod:`workbook.progress`), e.g. ``12/40``."""
        return f"{self.answered}/{self.answerable}" if self.answerable else str(self.answered)


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
    path: Path, pack_for: PackLookup | None = None, today: date | None = None
) -> RelationshipSummary:
    """Read ``path`` (without locking it) and summarise it as of ``today``; damaged files give a
    problem row."""
    try:
        service = WorkbookService.open(path, read_only=True)
    except WorkbookError as error:
        return RelationshipSummary(path=path, slug=path.stem, problem=str(error))
    rel: Relationship = service.relationship
    pack = pack_for(rel.pack_id) if pack_for is not None else None
    sessions = service.sessions()
    day = today or date.today()
    agreement = agreement_status(service, pack, day)
    progress = pack_progress(service, pack, rel.owner_role, today=day) if pack else None
    overall = progress.overall if progress else None
    return RelationshipSummary(
        path=path,
        slug=path.stem,
        mentor=rel.mentor,
        mentee=rel.mentee,
        pack_id=rel.pack_id,
        started_on=rel.started_on,
        last_session=sessions[-1].held_on if sessions else None,
        sessions=len(sessions),
        answered=overall.done if overall else 0,
        answerable=overall.total if overall else 0,
        status=rel.status.value,
        agreement=agreement.state,
        agreement_detail=agreement.label(rel),
        progress_detail=progress.label() if progress else "",
        review_on=agreement.review_on,
        next_meeting=_next_meeting_from(service, day),
        overdue_actions=sum(item.is_overdue(day) for item in service.actions()),
        owner=rel.owner_role.value,
    )


def _next_meeting_from(service: WorkbookService, day: date) -> datetime | None:
    found = next_meeting(service, datetime.combine(day, time()).astimezone())
    return found.at if found is not None else None
