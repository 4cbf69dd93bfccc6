"""Archiving: moving a relationship out of the list without deleting anything."""

from __future__ import annotations

import os
from pathlib import Path

from workbook import paths
from workbook.locking import WriterLock
from workbook.store import backup_path_for


def archive_relationship(path: Path) -> Path:
    """Move ``path`` (and its backup) to ``<home>/archive``; refuses while it is open elsewhere."""
    lock = WriterLock(path)
    lock.acquire()
    try:
        folder = paths.ensure_private_dir(paths.home_dir() / "archive")
        target = folder / path.name
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{path.stem}-{number}{path.suffix}"
        os.replace(path, target)
        backup = backup_path_for(path)
        if backup.exists():
            os.replace(backup, backup_path_for(target))
        return target
    finally:
        lock.release()
