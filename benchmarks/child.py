"""Child process of the start-up and memory benchmarks: start an app headless, stamp a frame, exit.

    python benchmarks/child.py bare
    python benchmarks/child.py floor
    python benchmarks/child.py workbook PATH [--walk]
    python benchmarks/child.py home

The parent stamps ``time.time()`` into ``BENCH_T0`` just before starting this interpreter, so the
reported ``first_frame_s`` covers interpreter start, imports, app start and the first frame that
showed the workbook's first tab as it finally looks: every frame is recorded, the tab is left to
finish, and the frames are replayed to find the earliest one from which the tab's view never
changed (``frames.py``; ``bare``: the first frame of a one-label app). A workbook opened with
its first look kept (``screens/first_look.py``) is left until the real screen has taken the
look's place, and the look's frames count only where their text is the real screen's. Frames are rendered to
escape codes (see ``common.FrameProbe``), as a terminal run would. ``--walk`` then waits for the
workbook to build its other tabs and shows every tab in turn, each complete, before exiting: the
memory benchmark. ``home``: the home screen of the home folder in ``MENTOR_WORKBOOK_HOME``
(``mentor-workbook`` with no command); its first frame is the first one showing the home
screen, and ``rows_s`` the first one showing its table filled (the rows are read after the
first frame). Prints one JSON line: ``first_frame_s``, ``first_frame_cpu_s``, ``imports_s``,
``frames`` (up to the stamped one), ``vm_hwm_kib``, ``tabs_walked`` (and ``rows_s``; for a
workbook ``editable_s``, when the real screen was in place and built, and ``first_look``,
whether a first look was drawn first).
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


def floor_app() -> object:
    """The bare app after importing what the workbook cannot start without: its required
    libraries (pydantic for the domain models, TinyDB for the file) and the Textual widgets of
    a workbook's first screen. Nothing is built with them: the lowest a workbook could get."""
    import pydantic  # noqa: F401
    import tinydb  # noqa: F401, TID251 - imported only, to time it
    from pydantic import BaseModel  # noqa: F401
    from textual.widgets import (  # noqa: F401
        Footer,
        Input,
        OptionList,
        SelectionList,
        TabbedContent,
        TextArea,
    )

    return bare_app()


def workbook_app(path: str, walk: bool) -> object:
    """The Mentor Workbook opening ``path``; exits after the first painted frame (or a walk).

    Starts the way ``mentor-workbook open PATH`` does: the command line imports and parses its
    arguments, resolves the reference, then the app (here with the frame probe mixed in, run
    headless) opens the workbook.
    """
    from workbook import cli
    from workbook.refs import resolve_ref

    args = cli.build_parser().parse_args(["open", path])
    resolved = resolve_ref(args.ref)
    from common import probed_workbook_class

    class ProbedWorkbook(probed_workbook_class()):  # type: ignore[misc]
        tabs_walked = 0

        async def settle_first_tab(self) -> None:
            """Wait for the first tab to finish, then stamp the first frame that showed it as
            it finally is (``frames.first_final_frame``); then exit, or walk the tabs."""
            import asyncio

            from frames import first_final_frame, view_region

            self.looked = self.showing_first_look
            while self.showing_first_look:  # the real screen takes its place
                await asyncio.sleep(0.005)
            view = self.screen.pane().view
            while getattr(view, "building", False):
                await asyncio.sleep(0.005)
            self.editable_wall = time.time()  # (to 5 ms: the real screen is in place)
            await asyncio.sleep(0.25)
            final = first_final_frame(self.recorded, SIZE, view_region(view), self.console)
            self.first_wall, self.first_cpu = final.wall, final.cpu
            self.final_frame = self.recorded.index(final) + 1
            self.recorded = None  # the walk does not need the frames
            if walk:
                await self.walk_tabs()
            else:
                self.exit()

        async def walk_tabs(self) -> None:
            """Show every tab in turn, each with all its prompts, then exit."""
            import asyncio

            screen = self.screen
            while not screen.all_built:  # the workbook builds its steps after the first frame
                await asyncio.sleep(0.02)
            for pane in screen.panes():
                if pane.id == screen.current_step:
                    continue
                await screen.show_step(pane.id or "")
                for _ in range(2000):
                    await asyncio.sleep(0.01)
                    root = pane.children[0] if pane.children else None
                    if (
                        root is not None
                        and all_mounted(root)
                        and not getattr(root, "building", False)
                    ):
                        break
                else:
                    raise TimeoutError(f"tab {pane.id} was never shown complete")
                await asyncio.sleep(0.05)  # a frame or two with it on screen
                self.tabs_walked += 1
            self.exit()

    app = ProbedWorkbook(open_path=resolved)
    app.recorded = []
    imports_done = time.time()
    app.arm(active_tab_painted)

    def first_hit() -> None:
        app.run_worker(app.settle_first_tab(), exclusive=True)  # a worker: keeps the app free

    app.on_probe_hit = first_hit
    app.imports_s = imports_done - T0  # type: ignore[attr-defined]
    return app


def home_app() -> object:
    """The Mentor Workbook's home screen, started as ``mentor-workbook`` with no command does;
    stamps its first frame, then the first frame with the rows in the table, and exits."""
    from workbook import cli

    cli.build_parser().parse_args([])
    from common import probed_workbook_class

    app = probed_workbook_class()()
    imports_done = time.time()

    def home_shown(a: object) -> bool:
        screen = a.screen  # type: ignore[attr-defined]
        return type(screen).__name__ == "HomeScreen" and all_mounted(screen)

    def rows_shown(a: object) -> bool:
        screen = a.screen  # type: ignore[attr-defined]
        if not getattr(screen, "loaded", True):  # (a home screen that reads rows on mount)
            return False
        table = screen.query_one("#relationships")
        return bool(table.display and table.row_count and table.size.area)

    def rows_hit() -> None:
        app.rows_wall = app.probe_wall  # type: ignore[attr-defined]
        app.exit()  # type: ignore[attr-defined]

    def first_hit() -> None:
        app.first_wall = app.probe_wall  # type: ignore[attr-defined]
        app.first_cpu = app.probe_cpu  # type: ignore[attr-defined]
        app.arm(rows_shown)  # type: ignore[attr-defined]
        app.on_probe_hit = rows_hit  # type: ignore[attr-defined]

    app.arm(home_shown)  # type: ignore[attr-defined]
    app.on_probe_hit = first_hit  # type: ignore[attr-defined]
    app.imports_s = imports_done - T0  # type: ignore[attr-defined]
    return app


def main(argv: list[str]) -> int:
    """Run the app named by ``argv`` and print the JSON report."""
    if argv[0] == "bare":
        app = bare_app()
    elif argv[0] == "floor":
        app = floor_app()
    elif argv[0] == "workbook":
        app = workbook_app(argv[1], "--walk" in argv)
    elif argv[0] == "home":
        app = home_app()
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")
    app.run(headless=True, size=SIZE)  # type: ignore[attr-defined]
    first = getattr(app, "first_wall", None)
    if first is None or ("--walk" in argv and not getattr(app, "tabs_walked", 0)):
        raise SystemExit("the app exited before the expected frame")
    report = {
        "first_frame_s": first - T0,
        "imports_s": app.imports_s,  # type: ignore[attr-defined]
        "first_frame_cpu_s": app.first_cpu,  # type: ignore[attr-defined]
        "frames": getattr(app, "final_frame", app.frames),  # type: ignore[attr-defined]
        "vm_hwm_kib": vm_hwm_kib(),
        "tabs_walked": getattr(app, "tabs_walked", 0),
    }
    if hasattr(app, "rows_wall"):
        report["rows_s"] = app.rows_wall - T0
    if hasattr(app, "editable_wall"):
        report["editable_s"] = app.editable_wall - T0
        report["first_look"] = app.looked
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
