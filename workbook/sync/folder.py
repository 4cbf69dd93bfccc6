"""What is in a synced folder: this side's copy, files to look at, and what sync services leave.

A folder kept in step by a sync service holds, besides the two sides' copies
(``<slug>.mentor.json``, ``<slug>.mentee.json``), what such services and downloads leave:

* conflicted copies and duplicates, still ending in ``.json``: Dropbox's
  ``x (Sam's conflicted copy 2025-03-02).json``, OneDrive's ``x-LAPTOP.json``, Google Drive's
  ``x (1).json``, Syncthing's ``x.sync-conflict-20250302-101500-ABCDEFG.json``. Any of them may
  be a complete copy of the relationship, or half of one: each is a :attr:`EntryKind.CANDIDATE`,
  read as a possible copy (:mod:`workbook.sync.copies`), which says what it really is;
* files still being written: ``x.json.tmp``, ``x.json.part``, ``x.json.crdownload``, hidden
  ones (``.x.json.abc123.tmp``, ``.syncthing.x.json.tmp``) and ``~syncthing~x.json.tmp``: a
  :attr:`EntryKind.PARTIAL` never read (a whole copy arrives under its own name);
* a workbook's own companions, if someone opened a copy in the folder as a relationship
  (``x.json.bak``, ``x.json.lock``, ``x.json.damaged``): :attr:`EntryKind.COMPANION`, never read.

A symbolic link is never followed (:attr:`EntryKind.LINK`: a link in a shared folder can point
anywhere on this machine), a sub-folder is not entered, and a file whose name has nothing of
``.json`` in it is not one of ours to judge: it is not listed at all. This side's own copy is
:attr:`EntryKind.OWN` (never read back: only this side writes it), and the hidden temporary
files of its own atomic writes are not listed.

Scanning only lists names and ``stat`` results; nothing is opened. The :attr:`Entry.signature`
(size, modification and change times, inode) tells an open workbook which files changed since
its last look, so that only those are read again. It is used only to notice a change, never to
order copies: what is newer is decided by the content (:mod:`workbook.sync.rounds`).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from workbook.atomic import TEMP_SUFFIX, temp_prefix
from workbook.errors import NotFoundError
from workbook.text import one_line

_COMPANION = re.compile(r"\.json(?:\.v\d+\.bak|\.bak|\.lock|\.damaged(?:\.\d+)?)$", re.IGNORECASE)
"""How a relationship file's backups, lock and damaged copies end."""

Signature = tuple[int, int, int, int]
"""(size, modification time, change time, inode), in nanoseconds where a time."""


class EntryKind(StrEnum):
    """What a file in the folder is taken for, from its name and type alone."""

    OWN = "this side's copy"
    CANDIDATE = "a possible copy"
    PARTIAL = "a file still being written"
    COMPANION = "a backup or lock of a workbook file"
    LINK = "a symbolic link"


@dataclass(frozen=True)
class Entry:
    """One file of the folder that concerns the workbook."""

    name: str
    path: Path
    kind: EntryKind
    signature: Signature

    @property
    def shown(self) -> str:
        """The file's name as one printable line."""
        return one_line(self.name)


def kind_of(name: str, own_name: str) -> EntryKind | None:
    """What a regular file called ``name`` is (see the module docstring); None when it is not
    the workbook's to look at (no ``.json`` in its name, or a temporary file of this side's
    own writes)."""
    if name == own_name:
        return EntryKind.OWN
    if name.startswith(temp_prefix(Path(own_name))) and name.endswith(TEMP_SUFFIX):
        return None
    folded = name.casefold()
    if ".json" not in folded:
        return None
    if _COMPANION.search(name):
        return EntryKind.COMPANION
    if folded.endswith(".json") and not name.startswith((".", "~")):
        return EntryKind.CANDIDATE
    return EntryKind.PARTIAL


def scan(folder: Path, own_name: str) -> list[Entry]:
    """The files of ``folder`` that concern the workbook, by name (see :func:`kind_of`).

    :class:`~workbook.errors.NotFoundError` when the folder is not there (a drive not
    connected, a folder renamed); an ``OSError`` when it cannot be listed.
    """
    try:
        listing = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        raise NotFoundError(
            f"the folder {one_line(str(folder))} is not there (a drive not connected, or the "
            "folder moved?)"
        ) from None
    found: list[Entry] = []
    for item in listing:
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue  # gone since it was listed
        if stat.S_ISLNK(info.st_mode):
            kind: EntryKind | None = EntryKind.LINK if ".json" in item.name.casefold() else None
        elif stat.S_ISREG(info.st_mode):
            kind = kind_of(item.name, own_name)
        else:
            kind = None  # a sub-folder, a device, a pipe: never opened
        if kind is None:
            continue
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        found.append(Entry(item.name, Path(item.path), kind, signature))
    return found
