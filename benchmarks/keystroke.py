"""Keystroke latency while typing into a long answer, autosave on, 5,000 stored answers.

In-process, headless, 100x40. A ``LongTextEditor`` of the active tab holding a long answer is
focused, the cursor put at the end, and characters are typed with ``pilot.press``. Each key is
timed from just before the press to the first frame (rendered to escape codes by the probe) in
which the editor holds the new text. Typing comes in bursts of 40 keys; after each burst the
typist pauses until the debounced autosave (0.8 s) has *started* its save thread, then types on
at once, so keys land while the 5,000-answer file is being written: "a keystroke never waits
for the disk". The time includes Textual's 1/60 s frame clock (0-16.7 ms), which the baseline
pays too: the same typing, bursts and pauses in a bare app with one ``TextArea``.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from common import LONG_TEXT, SIZE, FrameProbe, Row, active_tab_painted, ms, percentile

TARGET_P95_MS = 16
BURST = 40
WORDS = "the quick brown fox jumps over the lazy dog and then "


async def _type(app, pilot, editor, keys: int, wait_for_pause) -> list[float]:
    times: list[float] = []
    for index in range(keys):
        if index and index % BURST == 0:
            await wait_for_pause()
        char = WORDS[index % len(WORDS)]
        expected = len(editor.text) + 1
        app.arm(lambda _app, n=expected: len(editor.text) == n)
        start = time.perf_counter()
        await pilot.press("space" if char == " " else char)
        hit = await app.wait_hit(timeout=10)
        times.append(hit - start)
    return times


async def workbook_times(path: Path, keys: int) -> tuple[list[float], int]:
    """Per-key latencies (s) in the workbook, and how many autosaves ran meanwhile."""
    from common import probed_workbook_class

    from screens.answer_view import AnswerView
    from workbook.content.model import PromptKind

    app = probed_workbook_class()(open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        app.arm(active_tab_painted)
        await app.wait_hit(timeout=60)
        await pilot.pause()
        screen = app.screen
        views = [
            view
            for view in screen.pane().query(AnswerView)
            if view.prompt.kind is PromptKind.LONG_TEXT
        ]
        if not views:
            raise RuntimeError("no editable long-text answer on the first step")
        editor = max(views, key=lambda v: len(str(v.content))).activate()  # as a click does
        await pilot.pause()
        editor.scroll_visible(animate=False, immediate=True)
        editor.move_cursor(editor.document.end)
        await pilot.pause()
        service = screen.context.service
        saves = 0
        original_flush = service.flush

        def counting_flush() -> bool:
            nonlocal saves
            wrote = original_flush()
            saves += int(wrote)
            return wrote

        service.flush = counting_flush  # type: ignore[method-assign]
        autosaver = screen.autosaver

        async def wait_for_save_start() -> None:
            deadline = time.perf_counter() + 3
            while autosaver.save_pending and time.perf_counter() < deadline:
                await asyncio.sleep(0.001)

        times = await _type(app, pilot, editor, keys, wait_for_save_start)
        await asyncio.sleep(1.2)  # let the last save finish before closing
        await pilot.pause()
    return times, saves


async def baseline_times(keys: int) -> list[float]:
    """Per-key latencies (s) in a bare app with one soft-wrapped TextArea."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class BareEditor(FrameProbe, App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(LONG_TEXT, soft_wrap=True)

    app = BareEditor()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.pause()

        async def pause() -> None:
            await asyncio.sleep(0.8)

        return await _type(app, pilot, editor, keys, pause)


async def measure(path: Path, keys: int) -> list[Row]:
    """p50 / p95 / max key-to-frame latency, workbook vs bare TextArea."""
    base = await baseline_times(keys)
    times, saves = await workbook_times(path, keys)
    return [
        Row(
            "keystroke -> frame p95, 5,000 answers, autosave on",
            ms(percentile(times, 95)),
            "ms",
            baseline=ms(percentile(base, 95)),
            baseline_label="bare TextArea",
            target=TARGET_P95_MS,
            note=f"{keys} keys, {saves} saves while typing",
            extra={"workbook_ms": [ms(t) for t in times], "bare_ms": [ms(t) for t in base]},
        ),
        Row(
            "  keystroke -> frame p50",
            ms(percentile(times, 50)),
            "ms",
            baseline=ms(percentile(base, 50)),
            baseline_label="bare TextArea",
        ),
        Row(
            "  keystroke -> frame max",
            ms(max(times)),
            "ms",
            baseline=ms(max(base)),
            baseline_label="bare TextArea",
        ),
    ]
