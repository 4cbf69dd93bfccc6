"""One writer per relationship file: an advisory lock that records who holds it.

The lock file (``<file>.lock``) exists while the file is open for writing. It holds the
holder's process id and, when the holder is a command rather than a window, what it is
(``'mentor-workbook merge'``), so a second opener is told what to wait for. The lock itself is
the operating system's (``flock`` on POSIX, ``msvcrt.locking`` on Windows, both from the
standard library): a killed holder's lock is gone with it, whatever the file left behind
says. No third-party import: opening a workbook takes this lock before its first frame.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from workbook.errors import FileLockedError, NotWritableError, StorageError
from workbook.text import one_line

HOLDER_MAX = 80
"""The most characters of a lock file's holder description that a message repeats."""
OPEN_ATTEMPTS = 5
"""Times a lock is tried again when the holder deleted the lock file just as it was taken."""
CONTENTION = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK})
"""The error numbers that mean "someone else holds it" (some file systems say EACCES)."""
WINDOWS_LOCK_OFFSET = 1 << 30
"""Where Windows locks its byte: past the holder text, which a refused opener must read."""

_holder = ""


def set_holder(description: str) -> None:
    """Say what this process is, for anyone refused by its locks (``""``: a window)."""
    global _holder
    _holder = one_line(description)[:HOLDER_MAX]


def lock_path_for(path: Path) -> Path:
    """The lock file that guards ``path``: ``<file>.lock`` beside it."""
    return path.with_name(path.name + ".lock")


def _try_lock(fd: int) -> bool:
    """Take the operating system's exclusive lock on ``fd`` without waiting; False when
    another open file holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in CONTENTION:
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _still_named(fd: int, path: Path) -> bool:
    """True when ``path`` still names the file open as ``fd`` (a holder releasing its lock
    deletes the lock file: a lock taken on the deleted file guards nothing)."""
    try:
        opened, named = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino)


class WriterLock:
    """Holds the writer lock of one relationship file until :meth:`release`.

    The lock belongs to the open file, not to a thread: the autosave thread writes under the
    lock the UI thread took.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`FileLockedError` naming the holder (pid and what
        it is); a lock file that is a symbolic link or cannot be created is refused."""
        if self.lock_path.is_symlink():
            raise NotWritableError(self.path, f"its lock file {self.lock_path} is a symbolic link")
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        for _ in range(OPEN_ATTEMPTS):
            try:
                fd = os.open(self.lock_path, flags, 0o600)
            except OSError as error:
                raise StorageError(f"cannot take the lock {self.lock_path}", error) from None
            try:
                taken = _try_lock(fd)
            except OSError as error:
                os.close(fd)
                raise StorageError(f"cannot take the lock {self.lock_path}", error) from None
            if not taken:
                os.close(fd)
                pid, holder = self._read_holder()
                raise FileLockedError(self.path, pid, holder)
            if sys.platform == "win32" or _still_named(fd, self.lock_path):
                self._fd = fd
                self._record_holder(fd)
                return
            os.close(fd)  # (taken on a lock file its holder had just deleted: try afresh)
        busy = OSError(errno.EAGAIN, "the lock file kept being replaced")
        raise StorageError(f"cannot take the lock {self.lock_path}", busy)

    @staticmethod
    def _record_holder(fd: int) -> None:
        with contextlib.suppress(OSError):
            if sys.platform != "win32":
                os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n{_holder}\n".encode())

    def release(self) -> None:
        """Give the lock up (safe to call twice). The lock file is deleted first, while still
        held, so a file that is not open has no ``.lock`` beside it (a peer that opened the
        deleted file meanwhile sees that it is gone and tries again on the path)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self.lock_path.unlink()
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

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
