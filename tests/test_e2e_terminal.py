"""End to end: the installed ``mentor-workbook`` command in a real terminal (tmux)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.terminal import AVAILABLE, COMMAND, TMUX, Terminal, run, wait_for_exit

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="needs tmux and the installed command")


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


def _quit(terminal: Terminal) -> None:
    """Quit with ``ctrl+q`` and wait for the program to have gone."""
    pid = terminal.app_pid()
    terminal.keys("C-q")
    wait_for_exit(pid)


def _type_and_quit(terminal: Terminal, text: str, home: Path, slug: str) -> list[object]:
    """Type ``text``, see it on screen, quit; the values of the answers then exported."""
    try:
        terminal.keys(text, literal=True)
        terminal.wait_for(text)
        _quit(terminal)
    finally:
        terminal.close()
    return [a["value"] for a in answers_in_export(home, slug)]


def test_type_an_answer_quit_and_find_it_in_the_export(terminal_home: Path) -> None:
    terminal, slug = _start(terminal_home)
    values = _type_and_quit(terminal, "Typed in tmux [bold]literal", terminal_home, slug)
    assert "Typed in tmux [bold]literal" in values


def test_sigterm_right_after_typing_keeps_the_answer(terminal_home: Path) -> None:
    terminal, slug = _start(terminal_home)
    try:
        terminal.keys("saved by SIGTERM", literal=True)
        terminal.wait_for("saved by SIGTERM")
        pid = terminal.app_pid()
        os.kill(pid, 15)
        wait_for_exit(pid)
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
    wait_for_exit(pid)
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


def _changed_from(terminal: Terminal, previous: str, timeout: float = 20) -> str:
    """The screen once it differs from ``previous`` and has settled (fails after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if terminal.screen() != previous:
            return _settled(terminal)
        time.sleep(0.05)
    raise AssertionError("the terminal never redrew")


def test_no_stale_frames_after_next_at_80x24(terminal_home: Path) -> None:
    """What the terminal shows after ctrl+n is what a full redraw shows (the issue saw a line
    missing and a border drawn twice until a resize)."""
    terminal, _ = _start(terminal_home)
    try:
        shown = _settled(terminal)
        for _ in range(6):  # each ctrl+n moves the focus on: the screen changes each time
            terminal.keys("C-n")
            shown = _changed_from(terminal, shown)
        before = shown
        # A resize makes the app draw everything again; at 81 columns the header's right side
        # moves, which tells us the redraw happened (waited for, not slept for).
        subprocess.run(
            [TMUX, "resize-window", "-t", terminal.name, "-x", "81", "-y", "24"],  # type: ignore[list-item]
            check=True,
        )
        _changed_from(terminal, before)
        subprocess.run(
            [TMUX, "resize-window", "-t", terminal.name, "-x", "80", "-y", "24"],  # type: ignore[list-item]
            check=True,
        )
        after = _settled(terminal)
    finally:
        terminal.close()
    assert before == after


def test_keys_typed_during_the_first_look_land_in_the_first_answer(terminal_home: Path) -> None:
    """The second opening draws the kept first look at once; what is typed while it shows is
    given to the workbook once it is up, in order."""
    terminal, slug = _start(terminal_home)
    _quit(terminal)  # closing keeps the first look
    terminal.close()
    assert list((terminal_home / "cache" / "first-look").glob("*.json"))
    terminal = Terminal(f"{COMMAND} open {slug}", terminal_home)
    deadline = time.monotonic() + 20
    while "Opening, one moment" not in terminal.screen():
        if time.monotonic() > deadline:
            terminal.close()
            raise AssertionError("no first look was drawn")
        time.sleep(0.01)
    values = _type_and_quit(terminal, "typed during the look", terminal_home, slug)
    assert "typed during the look" in values
