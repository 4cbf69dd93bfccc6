"""Time to first paint: launch to the first frame, workbook vs a bare one-label Textual app.

Each run is a fresh interpreter (``child.py``); the clock starts in the parent just before the
process is created, so interpreter start and every import count. The workbook's frame is the
earliest one from which the first step's text never changed again (a standard-pack
relationship with every prompt answered, opened and closed once before, as a user's second
opening: its first look is kept, see ``screens/first_look.py``). The first look's frame
counts only because the real screen, once it has taken its place, shows exactly the same text
there (``frames.first_final_frame`` compares them). Runs alternate bare / floor / workbook to
share any noise. The "floor" row is the bare app with pydantic, TinyDB and the workbook
screen's Textual widgets imported and nothing built: what any first frame drawn by the real
screen would pay at least (the first look imports none of them). Each round also opens the
relationship with its first look removed (a first opening), for comparison.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from common import Row, bench_env, median, ms, run_child

TARGET_RATIO = 1.5


def measure(home: Path, relationship: Path, runs: int) -> list[Row]:
    """Median first-frame times and the ratio workbook / bare."""
    env = bench_env(home)
    bare, workbook, floor, bare_imports, wb_imports = [], [], [], [], []
    run_child(["bare"], env)  # warm the OS file cache and .pyc files once
    run_child(["floor"], env)
    run_child(["workbook", str(relationship)], env)  # (closing it keeps its first look)
    editable: list[float] = []
    unlooked: list[float] = []
    unlooked_editable: list[float] = []
    looks = 0
    for _ in range(runs):
        result = run_child(["bare"], env).report
        bare.append(result["first_frame_s"])
        bare_imports.append(result["imports_s"])
        floor.append(run_child(["floor"], env).report["first_frame_s"])
        result = run_child(["workbook", str(relationship)], env).report
        workbook.append(result["first_frame_s"])
        wb_imports.append(result["imports_s"])
        editable.append(result["editable_s"])
        looks += bool(result["first_look"])
        shutil.rmtree(home / "cache" / "first-look")  # a first opening: no look kept
        result = run_child(["workbook", str(relationship)], env).report  # (keeps one again)
        assert not result["first_look"]
        unlooked.append(result["first_frame_s"])
        unlooked_editable.append(result["editable_s"])
    return [
        _against(
            bare,
            "first paint: launch -> first frame (median)",
            workbook,
            target=TARGET_RATIO,
            target_kind="ratio",
            note=f"{runs} runs each, fresh processes; first look drawn in {looks}",
            extra={"workbook_s": workbook, "bare_s": bare},
        ),
        _against(
            bare,
            "  the real screen in its place (editing possible)",
            editable,
            extra={"editable_s": editable},
        ),
        _against(
            bare,
            "  without a kept first look (a first opening): first frame",
            unlooked,
            note="the real screen's first frame is final",
            extra={"first_frame_s": unlooked},
        ),
        _against(
            bare,
            "  without a kept first look: the first step complete",
            unlooked_editable,
            extra={"editable_s": unlooked_editable},
        ),
        _against(
            bare,
            "  floor: bare app + the real screen's libraries imported",
            floor,
            note="pydantic, tinydb, TextArea, TabbedContent...: imported, nothing built",
            extra={"floor_s": floor, "bare_s": bare},
        ),
        _against(
            bare_imports,
            "  of which interpreter + imports (median)",
            wb_imports,
            extra={"workbook_s": wb_imports, "bare_s": bare_imports},
        ),
    ]


def _against(bare: list[float], label: str, seconds: list[float], **fields: Any) -> Row:
    """A row of the median of ``seconds`` against the bare app's median."""
    return Row(
        label,
        ms(median(seconds)),
        "ms",
        baseline=ms(median(bare)),
        baseline_label="bare app",
        **fields,
    )
