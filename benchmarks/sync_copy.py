"""How long writing this side's copy into a synced folder takes after a save, in a big
relationship: once from nothing (the command line's ``sync``) and again after one edit (an
open workbook, which keeps one :class:`workbook.sync.writing.CopyWriter`).

Run ``python benchmarks/sync_copy.py [--answers 5000] [--runs 5]``; it prints the best time of
a few runs of each. Informational (no target, not part of ``run.py``): the copy is written in
the autosave's thread, never on the keystroke path, but a slow write delays the other side.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import build_relationship

from workbook import paths
from workbook.content.catalog import PackCatalog
from workbook.models import Author
from workbook.service import WorkbookService
from workbook.sync.links import LinkStore
from workbook.sync.rounds import link_folder
from workbook.sync.writing import CopyWriter, write_own_copy


def measure(answers: int, runs: int) -> tuple[float, float]:
    """The best write of the copy made whole and the best made by a writer that made it
    before, each after one edit and over the earlier copy, in seconds."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths.set_home_override(root / "home")
        pack = PackCatalog.default().load("standard")
        path = build_relationship(root / "home", total_answers=answers)
        (root / "Shared").mkdir()
        with WorkbookService.open(path) as service:
            link, _ = link_folder(service, LinkStore.default(), root / "Shared")
            whole: list[float] = []
            for run in range(runs):
                service.set_answer("retired-prompt-7", Author.MENTOR, f"edited anew {run}")
                started = time.perf_counter()
                assert write_own_copy(service, link, pack=pack).wrote
                whole.append(time.perf_counter() - started)
            writer = CopyWriter()
            writer.write(service, link, pack=pack)
            again: list[float] = []
            for run in range(runs):
                service.set_answer("retired-prompt-7", Author.MENTOR, f"edited {run}")
                started = time.perf_counter()
                assert writer.write(service, link, pack=pack).wrote
                again.append(time.perf_counter() - started)
        paths.set_home_override(None)
    return min(whole), min(again)


def main() -> None:
    """Print the two figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000, help="answers in the relationship")
    parser.add_argument("--runs", type=int, default=5, help="timings of each (best is shown)")
    args = parser.parse_args()
    whole, again = measure(args.answers, args.runs)
    print(f"this side's copy, {args.answers} answers: made whole {whole * 1000:.0f} ms")
    print(f"this side's copy, {args.answers} answers: made again {again * 1000:.0f} ms")


if __name__ == "__main__":
    main()
