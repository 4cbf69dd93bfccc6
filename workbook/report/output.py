"""Where the report's ``-o FILE`` is written: atomically, readable by its owner only (0600).

An existing file is replaced only with ``--force``, and never when it is one of the files the
report has just read (a pair's relationship file). A report holds names and dates of many
people, so it is created 0600 like the relationship files themselves. (The output rules every
command shares, in ``workbook.outputs``, are to take this over.)
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path

from workbook.atomic import atomic_write_bytes
from workbook.errors import NotFoundError, UsageError, WorkbookError


def write_report_file(
    path: Path, pieces: Iterable[str], *, force: bool, protected: Collection[Path] = ()
) -> Path:
    """Write ``pieces`` (made as they are written) to ``path`` atomically, 0600. Refused: a folder, a missing folder,
    anything but a regular file (``/dev/null`` would be replaced, not written to), an existing
    file without ``force``, and any of ``protected`` (the files read) even with it."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name with -o")
    if not path.parent.is_dir():
        raise NotFoundError(f"no folder {path.parent} to write the report into")
    real = os.path.realpath(path)
    if any(os.path.realpath(other) == real for other in protected):
        raise WorkbookError(f"{path} is a relationship file the report reads; choose another -o")
    if path.exists() and not path.is_file():
        raise WorkbookError(f"{path} is not a regular file; give another -o")
    if (path.exists() or path.is_symlink()) and not force:
        raise WorkbookError(f"{path} already exists; add --force to replace it")
    atomic_write_bytes(path, (piece.encode("utf-8") for piece in pieces), 0o600)
    return path
