"""Coordinator's report benchmark: ``mentor-workbook report`` over a generated folder of realistic
relationships (1,000 pairs, a mentee's copy for one pair in twenty, five damaged files), in
every format, against plainly ``json.load``-ing the same files in the same run; and the peak
memory of the command at 100 and at 1,000 pairs.

    python benchmarks/run.py --only report                 # as a section of the suite
    python benchmarks/report_bench.py [--pairs 1000] [--runs 3]   # on its own
    python benchmarks/report_bench.py --example DIR        # the README's small example folder

Realistic: each file is one of four relationships built with the workbook itself (the demo's
pair after two sessions, the same finished, the same with its agreement changed since it was
acknowledged, and a pair just matched with its preparation answered), about 40 KB, with its
own id, names and start date. The timed run is what ``report DIR --format F -o FILE`` does:
read and merge, summarise, render and write the file (the packs come from the on-disk cache).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, Row, bench_env, median  # noqa: E402

PAIRS = 1_000
SMALL = 100
COPY_EVERY = 20
"""One pair in this many also sent the mentee's copy."""
TARGET_MS = 5_000
"""The issue's "1,000 files of realistic size in a few seconds"."""
MEMORY_RATIO = 1.15
"""Memory independent of the number of files: 1,000 pairs within 15% of 100 pairs' peak."""
FIRST_NAMES = (
    "Priya", "Sam", "Ana", "Bo", "Chidi", "Dana", "Eitan", "Fatima", "Gus", "Hana", "Ivan",
    "Jia", "Kwame", "Lena", "Mateo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tariq",
)  # fmt: skip
LAST_NAMES = (
    "Shah", "Okafor", "Silva", "Chen", "Novak", "Haddad", "Kowalski", "Mensah", "Ito",
    "Garcia", "Byrne", "Larsen", "Nguyen", "Osei", "Petrov", "Rossi", "Tanaka", "Walsh",
)  # fmt: skip


def _log(message: str) -> None:
    print(f"[report bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ test data
def _just_matched(folder: Path) -> Path:
    """A pair matched today with the preparation answered (no session yet)."""
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import SessionTag
    from workbook.demo import sample_value
    from workbook.service import WorkbookService
    from workbook.visibility import authors_for

    pack = PackCatalog.default().load("standard")
    with WorkbookService.create(
        mentor="New Mentor",
        mentee="New Mentee",
        pack_id=pack.id,
        pack_version=pack.version,
        folder=folder,
    ) as service:
        for number, prompt in enumerate(pack.all_prompts()):
            if prompt.session is not SessionTag.BEFORE or prompt.kind.is_structured:
                continue
            for author in authors_for(prompt):
                value = sample_value(prompt, author, number, date.today())
                if value is not None:
                    service.set_answer(prompt.id, author, value)
        return service.path


def templates(folder: Path) -> list[str]:
    """Four realistic relationship files (their text), made with the workbook itself."""
    from workbook.debrief import finish_relationship
    from workbook.demo import create_demo
    from workbook.models import Author
    from workbook.service import WorkbookService

    made = [create_demo(folder / "demo"), create_demo(folder / "finished")]
    with WorkbookService.open(made[1]) as service:
        finish_relationship(service, "completed")
    changed = create_demo(folder / "changed")
    with WorkbookService.open(changed) as service:
        service.set_answer("ending", Author.JOINT, "We end it after a year.")
    made += [changed, _just_matched(folder / "new")]
    return [path.read_text(encoding="utf-8") for path in made]


TEMPLATE_NAMES = (("Priya Shah", "Sam Okafor"), ("New Mentor", "New Mentee"))
"""The names the templates were made with (the demo's pair, the pair just matched)."""


def renamed(text: str, mentor: str, mentee: str) -> dict[str, Any]:
    """A template's text with its pair's names replaced everywhere (the acknowledged
    agreement's frozen text too, so it still matches), parsed."""
    for old_mentor, old_mentee in TEMPLATE_NAMES:
        text = text.replace(old_mentor, mentor).replace(old_mentee, mentee)
        text = text.replace(old_mentor.split()[0], mentor.split()[0])
        text = text.replace(old_mentee.split()[0], mentee.split()[0])
    data: dict[str, Any] = json.loads(text)
    return data


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


DAMAGED: dict[str, bytes] = {
    "truncated.json": b'{\n  "relationship": {\n    "1": {"mentor": "Ana", "slug',
    "empty.json": b"",
    "notes.json": b"not json at all",
    "list.json": b"[1, 2, 3]",
}
"""Damaged files (plus one from a newer schema, written by :func:`generate`)."""


def generate(folder: Path, pairs: int, seed: int = 17, *, damaged: bool = True) -> Path:
    """``pairs`` relationships in ``folder`` (in five cohort sub-folders), a mentee's copy
    for one pair in :data:`COPY_EVERY` and (``damaged``) five damaged files; returns
    ``folder``."""
    from workbook.service import WorkbookService
    from workbook.sharing import share_copy
    from workbook.storage import encode_tables

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="report-templates-") as scratch:
        kinds = templates(Path(scratch))
    copies = folder / "from-mentees"
    copies.mkdir(parents=True)
    for number in range(pairs):
        data = renamed(kinds[number % len(kinds)], _name(rng), _name(rng))
        record = data["relationship"]["1"]
        record.update(uid=uuid.UUID(int=rng.getrandbits(128)).hex, slug=f"pair-{number:04d}")
        if number % len(kinds) == len(kinds) - 1:  # matched some days ago, no session yet
            started = date.today() - timedelta(days=rng.randint(0, 6))
            record.update(started_on=started.isoformat())
        cohort = folder / f"cohort-{number % 5 + 1}"
        cohort.mkdir(exist_ok=True)
        path = cohort / f"pair-{number:04d}.json"
        path.write_text(encode_tables(data), encoding="utf-8")
        if number % COPY_EVERY == 0:
            share_copy(WorkbookService.open(path, read_only=True), copies / path.name)
    if not damaged:
        return folder
    for name, content in DAMAGED.items():
        (folder / name).write_bytes(content)
    newer = renamed(kinds[0], "Future Mentor", "Future Mentee")
    newer["relationship"]["1"].update(schema_version=99, uid=uuid.uuid4().hex)
    (folder / "from-the-future.json").write_text(encode_tables(newer), encoding="utf-8")
    return folder


def make_example(folder: Path) -> Path:
    """The README's example folder: six pairs at different points (one with the mentee's
    copy beside the mentor's file) and a file cut short, dated from today."""
    from workbook.agreement import acknowledge
    from workbook.content.catalog import PackCatalog
    from workbook.debrief import finish_relationship
    from workbook.demo import create_demo
    from workbook.models import ActionItem, Author, Cadence, Role
    from workbook.service import WorkbookService
    from workbook.sessions import start_session
    from workbook.sharing import share_copy

    pack = PackCatalog.default().load("standard")
    today = date.today()
    demo = create_demo(folder / "cohort-a")
    (folder / "from-mentees").mkdir()
    share_copy(WorkbookService.open(demo, read_only=True), folder / "from-mentees" / "sam.json")

    def pair(cohort: str, mentor: str, mentee: str, days_ago: int) -> WorkbookService:
        return WorkbookService.create(
            mentor=mentor,
            mentee=mentee,
            pack_id=pack.id,
            pack_version=pack.version,
            started_on=today - timedelta(days=days_ago),
            folder=folder / cohort,
        )

    with pair("cohort-a", "Ana Silva", "Bo Chen", 60) as service:
        service.update_relationship(cadence=Cadence(every_weeks=2))
        start_session(service, pack, held_on=today - timedelta(days=40))
        service.save(ActionItem(text="Draft a CV", due_date=today - timedelta(days=20)))
    pair("cohort-b", "Chidi Mensah", "Dana Novak", 5).close()
    with pair("cohort-b", "Eitan Haddad", "Fatima Ito", 220) as service:
        service.set_answer("key-objectives", Author.JOINT, "A first role in data analysis")
        start_session(service, pack, held_on=today - timedelta(days=3))
        for role, name in ((Role.MENTOR, "Eitan Haddad"), (Role.MENTEE, "Fatima Ito")):
            acknowledge(service, role, name, pack=pack, today=today - timedelta(days=200))
    for mentor, mentee, status, reason in (
        ("Gus Byrne", "Hana Larsen", "completed", ""),
        ("Ivan Petrov", "Jia Tanaka", "ended-early", "Jia moved abroad"),
    ):
        with pair("cohort-b", mentor, mentee, 150) as service:
            start_session(service, pack, held_on=today - timedelta(days=140))
            finish_relationship(service, status, reason)
    (folder / "cohort-b" / "kwame-osei.json").write_bytes(DAMAGED["truncated.json"])
    return folder


# ------------------------------------------------------------------------------ timing
def _files(folder: Path) -> list[Path]:
    from workbook.report.files import relationship_files_under

    return list(relationship_files_under(folder, lambda where, why: None))


def time_json_load(paths: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to ``json.load`` every file of ``paths`` (the damaged ones fail)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        with contextlib.suppress(ValueError), path.open("rb") as handle:
            json.load(handle)
    return time.perf_counter() - wall, time.process_time() - cpu


def time_report(folder: Path, fmt: str, out: Path) -> tuple[float, float, int]:
    """(wall, CPU) seconds of one ``report DIR --format fmt -o out``, and its pairs."""
    from workbook.content.catalog import PackCatalog
    from workbook.outputs import OutputKind, write_output
    from workbook.report.document import Report
    from workbook.report.formats import render
    from workbook.report.reading import read_report
    from workbook.summary import lenient_lookup

    wall, cpu = time.perf_counter(), time.process_time()
    data = read_report(folder, lenient_lookup(PackCatalog.default()))
    report = Report.of(data)
    write_output(out, render(report, fmt), OutputKind.REPORT, force=True)
    return time.perf_counter() - wall, time.process_time() - cpu, report.summary.pairs


def peak_memory_mib(folder: Path, home: Path) -> float:
    """Peak resident memory (MiB) of a fresh process running ``report folder --format json``."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-memory", str(folder)]
    done = subprocess.run(command, env=bench_env(home), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the report memory child failed:\n{done.stderr[-2000:]}")
    return round(json.loads(done.stdout.splitlines()[-1])["vm_hwm_kib"] / 1024, 1)


def _child_memory(folder: str) -> int:
    """Run the command line's report with its output thrown away; print the peak memory."""
    from child import vm_hwm_kib

    from workbook.cli import main

    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        status = main(["report", folder, "--format", "json"])
    print(json.dumps({"vm_hwm_kib": vm_hwm_kib(), "status": status}))
    return 0


def measure(pairs: int = PAIRS, runs: int = 3) -> list[Row]:
    """The report in every format vs ``json.load`` (median of ``runs``), and peak memory."""
    from workbook import paths
    from workbook.report.formats import FORMATS

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        base = Path(tmp)
        _log(f"generating {pairs:,} pairs and {SMALL} pairs")
        big = generate(base / "big", pairs)
        small = generate(base / "small", SMALL)
        files = _files(big)
        size_mb = sum(path.stat().st_size for path in files) / 1e6
        label = f"{pairs:,} pairs ({len(files):,} files, {size_mb:.0f} MB)"
        loads = [time_json_load(files) for _ in range(runs)]
        load_wall, load_cpu = median(w for w, _ in loads), median(c for _, c in loads)
        for fmt in FORMATS:
            _log(f"report --format {fmt}")
            runs_done = [time_report(big, fmt, base / f"out.{fmt}") for _ in range(runs)]
            wall, cpu = median(r[0] for r in runs_done), median(r[1] for r in runs_done)
            rows.append(
                Row(
                    f"report {label}, --format {fmt}: wall (median of {runs})",
                    round(wall * 1000),
                    "ms",
                    baseline=round(load_wall * 1000),
                    baseline_label="json.load of the same files",
                    target=TARGET_MS,
                    note=f"{runs_done[0][2]:,} pairs",
                )
            )
            rows.append(
                Row(
                    "  same, CPU time",
                    round(cpu * 1000),
                    "ms",
                    baseline=round(load_cpu * 1000),
                    baseline_label="json.load CPU time",
                )
            )
        _log(f"peak memory at {SMALL} and {pairs:,} pairs")
        home = paths.home_dir()
        low, high = peak_memory_mib(small, home), peak_memory_mib(big, home)
        rows.append(Row(f"report peak memory, {SMALL} pairs", low, "MiB"))
        rows.append(
            Row(
                f"report peak memory, {pairs:,} pairs",
                high,
                "MiB",
                baseline=low,
                baseline_label=f"at {SMALL} pairs",
                target=MEMORY_RATIO,
                target_kind="ratio",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure and print the rows (or make the README's example folder, or be the child)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=PAIRS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--example", type=Path, metavar="DIR", help="make a small example folder")
    parser.add_argument("--child-memory", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if args.child_memory:
        return _child_memory(args.child_memory)
    if args.example:
        print(make_example(args.example))
        return 0
    from common import format_rows

    with tempfile.TemporaryDirectory(prefix="report-bench-home-") as home:
        os.environ["MENTOR_WORKBOOK_HOME"] = home
        print(format_rows(measure(args.pairs, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
