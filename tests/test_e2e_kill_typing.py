"""Typing steadily in the installed command, then SIGKILL: what was typed long enough ago is
on disk. The promise (README): typing stays unsaved at most ``UNSAVED_AT_MOST_SECONDS``.

Each trial opens a new relationship in tmux, types one character every 0.1 s (never pausing
long enough for the after-a-pause save) for 3 to 6 seconds, kills the process with SIGKILL
mid-typing and reads the file as a crash leaves it. A character typed more than
``UNSAVED_AT_MOST_SECONDS`` before the kill and missing from the file is lost.

``KILL_TYPING_TRIALS=30 .venv/bin/pytest -n0 -s tests/test_e2e_kill_typing.py`` runs more trials
and prints the figures.
"""

from __future__ import annotations

import json
import os
import random
import signal
import string
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.terminal import AVAILABLE, COMMAND, Terminal, run, wait_for_exit

from screens.autosave import UNSAVED_AT_MOST_SECONDS

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="needs tmux and the installed command")

KEY_INTERVAL_S = 0.1
"""One character every 0.1 s: a fast typist who never pauses."""
TRIALS = int(os.environ.get("KILL_TYPING_TRIALS", "3"))


@dataclass
class Trial:
    """What one kill left: characters typed, saved, and those old enough to count as lost."""

    typed: int
    saved: int
    old_enough: int
    lost: int
    oldest_unsaved_s: float
    """How long before the kill the oldest character missing from the file was typed."""


def _typed_answer(path: Path, typed: str) -> str:
    """The longest answer in the file (as a crash left it) that is a prefix of ``typed``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    values = [doc.get("value") for doc in raw.get("answers", {}).values()]
    found = [v for v in values if isinstance(v, str) and v and typed.startswith(v)]
    return max(found, key=len, default="")


def kill_while_typing(home: Path, rng: random.Random) -> Trial:
    """One trial: open, type steadily for 3-6 s, SIGKILL, count what the file kept."""
    created = run("new", "--mentor", "Priya", "--mentee", "Sam", home=home)
    path = Path(created.stdout.strip().splitlines()[-1])
    terminal = Terminal(f"{COMMAND} open {path.stem}", home)
    try:
        terminal.wait_for("Preparation")
        pid = terminal.app_pid()
        letters = string.ascii_lowercase
        typed, sent_at = "", []
        stop = time.monotonic() + rng.uniform(3.0, 6.0)
        while time.monotonic() < stop:
            char = letters[len(typed) % len(letters)]
            terminal.keys(char, literal=True)
            typed += char
            sent_at.append(time.monotonic())
            time.sleep(KEY_INTERVAL_S)
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        wait_for_exit(pid)
    finally:
        terminal.close()
    saved = len(_typed_answer(path, typed))
    old_enough = sum(1 for at in sent_at if at <= killed_at - UNSAVED_AT_MOST_SECONDS)
    unsaved = [killed_at - at for at in sent_at[saved:]]
    return Trial(len(typed), saved, old_enough, max(0, old_enough - saved), max(unsaved, default=0))


@pytest.mark.long_running
def test_sigkill_while_typing_loses_nothing_typed_long_enough_ago(tmp_path: Path) -> None:
    rng = random.Random(1313)
    trials = [kill_while_typing(tmp_path / f"home-{n}", rng) for n in range(TRIALS)]
    lost = sum(trial.lost for trial in trials)
    print(
        f"\nkill while typing: {len(trials)} trials, "
        f"{sum(t.typed for t in trials)} characters typed, "
        f"{sum(t.old_enough for t in trials)} typed more than {UNSAVED_AT_MOST_SECONDS} s "
        f"before the kill, {lost} of those lost; the oldest unsaved character was typed "
        f"{max(t.oldest_unsaved_s for t in trials):.2f} s before the kill"
    )
    assert all(trial.old_enough > 0 for trial in trials), trials  # the typing reached the app
    assert lost == 0, trials
