"""Shared helpers of the benchmarks: test data, a first-frame probe, statistics, result rows.

Nothing here is imported by the application. The probe (:class:`FrameProbe`) is mixed into an
``App`` subclass: Textual calls ``App._display`` with every frame the compositor produced, so the
probe sees each frame the moment it is ready, renders it to terminal escape codes (the work a real
terminal run does and headless mode skips), stamps the time and checks a predicate.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (100, 40)
"""Terminal size used by every benchmark (the size the UI tests use)."""

T0_ENV = "BENCH_T0"
"""Environment variable carrying the parent's wall-clock time just before it started a child."""

LONG_TEXT = (
    "I want to get better at giving feedback to my team without sounding harsh. Last sprint I "
    "avoided a hard conversation with a colleague about code review turnaround and it cost us a "
    "week. I would like to practise the conversation with you first, and to leave each session "
    "with one concrete thing to try before we meet again. Longer term I want to lead the "
    "platform team, so I also need to learn how to plan a quarter and say no to work."
)
"""A realistic long-text answer (about 420 characters)."""


# ------------------------------------------------------------------------------ test data
def realistic_value(prompt: Any) -> Any:
    """A plausible answer for ``prompt`` according to its kind (None for structured kinds)."""
    from workbook.content.model import PromptKind

    kind = prompt.kind
    if kind.is_structured:
        return None
    if kind is PromptKind.SHORT_TEXT:
        return "Every other Tuesday, 45 minutes, video call"
    if kind is PromptKind.DATE:
        return "2026-09-01"
    if kind is PromptKind.YES_NO:
        return True
    if kind is PromptKind.SCALE:
        return (prompt.scale_min + prompt.scale_max) // 2
    if kind is PromptKind.SINGLE_CHOICE:
        return prompt.options[0] if prompt.options else None
    if kind in (PromptKind.MULTIPLE_CHOICE, PromptKind.CHECKLIST):
        return list(prompt.options[:2])
    if kind is PromptKind.RANKING:
        return list(reversed(prompt.options))
    return LONG_TEXT


def build_relationship(folder: Path, pack_id: str = "standard", total_answers: int = 0) -> Path:
    """A relationship of ``pack_id`` in ``folder`` with every (non-structured) prompt answered.

    When ``total_answers`` is larger than the number of realistic answers, the rest are answers to
    prompt ids the pack does not have (``retired-prompt-N``, as ``store_bench`` uses): the only way
    one relationship reaches thousands of answers. The workbook shows those on its "Other answers"
    tab. Returns the file's path.
    """
    from workbook.content.catalog import PackCatalog
    from workbook.service import WorkbookService
    from workbook.visibility import authors_for

    pack = PackCatalog.default().load(pack_id)
    service = WorkbookService.create(
        mentor="Ana Silva",
        mentee="Bo Chen",
        pack_id=pack_id,
        pack_version=pack.version,
        folder=folder,
    )
    count = 0
    with service:
        service.start_session()
        for prompt in pack.all_prompts():
            value = realistic_value(prompt)
            if value is None:
                continue
            for author in authors_for(prompt):
                service.set_answer(prompt.id, author, value)
                count += 1
        index = 0
        while count < total_answers:
            author = ("mentor", "mentee", "joint")[index % 3]
            service.set_answer(
                f"retired-prompt-{index // 3}", author, f"{LONG_TEXT[:150]} #{index}"
            )
            index += 1
            count += 1
    return service.path


def bench_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a child process: a private home folder, the repo on the path."""
    env = dict(os.environ)
    env["MENTOR_WORKBOOK_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.pop("TEXTUAL", None)  # no devtools
    env.update(extra)
    return env


# ------------------------------------------------------------------------------ child processes
@dataclass
class ChildRun:
    """What one child process reported, plus its peak memory as the kernel accounted it."""

    report: dict[str, Any]
    max_rss_kib: int
    wall_s: float


def run_child(args: list[str], env: dict[str, str], timeout: float = 120.0) -> ChildRun:
    """Run ``benchmarks/child.py args`` in a fresh interpreter; stamp the start time first.

    The child prints one JSON line last. Peak memory comes from ``wait4`` (this child only).
    """
    script = str(BENCH_DIR / "child.py")
    env = dict(env)
    env[T0_ENV] = repr(time.time())
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, script, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    status, rusage = 0, None
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, rusage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"benchmark child {args} failed (exit {proc.returncode}):\n{err[-3000:]}{out[-2000:]}"
        )
    return ChildRun(json.loads(lines[-1]), int(rusage.ru_maxrss), wall)


# ------------------------------------------------------------------------------ frame probe
class FrameProbe:
    """Mix into an ``App`` subclass (before ``App``): sees every frame as it is displayed.

    ``probe_frame`` is set to a callable taking the app; the first frame for which it returns
    True is stamped in ``probe_hit`` (``time.perf_counter()``) and ``probe_wall`` (``time.time()``)
    and the probe is cleared; ``on_probe_hit`` (one-shot) is then called. ``frames`` counts
    every frame.
    """

    frames: int = 0
    probe_frame: Callable[[Any], bool] | None = None
    probe_hit: float | None = None
    probe_wall: float | None = None
    probe_cpu: float | None = None
    recorded: list[Any] | None = None
    """Set to a list to have every displayed frame appended (a ``frames.Frame``)."""
    on_probe_hit: Callable[[], None] | None = None

    def _display(self, screen: Any, renderable: Any) -> None:  # noqa: D401 - Textual hook
        super()._display(screen, renderable)  # type: ignore[misc]
        if renderable is None or self._batch_count:  # type: ignore[attr-defined]
            return
        render = getattr(renderable, "render_segments", None)
        if render is not None and self.is_headless:  # type: ignore[attr-defined]
            render(self.console)  # type: ignore[attr-defined]  # what a terminal run would write
        self.frames += 1
        if self.recorded is not None:
            from frames import Frame

            self.recorded.append(
                Frame(time.perf_counter(), time.time(), time.process_time(), renderable)
            )
        probe = self.probe_frame
        if probe is not None and probe(self):
            self.probe_hit = time.perf_counter()
            self.probe_wall = time.time()
            self.probe_cpu = time.process_time()
            self.probe_frame = None
            callback, self.on_probe_hit = self.on_probe_hit, None  # one-shot
            if callback is not None:
                callback()

    def arm(self, predicate: Callable[[Any], bool]) -> None:
        """Wait for the first frame for which ``predicate(app)`` is true."""
        self.probe_hit = None
        self.probe_wall = None
        self.probe_frame = predicate

    async def wait_hit(self, timeout: float = 10.0) -> float:
        """Wait (yielding to the app) until the armed predicate was met; its perf_counter time."""
        import asyncio

        deadline = time.perf_counter() + timeout
        while self.probe_hit is None:
            if time.perf_counter() > deadline:
                raise TimeoutError("no matching frame within the timeout")
            await asyncio.sleep(0.0005)
        return self.probe_hit


def _subtree_mounted(widget: Any) -> bool:
    return widget.is_mounted and all(child.is_mounted for child in widget.walk_children())


def all_mounted(widget: Any) -> bool:
    """True when ``widget`` and every descendant is mounted and ``widget`` has a size."""
    return bool(widget.size.area) and _subtree_mounted(widget)


def visible_part_painted(view: Any) -> bool:
    """True when ``view`` (a scrolling tab view) is laid out and its viewport is fully covered.

    Covered means: its children, from the top, are mounted and laid out down to the bottom of
    the viewport (prompts further down may still be arriving, as the workbook adds them a few
    per frame), or every child it will ever have is mounted and laid out. Any unmounted or not
    yet laid-out child above the fold makes it false.
    """
    if not view.is_mounted or not view.size.area:
        return False
    fold = view.content_region.bottom
    for child in view.children:
        if not _subtree_mounted(child):
            return False
        if not child.display:
            continue
        if not child.region.area:
            return False  # mounted but not laid out yet
        if child.region.bottom >= fold:
            return True
    return not getattr(view, "building", False)


def active_tab_painted(app: Any) -> bool:
    """True when the app's screen is a workbook whose shown step is built and fully mounted,
    or the workbook's first look (``screens.first_look``) with its step drawn: whether that
    frame counts is decided afterwards, by comparing its text with the real screen's
    (``frames.first_final_frame``)."""
    if getattr(app, "showing_first_look", False):
        looks = list(app.screen.query(".first-look .tab-view"))
        return bool(looks) and visible_part_painted(looks[0])
    from screens.tab_view import TabView
    from screens.workbook_screen import WorkbookScreen

    screen = app.screen
    if not isinstance(screen, WorkbookScreen):
        return False
    try:
        pane = screen.pane()
    except Exception:
        return False
    views = [
        child
        for child in pane.children
        if isinstance(child, TabView) or "tab-view" in child.classes
    ]
    return bool(views) and visible_part_painted(views[0])


# ------------------------------------------------------------------------------ statistics
def median(values: Iterable[float]) -> float:
    """The median of ``values``."""
    return statistics.median(list(values))


def percentile(values: Iterable[float], pct: float) -> float:
    """The ``pct`` percentile (nearest rank, 0-100) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, int(round(pct / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def ms(seconds: float) -> float:
    """Seconds to milliseconds, rounded to 0.01."""
    return round(seconds * 1000, 2)


# ------------------------------------------------------------------------------ result rows
@dataclass
class Row:
    """One line of the results table."""

    measure: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    target: float | None = None
    target_kind: str = "max"
    """``max``: value must be <= target; ``ratio``: value / baseline must be <= target."""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """value / baseline, when there is a baseline."""
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    @property
    def passed(self) -> bool | None:
        """True / False against the target, None when the row has no target."""
        if self.target is None:
            return None
        if self.target_kind == "ratio":
            return self.ratio is not None and self.ratio <= self.target
        return self.value <= self.target

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        data["passed"] = self.passed
        return data


def format_rows(rows: list[Row]) -> str:
    """The table: measure | value | baseline (same run) | ratio | target | pass/fail."""
    header = ["measure", "value", "baseline (same run)", "ratio", "target", "result"]
    body = []
    for row in rows:
        value = f"{row.value:,.2f} {row.unit}"
        baseline = (
            "" if row.baseline is None else f"{row.baseline:,.2f} {row.unit} {row.baseline_label}"
        ).strip()
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
        if row.target is None:
            target = ""
        elif row.target_kind == "ratio":
            target = f"<= {row.target:g}x baseline"
        else:
            target = f"<= {row.target:g} {row.unit}"
        result = {True: "PASS", False: "FAIL", None: "info"}[row.passed]
        body.append([row.measure, value, baseline, ratio, target, result])
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    for line in body:
        lines.append(" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
    return "\n".join(lines)


def summary_line(rows: list[Row]) -> str:
    """ "N of M targets met" (rows without a target are not counted)."""
    judged = [row for row in rows if row.passed is not None]
    met = sum(1 for row in judged if row.passed)
    failed = [row.measure.strip() for row in judged if not row.passed]
    tail = f" (missed: {'; '.join(failed)})" if failed else ""
    return f"{met} of {len(judged)} targets met{tail}"


# ------------------------------------------------------------------------------ probed apps
def probed_workbook_class() -> type:
    """``MentorWorkbookApp`` with the :class:`FrameProbe` mixed in (CSS paths kept absolute)."""
    import screens.app as app_module

    base = app_module.MentorWorkbookApp
    here = Path(app_module.__file__).parent
    css = base.CSS_PATH
    paths = [css] if isinstance(css, str | Path) else list(css or [])

    class ProbedWorkbook(FrameProbe, base):  # type: ignore[misc, valid-type]
        CSS_PATH = [str((here / p).resolve()) for p in paths]

    return ProbedWorkbook
