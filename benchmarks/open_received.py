"""How long ``open`` takes to decide what a received file is, in a home of N relationships.

Run ``python benchmarks/open_received.py [--sizes 100,1000] [--runs 3]``. Opening a file from
outside the home (:func:`workbook.received.plan_open`) reads the relationship record of every
file in the home, to find the one the copy belongs to; this prints the best time of a few
runs for each size. Informational (no target, not part of ``run.py``): the home screen's
budget, about 10 relationships' worth of reading before its first frame, does not apply to
opening a download, which happens once per received copy.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from workbook import paths
from workbook.models import Author
from workbook.received import plan_open
from workbook.service import WorkbookService
from workbook.sharing import share_copy

ANSWERS = 20
"""Answers in each relationship of the home (the record is what is read; the rest is parsed)."""


def build_home(home: Path, size: int) -> Path:
    """A home of ``size`` relationships and a received copy of another; returns the copy."""
    paths.set_home_override(home)
    for number in range(size):
        service = WorkbookService.create(
            mentor=f"Mentor {number}",
            mentee=f"Mentee {number}",
            pack_id="standard",
            pack_version="1.1",
        )
        with service:
            for index in range(ANSWERS):
                service.set_answer(f"prompt-{index}", Author.MENTOR, "an answer of a few words")
    elsewhere = home.parent / "their-machine"
    with WorkbookService.create(
        mentor="Priya Shah", mentee="Sam Okafor", pack_id="standard", pack_version="1.1",
        folder=elsewhere,
    ) as theirs:  # fmt: skip
        return share_copy(theirs, home.parent / "for-sam-okafor.json")


def best_time(copy: Path, runs: int) -> float:
    """The best of ``runs`` timings of :func:`plan_open` on ``copy``, in seconds."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        plan_open(str(copy))
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    """Print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated home sizes")
    parser.add_argument("--runs", type=int, default=3, help="timings per size (best is shown)")
    args = parser.parse_args()
    for size in (int(part) for part in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            copy = build_home(Path(folder) / "home", size)
            seconds = best_time(copy, args.runs)
        print(f"open of a received copy, {size:>5} relationships at home: {seconds * 1000:.0f} ms")
    paths.set_home_override(None)


if __name__ == "__main__":
    main()
