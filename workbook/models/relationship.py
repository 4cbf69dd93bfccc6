"""The relationship itself: who, which programme pack, when, how often, and its status."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, Field, field_validator

from workbook.models.base import StoredModel, as_utc
from workbook.models.enums import RelationshipStatus, Role


class Cadence(BaseModel):
    """The agreed rhythm of meetings."""

    every_weeks: int = Field(default=2, ge=1, le=52)
    times_per_month: int | None = Field(default=None, ge=1, le=8)
    """Meetings a month ("twice a month"); when set it replaces ``every_weeks``."""
    duration_minutes: int = Field(default=60, ge=5, le=600)
    first_meeting: AwareDatetime | None = None
    """Start of the first meeting of the series (UTC)."""
    count: int | None = Field(default=None, ge=1, le=520)
    """How many meetings are planned, when the programme fixes it (e.g. 2)."""
    place: str = ""
    """Where or on which platform the pair meets."""
    timezone: str = ""
    """The IANA time zone the meetings are agreed in (``Europe/London``); recurring meetings
    keep their local time in it. "" for cadences from before zones were kept (UTC)."""

    @field_validator("first_meeting")
    @classmethod
    def _first_utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None

    @property
    def rhythm(self) -> str:
        """How often, in words: "every week", "every 2 weeks", "twice a month"."""
        if self.times_per_month:
            times = {1: "once", 2: "twice"}.get(
                self.times_per_month, f"{self.times_per_month} times"
            )
            return f"{times} a month"
        if self.every_weeks == 1:
            return "every week"
        return f"every {self.every_weeks} weeks"

    def describe(self) -> str:
        """A short human description, e.g. "every 2 weeks, 60 minutes, on Zoom"."""
        parts = [self.rhythm, f"{self.duration_minutes} minutes"]
        if self.count:
            parts.append(f"{self.count} sessions")
        if self.place:
            parts.append(f"on {self.place}")
        return ", ".join(parts)


class Relationship(StoredModel):
    """A mentoring relationship: the one document at the head of a relationship file."""

    slug: str = Field(min_length=1)
    mentor: str = Field(min_length=1, max_length=200)
    mentee: str = Field(min_length=1, max_length=200)
    pack_id: str = Field(min_length=1)
    pack_version: str = ""
    started_on: date
    cadence: Cadence | None = None
    status: RelationshipStatus = RelationshipStatus.ACTIVE
    end_reason: str = ""
    ended_on: date | None = None
    follow_up_on: date | None = None
    """When the mentor plans to check in after the programme."""
    mentor_contact: str = Field(default="", max_length=200)
    """The mentor's preferred contact (an email address or a chat handle)."""
    mentee_contact: str = Field(default="", max_length=200)
    """The mentee's preferred contact (an email address or a chat handle)."""
    mentor_timezone: str = Field(default="", max_length=64)
    """The IANA time zone the mentor lives in ("" when not given: the meetings' zone)."""
    mentee_timezone: str = Field(default="", max_length=64)
    """The IANA time zone the mentee lives in ("" when not given: the meetings' zone)."""
    linked_uids: list[str] = Field(default_factory=list)
    """Other relationship files joined to this one (``merge --adopt``): copies of those merge
    as copies of this one."""
    owner_role: Role = Role.MENTOR
    """Whose copy this file is: edits made here count on this side's clock."""

    @property
    def is_finished(self) -> bool:
        """True once completed or ended early (the file then opens read-only)."""
        return self.status is not RelationshipStatus.ACTIVE

    def contact_of(self, role: Role) -> str:
        """``role``'s preferred contact ("" when not given)."""
        return self.mentor_contact if role is Role.MENTOR else self.mentee_contact

    def timezone_of(self, role: Role) -> str:
        """``role``'s own time zone ("" when not given)."""
        return self.mentor_timezone if role is Role.MENTOR else self.mentee_timezone

    def name_of(self, role: Role) -> str:
        """``role``'s name."""
        return self.mentor if role is Role.MENTOR else self.mentee

    def is_same_relationship(self, other: Relationship) -> bool:
        """True when ``other`` is a copy of this relationship (same uid, or linked either way)."""
        return (
            other.uid == self.uid or other.uid in self.linked_uids or self.uid in other.linked_uids
        )

    @property
    def pair(self) -> str:
        """ "Mentor & Mentee", for titles."""
        return f"{self.mentor} & {self.mentee}"


def slugify(*parts: str) -> str:
    """A file-name-safe slug from names, e.g. ("Ana María", "Bo") -> "ana-maria-bo"."""
    text = "-".join(parts)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:60].strip("-") or "relationship"
