"""Tab switch to fully rendered, for every tab of every bundled pack (in-process, headless).

For each pack: a relationship with every prompt answered, opened at 100x40 with ``run_test``.
The clock starts just before ``TabbedContent.active = pane_id`` and stops at the first frame
(rendered to escape codes, as a terminal run would) from which the new tab's view never changed
again: every frame is recorded, the tab is left to settle (all prompts mounted), and the frames
are replayed onto a virtual terminal to find the earliest one whose text inside the view equals
the final one (``frames.py``). Prompts below the fold arriving later do not change the view;
anything visible that fills in, re-wraps or resizes does, and counts.
Every tab is measured on its first (cold, lazy build) visit; the first tab is reset (its
children removed, as ``WorkbookScreen.rebuild`` does) so it is measured cold too. The time
includes Textual's frame clock (screen updates run on a 1/60 s timer: up to 16.7 ms).

Baseline: the same switches in a bare app with a ``TabbedContent`` of as many panes holding one
``Static`` each.

Each opening (and each baseline round) runs in a fresh interpreter, as a user's session does
(``python benchmarks/tab_switch.py --child ...``). Run in one process, every app opened stays
alive until the event loop ends: a thread of the loop's default executor (Textual's thread
workers run there) keeps the ``sys.stderr`` it started with, which is the app's print capture,
and with it the whole app; dozens of dead apps' widgets then made every full garbage
collection of the later openings 100-200 ms, which landed in their switches.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from common import SIZE, FrameProbe, Row, active_tab_painted, median, ms, visible_part_painted
from frames import first_final_frame, view_region

TARGET_MS = 50


def _pane_ready(pane):
    return lambda app: bool(pane.children) and visible_part_painted(pane.children[0])


async def _settle(pilot, view) -> None:
    """Until the tab has every prompt mounted and a few more frames' worth of time passed."""
    for _ in range(300):
        await pilot.pause()
        if not getattr(view, "building", False):
            break
    for _ in range(3):
        await pilot.pause(0.03)


async def _switch_times(app, pilot, switch, panes) -> list[float]:
    """Time from each switch to the first frame showing the pane's view as it finally is.

    ``switch(pane)`` (a coroutine function) shows the pane as a user's key or click would.
    The probe's predicate (:func:`visible_part_painted`) only says when to start waiting for
    the tab to settle; the time is taken from the recorded frames (see ``frames.py``).
    """
    times = []
    for pane in panes:
        await pilot.pause()
        start_index = len(app.recorded)
        app.arm(_pane_ready(pane))
        start = time.perf_counter()
        await switch(pane)
        await app.wait_hit(timeout=30)
        view = pane.children[0]
        await _settle(pilot, view)
        final = first_final_frame(
            app.recorded[start_index:],
            SIZE,
            view_region(view),
            app.console,
            before=app.recorded[:start_index],
        )
        assert final is not None, f"no frame recorded after switching to {pane.id}"
        times.append(final.perf - start)
    return times


async def pack_times(pack_id: str, folder: Path, warm: bool) -> tuple[dict[str, float], float]:
    """Switch time (s) to each tab of ``pack_id``, keyed by pane id; and, when ``warm``, how
    long after the first paint the workbook finished building its other tabs.

    ``warm``: the workbook builds its other steps right after the first frame; the switches
    start once it has. Otherwise that build is switched off and every step is built when
    first shown (the first is reset so its visit is cold too): what a switch in the first
    moments after opening costs. A switch is ``WorkbookScreen.show_step``, what the step bar,
    ``ctrl+n`` and the palette call.
    """
    from common import build_relationship, probed_workbook_class

    from screens.workbook_screen import WorkbookScreen

    path = build_relationship(folder / pack_id, pack_id)
    app = probed_workbook_class()(open_path=path)
    app.recorded = []
    original = WorkbookScreen._start_building
    if not warm:
        WorkbookScreen._start_building = lambda self: None  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.arm(active_tab_painted)
            painted = await app.wait_hit(timeout=30)
            built_after = 0.0
            if warm:
                while not app.screen.all_built:
                    await pilot.pause(0.01)
                    if time.perf_counter() - painted > 60:
                        raise TimeoutError("the other steps were never all built")
                built_after = time.perf_counter() - painted
            screen = app.screen

            async def switch(pane) -> None:
                await screen.show_step(pane.id)

            panes = screen.panes()
            first, rest = panes[0], panes[1:]
            result = {}
            if rest:
                times = await _switch_times(app, pilot, switch, rest[:1])
                result[rest[0].id] = times[0]
                if not warm:  # reset the first step so its visit is cold too
                    await first.clear()
                times = await _switch_times(app, pilot, switch, [*rest[1:], first])
                for pane, took in zip([*rest[1:], first], times, strict=True):
                    result[pane.id] = took
            await pilot.pause()
    finally:
        WorkbookScreen._start_building = original  # type: ignore[method-assign]
    return result, built_after


async def baseline_times(count: int) -> list[float]:
    """Switch times in a bare TabbedContent app with ``count`` one-Static panes."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static, TabbedContent, TabPane

    class BareTabs(FrameProbe, App[None]):
        def compose(self) -> ComposeResult:
            with TabbedContent():
                for index in range(count):
                    with TabPane(f"Tab {index}", id=f"t{index}"):
                        yield Static(f"Content of tab {index}")

    app = BareTabs()
    app.recorded = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.query_one(TabbedContent)
        panes = list(tabs.query(TabPane))

        async def switch(pane) -> None:
            tabs.active = pane.id

        return await _switch_times(app, pilot, switch, [*panes[1:], panes[0]])


CHILD_TIMEOUT_S = 300.0


def _in_child(*args: str) -> dict:
    """Run this script's ``--child`` mode with ``args`` in a fresh interpreter; its JSON."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"tab switch child {args} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])


def opening_times(pack_id: str, folder: Path, warm: bool) -> tuple[dict[str, float], float]:
    """:func:`pack_times` for one opening of ``pack_id``, in a fresh interpreter."""
    report = _in_child("pack", pack_id, str(folder), "warm" if warm else "cold")
    return report["times"], report["built_after"]


async def _per_tab(pack_ids, folder: Path, rounds: int, warm: bool):
    """Median switch time per tab for each pack, and the background build times seen."""
    per_pack: dict[str, dict[str, float]] = {}
    built: list[float] = []
    for pack_id in pack_ids:
        merged: dict[str, list[float]] = {}
        for index in range(rounds):
            label = "warm" if warm else "cold"
            times, built_after = opening_times(pack_id, folder / f"{label}{index}", warm)
            built.append(built_after)
            for pane, took in times.items():
                merged.setdefault(pane, []).append(took)
        per_pack[pack_id] = {pane: median(times) for pane, times in merged.items()}
    return per_pack, built


COLD_ROUNDS_MAX = 2
"""Cold switches (before the background build) are informational: at most this many rounds."""


async def measure(folder: Path, rounds: int, only: list[str] | None = None) -> list[Row]:
    """Max and median switch time per bundled pack (median of ``rounds`` runs per tab), with
    the tabs built in the background (the target) and built on first show (cold, at most
    ``COLD_ROUNDS_MAX`` rounds).

    One switch on this 2-core host varies by 20 ms or more from run to run; the per-tab
    median over 5 rounds moves far less than over 3 (which read 36-65 ms for the same code).

    ``only`` limits the packs (the quick run measures the standard pack alone).
    """
    from workbook import paths
    from workbook.content.catalog import PackCatalog

    pack_ids = only or PackCatalog([paths.bundled_content_dir()]).pack_ids()
    warm, built = await _per_tab(pack_ids, folder, rounds, warm=True)
    cold, _ = await _per_tab(pack_ids, folder, min(rounds, COLD_ROUNDS_MAX), warm=False)
    base: list[float] = []
    for _ in range(rounds):
        base.extend(_in_child("bare", str(max(len(t) for t in warm.values())))["times"])
    base_max, base_median = ms(max(base)), ms(median(base))
    warm_all = [t for per_tab in warm.values() for t in per_tab.values()]
    cold_all = [t for per_tab in cold.values() for t in per_tab.values()]
    rows = [
        Row(
            "tab switch, worst tab of all packs",
            ms(max(warm_all)),
            "ms",
            baseline=base_max,
            baseline_label="bare tabs (max)",
            note=f"{len(warm_all)} tabs in {len(pack_ids)} packs, built in the background after "
            f"opening; bare median {base_median} ms",
        )
    ]
    for pack_id, per_tab in warm.items():
        slowest = max(per_tab, key=per_tab.__getitem__)
        rows.append(
            Row(
                f"  tab switch '{pack_id}': max (median)",
                ms(max(per_tab.values())),
                "ms",
                baseline=base_max,
                baseline_label="bare tabs (max)",
                target=TARGET_MS,
                note=f"median {ms(median(per_tab.values()))} ms; slowest {slowest}",
                extra={
                    "per_tab_ms": {k: ms(v) for k, v in per_tab.items()},
                    "median_ms": ms(median(per_tab.values())),
                },
            )
        )
    rows.append(
        Row(
            "  background build of the other tabs, after first paint (max)",
            ms(max(built)),
            "ms",
            note=f"median {ms(median(built))} ms; a switch before then may find its tab cold",
        )
    )
    rows.append(
        Row(
            "tab switch before the background build, cold tabs: max",
            ms(max(cold_all)),
            "ms",
            baseline=base_max,
            baseline_label="bare tabs (max)",
            note=f"median {ms(median(cold_all))} ms; "
            + "; ".join(f"{p} {ms(max(t.values()))}" for p, t in cold.items()),
            extra={"per_pack": {p: {k: ms(v) for k, v in t.items()} for p, t in cold.items()}},
        )
    )
    return rows


def _child(argv: list[str]) -> None:
    """``--child pack PACK FOLDER warm|cold`` or ``--child bare COUNT``: one opening; prints
    its times as one JSON line."""
    if argv[0] == "pack":
        pack_id, folder, mode = argv[1:4]
        Path(folder).mkdir(parents=True, exist_ok=True)
        times, built_after = asyncio.run(pack_times(pack_id, Path(folder), mode == "warm"))
        print(json.dumps({"times": times, "built_after": built_after}))
    else:
        print(json.dumps({"times": asyncio.run(baseline_times(int(argv[1])))}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", required=True, help="(run by measure)")
    _child(parser.parse_args().child)
