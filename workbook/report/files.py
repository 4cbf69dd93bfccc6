"""Which files under a folder are relationship files, found while the folder is walked.

A coordinator collects the files pairs send (``share`` copies) or a shared drive of them, in
folders of any depth. Relationship files are the ``*.json`` files; the workbook's own
companions beside them are not, and their names say so: backups (``<file>.bak`` and
``<file>.v<N>.bak``), locks (``<file>.lock``), damaged copies put aside (``<file>.damaged``) and
the hidden temporary files of an interrupted save (``.<file>.<random>.tmp``). Hidden files and
folders (a name starting with ``.``) are skipped. Folders reached through a symbolic link are
not entered (a link can make a loop); a linked *file* is read, once (see
:mod:`workbook.report.reading`).

The walk is a generator in sorted order: the folder is never listed in full before reading
starts, and two runs read the same files in the same order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

RELATIONSHIP_SUFFIX = ".json"

ProblemSink = Callable[[Path, str], None]
"""Told about a folder that could not be listed: (folder, one-line reason)."""


def is_relationship_file_name(name: str) -> bool:
    """True when a file called ``name`` is taken for a relationship file: ``*.json`` (any
    case), not hidden. Backups, locks, damaged copies and temporary files end otherwise or are
    hidden, so they never are."""
    return not name.startswith(".") and name.lower().endswith(RELATIONSHIP_SUFFIX)


def relationship_files_under(folder: Path, on_problem: ProblemSink) -> Iterator[Path]:
    """Every relationship file under ``folder`` (recursively), in sorted order, one at a time.

    A sub-folder that cannot be listed is reported to ``on_problem`` and skipped.
    """

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        on_problem(where, f"the folder cannot be read ({error.strerror or error})")

    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for name in sorted(names):
            if is_relationship_file_name(name):
                yield base / name
