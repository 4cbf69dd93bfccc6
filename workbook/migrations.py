"""Schema migrations: a registry of steps, each taking raw file data from version N to N+1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RawData = dict[str, Any]
"""A relationship file as parsed JSON: ``{table: {doc_id: document}}``."""

MigrationStep = Callable[[RawData], RawData]

MIGRATIONS: dict[int, MigrationStep] = {}
"""``MIGRATIONS[n]`` turns a version-``n`` file into a version-``n + 1`` file."""


def register(from_version: int) -> Callable[[MigrationStep], MigrationStep]:
    """Decorator that registers a step from ``from_version`` to ``from_version + 1``."""

    def decorate(step: MigrationStep) -> MigrationStep:
        MIGRATIONS[from_version] = step
        return step

    return decorate


@register(1)
def _v1_to_v2(data: RawData) -> RawData:
    """Version 2 adds, all with defaults that mean "not given": contacts, time zones and
    adoption links on the relationship, per-session answers (``session_number``), the close of
    a session (``closed_at``, ``next_meeting``, ``recap``) and its paused clock
    (``clock_seconds``, ``running_since``), each action item's per-session ``debriefs``, whether
    an agreement's review date was agreed (``review_agreed``) and the ``missed`` table.

    Sessions of a version-1 file were never closed; every one but the latest is closed as of
    its start, so only the latest can still be under way. An action item with a debrief outcome
    keeps it as the debrief of the session it was due by (else the one after it was set)."""
    sessions = [doc for doc in data.get("sessions", {}).values() if isinstance(doc, dict)]
    numbers: list[int] = [doc["number"] for doc in sessions if isinstance(doc.get("number"), int)]
    latest = max(numbers, default=None)
    for doc in sessions:
        if doc.get("number") != latest and doc.get("closed_at") is None:
            doc["closed_at"] = doc.get("started_at") or f"{doc.get('held_on')}T00:00:00Z"
    for doc in data.get("actions", {}).values():
        if isinstance(doc, dict) and doc.get("outcome") and not doc.get("debriefs"):
            session = doc.get("due_session") or (doc.get("set_in_session") or 0) + 1
            doc["debriefs"] = [
                {
                    "session": session,
                    "outcome": doc["outcome"],
                    "what_worked": doc.get("what_worked", ""),
                    "what_did_not": doc.get("what_did_not", ""),
                }
            ]
    data.setdefault("missed", {})
    return data


def stamp_version(data: RawData, version: int) -> RawData:
    """Set ``schema_version`` on every document of every table (done after each step)."""
    for table in data.values():
        if isinstance(table, dict):
            for doc in table.values():
                if isinstance(doc, dict):
                    doc["schema_version"] = version
    return data


def check_path(found: int, target: int) -> None:
    """Raise ``LookupError`` naming the first missing step between ``found`` and ``target``."""
    for version in range(found, target):
        if version not in MIGRATIONS:
            raise LookupError(f"no migration from schema version {version} to {version + 1}")


def migrate(data: RawData, found: int, target: int) -> RawData:
    """Apply the registered steps from ``found`` up to ``target``.

    Raises ``LookupError`` naming the missing step when the registry has a gap (before any
    step runs).
    """
    check_path(found, target)
    for version in range(found, target):
        data = stamp_version(MIGRATIONS[version](data), version + 1)
    return data
