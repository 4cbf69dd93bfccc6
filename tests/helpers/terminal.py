"""The installed ``mentor-workbook`` command in a real terminal: a detached tmux session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).with_name("mentor-workbook")
AVAILABLE = TMUX is not None and COMMAND.exists()
"""True when tmux and the installed command are both there (the terminal tests need them)."""


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command to completion."""
    env = {**os.environ, "MENTOR_WORKBOOK_HOME": str(home)}
    return subprocess.run(
        [str(COMMAND), *args], env=env, capture_output=True, text=True, check=True, timeout=60
    )


class Terminal:
    """A detached 80x24 tmux session running one command."""

    def __init__(self, command: str, home: Path) -> None:
        assert TMUX is not None
        self.tmux = TMUX
        self.name = f"mw-{uuid.uuid4().hex[:8]}"
        # The tmux server keeps the environment of whoever started it, and under pytest that
        # process's C-level environment holds COLUMNS=80/LINES=24 (os.environ does not show
        # them). An app that inherits them never sees a resize (shutil.get_terminal_size reads
        # them first), so they are dropped here.
        env = f"-u COLUMNS -u LINES MENTOR_WORKBOOK_HOME={home} TERM=xterm-256color"
        subprocess.run(
            [
                TMUX,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "80",
                "-y",
                "24",
                f"env {env} {command}; sleep 30",
            ],
            check=True,
        )

    def screen(self) -> str:
        """What the terminal shows now."""
        return subprocess.run(
            [self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """Wait until ``text`` is on screen; return the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Type keys (tmux key names, or literal text)."""
        args = [self.tmux, "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        subprocess.run(args, check=True)

    def app_pid(self) -> int:
        """The process id of the command running in the pane (the shell's child)."""
        pane_pid = subprocess.run(
            [self.tmux, "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        children = subprocess.run(
            ["pgrep", "-f", "-P", pane_pid, "mentor-workbook"], capture_output=True, text=True
        ).stdout.split()
        return int(children[0]) if children else int(pane_pid)

    def close(self) -> None:
        """Kill the tmux session (its programs get SIGHUP)."""
        subprocess.run([self.tmux, "kill-session", "-t", self.name], capture_output=True)


def wait_for_exit(pid: int, timeout: float = 30) -> None:
    """Wait until process ``pid`` has gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"mentor-workbook (pid {pid}) did not exit within {timeout} s")
