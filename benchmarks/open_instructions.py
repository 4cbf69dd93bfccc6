"""Instructions an open executes, counted by valgrind: the open's growth, whatever the machine.

    python benchmarks/open_instructions.py                  # 5,000 and 50,000 answers
    python benchmarks/open_instructions.py --sizes 1000 5000

CPU time on this shared machine swings by a sixth from one open to the next and by more than
twice over a day, which is as much as the growth target (open at 50,000 answers within 10.5x the
5,000 figure, issue #20) leaves. This counts the instructions instead: ``valgrind --tool=callgrind``
runs a fresh interpreter that imports the service and opens the file (read-only), and one that
only imports it (the baseline, measured in the same run); the open's count is the difference.
Hash randomisation is fixed (``PYTHONHASHSEED=0``), so a count repeats to the instruction. What
instructions do not show is the cost of memory: an answer's work takes more time once the data no
longer fits the processor's caches (the CPU-time figures of ``scale.py`` include it). It takes
about 50 times as long as the open itself (some minutes at 50,000 answers). Informational.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, Row, format_rows  # noqa: E402

CHILD = """
import sys
from pathlib import Path
from workbook.service import WorkbookService
if sys.argv[1] == "open":
    WorkbookService.open(Path(sys.argv[2]), read_only=True).close()
"""
"""Imports the service, then opens the file read-only (``open``) or does nothing."""

_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(*args: str) -> int:
    """Instructions executed by a fresh interpreter running :data:`CHILD` with ``args``."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            CHILD,
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=1800,
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"valgrind gave no count: {done.stderr[-500:]}")
    return int(found.group(1))


def measure(sizes: tuple[int, ...]) -> list[Row]:
    """One row per size: the open's instructions (millions), each against the smallest."""
    import store_bench

    with tempfile.TemporaryDirectory(prefix="workbook-instructions-") as tmp:
        paths = [store_bench.build(Path(tmp) / f"n{size}", size) for size in sizes]
        imports = instructions("imports-only")
        opens = [instructions("open", str(path)) - imports for path in paths]
    first = opens[0] / 1e6
    return [
        Row(
            f"open: instructions, {size:,} answers",
            round(count / 1e6, 1),
            "M",
            baseline=round(first, 1) if index else None,
            baseline_label=f"at {sizes[0]:,}",
            note=f"the imports alone: {imports / 1e6:,.0f} M",
        )
        for index, (size, count) in enumerate(zip(sizes, opens, strict=True))
    ]


def main() -> None:
    """Print the rows (needs ``valgrind`` on the path)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("open_instructions: valgrind is not installed")
    print(format_rows(measure(tuple(args.sizes))))


if __name__ == "__main__":
    main()
