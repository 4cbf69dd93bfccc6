"""Store benchmark: open, save one edit, insert a new answer, peak memory and keys typed during
saves, for a relationship of N answers.

Run ``python benchmarks/store_bench.py [--sizes 100,1000,5000] [--runs 7] [--json]``.
Other scripts import :func:`measure` and the single measures (``scale.py`` runs them at 5,000,
20,000 and 50,000 answers). The targets (DESIGN.md): save <= 25 ms and open <= 200 ms at 5,000
answers.

:func:`keys_during_saves` is an open-loop harness in one process: a thread saves over and over,
as the autosave worker does, while the main thread types a key every few milliseconds on a fixed
schedule (a key that is late does not delay the next one's schedule); each key's latency runs
from its scheduled time to the moment its change is in memory. It shows whether a save blocks
typing (by the data lock or by holding the GIL), which the UI's keystroke benchmark cannot
separate from drawing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from workbook.service import WorkbookService

DEFAULT_SIZES = (100, 1_000, 5_000)
ANSWER_TEXT = (
    "I would like to get better at giving feedback to my team without sounding harsh; "
    "last sprint I avoided a hard conversation and it cost us a week. "
)
"""A typical long-text answer (about 150 characters)."""


def build(folder: Path, answers: int) -> Path:
    """Create a relationship with ``answers`` answers in ``folder``; return its path."""
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="standard", pack_version="1", folder=folder
    )
    with service:
        for index in range(answers):
            author = ("mentor", "mentee", "joint")[index % 3]
            service.set_answer(f"prompt-{index // 3}", author, f"{ANSWER_TEXT}#{index}")
    return service.path


def time_open(path: Path, runs: int) -> list[float]:
    """Seconds taken by ``WorkbookService.open`` (writer, as the UI opens it), per run."""
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        service = WorkbookService.open(path)
        times.append(time.perf_counter() - start)
        service.close()
    return times


def time_save(path: Path, runs: int) -> list[float]:
    """Seconds taken by ``flush()`` after one edit (the debounced save), per run."""
    times: list[float] = []
    with WorkbookService.open(path) as service:
        for run in range(runs):
            service.set_answer("prompt-0", "mentor", f"edited answer, run {run}")
            start = time.perf_counter()
            service.flush()
            times.append(time.perf_counter() - start)
    return times


def time_insert(path: Path, runs: int) -> list[float]:
    """Seconds taken by ``set_answer`` for an answer to a new prompt (an insert), per run."""
    times: list[float] = []
    with WorkbookService.open(path) as service:
        for run in range(runs):
            start = time.perf_counter()
            service.set_answer(f"new-prompt-{run}", "mentor", "a first answer")
            times.append(time.perf_counter() - start)
    return times


OPEN_CHILD = """
import json, sys, time
from pathlib import Path
from workbook.service import WorkbookService
cpu, wall = time.process_time(), time.perf_counter()
if sys.argv[1] == "open":
    service = WorkbookService.open(Path(sys.argv[2]))
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"cpu_s": cpu, "wall_s": wall, "peak_kib": peak}))
"""
"""A fresh interpreter that imports the service, opens the file (writer, as the UI opens it; or
does nothing) and prints the open's CPU and wall time and its peak resident memory (``VmHWM``:
the child's own, which ``wait4`` would not give after a fork)."""


def _open_child(*args: str) -> dict[str, float]:
    import workbook

    root = Path(workbook.__file__).resolve().parent.parent  # (the code this process measures)
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(
        [sys.executable, "-c", OPEN_CHILD, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    report: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return report


def open_in_fresh_processes(paths: list[Path], runs: int) -> list[dict[str, float]]:
    """Open each of ``paths`` once in each of ``runs`` fresh processes, as a user opens a
    relationship, the files taken in turn in every round (a machine that slows down for a
    minute slows every size alike, not the largest): for each file, the median CPU and wall ms
    of the open, the median peak memory (MiB) of the process holding it open, and the peak of
    a process that only imported the service (interpreter and modules).

    A fresh process is the honest measure: opened over and over in one process, a file reuses
    the memory the last copy freed, and a small file gains most from that."""
    for path in paths:
        _open_child("open", str(path))  # the backup is made once, as on any second open
    opened: list[list[dict[str, float]]] = [[] for _ in paths]
    for _ in range(runs):
        for index, path in enumerate(paths):
            opened[index].append(_open_child("open", str(path)))
    imports = _open_child("imports-only")
    return [
        {
            "open_cpu_ms": round(statistics.median(run["cpu_s"] for run in runs_of) * 1000, 2),
            "open_wall_ms": round(statistics.median(run["wall_s"] for run in runs_of) * 1000, 2),
            "peak_mib": round(statistics.median(run["peak_kib"] for run in runs_of) / 1024, 1),
            "imports_mib": round(imports["peak_kib"] / 1024, 1),
        }
        for runs_of in opened
    ]


def _latencies(
    service: WorkbookService, seconds: float, interval: float
) -> list[tuple[float, float]]:
    """Type on a fixed schedule for ``seconds``: ``(scheduled, latency)`` of each key."""
    keys: list[tuple[float, float]] = []
    text = ""
    start = time.perf_counter() + 0.05
    for number in range(int(seconds / interval)):
        due = start + number * interval
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        text = text[-200:] + "abcdefghij"[number % 10]
        service.set_answer("typed-prompt", "mentor", text)
        keys.append((due, time.perf_counter() - due))
    return keys


def keys_during_saves(path: Path, seconds: float = 3.0, interval: float = 0.004) -> dict[str, Any]:
    """Keys typed while a thread saves continuously, against the same typing with no save.

    Returns latency percentiles (ms) of the keys whose scheduled time fell inside a save, of
    every key of the baseline run, the number of each and the saves' median duration.
    """
    with WorkbookService.open(path) as service:
        baseline = [latency for _, latency in _latencies(service, seconds / 2, interval)]
        saves: list[tuple[float, float]] = []
        stop = threading.Event()

        def saver() -> None:
            while not stop.is_set():
                begun = time.perf_counter()
                if service.flush():
                    saves.append((begun, time.perf_counter()))
                else:
                    time.sleep(0.001)

        thread = threading.Thread(target=saver, name="bench-saver")
        thread.start()
        try:
            typed = _latencies(service, seconds, interval)
        finally:
            stop.set()
            thread.join()
    during = [latency for due, latency in typed if any(a <= due <= b for a, b in saves)]
    return {
        "during_p50_ms": _ms(_pct(during, 50)),
        "during_p95_ms": _ms(_pct(during, 95)),
        "during_max_ms": _ms(max(during, default=float("nan"))),
        "keys_during": len(during),
        "baseline_p95_ms": _ms(_pct(baseline, 95)),
        "baseline_max_ms": _ms(max(baseline, default=float("nan"))),
        "keys_baseline": len(baseline),
        "saves": len(saves),
        "save_median_ms": _ms(
            statistics.median([b - a for a, b in saves]) if saves else float("nan")
        ),
    }


def _pct(values: list[float], pct: float) -> float:
    """The ``pct`` percentile (nearest rank) of ``values`` (nan when empty)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def measure(
    sizes: list[int] | tuple[int, ...] = DEFAULT_SIZES, runs: int = 7
) -> list[dict[str, Any]]:
    """Median save and open times (ms) for relationships of each size in ``sizes``."""
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        for size in sizes:
            path = build(Path(tmp) / f"n{size}", size)
            save = time_save(path, runs)
            opened = time_open(path, runs)
            results.append(
                {
                    "answers": size,
                    "file_kb": round(path.stat().st_size / 1024, 1),
                    "save_ms": round(statistics.median(save) * 1000, 2),
                    "open_ms": round(statistics.median(opened) * 1000, 2),
                    "runs": runs,
                }
            )
    return results


def format_table(results: list[dict[str, Any]]) -> str:
    """The results as a small aligned table."""
    lines = [f"{'answers':>8} {'file KB':>9} {'save ms':>9} {'open ms':>9}"]
    for row in results:
        lines.append(
            f"{row['answers']:>8,} {row['file_kb']:>9,.1f} {row['save_ms']:>9.2f} "
            f"{row['open_ms']:>9.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    results = measure(sizes, runs=args.runs)
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
