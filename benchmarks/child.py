"""Child process of the start-up and memory benchmarks: start an app headless, stamp a frame, exit.

    python benchmarks/child.py bare
    python benchmarks/child.py workbook PATH [--walk]

The parent stamps ``time.time()`` into ``BENCH_T0`` just before starting this interpreter, so the
reported ``first_frame_s`` covers interpreter start, imports, app start and the first frame of
the workbook with its active tab built (``bare``: the first frame of a one-label app). Frames are
rendered to escape codes (see ``common.FrameProbe``) and thrown away. ``--walk`` then shows every
tab in turn (waiting for each to be painted) before exiting: the memory benchmark. Prints one JSON
line: ``first_frame_s``, ``imports_s``, ``frames``, ``vm_hwm_kib``, ``tabs_walked``.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", repr(time.time())))

from common import SIZE, FrameProbe, active_tab_painted, all_mounted  # noqa: E402


def vm_hwm_kib() -> int:
    """Peak resident memory of this process so far (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def bare_app() -> object:
    """A one-label Textual app: the baseline."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class BareApp(FrameProbe, App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Hello, mentor")

    app = BareApp()
    imports_done = time.time()
    app.arm(lambda a: all(w.is_mounted for w in a.screen.walk_children()))
    def first_hit() -> None:
        app.first_wall = app.probe_wall  # type: ignore[attr-defined]
        app.first_cpu = app.probe_cpu  # type: ignore[attr-defined]
        app.exit()

    app.on_probe_hit = first_hit
    app.imports_s = imports_done - T0  # type: ignore[attr-defined]
    return app


def workbook_app(path: str, walk: bool) -> object:
    """The Mentor Workbook opening ``path``; exits after the first painted frame (or a walk).

    Starts the way ``mentor-workbook open PATH`` does: the command line pauses garbage
    collection first, imports and parses its arguments, resolves the reference, then the app
    (here with the frame probe mixed in, run headless) opens the workbook.
    """
    from workbook.startup import pause_collector

    pause_collector()  # what workbook.cli.main does before anything else
    from workbook import cli
    from workbook.refs import resolve_ref

    args = cli.build_parser().parse_args(["open", path])
    resolved = resolve_ref(args.ref)
    from common import probed_workbook_class

    class ProbedWorkbook(probed_workbook_class()):  # type: ignore[misc]
        tabs_walked = 0

        async def walk_tabs(self) -> None:
            import asyncio

            from textual.widgets import TabbedContent, TabPane

            # Let the workbook's opening focus land first: a focus event still queued for the
            # first tab would switch back to it (TabbedContent follows focus).
            await asyncio.sleep(0.3)
            tabs = self.screen.query_one(TabbedContent)
            for pane in list(tabs.query(TabPane)):
                if pane.id == tabs.active:
                    continue
                # every prompt of the tab mounted (not only the visible part): peak memory
                shown = lambda a, p=pane: (  # noqa: E731
                    bool(p.children) and all_mounted(p.children[0])
                    and not getattr(p.children[0], "building", False)
                )
                self.arm(shown)
                tabs.active = pane.id or ""
                try:
                    await self.wait_hit(timeout=20)
                except TimeoutError:
                    # No new frame came (nothing left to repaint): fine if the tab is complete.
                    if not shown(self):
                        root = pane.children[0] if pane.children else None
                        missing = [repr(w) for w in (root.walk_children() if root else [])
                                   if not w.is_mounted][:5]
                        size = root.size if root is not None else None
                        raise TimeoutError(
                            f"tab {pane.id} was never shown complete ({size}; {missing}; "
                            f"active {tabs.active}, focus {self.focused!r})"
                        ) from None
                self.tabs_walked += 1
            self.exit()

    app = ProbedWorkbook(open_path=resolved)
    imports_done = time.time()
    app.arm(active_tab_painted)
    def first_hit() -> None:
        app.first_wall = app.probe_wall  # type: ignore[attr-defined]
        app.first_cpu = app.probe_cpu  # type: ignore[attr-defined]
        if walk:
            app.run_worker(app.walk_tabs(), exclusive=True)  # a worker: keeps the app free
        else:
            app.exit()

    app.on_probe_hit = first_hit
    app.imports_s = imports_done - T0  # type: ignore[attr-defined]
    return app


def main(argv: list[str]) -> int:
    """Run the app named by ``argv`` and print the JSON report."""
    if argv[0] == "bare":
        app = bare_app()
    elif argv[0] == "workbook":
        app = workbook_app(argv[1], "--walk" in argv)
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")
    app.run(headless=True, size=SIZE)  # type: ignore[attr-defined]
    first = getattr(app, "first_wall", None)
    if first is None or ("--walk" in argv and app.probe_wall is None):  # type: ignore[attr-defined]
        raise SystemExit("the app exited before the expected frame")
    report = {
        "first_frame_s": first - T0,
        "imports_s": app.imports_s,  # type: ignore[attr-defined]
        "first_frame_cpu_s": app.first_cpu,  # type: ignore[attr-defined]
        "frames": app.frames,  # type: ignore[attr-defined]
        "vm_hwm_kib": vm_hwm_kib(),
        "tabs_walked": getattr(app, "tabs_walked", 0),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
