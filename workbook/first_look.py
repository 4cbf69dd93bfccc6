"""What a workbook showed first when it was last closed, kept so the next opening can show it
before anything heavy is loaded (the standard library only: no pydantic, no TinyDB).

When a workbook closes, the app writes down what its first step shows the relationship's own
side (the header's names and session, the step bar, the first step's text, exactly as drawn
by the real widgets: every privacy and progress decision was made by the one set of rules
that makes them). The next ``open`` draws that at once, read-only, while the models, the store
and the real screen load; the real screen then takes its place, showing the same words in the
same places.

It is never trusted over the file itself: it belongs to one relationship file and is used only
while that file's size, times and inode are exactly those it was written against (every save
replaces the file, so any change, from this machine or a merge, makes it stale), with the
same content packs and program version. Anything else (missing, stale, damaged, another
format, another role) means it is not used and the workbook opens as it always did. It holds
the owner's private answers as their own screen shows them, so it is written 0600 in the
home's private cache, removed when the relationship is archived, and swept away once its file
is gone (each time a first look is written).
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from workbook import __version__, paths
from workbook.atomic import atomic_write_text

FORMAT = 1
"""The layout of a first-look file; any other is ignored."""
FOLDER = "first-look"


@dataclass(frozen=True)
class FileKey:
    """What identifies one state of a relationship file: any save changes at least one."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileKey | None:
        """The key of ``path`` as it is now (None when it cannot be read)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)

    def as_list(self) -> list[int]:
        """The key as stored."""
        return [self.size, self.mtime_ns, self.ctime_ns, self.inode]


@dataclass(frozen=True)
class FirstLook:
    """What a workbook's first step shows its owner: plain data, drawn by
    :mod:`screens.first_look`.

    ``header``: the header line's fields; ``steps``: the step bar's steps (each a dict of
    :class:`screens.step_bar.Step`'s fields); ``parts``: the first step's contents in order
    (see :mod:`screens.first_look_plan` for their shapes); ``role``: the side it shows;
    ``until``: the first day it may read differently without the file changing (the
    agreement's review falls due: the step bar counts it), None when no day changes it;
    ``keys``: the key bar's ``(key, description)`` pairs.
    """

    role: str
    header: dict[str, Any]
    steps: list[dict[str, Any]]
    parts: list[dict[str, Any]]
    until: date | None = None
    keys: tuple[tuple[str, str], ...] = ()


def look_path(relationship: Path) -> Path:
    """Where the first look of ``relationship`` is kept (named by a checksum of its full
    path; the path itself is stored inside and compared, so two paths can never share one)."""
    where = _full_path(relationship).encode("utf-8", "surrogatepass")
    name = f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    return paths.cache_dir() / FOLDER / f"{name}.json"


def _full_path(relationship: Path) -> str:
    try:
        return str(relationship.resolve())
    except (OSError, RuntimeError):
        return str(relationship.absolute())


def packs_fingerprint() -> str:
    """A short hash of the content packs a workbook opened without ``--content`` can see."""
    from workbook.content.fingerprint import fingerprint

    folders = [paths.bundled_content_dir(), paths.user_packs_dir()]
    return fingerprint(folder for folder in folders if folder.is_dir())


def read_first_look(relationship: Path, role: str | None = None) -> FirstLook | None:
    """The first look kept for ``relationship`` when it still matches the file as it is now,
    the packs and this program (and ``role``, when one is asked for); else None. Never raises
    for what it finds on disk."""
    try:
        stored = json.loads(look_path(relationship).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    key = FileKey.of(relationship)
    if (
        not isinstance(stored, dict)
        or key is None
        or stored.get("format") != FORMAT
        or stored.get("program") != __version__
        or stored.get("file") != key.as_list()
        or stored.get("path") != _full_path(relationship)
        or stored.get("packs") != packs_fingerprint()
    ):
        return None
    look = _parsed(stored)
    if look is None or (role is not None and look.role != role):
        return None
    if look.until is not None and date.today() >= look.until:
        return None
    return look


def _parsed(stored: dict[str, Any]) -> FirstLook | None:
    role, header = stored.get("role"), stored.get("header")
    steps, parts = stored.get("steps"), stored.get("parts")
    until = stored.get("until")
    try:
        day = date.fromisoformat(until) if isinstance(until, str) else None
    except ValueError:
        return None
    if until is not None and day is None:
        return None
    keys = stored.get("keys", [])
    if not isinstance(keys, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        for pair in keys
    ):
        return None
    if not (
        isinstance(role, str)
        and isinstance(header, dict)
        and isinstance(steps, list)
        and isinstance(parts, list)
        and all(isinstance(item, dict) for item in [*steps, *parts])
    ):
        return None
    return FirstLook(role, header, steps, parts, day, tuple((k, d) for k, d in keys))


def write_first_look(relationship: Path, look: FirstLook, key: FileKey) -> None:
    """Keep ``look`` for ``relationship`` in the state ``key`` (atomically, 0600; best effort:
    a cache that cannot be written only means the next opening is not sped up)."""
    stored = {
        "format": FORMAT,
        "program": __version__,
        "file": key.as_list(),
        "path": _full_path(relationship),
        "packs": packs_fingerprint(),
        "role": look.role,
        "header": look.header,
        "steps": look.steps,
        "parts": look.parts,
        "until": look.until.isoformat() if look.until is not None else None,
        "keys": [list(pair) for pair in look.keys],
    }
    target = look_path(relationship)
    try:
        paths.ensure_private_dir(target.parent)
        atomic_write_text(target, json.dumps(stored, ensure_ascii=True))
    except OSError:
        forget_first_look(relationship)
    sweep_first_looks(target.parent)


def sweep_first_looks(folder: Path) -> None:
    """Remove the first looks whose relationship file is gone (deleted or moved by hand:
    they hold private answers); unreadable ones too. Best effort."""
    try:
        kept = list(folder.glob("*.json"))
    except OSError:
        return
    for look in kept:
        try:
            where = json.loads(look.read_text("utf-8")).get("path")
        except (OSError, ValueError, AttributeError):
            where = None
        if not isinstance(where, str) or not os.path.exists(where):
            with contextlib.suppress(OSError):
                look.unlink()


def forget_first_look(relationship: Path) -> None:
    """Remove the first look kept for ``relationship`` (its file is gone, or it is stale)."""
    with contextlib.suppress(OSError):
        look_path(relationship).unlink(missing_ok=True)
