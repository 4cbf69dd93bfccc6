"""Errors the core raises: each carries a one-line message fit to show a user."""

from __future__ import annotations

from pathlib import Path


class WorkbookError(Exception):
    """Base class for every error the workbook reports to a user as one line."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(WorkbookError):
    """The command line was used wrongly (exit status 2)."""

    exit_code = 2


class NotFoundError(WorkbookError):
    """A relationship, pack or file named by the user does not exist."""


class FileLockedError(WorkbookError):
    """The relationship file is already open for writing: in another window, or in a command
    (``merge``, ``finish``...) that ``holder`` names."""

    def __init__(self, path: Path, pid: int | None, holder: str = "") -> None:
        who = f" (pid {pid})" if pid else ""
        if holder:
            message = f"{path} is in use by {holder}{who}; try again once it has finished"
        else:
            message = f"{path} is open in another window{who}"
        super().__init__(message)
        self.path = path
        self.pid = pid
        self.holder = holder


class DamagedFileError(WorkbookError):
    """A relationship file cannot be read; it is left exactly as it is."""

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        hint = (
            f"; the last good backup is {backup}"
            if backup is not None
            else "; no backup of it exists yet"
        )
        super().__init__(f"{path} cannot be read: {problem}{hint}")
        self.path = path
        self.problem = problem
        self.backup = backup


class NewerSchemaError(WorkbookError):
    """A file was written by a newer Mentor Workbook than this one."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} uses schema version {found}, but this Mentor Workbook knows only up to "
            f"{known}; upgrade mentor-workbook to open it (the file was not changed)"
        )
        self.path = path
        self.found = found
        self.known = known


class ReadOnlyError(WorkbookError):
    """A change was attempted on a relationship that is finished or opened read-only."""


class NotWritableError(WorkbookError):
    """A relationship file that must not be written: a symbolic link, a file made read-only,
    or one in a folder that cannot be written. It is left exactly as it is (readers may
    still open it read-only)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} cannot be changed: {reason}")
        self.path = path
        self.reason = reason


class StorageError(WorkbookError):
    """The disk refused a write the workbook needed (full, read-only, gone), in one line that
    says what was being done and names the real file, never a hidden temporary one."""

    def __init__(self, doing: str, error: OSError) -> None:
        super().__init__(f"{doing}: {error.strerror or type(error).__name__}")
        self.errno = error.errno
