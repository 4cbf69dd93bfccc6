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
