"""Parse + validate every bundled pack, cold: a fresh ``PackCatalog`` for every run.

Imports are warm (they are counted in first paint); files come from the OS cache. The time is
``PackCatalog.default().problems(pack_id)``: read, parse, resolve ``extends`` and validate.
"""

from __future__ import annotations

import time

from common import Row, median, ms


def measure(runs: int) -> list[Row]:
    """Median ms per bundled pack, and the total for all of them."""
    from workbook import paths
    from workbook.content.catalog import PackCatalog

    bundled = PackCatalog([paths.bundled_content_dir()])
    rows: list[Row] = []
    total = 0.0
    for pack_id in bundled.pack_ids():
        times = []
        problems = 0
        for _ in range(runs):
            start = time.perf_counter()
            catalog = PackCatalog.default()
            problems = len(catalog.problems(pack_id))
            times.append(time.perf_counter() - start)
        total += median(times)
        rows.append(
            Row(
                f"  pack '{pack_id}' parse + validate (median)",
                ms(median(times)),
                "ms",
                note=f"{problems} problems",
            )
        )
    full = []
    for _ in range(runs):
        start = time.perf_counter()
        PackCatalog.default().check()
        full.append(time.perf_counter() - start)
    return [
        Row(
            "packs: check every bundled pack, cold catalog (median)",
            ms(median(full)),
            "ms",
            note=f"sum of per-pack medians {ms(total)} ms",
        ),
        *rows,
    ]
