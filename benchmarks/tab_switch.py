"""Tab switch to fully rendered, for every tab of every bundled pack (in-process, headless).

For each pack: a relationship with every prompt answered, opened at 100x40 with ``run_test``.
The clock starts just before ``TabbedContent.active = pane_id`` and stops at the first frame
the compositor produces (and the probe renders to escape codes) in which the new pane's content
(its ``TabView``, built on first show) and all of its descendants are mounted and laid out.
A tab composes its introduction and first screenful of prompts (``screens.tab_view.FIRST_BATCH``)
at once and mounts the rest two per frame afterwards, so this is the first complete frame of
the visible part of the tab; prompts further down arrive in the following frames.
Every tab is measured on its first (cold, lazy build) visit; the first tab is reset (its
children removed, as ``WorkbookScreen.rebuild`` does) so it is measured cold too. The time
includes Textual's frame clock (screen updates run on a 1/60 s timer: up to 16.7 ms).

Baseline: the same switches in a bare app with a ``TabbedContent`` of as many panes holding one
``Static`` each.
"""

from __future__ import annotations

import time
from pathlib import Path

from common import SIZE, FrameProbe, Row, active_tab_painted, all_mounted, median, ms

TARGET_MS = 50


def _pane_ready(pane):
    return lambda app: bool(pane.children) and all_mounted(pane.children[0])


async def _switch_times(app, pilot, tabs, panes) -> list[float]:
    times = []
    for pane in panes:
        await pilot.pause()
        app.arm(_pane_ready(pane))
        start = time.perf_counter()
        tabs.active = pane.id
        hit = await app.wait_hit(timeout=30)
        times.append(hit - start)
    return times


async def pack_times(pack_id: str, folder: Path) -> dict[str, float]:
    """Cold switch time (s) to each tab of ``pack_id``, keyed by pane id."""
    from common import build_relationship, probed_workbook_class
    from textual.widgets import TabbedContent, TabPane

    path = build_relationship(folder / pack_id, pack_id)
    app = probed_workbook_class()(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        app.arm(active_tab_painted)
        await app.wait_hit(timeout=30)
        tabs = app.screen.query_one(TabbedContent)
        panes = list(tabs.query(TabPane))
        first, rest = panes[0], panes[1:]
        result = {}
        if rest:
            times = await _switch_times(app, pilot, tabs, rest[:1])
            result[rest[0].id] = times[0]
            built = getattr(app.screen, "built", None)
            if isinstance(built, set):  # reset the first tab so its visit is cold too
                await first.remove_children()
                built.discard(first.id)
            times = await _switch_times(app, pilot, tabs, [*rest[1:], first])
            for pane, took in zip([*rest[1:], first], times, strict=True):
                result[pane.id] = took
        await pilot.pause()
    return result


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
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.query_one(TabbedContent)
        panes = list(tabs.query(TabPane))
        return await _switch_times(app, pilot, tabs, [*panes[1:], panes[0]])


async def measure(folder: Path, rounds: int, only: list[str] | None = None) -> list[Row]:
    """Max and median cold switch time per bundled pack (median of ``rounds`` runs per tab).

    ``only`` limits the packs (the quick run measures the standard pack alone).
    """
    from workbook import paths
    from workbook.content.catalog import PackCatalog

    pack_ids = only or PackCatalog([paths.bundled_content_dir()]).pack_ids()
    rows: list[Row] = []
    all_times: list[float] = []
    per_pack: dict[str, dict[str, float]] = {}
    for pack_id in pack_ids:
        merged: dict[str, list[float]] = {}
        for index in range(rounds):
            for pane, took in (await pack_times(pack_id, folder / f"r{index}")).items():
                merged.setdefault(pane, []).append(took)
        per_tab = {pane: median(times) for pane, times in merged.items()}
        per_pack[pack_id] = per_tab
        all_times.extend(per_tab.values())
    base: list[float] = []
    for _ in range(rounds):
        base.extend(await baseline_times(max(len(t) for t in per_pack.values())))
    base_max, base_median = ms(max(base)), ms(median(base))
    rows.append(Row(
        "tab switch, worst tab of all packs", ms(max(all_times)), "ms", baseline=base_max,
        baseline_label="bare tabs (max)",
        note=f"{len(all_times)} tabs in {len(pack_ids)} packs, cold first visits; "
             f"bare median {base_median} ms",
    ))
    for pack_id, per_tab in per_pack.items():
        slowest = max(per_tab, key=per_tab.__getitem__)
        rows.append(Row(
            f"  tab switch '{pack_id}': max (median)", ms(max(per_tab.values())), "ms",
            baseline=base_max, baseline_label="bare tabs (max)", target=TARGET_MS,
            note=f"median {ms(median(per_tab.values()))} ms; slowest {slowest}",
            extra={"per_tab_ms": {k: ms(v) for k, v in per_tab.items()},
                   "median_ms": ms(median(per_tab.values()))},
        ))
    return rows
