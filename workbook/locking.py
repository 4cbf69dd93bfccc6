"""One writer per relationship file: an advisory lock that records who holds it.

The lock file (``<file>.lock``) exists while the file is open for writing. It holds the
holder's process id and, when the holder is a command rather than a window, what it is
(``'mentor-workbook merge'``), so a second opener is told what to wait for. The lock itself is
the operating system's (``filelock``): a killed holder's lock is gone with it, whatever the
file left behind says. ``filelock`` is imported when a lock is first made (27 ms), not with
this module, which the command line imports for every command, ``--version`` included.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.errors import FileLockedError, NotWritableError, StorageError
from workbook.text import one_line

if TYPE_CHECKING:
    from filelock import FileLock

HOLDER_MAX = 80
"""The most characters of a lock file's holder description that a message repeats."""

_holder = ""


def set_holder(description: str) -> None:
    """Say what this process is, for anyone refused by its locks (``""``: a window)."""
    global _holder
    _holder = one_line(description)[:HOLDER_MAX]


def lock_path_for(path: Path) -> Path:
    """The lock file that guards ``path``: ``<file>.lock`` beside it."""
    return path.with_name(path.name + ".lock")


class WriterLock:
    """Holds the writer lock of one relationship file until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        # (imported here: the command line imports this module whatever the command)
        from filelock import FileLock

        self.path = path
        self.lock_path = lock_path_for(path)
        # thread_local=False: the autosave thread must see the lock the UI thread took.
        self._lock: FileLock = FileLock(str(self.lock_path), timeout=0, thread_local=False)
        self._held = False

    def acquire(self) -> None:
        """Take the lock, or raise :class:`FileLockedError` naming the holder (pid and what
        it is); a lock file that is a symbolic link or cannot be created is refused."""
        if self.lock_path.is_symlink():
            raise NotWritableError(self.path, f"its lock file {self.lock_path} is a symbolic link")
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            pid, holder = self._read_holder()
            raise FileLockedError(self.path, pid, holder) from None
        except OSError as error:
            raise StorageError(f"cannot take the lock {self.lock_path}", error) from None
        self._held = True
        self._record_holder()

    def _record_holder(self) -> None:
        flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        with contextlib.suppress(OSError):
            fd = os.open(self.lock_path, flags)
            try:
                os.fchmod(fd, 0o600)
                os.write(fd, f"{os.getpid()}\n{_holder}\n".encode())
            finally:
                os.close(fd)

    def release(self) -> None:
        """Give the lock up (safe to call twice). The lock file is deleted first, while still
        held, so a file that is not open has no ``.lock`` beside it (``filelock`` copes with a
        peer that opened the deleted file meanwhile: it tries again on the path)."""
        if self._held:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
            self._lock.release(force=True)
            self._held = False

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._held

    def _read_holder(self) -> tuple[int | None, str]:
        """The holder's pid and description, as far as the lock file says (never trusted as
        more than text: it is shown stripped of control characters, and short)."""
        try:
            with open(self.lock_path, "rb") as handle:
                text = handle.read(4096).decode("utf-8", "replace")
        except OSError:
            return None, ""
        first, _, rest = text.partition("\n")
        pid = int(first.strip()) if first.strip().isdigit() else None
        return pid, one_line(rest)[:HOLDER_MAX]
