"""Small helpers to make relationship files and run the child-process script."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from workbook.service import WorkbookService

CHILD_SCRIPT = Path(__file__).with_name("writer_child.py")
REPO_ROOT = Path(__file__).resolve().parents[2]


def make_relationship(folder: Path, answers: int = 0, text: str = "an answer") -> Path:
    """Create a closed relationship file in ``folder`` with ``answers`` filler answers."""
    service = WorkbookService.create(
        mentor="Ana María", mentee="Bo", pack_id="standard", pack_version="1", folder=folder
    )
    with service:
        for index in range(answers):
            service.set_answer(f"filler-{index}", "mentor", f"{text} {index}")
    return service.path


def start_child(mode: str, path: Path) -> subprocess.Popen[str]:
    """Start ``writer_child.py MODE PATH`` with pipes on stdin and stdout."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen(
        [sys.executable, str(CHILD_SCRIPT), mode, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


class ForkedWriter:
    """A ``writer_child`` mode run in a process forked from this one, with the same pipes
    and signals as a started child (:func:`start_child`), but without a fresh interpreter
    importing the workbook again (a quarter of a second of CPU each, 120 times a run)."""

    stderr: TextIO | None = None

    def __init__(self, mode: str, path: Path) -> None:
        from helpers import writer_child

        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the test run
            try:
                os.close(from_parent)
                os.close(to_parent)
                sys.stdin = os.fdopen(to_child, "r")
                sys.stdout = os.fdopen(from_child, "w")
                writer_child.MODES[mode](path)
            finally:
                os._exit(0)
        os.close(to_child)
        os.close(from_child)
        self.pid = pid
        self.stdin: TextIO | None = os.fdopen(from_parent, "w")
        self.stdout: TextIO | None = os.fdopen(to_parent, "r")

    def send_signal(self, number: int) -> None:
        """Send signal ``number`` to the child."""
        os.kill(self.pid, number)

    def kill(self) -> None:
        """SIGKILL the child."""
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        """Reap the child (it must be ending: a kill was sent) and return its status."""
        return os.waitpid(self.pid, 0)[1]
