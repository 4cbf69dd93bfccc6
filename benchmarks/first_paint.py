"""Time to first paint: launch to the first frame, workbook vs a bare one-label Textual app.

Each run is a fresh interpreter (``child.py``); the clock starts in the parent just before the
process is created, so interpreter start and every import count. The workbook's frame is the
first one showing its workbook screen with the active tab built and mounted (a standard-pack
relationship with every prompt answered). Runs alternate bare / floor / workbook to share any
noise. The floor is the bare app with the libraries a workbook cannot start without imported
(pydantic, TinyDB, the first screen's Textual widgets) and nothing built: how close any
workbook could come.
"""

from __future__ import annotations

from pathlib import Path

from common import Row, bench_env, median, ms, run_child

TARGET_RATIO = 1.5


def measure(home: Path, relationship: Path, runs: int) -> list[Row]:
    """Median first-frame times and the ratio workbook / bare."""
    env = bench_env(home)
    bare, workbook, floor, bare_imports, wb_imports = [], [], [], [], []
    run_child(["bare"], env)  # warm the OS file cache and .pyc files once
    run_child(["floor"], env)
    run_child(["workbook", str(relationship)], env)
    for _ in range(runs):
        result = run_child(["bare"], env).report
        bare.append(result["first_frame_s"])
        bare_imports.append(result["imports_s"])
        floor.append(run_child(["floor"], env).report["first_frame_s"])
        result = run_child(["workbook", str(relationship)], env).report
        workbook.append(result["first_frame_s"])
        wb_imports.append(result["imports_s"])
    return [
        Row(
            "first paint: launch -> first frame (median)",
            ms(median(workbook)),
            "ms",
            baseline=ms(median(bare)),
            baseline_label="bare app",
            target=TARGET_RATIO,
            target_kind="ratio",
            note=f"{runs} runs each, fresh processes",
            extra={"workbook_s": workbook, "bare_s": bare},
        ),
        Row(
            "  floor: bare app + required libraries imported",
            ms(median(floor)),
            "ms",
            baseline=ms(median(bare)),
            baseline_label="bare app",
            note="pydantic, tinydb, TextArea, TabbedContent...: imported, nothing built",
            extra={"floor_s": floor, "bare_s": bare},
        ),
        Row(
            "  of which interpreter + imports (median)",
            ms(median(wb_imports)),
            "ms",
            baseline=ms(median(bare_imports)),
            baseline_label="bare app",
            extra={"workbook_s": wb_imports, "bare_s": bare_imports},
        ),
    ]
