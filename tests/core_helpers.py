"""Builders shared by the core tests: a small pack and a fresh relationship in ``tmp_path``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbook.content.model import Audience, Pack, Prompt, PromptKind, Tab
from workbook.models import Role
from workbook.service import WorkbookService

PRIVATE_MARKER = "ZZ-PRIVATE-MARKER-7731"


def make_pack(review_months: int = 6) -> Pack:
    """A two-tab pack with agreement prompts of several kinds, one of them private."""
    expectations = Tab(
        id="expectations",
        title="Expectations",
        prompts=(
            Prompt(
                id="expect",
                title="What do you expect?",
                kind=PromptKind.LONG_TEXT,
                agreement="expectations",
            ),
            Prompt(
                id="objectives",
                title="Key objectives",
                kind=PromptKind.LONG_TEXT,
                audience=Audience.JOINT,
                agreement="objectives",
            ),
            Prompt(
                id="secret",
                title="Private worries",
                kind=PromptKind.LONG_TEXT,
                private=True,
                agreement="expectations",
            ),
            Prompt(
                id="contact",
                title="How will you keep in touch?",
                kind=PromptKind.MULTIPLE_CHOICE,
                audience=Audience.JOINT,
                options=("Email", "Phone", "Chat"),
                agreement="contact",
            ),
            Prompt(
                id="confidential",
                title="Keep it confidential?",
                kind=PromptKind.YES_NO,
                audience=Audience.JOINT,
                agreement="confidentiality",
            ),
            Prompt(
                id="cadence",
                title="How often?",
                kind=PromptKind.CADENCE,
                audience=Audience.JOINT,
                agreement="cadence",
            ),
            Prompt(
                id="ending",
                title="How would you end it?",
                kind=PromptKind.LONG_TEXT,
                audience=Audience.JOINT,
                agreement="ending",
            ),
        ),
    )
    rapport = Tab(
        id="rapport",
        title="Rapport",
        prompts=(
            Prompt(id="hobbies", title="Hobbies", kind=PromptKind.SHORT_TEXT),
            Prompt(
                id="priorities",
                title="Rank your priorities",
                kind=PromptKind.RANKING,
                audience=Audience.MENTEE,
                options=("Skills", "Network", "Confidence"),
            ),
        ),
    )
    return Pack(
        id="standard",
        title="Test pack",
        version="1.0",
        review_months=review_months,
        tabs=(rapport, expectations),
    )


def new_service(
    folder: Path,
    *,
    role: Role = Role.MENTOR,
    started_on: date = date(2025, 1, 6),
    mentor: str = "Ada Mentor",
    mentee: str = "Ben Mentee",
) -> WorkbookService:
    """A new relationship (by default Ada Mentor & Ben Mentee) in ``folder``, open for
    writing."""
    folder.mkdir(parents=True, exist_ok=True)
    return WorkbookService.create(
        mentor=mentor,
        mentee=mentee,
        pack_id="standard",
        pack_version="1.0",
        role=role,
        started_on=started_on,
        folder=folder,
    )
