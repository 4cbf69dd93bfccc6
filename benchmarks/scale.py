"""Scale: how each cost grows with the number of answers and with the number of relationships.

    python benchmarks/scale.py            # 5,000 / 20,000 / 50,000 answers; 10 / 100 / 1,000 files
    python benchmarks/scale.py --quick    # smaller sizes, fewer runs (a smoke run)
    python benchmarks/scale.py --home     # only the home screen's first frame, 10 / 100 / 1,000
    python benchmarks/run.py --only scale

Store, at each number of answers: open (CPU and wall), save after one edit, insert of an answer
to a new prompt, peak memory of a fresh process holding the file open, and keys typed while a
thread saves over and over (:func:`store_bench.keys_during_saves`). Relationships, at each number
of files: ``mentor-workbook list`` in a fresh process and the home screen's data
(:func:`workbook.summary_index.relationship_summaries`) in this one, cold (no summary index) and
warm, and the home screen's first frame (launch to the first frame showing it, a fresh process;
its rows are read after that frame, in a thread: the time they appear is in the note). Every
growth factor is against the smallest size measured in the same run, CPU time beside wall time
(CPU time holds still when the machine is busy). Informational, like every benchmark; the
targets (issue #20): open at 50,000 answers within 10.5x the 5,000 figure, peak memory of an
open service at 50,000 within 150 MiB, ``list`` at 1,000 relationships within 2x ``list`` at
10, the home screen's first frame at 1,000 relationships within 1.3x its first frame at 10.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    ROOT,
    Row,
    bench_env,
    build_relationship,
    format_rows,
    median,
    ms,
    run_child,
)


@dataclass(frozen=True)
class Sizes:
    """What one scale run measures: the sizes, and how many times each is measured."""

    answers: tuple[int, ...]
    files: tuple[int, ...]
    runs: int
    open_runs: int
    """Opens per size (the sizes taken in turn in every round)."""
    keys_s: float
    """Seconds of keys typed during saves, at each size."""


FULL = Sizes(
    answers=(5_000, 20_000, 50_000), files=(10, 100, 1_000), runs=5, open_runs=9, keys_s=3.0
)
QUICK = Sizes(answers=(1_000, 2_000, 5_000), files=(10, 30, 100), runs=2, open_runs=3, keys_s=1.0)
OPEN_GROWTH_TARGET = 10.5
PEAK_TARGET_MIB = 150
LIST_GROWTH_TARGET = 2.0
HOME_FRAME_TARGET = 1.3


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 2)


def _growth(value: float, first: float) -> str:
    return f"x{value / first:.2f} vs the smallest" if first else ""


def store_rows(
    folder: Path, sizes: tuple[int, ...], runs: int, open_runs: int, keys_s: float
) -> list[Row]:
    """Open, save, insert, peak memory and keys during saves at each number of answers (the
    opens ``open_runs`` times each, the sizes in turn in every round)."""
    import store_bench

    paths = [store_bench.build(folder / f"n{size}", size) for size in sizes]
    opens = store_bench.open_in_fresh_processes(paths, open_runs)
    results = []
    for size, path, opened in zip(sizes, paths, opens, strict=True):
        save = store_bench.time_save(path, runs)
        insert = store_bench.time_insert(path, max(runs, 5))
        keys = store_bench.keys_during_saves(path, keys_s)
        results.append(
            {
                "answers": size,
                "file_mib": round(path.stat().st_size / 2**20, 1),
                "open_cpu": opened["open_cpu_ms"],
                "open_wall": opened["open_wall_ms"],
                "save": _median_ms(save),
                "insert_us": round(statistics.median(insert) * 1e6, 1),
                "peak": opened["peak_mib"],
                "imports": opened["imports_mib"],
                **keys,
            }
        )
    first, largest = results[0], sizes[-1]
    rows: list[Row] = []
    for result in results:
        size = result["answers"]
        label = f"{size:,} answers"
        is_largest = size == largest and size >= 50_000
        rows += [
            Row(
                f"scale: open in a fresh process, {label} (CPU)",
                result["open_cpu"],
                "ms",
                baseline=first["open_cpu"] if size != first["answers"] else None,
                baseline_label=f"at {first['answers']:,}",
                target=OPEN_GROWTH_TARGET if is_largest else None,
                target_kind="ratio",
                note=f"wall {result['open_wall']:,.0f} ms; {result['file_mib']} MiB file",
                extra=result,
            ),
            Row(
                f"scale: save after one edit, {label}",
                result["save"],
                "ms",
                note=_growth(result["save"], first["save"]) + " (wall: it writes the file)",
            ),
            Row(
                f"scale: insert of a new answer, {label}",
                result["insert_us"],
                "us",
                note=_growth(result["insert_us"], first["insert_us"]),
            ),
            Row(
                f"scale: peak memory of an open service, {label}",
                result["peak"],
                "MiB",
                baseline=result["imports"],
                baseline_label="imports only",
                target=PEAK_TARGET_MIB if is_largest else None,
                note="fresh process (VmHWM)",
            ),
            Row(
                f"scale: keys typed during saves, {label} (p95)",
                result["during_p95_ms"],
                "ms",
                baseline=result["baseline_p95_ms"],
                baseline_label="no save running",
                note=f"max {result['during_max_ms']} ms over {result['keys_during']} keys, "
                f"{result['saves']} saves of {result['save_median_ms']} ms",
            ),
        ]
    return rows


def build_home(home: Path, count: int, template: Path) -> None:
    """``count`` relationship files in ``home``: copies of ``template`` (a realistic
    relationship of the standard pack), each under its own name."""
    folder = home / "relationships"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        shutil.copyfile(template, folder / f"pair-{number:04}.json")


def _child_cpu(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system, from ``wait4``) and wall seconds of a child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(
            f"{command} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return usage.ru_utime + usage.ru_stime, wall


def _in_process(home: Path) -> tuple[float, float]:
    """CPU and wall seconds of the home screen's data (every summary) in this process."""
    from workbook import paths
    from workbook.summary_index import relationship_summaries

    paths.set_home_override(home)
    try:
        start_cpu, start = time.process_time(), time.perf_counter()
        relationship_summaries()
        return time.process_time() - start_cpu, time.perf_counter() - start
    finally:
        paths.set_home_override(None)


def list_rows(folder: Path, counts: tuple[int, ...], runs: int) -> list[Row]:
    """``list`` (fresh process) and the home data (in process), cold and warm, at each count."""
    from workbook.summary_index import RACY_SECONDS, index_file

    template = build_relationship(folder / "template", "standard")
    homes = {}
    for count in counts:
        homes[count] = folder / f"home-{count}"
        build_home(homes[count], count, template)
    time.sleep(RACY_SECONDS)  # files changed in the last moment are never indexed
    command = [sys.executable, "-m", "workbook", "list"]
    figures: dict[tuple[str, int], tuple[float, float]] = {}
    for count, home in homes.items():
        env = bench_env(home)
        index = home / "cache" / index_file().name
        for kind in ("cold", "warm"):
            cpu: list[float] = []
            wall: list[float] = []
            data_cpu: list[float] = []
            for _ in range(runs):
                if kind == "cold":
                    index.unlink(missing_ok=True)
                else:
                    _child_cpu(command, env)  # (makes sure the index is there)
                c, w = _child_cpu(command, env)
                cpu.append(c)
                wall.append(w)
                if kind == "cold":
                    index.unlink(missing_ok=True)
                data_cpu.append(_in_process(home)[0])
            figures[("list " + kind, count)] = (_median_ms(cpu), _median_ms(wall))
            figures[("home data " + kind, count)] = (_median_ms(data_cpu), 0.0)
    rows: list[Row] = []
    smallest, largest = counts[0], counts[-1]
    for what in ("list warm", "list cold", "home data warm", "home data cold"):
        first = figures[(what, smallest)][0]
        for count in counts:
            cpu_ms, wall_ms = figures[(what, count)]
            gated = what == "list warm" and count == largest and count >= 1_000
            rows.append(
                Row(
                    f"scale: {what.replace('warm', 'with the index')}, "
                    f"{count:,} relationships (CPU)",
                    cpu_ms,
                    "ms",
                    baseline=first if count != smallest else None,
                    baseline_label=f"at {smallest:,}",
                    target=LIST_GROWTH_TARGET if gated else None,
                    target_kind="ratio",
                    note=(f"wall {wall_ms:,.0f} ms; " if wall_ms else "")
                    + ("fresh process" if what.startswith("list") else "in process"),
                )
            )
    return rows


def home_frame_rows(folder: Path, counts: tuple[int, ...], runs: int) -> list[Row]:
    """The home screen's first frame at each number of relationships (fresh processes, the
    counts interleaved run by run), against the smallest; the rows' own frame in the note."""
    template = build_relationship(folder / "template-home", "standard")
    envs = {}
    for count in counts:
        home = folder / f"home-frame-{count}"
        build_home(home, count, template)
        envs[count] = bench_env(home)
        run_child(["home"], envs[count])  # warm the file cache; builds the summary index
    first: dict[int, list[float]] = {count: [] for count in counts}
    cpu: dict[int, list[float]] = {count: [] for count in counts}
    rows_at: dict[int, list[float]] = {count: [] for count in counts}
    for _ in range(runs):
        for count in counts:
            report = run_child(["home"], envs[count]).report
            first[count].append(report["first_frame_s"])
            cpu[count].append(report["first_frame_cpu_s"])
            rows_at[count].append(report["rows_s"])
    smallest, largest = counts[0], counts[-1]
    return [
        Row(
            f"scale: home screen first frame, {count:,} relationships",
            ms(median(first[count])),
            "ms",
            baseline=ms(median(first[smallest])) if count != smallest else None,
            baseline_label=f"at {smallest:,}",
            target=HOME_FRAME_TARGET if count == largest and count >= 1_000 else None,
            target_kind="ratio",
            note=f"CPU {ms(median(cpu[count])):,.0f} ms; rows shown at "
            f"{ms(median(rows_at[count])):,.0f} ms; {runs} fresh processes",
            extra={"first_s": first[count], "rows_s": rows_at[count]},
        )
        for count in counts
    ]


def measure(quick: bool = False, *, home_only: bool = False) -> list[Row]:
    """Every scale row (sizes per :data:`FULL` or :data:`QUICK`)."""
    sizes = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="workbook-scale-") as tmp:
        folder = Path(tmp)
        rows: list[Row] = []
        if not home_only:
            rows += store_rows(folder, sizes.answers, sizes.runs, sizes.open_runs, sizes.keys_s)
            rows += list_rows(folder, sizes.files, sizes.runs)
        rows += home_frame_rows(folder, sizes.files, sizes.runs)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure and print the rows (in a throw-away home)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument("--home", action="store_true", help="only the home screen's first frame")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="workbook-scale-home-") as home:
        os.environ["MENTOR_WORKBOOK_HOME"] = home
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        print(format_rows(measure(args.quick, home_only=args.home)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
