"""Builders for the coordinator's report tests: a programme pack with check-ins, pairs in a
folder with known facts, and the report run on a fixed day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from core_helpers import make_pack, new_service

from workbook.content.model import Audience, Pack, Prompt, PromptKind, Tab
from workbook.models import Role
from workbook.report.reading import ReportData, read_report
from workbook.service import WorkbookService

TODAY = date(2025, 3, 1)
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def checkin_pack() -> Pack:
    """The core tests' pack plus the three programme check-ins asked at every session, a
    private check-in and a check-in each side may choose to share; four sessions planned."""
    checkins = Tab(
        id="checkins",
        title="Check-in",
        prompts=(
            Prompt(
                id="fit",
                title="Does the pairing fit?",
                kind=PromptKind.SINGLE_CHOICE,
                options=("Good fit", "Not sure", "Poor fit"),
                repeat=True,
                checkin="pairing-fit",
            ),
            Prompt(
                id="on-track",
                title="Are we on track?",
                kind=PromptKind.YES_NO,
                repeat=True,
                checkin="on-track",
            ),
            Prompt(
                id="feedback",
                title="How was the session?",
                kind=PromptKind.SCALE,
                scale_min=1,
                scale_max=5,
                repeat=True,
                checkin="feedback",
            ),
            Prompt(
                id="fit-private",
                title="Honestly, does it fit?",
                kind=PromptKind.SHORT_TEXT,
                private=True,
                repeat=True,
                checkin="pairing-fit",
            ),
            Prompt(
                id="fit-optional",
                title="Anything for the programme?",
                kind=PromptKind.SHORT_TEXT,
                private_optional=True,
                audience=Audience.BOTH,
                repeat=True,
                checkin="on-track",
            ),
        ),
    )
    pack = make_pack()
    return pack.model_copy(update={"tabs": (*pack.tabs, checkins), "planned_sessions": 4})


def pack_lookup(pack: Pack | None = None) -> Any:
    """A pack lookup that knows only ``pack`` (default: :func:`checkin_pack`)."""
    known = pack or checkin_pack()
    return lambda pack_id: known if pack_id == known.id else None


def new_pair(
    folder: Path,
    mentor: str = "Ada Mentor",
    mentee: str = "Ben Mentee",
    *,
    started_on: date = date(2025, 1, 6),
    role: Role = Role.MENTOR,
) -> WorkbookService:
    """A new relationship file in ``folder``, open for writing (see ``new_service``)."""
    return new_service(folder, role=role, started_on=started_on, mentor=mentor, mentee=mentee)


def report_of(folder: Path, pack: Pack | None = None, **options: Any) -> ReportData:
    """The report of ``folder`` on :data:`TODAY`."""
    return read_report(folder, pack_lookup(pack), today=TODAY, now=NOW, **options)


def edit_raw(path: Path, change: Any) -> None:
    """Change a relationship file's JSON directly (a hostile or odd copy): ``change(data)``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time (nanoseconds)."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
