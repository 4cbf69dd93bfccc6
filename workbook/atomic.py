"""Atomic file replacement: a reader or a crash sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """The prefix of temporary files made while replacing ``path`` (hidden, same folder)."""
    return f".{path.name}."


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename inside it survives a power cut."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


PIECES_PER_WRITE = 256
"""How many text pieces :func:`atomic_write_pieces` joins and encodes at a time."""


def naming(error: OSError, path: Path) -> OSError:
    """``error`` as the same kind of error about ``path``: a failed write names the file the
    user asked for, not the hidden temporary file (or nothing, as a full disk's does)."""
    if error.filename == str(path):
        return error
    named = type(error)(error.errno, error.strerror or str(error), str(path))
    return named


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes], mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` (bytes, or chunks of bytes written in turn): temp file
    in the same folder, fsync, rename, fsync folder. An ``OSError`` names ``path``."""
    try:
        _replace(path, data, mode)
    except OSError as error:
        raise naming(error, path) from error


def _replace(path: Path, data: bytes | Iterable[bytes], mode: int) -> None:
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_dir(folder)


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` encoded as UTF-8, atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def atomic_write_pieces(path: Path, pieces: Iterable[str], mode: int = 0o600) -> None:
    """Replace ``path`` with the concatenated ``pieces`` as UTF-8, atomically, encoding a few
    at a time: a large file never exists as one string or one bytes object in memory (the
    whole-text copies of a 5,000-answer save were its peak, about 6 MiB). ``pieces`` may be a
    generator that makes the text as it is written (the coordinator's report)."""
    atomic_write_bytes(path, _encoded_batches(pieces), mode)


def _encoded_batches(pieces: Iterable[str]) -> Iterator[bytes]:
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= PIECES_PER_WRITE:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    if batch:
        yield "".join(batch).encode("utf-8")


COPY_BLOCK = 1 << 20
"""How many bytes :func:`atomic_copy` reads at a time."""


def atomic_copy(source: Path, target: Path, mode: int = 0o600) -> None:
    """Replace ``target`` with a copy of ``source``, atomically, a block at a time (a large
    file is never in memory whole). An ``OSError`` names ``target`` when writing it fails."""
    with open(source, "rb") as handle:
        atomic_write_bytes(target, iter(lambda: handle.read(COPY_BLOCK), b""), mode)


def sweep_temp_files(path: Path) -> list[Path]:
    """Delete temporary files left next to ``path`` by an interrupted write; return them."""
    removed: list[Path] = []
    prefix = temp_prefix(path)
    for leftover in path.parent.glob(f"{prefix}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed
