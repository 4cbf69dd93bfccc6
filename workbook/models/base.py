"""The base of every stored document: a uid, a schema version, an update time and a clock."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 2
"""The newest schema version this program writes and understands (see ``workbook.migrations``
for what each version added)."""


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC, to the microsecond."""
    return datetime.now(UTC)


def new_uid() -> str:
    """A fresh random identifier for a stored item (32 hex digits)."""
    return uuid.uuid4().hex


def as_utc(value: datetime) -> datetime:
    """``value`` converted to UTC (it must already be timezone-aware)."""
    return value.astimezone(UTC)


class StoredModel(BaseModel):
    """Fields every stored document carries.

    ``clock`` counts the edits made by each side's copy of the file (a version vector); merging
    two copies uses it to tell a newer edit from a concurrent one.
    """

    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    schema_version: int = SCHEMA_VERSION
    """Version of the schema the document was written with."""
    uid: str = Field(default_factory=new_uid, min_length=1)
    """Stable identifier, the same in every copy of the relationship."""
    updated_at: AwareDatetime = Field(default_factory=utc_now)
    """When the item last changed (UTC)."""
    clock: Mapping[str, int] = Field(default_factory=dict)
    """Edits per copy (``{"mentor": 3, "mentee": 1}``), for merging. Read-only: items of a
    file share equal clocks (:func:`workbook.store.load_models`), so a change is a new one."""
    deleted: bool = False
    """A tombstone: the item was deleted (kept so a merge does not bring it back)."""

    @field_validator("updated_at")
    @classmethod
    def _to_utc(cls, value: datetime) -> datetime:
        return as_utc(value)
