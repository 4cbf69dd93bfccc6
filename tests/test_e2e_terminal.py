"""End to end: the installed ``mentor-workbook`` command in a real terminal (tmux)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).with_name("mentor-workbook")

pytestmark = pytest.mark.skipif(
    TMUX is None or not COMMAND.exists(), reason="needs tmux and the installed command"
)


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command to completion."""
    env = {**os.environ, "MENTOR_WORKBOOK_HOME": str(home)}
    return subprocess.run(
        [str(COMMAND), *args], env=env, capture_output=True, text=True, check=True, timeout=60
    )


class Terminal:
    """A detached 80x24 tmux session running one command."""

    def __init__(self, command: str, home: Path) -> None:
        self.name = f"mw-{uuid.uuid4().hex[:8]}"
        env = f"MENTOR_WORKBOOK_HOME={home} TERM=xterm-256color"
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
        )  # type: ignore[list-item]

    def screen(self) -> str:
        """What the terminal shows now."""
        return subprocess.run(
            [TMUX, "capture-pane", "-p", "-t", self.name],  # type: ignore[list-item]
            capture_output=True,
            text=True,
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
        args = [TMUX, "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        subprocess.run(args, check=True)  # type: ignore[list-item]

    def app_pid(self) -> int:
        """The process id of the command running in the pane (the shell's child)."""
        pane_pid = subprocess.run(
            [TMUX, "display-message", "-p", "-t", self.name, "#{pane_pid}"],  # type: ignore[list-item]
            capture_output=True,
            text=True,
        ).stdout.strip()
        children = subprocess.run(
            ["pgrep", "-f", "-P", pane_pid, "mentor-workbook"], capture_output=True, text=True
        ).stdout.split()
        return int(children[0]) if children else int(pane_pid)

    def close(self) -> None:
        """Kill the tmux session (its programs get SIGHUP)."""
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True)  # type: ignore[list-item]


@pytest.fixture
def terminal_home(tmp_path: Path) -> Iterator[Path]:
    """A home folder holding one new relationship."""
    home = tmp_path / "home"
    yield home


def answers_in_export(home: Path, slug: str) -> list[dict[str, object]]:
    """The answers of ``slug`` as the installed ``export --format json`` prints them."""
    exported = json.loads(
        run("export", slug, "--format", "json", "--include-private", home=home).stdout
    )
    return exported["answers"]


def _start(home: Path) -> tuple[Terminal, str]:
    created = run("new", "--mentor", "Priya", "--mentee", "Sam", home=home)
    slug = Path(created.stdout.strip().splitlines()[-1]).stem
    terminal = Terminal(f"{COMMAND} open {slug}", home)
    terminal.wait_for("Preparation")
    return terminal, slug


def _wait_for_exit(pid: int, timeout: float = 30) -> None:
    """Wait until process ``pid`` has gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"mentor-workbook (pid {pid}) did not exit within {timeout} s")


def test_type_an_answer_quit_and_find_it_in_the_export(terminal_home: Path) -> None:
    terminal, slug = _start(terminal_home)
    try:
        terminal.keys("Typed in tmux [bold]literal", literal=True)
        terminal.wait_for("Typed in tmux [bold]literal")
        pid = terminal.app_pid()
        terminal.keys("C-q")
        _wait_for_exit(pid)
    finally:
        terminal.close()
    values = [a["value"] for a in answers_in_export(terminal_home, slug)]
    assert "Typed in tmux [bold]literal" in values


def test_sigterm_right_after_typing_keeps_the_answer(terminal_home: Path) -> None:
    terminal, slug = _start(terminal_home)
    try:
        terminal.keys("saved by SIGTERM", literal=True)
        terminal.wait_for("saved by SIGTERM")
        pid = terminal.app_pid()
        os.kill(pid, 15)
        _wait_for_exit(pid)
    finally:
        terminal.close()
    values = [a["value"] for a in answers_in_export(terminal_home, slug)]
    assert "saved by SIGTERM" in values


def test_closing_the_terminal_keeps_the_answer(terminal_home: Path) -> None:
    terminal, slug = _start(terminal_home)
    terminal.keys("saved by SIGHUP", literal=True)
    terminal.wait_for("saved by SIGHUP")
    pid = terminal.app_pid()
    terminal.close()  # the terminal goes away: SIGHUP
    _wait_for_exit(pid)
    values = [a["value"] for a in answers_in_export(terminal_home, slug)]
    assert "saved by SIGHUP" in values


def _settled(terminal: Terminal, timeout: float = 10) -> str:
    """The screen once it has stopped changing for half a second."""
    deadline = time.monotonic() + timeout
    last = terminal.screen()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = terminal.screen()
        if now == last:
            return now
        last = now
    return last


def test_no_stale_frames_after_next_at_80x24(terminal_home: Path) -> None:
    """What the terminal shows after ctrl+n is what a full redraw shows (the issue saw a line
    missing and a border drawn twice until a resize)."""
    terminal, _ = _start(terminal_home)
    try:
        for _ in range(6):
            terminal.keys("C-n")
            time.sleep(0.2)
        before = _settled(terminal)
        drawn = []
        for width in ("81", "80"):  # a resize makes the app draw everything again
            subprocess.run(
                [TMUX, "resize-window", "-t", terminal.name, "-x", width, "-y", "24"],  # type: ignore[list-item]
                check=True,
            )
            drawn.append(_settled(terminal))
        after = drawn[-1]
        assert drawn[0] != before  # (the resize did redraw: the header's right side moved)
    finally:
        terminal.close()
    assert before == after
