"""Store benchmark: time to save one edit and to open a relationship of N answers.

Run ``python benchmarks/store_bench.py [--sizes 100,1000,5000] [--runs 7] [--json]``.
Other scripts import :func:`measure`. The targets (DESIGN.md): save <= 25 ms and open <= 200 ms
at 5,000 answers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
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
