"""Tab switch to fully rendered, for every tab of every bundled pack (in-process, headless).

For each pack: a relationship with every prompt answered, opened at 100x40 with ``run_test``.
The clock starts just before ``TabbedContent.active = pane_id`` and stops at the first frame
the compositor produces (and the probe renders to escape codes) in which the new pane's content
(its ``TabView``, built on first show) and all of its descendants are mounted and laid out.
A tab composes its introduction and first screenful of prompts (``screens.tab_view.FIRST_BATCH``)
at once and mounts the rest two per frame afterwards, so this is the first complete frame of
the visible part of the tab; prompts further down arrive in the following frames.
Two figures per pack. "warm" is what a user sees: the workbook builds the tabs that are not
shown in idle time after opening (``WorkbookScreen.PREBUILD``), so the measurement starts once
that background work is done (the agreement tab is always built when shown, as it regenerates
the agreement). "cold" turns the background building off: every tab is measured on its first,
lazy build; the first tab is reset (its children removed, as ``WorkbookScreen.rebuild`` does)
so it is measured cold too. The time
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


async def _background_done(app, pilot, timeout: float = 60) -> None:
    """Wait until the workbook has built every tab it builds in idle time."""
    from textual.widgets import TabbedContent, TabPane

    screen = app.screen
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        panes = screen.query_one(TabbedContent).query(TabPane)
        waiting = [p for p in panes if p.id not in screen.built and not screen._builds_on_show(p)]
        if not waiting and not screen.query(".tab-view.-building"):
            return
        await pilot.pause(0.05)
    raise TimeoutError("the background building of tabs did not finish")


async def pack_times(pack_id: str, folder: Path, prebuild: bool = False) -> dict[str, float]:
    """Switch time (s) to each tab of ``pack_id``, keyed by pane id (cold unless ``prebuild``)."""
    from common import build_relationship, probed_workbook_class
    from textual.widgets import TabbedContent, TabPane

    from screens.workbook_screen import WorkbookScreen

    path = build_relationship(folder / pack_id, pack_id)
    WorkbookScreen.PREBUILD = prebuild
    app = probed_workbook_class()(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        app.arm(active_tab_painted)
        await app.wait_hit(timeout=30)
        tabs = app.screen.query_one(TabbedContent)
        panes = list(tabs.query(TabPane))
        first, rest = panes[0], panes[1:]
        result = {}
        if prebuild:
            await _background_done(app, pilot)
            for pane, took in zip(rest + [first], await _switch_times(app, pilot, tabs, rest + [first]), strict=True):
                result[pane.id] = took
        elif rest:
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
    cold_times: list[float] = []
    per_pack: dict[str, dict[str, float]] = {}
    cold_pack: dict[str, dict[str, float]] = {}
    for pack_id in pack_ids:
        for prebuild, store, pool in ((True, per_pack, all_times), (False, cold_pack, cold_times)):
            merged: dict[str, list[float]] = {}
            for index in range(rounds):
                where = folder / f"{'warm' if prebuild else 'cold'}{index}"
                for pane, took in (await pack_times(pack_id, where, prebuild)).items():
                    merged.setdefault(pane, []).append(took)
            per_tab = {pane: median(times) for pane, times in merged.items()}
            store[pack_id] = per_tab
            pool.extend(per_tab.values())
    base: list[float] = []
    for _ in range(rounds):
        base.extend(await baseline_times(max(len(t) for t in per_pack.values())))
    base_max, base_median = ms(max(base)), ms(median(base))
    rows.append(Row(
        "tab switch, worst tab of all packs", ms(max(all_times)), "ms", baseline=base_max,
        baseline_label="bare tabs (max)",
        note=f"{len(all_times)} tabs in {len(pack_ids)} packs, as a user meets them; "
             f"bare median {base_median} ms",
    ))
    rows.append(Row(
        "tab switch, worst tab, cold (no background build)", ms(max(cold_times)), "ms",
        baseline=base_max, baseline_label="bare tabs (max)",
        note=f"median {ms(median(cold_times))} ms over the same tabs",
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
