"""Mentor Workbook benchmarks against a bare Textual app (DESIGN.md, "Performance").

    python benchmarks/run.py            # full run (a few minutes)
    python benchmarks/run.py --quick    # smoke run with fewer repetitions (< 60 s; CI)
    python benchmarks/run.py --only scale [--quick]   # growth with answers and relationships
    python benchmarks/run.py --json results.json

Prints a table (measure | value | baseline measured in the same run | ratio | target | result)
and a summary line "N of M targets met". Benchmarks are not tests: missing a target still exits
0; only a crash of a benchmark exits 1. Every measure lives in its own module here:
first_paint, tab_switch, keystroke, store (store_bench), packs, memory, scale; helpers in common.
The scale section (about 1.5 minutes) is part of a full run; a quick run leaves it out unless
``--only`` names it (then with smaller sizes). The keys section (open-loop typing at 5,000, 20,000 and
50,000 answers, each against a bare TextArea; about 3 minutes) types 60 keys at 5,000 answers
only in a quick run. ``cold_start.py`` (import costs) and ``open_instructions.py`` (the open's
instructions at 5,000 and 50,000 answers, counted by valgrind: exact on a noisy machine) run on
their own.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

from common import Row, format_rows, summary_line  # noqa: E402

FULL = {
    "paint_runs": 7,
    "switch_rounds": 5,
    "switch_packs": None,
    "keys": 240,
    "key_sizes": (5_000, 20_000, 50_000),
    "store_runs": 7,
    "pack_runs": 7,
    "memory_extra": True,
    "report_pairs": 1_000,
    "report_runs": 3,
}
QUICK = {
    "paint_runs": 3,
    "switch_rounds": 1,
    "switch_packs": ["standard"],
    "keys": 60,
    "key_sizes": (5_000,),
    "store_runs": 3,
    "pack_runs": 3,
    "memory_extra": False,
    "report_pairs": 200,
    "report_runs": 1,
}
"""The quick (CI) run measures tab switches of the standard pack only, fewer keys at 5,000
answers only, and the coordinator's report over 200 pairs once."""
SECTIONS = ("paint", "switch", "keys", "store", "packs", "memory", "report", "scale")
NOT_QUICK = {"scale"}
"""Sections a quick run leaves out unless ``--only`` names them (they would not fit its minute)."""
STORE_SIZES = (100, 1_000, 5_000)
BIG = 5_000


def log(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


FRESH_ENV = "WORKBOOK_BENCH_FRESH"
"""Set in a section's own interpreter (see :func:`_fresh`)."""
IN_PROCESS = {"switch", "keys"}
"""Sections that run their apps inside the benchmark's own interpreter."""


class LeftoverTimerFilter(logging.Filter):
    """Counts, instead of printing, asyncio's "Task was destroyed but it is pending!" reports.

    The in-process sections open and close dozens of apps. An app closed while its editors are
    still mounting leaves their Textual cursor-blink timers (``set_interval#1``) pending, and
    asyncio reports each one when it is garbage-collected: hundreds of lines that bury the
    table. They are harmless (a real run exits instead) and are summed up in one line.
    """

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Task was destroyed but it is pending"):
            self.count += 1
            return False
        return True


def _fresh(section: str, quick: bool) -> list[Row]:
    """Run one section of this script in a fresh interpreter and return its rows."""
    with tempfile.TemporaryDirectory(prefix="workbook-bench-section-") as tmp:
        out = Path(tmp) / "rows.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--only",
            section,
            "--json",
            str(out),
            *(["--quick"] if quick else []),
        ]
        done = subprocess.run(command, env={**os.environ, FRESH_ENV: "1"}, check=False)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"the {section} section failed in its own process")
        report = json.loads(out.read_text(encoding="utf-8"))
        if report["crashed"]:
            raise RuntimeError(f"the {section} section crashed: {report['crashed']}")
        names = {f.name for f in dataclasses.fields(Row)}
        return [Row(**{k: v for k, v in row.items() if k in names}) for row in report["rows"]]


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, print the table and summary; 1 only if a benchmark crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (CI smoke run)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write results as JSON")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        default=None,
        help=f"comma-separated sections to run (default: all of {', '.join(SECTIONS)}; "
        f"--quick leaves out {', '.join(sorted(NOT_QUICK))})",
    )
    args = parser.parse_args(argv)
    if args.only is None:
        names = [name for name in SECTIONS if not (args.quick and name in NOT_QUICK)]
        args.only = ",".join(names)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if only - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(only - set(SECTIONS)))}")
    settings = QUICK if args.quick else FULL
    leftovers = LeftoverTimerFilter()
    logging.getLogger("asyncio").addFilter(leftovers)
    started = time.perf_counter()
    rows: list[Row] = []
    crashed: list[str] = []

    with tempfile.TemporaryDirectory(prefix="workbook-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir(mode=0o700)
        os.environ["MENTOR_WORKBOOK_HOME"] = str(home)
        from common import build_relationship

        from workbook import paths

        paths.set_home_override(None)
        # Byte-compile the program as pip does when it installs the wheel: a checkout run with
        # PYTHONDONTWRITEBYTECODE set would otherwise compile every module at each start.
        import compileall

        for package in ("workbook", "screens", "content"):
            compileall.compile_dir(str(ROOT / package), quiet=1, force=False)
        log("building relationships (standard pack; and with 5,000 answers)")
        realistic = build_relationship(Path(tmp) / "realistic", "standard")
        big = build_relationship(Path(tmp) / "big", "standard", total_answers=BIG)

        def step(section: str, name: str, func) -> None:
            if section not in only:
                return
            log(f"{name}...")
            begun = time.perf_counter()
            try:
                rows.extend(func())
            except Exception:
                crashed.append(name)
                traceback.print_exc()
            log(f"{name} took {time.perf_counter() - begun:.1f} s")

        import first_paint
        import keystroke
        import memory
        import packs
        import report_bench
        import scale
        import store
        import tab_switch

        # The in-process sections each get a fresh interpreter, as each real session has: the
        # garbage and caches of one section's dozens of apps would otherwise burden the next.
        fresh = os.environ.get(FRESH_ENV) != "1" and len(only & IN_PROCESS) > 1
        step(
            "paint",
            "first paint",
            lambda: first_paint.measure(home, realistic, settings["paint_runs"]),
        )
        step(
            "switch",
            "tab switch",
            lambda: (
                _fresh("switch", args.quick)
                if fresh
                else asyncio.run(
                    tab_switch.measure(
                        Path(tmp) / "switch", settings["switch_rounds"], settings["switch_packs"]
                    )
                )
            ),
        )
        step(
            "keys",
            "keystroke",
            lambda: (
                _fresh("keys", args.quick)
                if fresh
                else asyncio.run(
                    keystroke.measure(Path(tmp) / "keys", settings["key_sizes"], settings["keys"])
                )
            ),
        )
        step("store", "save / open", lambda: store.measure(STORE_SIZES, settings["store_runs"]))
        step("packs", "packs", lambda: packs.measure(settings["pack_runs"]))
        step("scale", "scale", lambda: scale.measure(args.quick))
        step(
            "memory",
            "memory",
            lambda: memory.measure(home, big, realistic if settings["memory_extra"] else None),
        )
        step(
            "report",
            "coordinator's report",
            lambda: report_bench.measure(settings["report_pairs"], settings["report_runs"]),
        )

    if leftovers.count:
        log(
            f"{leftovers.count} pending Textual timer tasks of closed apps were discarded "
            "(see LeftoverTimerFilter)"
        )
    elapsed = time.perf_counter() - started
    if os.environ.get(FRESH_ENV) == "1":  # a section's own interpreter: the parent prints
        return _write_json(args, rows, crashed, settings, elapsed)
    print(
        f"Mentor Workbook benchmarks ({'quick' if args.quick else 'full'} run, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {elapsed:.0f} s)"
    )
    print(format_rows(rows))
    print()
    print(summary_line(rows) + (f"; CRASHED: {', '.join(crashed)}" if crashed else ""))
    return _write_json(args, rows, crashed, settings, elapsed)


def _write_json(
    args: argparse.Namespace,
    rows: list[Row],
    crashed: list[str],
    settings: dict[str, object],
    elapsed: float,
) -> int:
    """Write the results to ``--json`` (if given); the exit status: 1 if a benchmark crashed."""
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "quick": args.quick,
                    "settings": settings,
                    "elapsed_s": round(elapsed, 1),
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "summary": summary_line(rows),
                    "crashed": crashed,
                    "rows": [row.as_dict() for row in rows],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
