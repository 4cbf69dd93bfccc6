"""Small helpers to make relationship files and run the child-process script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
