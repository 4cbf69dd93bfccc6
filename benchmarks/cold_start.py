"""What each import step costs a fresh interpreter: wall time and module count, cheapest first.

    python benchmarks/cold_start.py            # best of 5 runs per step
    python benchmarks/cold_start.py --runs 10 --json

A command's start is spent almost entirely on imports, so a regression shows as a step that got
dearer or a cheap step that now drags in a heavy module (the module count moves too). The
figures are informational; what gates CI is ``tests/test_import_hygiene.py``, which asserts
what each command does *not* import and fails the same way on every machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS: list[tuple[str, str]] = [
    ("interpreter only", "pass"),
    ("workbook", "import workbook"),
    ("the enumerations", "from workbook.models import Role, RelationshipStatus"),
    ("the command-line parser", "from workbook.cli import build_parser; build_parser()"),
    ("mentor-workbook --version", "from workbook.cli import main; main(['--version'])"),
    ("mentor-workbook --help", "from workbook.cli import main; main(['--help'])"),
    ("pydantic", "import pydantic"),
    ("tinydb", "import tinydb"),
    ("the models", "from workbook.models import Answer, Relationship"),
    ("the content model", "import workbook.content.model"),
    ("the store (workbook.service)", "import workbook.service"),
    ("the summary index (list)", "import workbook.summary_index, workbook.summary"),
    ("the pack parser", "import workbook.content.parser"),
    ("textual", "import textual.app"),
    ("the UI (screens.app)", "import screens.app"),
]
"""(label, statement) for each step, each run alone in a fresh interpreter."""

PROBE = """
import sys
try:
    {statement}
except SystemExit:
    pass
print(len(sys.modules), "pydantic" in sys.modules, "textual" in sys.modules, sep=",",
      file=sys.stderr)
"""


def measure(statement: str, runs: int) -> dict[str, object]:
    """The best wall time (ms) of ``statement`` in a fresh interpreter over ``runs`` runs, the
    modules it leaves loaded and whether pydantic and Textual are among them.

    The best, not the mean: the floor is what the import costs; a busy machine only adds noise.
    """
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    best = float("inf")
    report = ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PROBE.format(statement=statement)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        best = min(best, time.perf_counter() - start)
        report = done.stderr.strip().splitlines()[-1]
    modules, pydantic, textual = report.split(",")
    return {
        "ms": round(best * 1000, 1),
        "modules": int(modules),
        "pydantic": pydantic == "True",
        "textual": textual == "True",
    }


def main(argv: list[str] | None = None) -> int:
    """Measure every step and print them cheapest first (or as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per step (the best counts)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = [{"step": label, **measure(statement, args.runs)} for label, statement in STEPS]
    results.sort(key=lambda row: row["ms"])  # type: ignore[arg-type, return-value]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    floor = next(row["ms"] for row in results if row["step"] == "interpreter only")
    print(f"{'step':<32} {'wall ms':>8} {'+ms':>7} {'modules':>8}  loads")
    for row in results:
        loads = ", ".join(name for name in ("pydantic", "textual") if row[name]) or "-"
        extra = float(row["ms"]) - float(floor)  # type: ignore[arg-type]
        print(f"{row['step']:<32} {row['ms']:>8} {extra:>7.1f} {row['modules']:>8}  {loads}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
