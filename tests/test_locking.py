"""One writer per relationship file: a second opener gets a clear message, nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest
from helpers.files import make_relationship, start_child

from workbook import cli
from workbook.errors import FileLockedError
from workbook.locking import lock_path_for
from workbook.service import WorkbookService


def _wait_ready(child: subprocess.Popen[str]) -> None:
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline().strip()
    assert line == "ready", child.stderr.read()


def _finish(child: subprocess.Popen[str]) -> str:
    """Tell a ``hold`` child to close; return the rest of its output."""
    assert child.stdin is not None
    out, err = child.communicate("close\n", timeout=20)
    assert child.returncode == 0, err
    return out


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A closed relationship file with a couple of answers."""
    return make_relationship(tmp_path / "rel", answers=2)


def test_second_process_is_refused_with_pid_and_nothing_is_lost(path: Path) -> None:
    """While a child holds the file, opening it raises FileLockedError naming the child's pid."""
    child = start_child("hold", path)
    try:
        _wait_ready(child)
        before = path.read_bytes()
        with pytest.raises(FileLockedError) as caught:
            WorkbookService.open(path)
        assert str(caught.value) == f"{path} is open in another window (pid {child.pid})"
        assert caught.value.pid == child.pid
        assert path.read_bytes() == before
        with WorkbookService.open(path, read_only=True) as reader:  # readers are not blocked
            assert reader.answer("held-0", "mentee") is None  # the child has not saved yet
    finally:
        assert _finish(child).strip() == "closed"
    with WorkbookService.open(path) as service:
        for index in range(3):
            answer = service.answer(f"held-{index}", "mentee")
            assert answer is not None and answer.value == f"answer {index} from the child"
        assert service.answer("filler-1", "mentor") is not None


def test_same_process_second_open_is_refused(path: Path) -> None:
    """A second writer in the same process is refused too; after close it opens again."""
    first = WorkbookService.open(path)
    try:
        with pytest.raises(FileLockedError) as caught:
            WorkbookService.open(path)
        assert str(caught.value) == f"{path} is open in another window (pid {os.getpid()})"
        assert first.writable
        first.set_answer("still", "mentor", "writable")
    finally:
        first.close()
    with WorkbookService.open(path) as again:
        assert again.answer("still", "mentor") is not None


def test_lock_of_killed_writer_does_not_block(path: Path) -> None:
    """A writer killed with SIGKILL leaves its lock file, but the lock itself is gone."""
    child = start_child("hold", path)
    _wait_ready(child)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=20)
    assert lock_path_for(path).exists()
    with WorkbookService.open(path) as service:
        assert service.writable
        assert service.answer("held-0", "mentee") is None  # it never saved


def test_cli_reports_locked_file_on_one_line(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``mentor-workbook open`` on a file held elsewhere prints one error line, exit 1."""

    def fake_run_app(*, open_path: Path | None = None, **_: object) -> int:
        assert open_path is not None
        WorkbookService.open(open_path).close()  # what the UI does first
        return 0

    monkeypatch.setitem(sys.modules, "screens.app", types.SimpleNamespace(run_app=fake_run_app))
    child = start_child("hold", path)
    try:
        _wait_ready(child)
        status = cli.main(["open", str(path)])
    finally:
        _finish(child)
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"mentor-workbook: error: {path} is open in another window (pid {child.pid})\n"


def test_a_lock_file_deleted_as_it_is_taken_is_taken_afresh(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A holder releasing its lock deletes the lock file: an opener that opened that file just
    before must not keep a lock on the deleted one (a third opener could then take the new
    file too); it takes the lock again on the path."""
    from workbook import locking

    real_try_lock = locking._try_lock
    calls: list[int] = []

    def released_meanwhile(fd: int) -> bool:
        calls.append(fd)
        if len(calls) == 1:
            lock_path_for(path).unlink()  # what the holder's release does
        return real_try_lock(fd)

    monkeypatch.setattr(locking, "_try_lock", released_meanwhile)
    with WorkbookService.open(path) as service:
        assert service.writable and len(calls) == 2
        assert lock_path_for(path).read_text().split("\n")[0] == str(os.getpid())
        monkeypatch.setattr(locking, "_try_lock", real_try_lock)
        with pytest.raises(FileLockedError):
            WorkbookService.open(path)
    assert not lock_path_for(path).exists()


def test_taking_the_lock_imports_nothing_from_outside_the_standard_library(path: Path) -> None:
    """The lock is taken before the workbook's first frame, which waits for every import."""
    code = (
        "import sys; from pathlib import Path; from workbook.locking import WriterLock; "
        f"lock = WriterLock(Path({str(path)!r})); lock.acquire(); lock.release(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'filelock', 'pydantic', 'tinydb', 'platformdirs', 'textual'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
