"""Fault injection: a writer is SIGKILLed at random moments; the file must always survive.

A child process (forked from the test, so it starts in milliseconds) saves an increasing
counter in a loop and prints each value only after ``flush()`` returned. After each kill the file must parse, open (the dead writer's lock must
not block) and hold the last confirmed value or the one after it (the write in flight).
"""

from __future__ import annotations

import json
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.files import ForkedWriter, make_relationship

from workbook.atomic import temp_prefix
from workbook.errors import WorkbookError
from workbook.service import WorkbookService

TRIALS = 120
"""Kills per run (the brief asks for at least 100)."""
PRESPAWN = 3
"""Children started ahead of time, so their start-up overlaps the running trial."""


@dataclass
class Figures:
    """What the kill loop observed."""

    trials: int = 0
    corrupt: int = 0
    stale: int = 0
    lock_refused: int = 0
    mid_write: int = 0
    in_flight_landed: int = 0
    saves_confirmed: int = 0
    problems: list[str] = field(default_factory=list)


def _close_pipes(child: ForkedWriter) -> None:
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def _discard(children: list[ForkedWriter]) -> None:
    """Kill and reap children that were started ahead but not used."""
    for child in children:
        child.kill()
        child.wait()
        _close_pipes(child)


def _kill(child: ForkedWriter) -> list[int]:
    """SIGKILL ``child``, reap it, and return the counter values it confirmed."""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.stdout is not None
    out = child.stdout.read()
    _close_pipes(child)
    complete = out[: out.rfind("\n") + 1] if "\n" in out else ""
    return [int(line) for line in complete.splitlines() if line.isdigit()]


def _counter(service: WorkbookService) -> int:
    answer = service.answer("counter", "mentor")
    return int(answer.value) if answer is not None else 0  # type: ignore[arg-type]


def _check(path: Path, before: int, confirmed: list[int], figures: Figures) -> int:
    """Check the file after a kill; return the counter it holds."""
    expected_low = confirmed[-1] if confirmed else before
    raw = path.read_bytes()
    try:
        json.loads(raw.decode("utf-8"))
    except ValueError as error:
        figures.corrupt += 1
        figures.problems.append(f"trial {figures.trials}: not JSON: {error}")
    if list(path.parent.glob(f"{temp_prefix(path)}*.tmp")):
        figures.mid_write += 1
    try:
        service = WorkbookService.open(path)
    except WorkbookError as error:
        if "another window" in str(error):
            figures.lock_refused += 1
        else:
            figures.corrupt += 1
        figures.problems.append(f"trial {figures.trials}: {error}")
        return expected_low
    with service:
        value = _counter(service)
    if value not in (expected_low, expected_low + 1):
        figures.stale += 1
        figures.problems.append(
            f"trial {figures.trials}: file holds {value}, last confirmed {expected_low}"
        )
    elif value == expected_low + 1:
        figures.in_flight_landed += 1
    assert not list(path.parent.glob(f"{temp_prefix(path)}*.tmp")), "temp files not swept"
    return value


def _run_trial(child: ForkedWriter, trial: int, rng: random.Random) -> list[int]:
    """Let ``child`` start saving, kill it at a random moment, return what it confirmed."""
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "waiting", child.stderr.read() if child.stderr else ""
    child.stdin.write("go\n")
    child.stdin.flush()
    if trial % 4 == 0:
        time.sleep(rng.uniform(0, 0.008))  # sometimes while it is still opening the file
    else:
        assert child.stdout.readline().startswith("ready")
        time.sleep(rng.uniform(0, 0.03))
    return _kill(child)


def test_sigkill_never_corrupts_or_loses_confirmed_saves(tmp_path: Path) -> None:
    """At least 100 random kills: 0 corrupt files, 0 stale values, 0 stuck locks."""
    path = make_relationship(tmp_path / "rel", answers=150, text="filler text " * 8)
    rng = random.Random(20240611)
    figures = Figures()
    pending = [ForkedWriter("loop", path) for _ in range(PRESPAWN)]
    started = time.monotonic()
    value = 0
    try:
        for trial in range(TRIALS):
            child = pending.pop(0)
            pending.append(ForkedWriter("loop", path))
            confirmed = _run_trial(child, trial, rng)
            figures.trials += 1
            figures.saves_confirmed += len(confirmed)
            value = _check(path, value, confirmed, figures)
    finally:
        _discard(pending)
    elapsed = time.monotonic() - started
    print(
        f"\nfault injection: {figures.trials} SIGKILLs, {figures.corrupt} corrupt files, "
        f"{figures.stale} stale values, {figures.lock_refused} stuck locks; "
        f"{figures.mid_write} killed mid-write (temp file left), {figures.in_flight_landed} "
        f"in-flight writes landed, {figures.saves_confirmed} saves confirmed, {elapsed:.1f} s"
    )
    assert figures.trials >= 100
    assert figures.problems == []
    assert figures.corrupt == 0 and figures.stale == 0 and figures.lock_refused == 0
    # The kills must hit real saves: some leave a temp file behind (killed mid-write) or land
    # the write in flight. Counting confirmed saves instead depended on the machine's speed.
    assert figures.mid_write + figures.in_flight_landed >= TRIALS // 10, "kills missed the saves"
    # (At least one trial in ten confirmed a save: how many do depends on the load, since each
    # kill lands 0-30 ms after the writer is ready; 37 of 120 were seen on a busy machine.)
    assert figures.saves_confirmed >= TRIALS // 10, "the writers hardly saved before the kills"


def _fresh_tinydb_file(path: Path) -> None:
    docs = {str(i): {"counter": 0, "pad": "filler " * 20} for i in range(1, 151)}
    path.write_text(json.dumps({"answers": docs}), encoding="utf-8")


@pytest.mark.parametrize("trials", [40])
def test_tinydb_default_storage_for_comparison(tmp_path: Path, trials: int) -> None:
    """The same kills against TinyDB's ``JSONStorage`` (figure reported, not asserted)."""
    path = tmp_path / "tinydb.json"
    _fresh_tinydb_file(path)
    rng = random.Random(7)
    corrupt = 0
    pending = [ForkedWriter("tinydb", path) for _ in range(PRESPAWN)]
    try:
        for _ in range(trials):
            child = pending.pop(0)
            pending.append(ForkedWriter("tinydb", path))
            assert child.stdin is not None and child.stdout is not None
            assert child.stdout.readline().strip() == "waiting"
            child.stdin.write("go\n")
            child.stdin.flush()
            assert child.stdout.readline().startswith("ready")
            time.sleep(rng.uniform(0, 0.03))
            _kill(child)
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                corrupt += 1
                _fresh_tinydb_file(path)
    finally:
        _discard(pending)
    print(f"\nTinyDB JSONStorage: {trials} SIGKILLs, {corrupt} corrupt files")
