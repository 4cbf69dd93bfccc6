"""Open-loop keystroke latency while autosaves run: what a typist feels at 5,000 to 50,000 answers.

    python benchmarks/keystroke.py                       # 5,000 / 20,000 / 50,000 answers
    python benchmarks/keystroke.py --sizes 5000 --keys 60
    python benchmarks/keystroke.py --sizes 50000 --profile   # where the UI thread's time goes
    python benchmarks/run.py --only keys [--quick]            # the ``keys`` section

In-process, headless, 100x40. For each size a relationship is built (``common.
build_relationship``: the standard pack answered, plus retired answers up to the size), the
workbook opens it, and the long-text editor holding the longest answer of its first step is
focused with the cursor at the end. A bare app with one soft-wrapped ``TextArea`` then receives
the very same schedule, in the same run, as the baseline; it runs with what the workbook's run
left in the process frozen out of the garbage collector (``gc.freeze``), as if in a process of
its own: a full collection over the workbook's modules and data (107 ms at 5,000 answers)
would otherwise land in the baseline's keys.

Open loop. A sender thread delivers the keys at times fixed in advance by the wall clock, in
bursts of keys 30-60 ms apart (``typing_schedule``); it never waits for the app. The workbook's
``WorkbookService.flush`` (the one call every save makes) is wrapped by this benchmark, and
only here: the wrapper notes each save's start, end and CPU time, and every burst after the
first starts at the moment a save starts (the autosave begins 0.8 s after the previous burst's
last key), so its first keys land while the file is being written. A key is "during a save"
when its scheduled time falls between a save's start and end.

Delivery. The sender thread calls ``App.post_message(events.Key(letter, letter))``: Textual's
thread-safe way in (``call_soon_threadsafe`` onto the app's queue), and what the terminal
driver's own input thread does with every key a real user presses. It returns at once,
whatever the app is doing, so a busy app gets its keys queued, as a terminal would queue them.
``call_from_thread`` waits for the app to run the call, and ``Pilot.press`` waits for the whole
process to go idle (the save thread included): either would make the typist wait for the app,
which is the closed loop this benchmark replaces. The sender needs the GIL to wake up; a key
sent late because the sender was held up counts that lateness too.

Latency runs from a key's *scheduled* time to the first displayed frame that contains it. Every
frame the app displays (``common.FrameProbe``, rendered to escape codes as a terminal run
would) is written onto a virtual terminal (``frames.VirtualScreen``) as it is displayed, and
the letters in the editor's columns are kept (:class:`ColumnRecorder`); afterwards a key is
shown by the first frame whose letters contain the editor's text up to that key
(``typing_schedule.keys_shown``; the letters are random and typed without spaces, so the frame
names the key unambiguously). That bookkeeping runs after the frame's time is stamped and
costs the UI thread about 0.4 ms a frame in the workbook and 1.1 ms in the bare app, whose
every frame redraws the whole screen (``recorder_cpu_s`` in the JSON). Textual's 1/60 s frame clock (0-16.7 ms) is in every figure, the baseline's
too.

CPU time is reported beside wall time: per key, the process's CPU time from sending the key to
its frame (both threads: a save running meanwhile adds its CPU); per run, the UI thread's CPU
time and the saves' (the save thread's own, ``time.thread_time`` in the wrapper) against the
typing's wall time. ``--profile`` runs ``cProfile`` on the UI thread while typing and on each
save, and prints where each spends its time (not part of the figures: a profile slows both).
Informational, like every benchmark; the targets (issue #20): p95 of all keys <= 16 ms at
5,000 answers, p95 of the keys landing during saves <= 2x the bare TextArea's p95 at 50,000.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import cProfile
import gc
import io
import os
import pstats
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    LONG_TEXT,
    SIZE,
    FrameProbe,
    Row,
    active_tab_painted,
    build_relationship,
    format_rows,
    ms,
    percentile,
)
from typing_schedule import (  # noqa: E402
    burst_offsets,
    bursts,
    during,
    keys_shown,
    letters_only,
    typed_letters,
)

SIZES = (5_000, 20_000, 50_000)
BURST = 12
"""Keys per burst (about half a second of typing, so each burst is saved 0.8 s after it)."""
TARGET_P95_MS = 16
"""p95 of every key at 5,000 answers (DESIGN.md)."""
TARGET_DURING_RATIO = 2.0
"""p95 of the keys landing during saves at 50,000 answers, against the bare TextArea's p95."""
SAVE_WAIT_S = 5.0
"""How long a burst waits for the save to start before it starts anyway (then noted)."""


# ------------------------------------------------------------------------------ sending
@dataclass
class Sent:
    """One key as the sender thread delivered it."""

    due: float
    """Scheduled time (``time.perf_counter()``)."""
    posted: float
    """When it was handed to the app (``time.perf_counter()``), just before ``post_message``."""
    posted_cpu: float
    """The process's CPU time then (``time.process_time()``)."""


class Sender(threading.Thread):
    """Delivers ``letters`` to ``app`` on a wall-clock schedule, burst by burst.

    ``next_start(number)`` gives each burst's start time (it may block: waiting for a save to
    start); the keys of burst ``number`` are due at that start plus ``offsets[number]``.
    """

    def __init__(
        self,
        app: Any,
        letters: str,
        offsets: list[list[float]],
        next_start: Callable[[int], float],
    ) -> None:
        super().__init__(name="bench-typist", daemon=True)
        self.app = app
        self.letters = letters
        self.offsets = offsets
        self.next_start = next_start
        self.sent: list[Sent] = []
        self.starts: list[float] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        """Send every key at its time; never wait for the app."""
        from textual import events

        try:
            for number, burst in enumerate(self.offsets):
                start = self.next_start(number)
                self.starts.append(start)
                for offset in burst:
                    due = start + offset
                    pause = due - time.perf_counter()
                    if pause > 0:
                        time.sleep(pause)
                    letter = self.letters[len(self.sent)]
                    self.sent.append(Sent(due, time.perf_counter(), time.process_time()))
                    self.app.post_message(events.Key(letter, letter))
        except BaseException as error:  # reported by the harness, never lost in a thread
            self.error = error


# ------------------------------------------------------------------------------ saves
@dataclass
class Save:
    """One call of the wrapped ``flush``."""

    begin: float
    end: float
    cpu: float
    """The saving thread's CPU seconds (``time.thread_time()``)."""
    wrote: bool


class SaveWatch:
    """Wraps a service's ``flush`` (this benchmark's instance only) to see saves start and end."""

    def __init__(self, service: Any, profile: pstats.Stats | None = None) -> None:
        self.saves: list[Save] = []
        self.started = threading.Event()
        self.begun_at = 0.0
        self.running = 0
        self.profile = profile
        """Each save's profile is added here (``--profile``)."""
        self._original = service.flush
        service.flush = self._flush

    def _flush(self) -> bool:
        begin, cpu = time.perf_counter(), time.thread_time()
        self.running += 1
        self.begun_at = begin
        self.started.set()
        profiler = cProfile.Profile() if self.profile is not None else None
        wrote = False
        try:
            if profiler is not None:
                profiler.enable()
            wrote = bool(self._original())
            return wrote
        finally:
            if profiler is not None:
                profiler.disable()
                self.profile.add(profiler)  # type: ignore[union-attr]
            self.saves.append(Save(begin, time.perf_counter(), time.thread_time() - cpu, wrote))
            self.running -= 1

    def wait_for_start(self, timeout: float) -> float | None:
        """Block until the next save starts (its start time), or None after ``timeout``."""
        if not self.started.wait(timeout):
            return None
        self.started.clear()
        return self.begun_at

    def intervals(self) -> list[tuple[float, float]]:
        """``(begin, end)`` of every save that wrote the file."""
        return [(save.begin, save.end) for save in self.saves if save.wrote]


# ------------------------------------------------------------------------------ one app's run
@dataclass
class Typing:
    """What one app's typing gave: per key latency and CPU, and the run's totals."""

    latencies: list[float]
    """Seconds from each key's scheduled time to the first frame showing it."""
    cpu: list[float]
    """Process CPU seconds from each key's sending to that frame."""
    lateness: list[float]
    """Seconds each key was handed over after its scheduled time (the sender held up)."""
    starts: list[float]
    """Each burst's start, relative to the first."""
    wall_s: float
    process_cpu_s: float
    ui_cpu_s: float
    saves: list[Save] = field(default_factory=list)
    during: list[bool] = field(default_factory=list)
    """Per key: scheduled while a save was writing."""
    unstarted_bursts: int = 0
    frames: int = 0
    """Frames displayed while typing."""
    whole_screen_frames: int = 0
    """...of which redrew the whole screen (a new layout)."""
    recorder_cpu_s: float = 0.0
    """The UI thread's CPU spent by :class:`ColumnRecorder` (the benchmark's own cost)."""
    """Bursts that started without a save (none began within :data:`SAVE_WAIT_S`)."""


class ColumnRecorder:
    """Takes the place of ``FrameProbe.recorded``: each frame, as it is displayed, is written
    onto a virtual terminal, and only its time stamps and the letters in the editor's columns
    are kept (strings). Keeping the frames themselves would grow the heap by thousands of
    objects a second, and the collector's full passes over them would land in the latencies
    (they did: 66-90 ms of CPU in the bare app)."""

    def __init__(self, console: Any) -> None:
        from frames import VirtualScreen

        self.console = console
        self.screen = VirtualScreen(*SIZE)
        self.region: Any = None
        """The editor's columns, the whole height (set when typing starts)."""
        self.seen: list[tuple[float, float, str]] = []
        """``(perf_counter, process_time, letters in the columns)`` of each frame since."""
        self.cpu_s = 0.0
        """The UI thread's CPU seconds spent here since typing started (this benchmark's own
        cost: at most a few ms a frame, for a whole-screen update)."""
        self.whole_screen = 0
        """How many of those frames redrew the whole screen (a layout: ``LayoutUpdate``)."""

    def watch(self, columns: tuple[int, int]) -> None:
        """From now on keep the letters shown between ``columns`` (x from, x to)."""
        from textual.geometry import Region

        self.region = Region(columns[0], 0, columns[1] - columns[0], SIZE[1])

    def append(self, frame: Any) -> None:
        """A frame was displayed (called by the probe)."""
        begun = time.thread_time()
        self.screen.apply(frame.update, self.console)
        if self.region is not None:
            text = letters_only("".join(self.screen.text(self.region)))
            self.seen.append((frame.perf, frame.cpu, text))
            self.whole_screen += type(frame.update).__name__ == "LayoutUpdate"
            self.cpu_s += time.thread_time() - begun


def _first_frames(
    recorder: ColumnRecorder, base: str, letters: str, sent: list[Sent]
) -> list[tuple[float, float]]:
    """``(perf_counter, process_time)`` of the first frame that showed each sent key."""
    posted = [key.posted for key in sent]
    first: list[tuple[float, float]] = []
    for perf, cpu, text in recorder.seen:
        count = bisect.bisect_right(posted, perf)
        if count <= len(first):
            continue
        now = keys_shown(text, base, letters, len(first), count)
        first += [(perf, cpu)] * (now - len(first))
    if len(first) < len(sent):
        raise RuntimeError(f"only {len(first)} of {len(sent)} typed keys were ever displayed")
    return first


async def _type(
    app: Any,
    editor: Any,
    letters: str,
    offsets: list[list[float]],
    next_start: Callable[[int], float],
    profile: pstats.Stats | None = None,
) -> tuple[Sender, float, float, float]:
    """Type ``letters`` into ``editor`` from a sender thread; wait until all are in the editor.

    Returns the sender and the typing's wall, process CPU and UI-thread CPU seconds."""
    expected = len(editor.text) + len(letters)
    sender = Sender(app, letters, offsets, next_start)
    profiler = cProfile.Profile() if profile is not None else None
    wall, cpu, ui_cpu = time.perf_counter(), time.process_time(), time.thread_time()
    if profiler is not None:
        profiler.enable()
    sender.start()
    await asyncio.to_thread(sender.join)
    deadline = time.perf_counter() + 30
    while len(editor.text) < expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.1)  # the frame that shows the last key
    if profiler is not None:
        profiler.disable()
        profile.add(profiler)  # type: ignore[union-attr]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    ui_cpu = time.thread_time() - ui_cpu
    if sender.error is not None:
        raise RuntimeError("the typing thread failed") from sender.error
    if len(editor.text) != expected:
        raise RuntimeError(f"the editor holds {len(editor.text)} characters, not {expected}")
    return sender, wall, cpu, ui_cpu


def _result(
    app: Any,
    base: str,
    letters: str,
    sender: Sender,
    totals: tuple[float, float, float],
) -> Typing:
    first = _first_frames(app.recorded, base, letters, sender.sent)
    return Typing(
        latencies=[perf - key.due for (perf, _), key in zip(first, sender.sent, strict=True)],
        cpu=[cpu - key.posted_cpu for (_, cpu), key in zip(first, sender.sent, strict=True)],
        lateness=[key.posted - key.due for key in sender.sent],
        starts=[start - sender.starts[0] for start in sender.starts],
        wall_s=totals[0],
        process_cpu_s=totals[1],
        ui_cpu_s=totals[2],
        frames=len(app.recorded.seen),
        whole_screen_frames=app.recorded.whole_screen,
        recorder_cpu_s=app.recorded.cpu_s,
    )


async def workbook_typing(
    path: Path,
    letters: str,
    offsets: list[list[float]],
    profiles: dict[str, pstats.Stats] | None = None,
) -> Typing:
    """Type into the workbook opening ``path``; bursts after the first start with a save."""
    from common import probed_workbook_class

    from screens.answer_view import AnswerView
    from workbook.content.model import PromptKind

    app = probed_workbook_class()(open_path=path)
    app.recorded = ColumnRecorder(app.console)
    async with app.run_test(size=SIZE) as pilot:
        app.arm(active_tab_painted)
        await app.wait_hit(timeout=120)
        screen = app.screen
        deadline = time.perf_counter() + 120
        while not screen.all_built and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)  # the other steps are built after the first frame
        views = [
            view
            for view in screen.pane().query(AnswerView)
            if view.prompt.kind is PromptKind.LONG_TEXT
        ]
        if not views:
            raise RuntimeError("no editable long-text answer on the first step")
        editor = max(views, key=lambda v: len(str(v.content))).activate()  # as a click does
        await pilot.pause()
        editor.move_cursor(editor.document.end)
        editor.scroll_visible(animate=False, immediate=True, top=True)  # room to grow below
        await pilot.pause()
        autosaver = screen.autosaver
        watch = SaveWatch(screen.context.service, None if profiles is None else profiles["save"])
        await _settle(autosaver, watch)
        watch.started.clear()
        base = editor.text
        region = editor.content_region
        app.recorded.watch((region.x, region.right))
        unstarted = 0

        def next_start(number: int) -> float:
            nonlocal unstarted
            if number == 0:
                return time.perf_counter() + 0.05
            begun = watch.wait_for_start(SAVE_WAIT_S)
            if begun is None:
                unstarted += 1
                return time.perf_counter()
            return begun

        sender, *totals = await _type(
            app, editor, letters, offsets, next_start, None if profiles is None else profiles["ui"]
        )
        await _settle(autosaver, watch)
        result = _result(app, base, letters, sender, (totals[0], totals[1], totals[2]))
    app.recorded = None
    saves = watch.intervals()
    result.saves = [save for save in watch.saves if save.wrote]
    result.during = [during(key.due, saves) for key in sender.sent]
    result.unstarted_bursts = unstarted
    return result


async def _settle(autosaver: Any, watch: SaveWatch) -> None:
    """Wait until no save is pending or running (at most 30 s)."""
    deadline = time.perf_counter() + 30
    while (autosaver.save_pending or watch.running) and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)


async def bare_typing(letters: str, offsets: list[list[float]], starts: list[float]) -> Typing:
    """The same keys on the same schedule (bursts at ``starts``, relative) into a bare app with
    one soft-wrapped TextArea."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class BareEditor(FrameProbe, App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(LONG_TEXT, soft_wrap=True)

    app = BareEditor()
    app.recorded = ColumnRecorder(app.console)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.pause()
        base = editor.text
        region = editor.content_region
        app.recorded.watch((region.x, region.right))
        origin: list[float] = []

        def next_start(number: int) -> float:
            if not origin:
                origin.append(time.perf_counter() + 0.05)
            return origin[0] + starts[number]

        sender, *totals = await _type(app, editor, letters, offsets, next_start)
        result = _result(app, base, letters, sender, (totals[0], totals[1], totals[2]))
    app.recorded = None
    return result


# ------------------------------------------------------------------------------ measuring
@dataclass
class SizeResult:
    """One size's workbook run and its bare baseline."""

    answers: int
    workbook: Typing
    bare: Typing


async def measure_size(
    folder: Path, answers: int, keys: int, seed: int, profiles: dict[str, pstats.Stats] | None
) -> SizeResult:
    """Build a relationship of ``answers`` answers, type ``keys`` keys into it, then the bare
    app the same keys on the same schedule."""
    path = build_relationship(folder / f"keys-{answers}", "standard", total_answers=answers)
    generator = random.Random(seed)
    offsets = [burst_offsets(count, generator) for count in bursts(keys, BURST)]
    letters = typed_letters(keys, seed)
    gc.collect()
    workbook = await workbook_typing(path, letters, offsets, profiles)
    gc.collect()
    gc.freeze()  # the baseline's collections skip what the workbook's run left imported
    try:
        bare = await bare_typing(letters, offsets, workbook.starts)
    finally:
        gc.unfreeze()
    return SizeResult(answers, workbook, bare)


def _stats(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max, in ms."""
    if not values:
        return (float("nan"),) * 3  # type: ignore[return-value]
    return ms(percentile(values, 50)), ms(percentile(values, 95)), ms(max(values))


def size_rows(result: SizeResult) -> list[Row]:
    """The rows of one size: every key, the keys landing during saves, CPU, against bare."""
    wb, bare = result.workbook, result.bare
    label = f"{result.answers:,} answers"
    keys = len(wb.latencies)
    during_lat = [lat for lat, hit in zip(wb.latencies, wb.during, strict=True) if hit]
    save_walls = sorted(save.end - save.begin for save in wb.saves)
    save_cpus = sorted(save.cpu for save in wb.saves)
    extra = {
        "answers": result.answers,
        "keys": keys,
        "keys_during_saves": len(during_lat),
        "saves": len(wb.saves),
        "bursts_without_save": wb.unstarted_bursts,
        "workbook_ms": [ms(t) for t in wb.latencies],
        "workbook_cpu_ms": [ms(t) for t in wb.cpu],
        "during": wb.during,
        "bare_ms": [ms(t) for t in bare.latencies],
        "bare_cpu_ms": [ms(t) for t in bare.cpu],
        "sender_late_p95_ms": ms(percentile(wb.lateness, 95)),
        "bare_sender_late_p95_ms": ms(percentile(bare.lateness, 95)),
        "save_wall_ms": [ms(t) for t in save_walls],
        "save_cpu_ms": [ms(t) for t in save_cpus],
        "typing_wall_s": round(wb.wall_s, 2),
        "process_cpu_s": round(wb.process_cpu_s, 2),
        "ui_cpu_s": round(wb.ui_cpu_s, 2),
        "bare_ui_cpu_s": round(bare.ui_cpu_s, 2),
        "frames": wb.frames,
        "whole_screen_frames": wb.whole_screen_frames,
        "bare_frames": bare.frames,
        "bare_whole_screen_frames": bare.whole_screen_frames,
        "recorder_cpu_s": round(wb.recorder_cpu_s, 3),
        "bare_recorder_cpu_s": round(bare.recorder_cpu_s, 3),
    }
    small, large = result.answers == 5_000, result.answers >= 50_000
    every = _stats(wb.latencies)
    landed = _stats(during_lat)
    base = _stats(bare.latencies)
    cpu, bare_cpu = _stats(wb.cpu), _stats(bare.cpu)

    def row(measure: str, value: float, baseline: float, what: str, **kw: Any) -> Row:
        return Row(measure, value, "ms", baseline=baseline, baseline_label=what, **kw)

    return [
        row(
            f"keys: key -> frame, {label}, all {keys} keys, p50",
            every[0],
            base[0],
            "bare TextArea",
            extra=extra,
        ),
        row(
            f"  all keys, p95, {label}",
            every[1],
            base[1],
            "bare",
            target=TARGET_P95_MS if small else None,
        ),
        row("  all keys, max", every[2], base[2], "bare"),
        row(
            f"  {len(during_lat)} keys landing during {len(wb.saves)} saves, p50",
            landed[0],
            base[0],
            "bare, all keys",
        ),
        row(
            f"  keys landing during saves, p95, {label}",
            landed[1],
            base[1],
            "bare, all keys",
            target=TARGET_DURING_RATIO if large else None,
            target_kind="ratio",
        ),
        row("  keys landing during saves, max", landed[2], base[2], "bare, all keys"),
        row("  process CPU, key sent -> frame, p50", cpu[0], bare_cpu[0], "bare"),
        row("  process CPU, key sent -> frame, p95", cpu[1], bare_cpu[1], "bare"),
        Row(
            f"  UI thread CPU over {wb.wall_s:.1f} s of typing, {wb.frames} frames "
            f"({wb.whole_screen_frames} whole-screen; bare {bare.frames}, "
            f"{bare.whole_screen_frames})",
            round(wb.ui_cpu_s, 2),
            "s",
            baseline=round(bare.ui_cpu_s, 2),
            baseline_label="bare",
        ),
        row(
            f"  save (flush), p50 wall; CPU {ms(percentile(save_cpus, 50)):g} ms",
            ms(percentile(save_walls, 50)),
            ms(percentile(save_cpus, 50)),
            "CPU",
            note=(
                f"{wb.unstarted_bursts} bursts began with no save within {SAVE_WAIT_S:g} s"
                if wb.unstarted_bursts
                else ""
            ),
        ),
    ]


async def measure(
    folder: Path,
    sizes: tuple[int, ...] = SIZES,
    keys: int = 240,
    profiles: dict[str, pstats.Stats] | None = None,
) -> list[Row]:
    """Rows for every size in ``sizes`` (each with its own bare baseline, run right after it)."""
    rows: list[Row] = []
    for number, answers in enumerate(sizes):
        result = await measure_size(folder, answers, keys, 20 + number, profiles)
        rows += size_rows(result)
    return rows


def print_profile(title: str, stats: pstats.Stats, limit: int = 18) -> None:
    """The ``limit`` costliest functions of ``stats``, by own time and by cumulative time."""
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats.stream = out  # type: ignore[attr-defined]
        stats.sort_stats(order).print_stats(limit)
        print(f"--- {title}, by {order}")
        print(out.getvalue().strip("\n"))


def main(argv: list[str] | None = None) -> int:
    """Measure and print the rows (in a throw-away home); with ``--profile``, the profiles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--keys", type=int, default=240)
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the UI thread and the saves"
    )
    args = parser.parse_args(argv)
    sizes = tuple(int(part) for part in args.sizes.split(",") if part.strip())
    profiles = {"ui": pstats.Stats(), "save": pstats.Stats()} if args.profile else None
    with tempfile.TemporaryDirectory(prefix="workbook-keys-") as tmp:
        os.environ["MENTOR_WORKBOOK_HOME"] = str(Path(tmp) / "home")
        rows = asyncio.run(measure(Path(tmp), sizes, args.keys, profiles))
    print(format_rows(rows))
    if profiles is not None:
        print_profile("UI thread while typing", profiles["ui"])
        print_profile("the saves (each in its own thread)", profiles["save"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
