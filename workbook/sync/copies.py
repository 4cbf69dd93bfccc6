"""Reading one file found in the synced folder: a copy to merge, or why it is left alone.

Every file is untrusted and may be anything: half of a copy still being downloaded, a copy of
another pair's relationship (one folder can serve several), a file written by a newer program,
or something forged. :func:`examine` reads it once, read-only (nothing is ever written beside
it), and gives a :class:`Found`: either a complete, valid copy of this relationship, opened and
ready to merge, or a one-line note. It never raises for what a file holds; only a bug would.

A copy is "of this relationship" exactly as for ``merge``: the same id, or one the two files are
joined by (:mod:`workbook.adoption`). Another relationship between the same two names is not
merged from the folder: the note names the ``merge --adopt`` command that joins it, once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from workbook.adoption import AdoptionNeededError, Kinship, compare, kinship, refusal
from workbook.errors import DamagedFileError, NewerSchemaError, WorkbookError
from workbook.service import WorkbookService
from workbook.sync.folder import Entry, EntryKind
from workbook.text import one_line

MAX_COPY_BYTES = 256 * 1024 * 1024
"""The largest file read as a copy (a relationship of 50,000 answers is far smaller)."""


class Outcome(StrEnum):
    """What :func:`examine` made of a file."""

    COPY = "a copy to merge"
    SAME_AS_MERGED = "the bytes already merged"
    LEFT_ALONE = "left alone"


@dataclass
class Found:
    """One file of the folder, examined."""

    entry: Entry
    outcome: Outcome
    digest: str = ""
    """SHA-256 of the bytes read ("" when it was not read)."""
    copy: WorkbookService | None = None
    """For :attr:`Outcome.COPY`: the copy, opened read-only."""
    note: str = ""
    """For :attr:`Outcome.LEFT_ALONE`: why, in one line that starts with the file's name."""


def file_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex: what "the same copy as before" means."""
    return hashlib.sha256(data).hexdigest()


def _left_alone(entry: Entry, why: str, digest: str = "") -> Found:
    return Found(entry, Outcome.LEFT_ALONE, digest=digest, note=f"{entry.shown}: {why}")


def note_for_kind(entry: Entry) -> Found:
    """The note for a file that is not read at all (its name or type says enough)."""
    why = {
        EntryKind.PARTIAL: "not complete yet (a sync service or a download is still writing "
        "it, or gave up); left alone",
        EntryKind.COMPANION: "a backup or lock of a workbook file, not a copy; left alone",
        EntryKind.LINK: "a symbolic link; only real files in the folder are read",
    }.get(entry.kind, "left alone")
    return _left_alone(entry, why)


def examine(entry: Entry, service: WorkbookService, remembered: str | None) -> Found:
    """Read the candidate ``entry`` and say what it is to ``service``'s relationship (the
    file it would be merged into; :func:`compare` describes it when adopting is the way).

    ``remembered`` is the digest of the bytes last merged from this name: a file still
    holding exactly those is :attr:`Outcome.SAME_AS_MERGED`, and is not parsed again.
    """
    try:
        size = entry.path.stat().st_size
        if size > MAX_COPY_BYTES:
            return _left_alone(entry, f"larger than {MAX_COPY_BYTES >> 20} MiB; not read")
        data = entry.path.read_bytes()
    except FileNotFoundError:
        return _left_alone(entry, "gone before it could be read")
    except OSError as error:
        return _left_alone(entry, f"cannot be read ({error.strerror or error}); left alone")
    digest = file_digest(data)
    if remembered == digest:
        return Found(entry, Outcome.SAME_AS_MERGED, digest=digest)
    try:
        copy = WorkbookService.open(entry.path, read_only=True)
    except DamagedFileError as error:
        why = f"incomplete or damaged, not merged: {one_line(error.problem)}"
        return _left_alone(entry, why, digest)
    except NewerSchemaError as error:
        why = (
            f"written by a newer Mentor Workbook (schema {error.found}); not merged until "
            "mentor-workbook is upgraded here"
        )
        return _left_alone(entry, why, digest)
    except WorkbookError as error:
        return _left_alone(entry, f"{one_line(str(error))}; not merged", digest)
    except OSError as error:
        return _left_alone(entry, f"cannot be read ({error.strerror or error}); left alone")
    ours, theirs = service.relationship, copy.relationship
    found = kinship(ours, theirs)
    if found.merges:
        return Found(entry, Outcome.COPY, digest=digest, copy=copy)
    if found is Kinship.SAME_NAMES:
        message = str(AdoptionNeededError(compare(service, copy), entry.path))
        return Found(entry, Outcome.LEFT_ALONE, digest=digest, note=one_line(message))
    if found is Kinship.SWAPPED:
        return Found(
            entry,
            Outcome.LEFT_ALONE,
            digest=digest,
            note=one_line(refusal(ours, theirs, found, Path(entry.name))),
        )
    return _left_alone(
        entry, f"a copy of another relationship ({one_line(theirs.pair)}); left alone", digest
    )
