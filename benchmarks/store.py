"""Save after one edit and open, for 100, 1,000 and 5,000 answers (``store_bench.measure``)."""

from __future__ import annotations

from common import Row

SAVE_TARGET_MS = 25
OPEN_TARGET_MS = 200


def measure(sizes: tuple[int, ...], runs: int) -> list[Row]:
    """Rows for each size; targets apply at the largest size."""
    import store_bench

    results = store_bench.measure(list(sizes), runs=runs)
    largest = max(sizes)
    first = results[0]
    rows: list[Row] = []
    for kind, target in (("save", SAVE_TARGET_MS), ("open", OPEN_TARGET_MS)):
        for result in results:
            value = result[f"{kind}_ms"]
            growth = value / first[f"{kind}_ms"] if first[f"{kind}_ms"] else float("nan")
            per = value * 1000 / result["answers"]
            is_target = result["answers"] == largest
            rows.append(
                Row(
                    f"{kind} {'after one edit' if kind == 'save' else 'relationship'}, "
                    f"{result['answers']:,} answers (median)",
                    value,
                    "ms",
                    target=target if is_target else None,
                    note=f"{result['file_kb']:,.0f} KB file; x{growth:.1f} vs {first['answers']:,}; "
                    f"{per:.1f} us/answer",
                    extra=result,
                )
            )
    return rows
