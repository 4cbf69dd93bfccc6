"""Archiving: moving a relationship out of the list, and back, without deleting anything.

An archived relationship is its file (with its backups) moved to ``<home>/archive``; restoring
moves it back to ``<home>/relationships``. A move never replaces a file already there: the
file takes the next free name (``slug-2.json``). Both moves hold the file's writer lock, so a
relationship open in another window stays where it is.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from workbook import paths
from workbook.atomic import fsync_dir
from workbook.first_look import forget_first_look
from workbook.locking import WriterLock
from workbook.store import backup_path_for, migration_backup_path

_MIGRATION_BACKUPS_UP_TO = 20
"""Schema versions whose ``.v<N>.bak`` copies move with their file (far above any to come)."""


def companions(path: Path) -> list[Path]:
    """The files that belong to ``path`` and move with it: its backups that exist."""
    candidates = [backup_path_for(path)] + [
        migration_backup_path(path, version) for version in range(1, _MIGRATION_BACKUPS_UP_TO)
    ]
    return [candidate for candidate in candidates if candidate.exists()]


def _link_without_replacing(source: Path, target: Path) -> bool:
    """Give ``source`` the name ``target`` too, unless ``target`` exists; True if done."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError as error:  # no hard links here (some network or FAT file systems)
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if target.exists():
            return False
        os.replace(source, target)
        return True
    os.unlink(source)
    return True


def move_relationship(path: Path, folder: Path) -> Path:
    """Move the relationship file ``path`` and its backups into ``folder``; return its new
    path. Refuses (``FileLockedError``) while the file is open elsewhere."""
    lock = WriterLock(path)
    lock.acquire()
    try:
        paths.ensure_private_dir(folder)
        number = 1
        target = folder / path.name
        while not _link_without_replacing(path, target):
            number += 1
            target = folder / f"{path.stem}-{number}{path.suffix}"
        for companion in companions(path):
            moved = target.with_name(target.name + companion.name.removeprefix(path.name))
            with contextlib.suppress(FileNotFoundError):
                _link_without_replacing(companion, moved)
        fsync_dir(folder)
        fsync_dir(path.parent)
        forget_first_look(path)  # (it shows private answers: it goes with the file)
        return target
    finally:
        lock.release()


def archive_relationship(path: Path) -> Path:
    """Move ``path`` (and its backups) to ``<home>/archive``; return where it went."""
    return move_relationship(path, paths.archive_dir())


def unarchive_relationship(path: Path) -> Path:
    """Move an archived ``path`` (and its backups) back to ``<home>/relationships``."""
    return move_relationship(path, paths.relationships_dir())


def archived_files() -> list[Path]:
    """Every archived relationship file, sorted by name."""
    folder = paths.archive_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
