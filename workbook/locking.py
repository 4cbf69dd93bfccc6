"""One writer per relationship file: an advisory lock that records the holder's process id."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from filelock import FileLock, Timeout

from workbook.errors import FileLockedError


def lock_path_for(path: Path) -> Path:
    """The lock file that guards ``path``: ``<file>.lock`` beside it."""
    return path.with_name(path.name + ".lock")


class WriterLock:
    """Holds the writer lock of one relationship file until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        # thread_local=False: the autosave thread must see the lock the UI thread took.
        self._lock = FileLock(str(self.lock_path), timeout=0, thread_local=False)
        self._held = False

    def acquire(self) -> None:
        """Take the lock or raise :class:`FileLockedError` naming the holder's pid."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise FileLockedError(self.path, self._read_holder_pid()) from None
        self._held = True
        with contextlib.suppress(OSError):
            os.chmod(self.lock_path, 0o600)
            self.lock_path.write_text(str(os.getpid()), encoding="ascii")

    def release(self) -> None:
        """Give the lock up (safe to call twice)."""
        if self._held:
            self._lock.release(force=True)
            self._held = False

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._held

    def _read_holder_pid(self) -> int | None:
        try:
            text = self.lock_path.read_text(encoding="ascii").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None
