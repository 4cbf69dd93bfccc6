"""Run-time guards for what each command imports: they fail the same way on every machine.

A timing test on a shared machine is flaky; what a command imports is not. Each test runs a
real entry point (``workbook.cli.main``, what the ``mentor-workbook`` script calls) in a fresh
interpreter and looks at ``sys.modules`` afterwards, the only way to prove that a deferred
import really is deferred (``test_core_imports.py`` reads the source, which cannot tell). The
costs behind them: Textual is about 230 ms to import, pydantic and our models about 170 ms,
TinyDB 26 ms, filelock 27 ms; ``--version`` paid all but Textual's (450 ms) before the command
modules kept their heavy imports inside the handlers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.files import REPO_ROOT, make_relationship

PROBE = """
import json, sys
{before}
from workbook.cli import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit:
    pass
{after}
with open(sys.argv[2], "w") as out:
    json.dump({{"modules": sorted(sys.modules), **report}}, out)
"""
"""Runs one command line in a fresh interpreter and writes what it imported to a file."""

UI = ("textual", "screens")
MODELS = ("pydantic", "workbook.models.items", "workbook.models.relationship")
STORE = ("tinydb", "workbook.service", "filelock")


def _run(
    home: Path, argv: list[str], tmp_path: Path, before: str = "", after: str = "report = {}"
) -> dict[str, object]:
    return _run_code(home, PROBE.format(before=before, after=after), json.dumps(argv), tmp_path)


def _run_code(home: Path, code: str, argument: str, tmp_path: Path) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (``argument`` and the report's path as its
    arguments) with ``home`` as the home folder; the JSON report it wrote."""
    out = tmp_path / "report.json"
    env = dict(os.environ, MENTOR_WORKBOOK_HOME=str(home), PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, argument, str(out)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(out.read_text("utf-8"))
    return report


def _loaded(report: dict[str, object], forbidden: tuple[str, ...]) -> list[str]:
    """The modules of ``forbidden`` (packages with everything under them) that were imported."""
    modules = report["modules"]
    assert isinstance(modules, list)
    return sorted(
        name
        for name in modules
        if any(name == banned or name.startswith(banned + ".") for banned in forbidden)
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["new", "--help"],
        ["merge", "--help"],
        ["list", "--help"],
        ["sync", "--help"],
    ],
)
def test_version_and_help_import_no_ui_no_models_no_store(
    home: Path, tmp_path: Path, argv: list[str]
) -> None:
    report = _run(home, argv, tmp_path)
    assert _loaded(report, UI + MODELS + STORE) == []


WARM_INDEX = """
import workbook.summary_index as summary_index
summary_index.RACY_SECONDS = 0.0  # (the files were made a moment ago: index them anyway)
from workbook.service import WorkbookService
opened = []
original_open = WorkbookService.open.__func__
WorkbookService.open = classmethod(lambda cls, path, **kw: opened.append(str(path)) or original_open(cls, path, **kw))
"""


def test_list_imports_no_ui_and_with_a_warm_index_reads_no_relationship(
    home: Path, tmp_path: Path
) -> None:
    for number in range(3):
        make_relationship(home / "relationships", answers=number)
    cold = _run(home, ["list"], tmp_path, WARM_INDEX, "report = {'opened': opened}")
    assert len(cold["opened"]) == 3  # type: ignore[arg-type]
    assert _loaded(cold, UI) == []
    warm = _run(home, ["list", "--json"], tmp_path, WARM_INDEX, "report = {'opened': opened}")
    assert warm["opened"] == []
    assert _loaded(warm, UI + ("markdown_it",)) == []


def test_content_list_imports_no_ui_and_no_store(home: Path, tmp_path: Path) -> None:
    report = _run(home, ["content", "list"], tmp_path)
    assert _loaded(report, UI + STORE) == []


@pytest.mark.parametrize("command", ["status", "export"])
def test_commands_on_one_relationship_import_no_ui(
    home: Path, tmp_path: Path, command: str
) -> None:
    path = make_relationship(home / "relationships", answers=2)
    report = _run(home, [command, str(path)], tmp_path)
    assert _loaded(report, UI) == []


def test_the_models_package_gives_every_name_it_lists() -> None:
    """``workbook.models`` loads its names lazily: each must be the object its own module
    defines, the same at every lookup, and ``dir`` must show exactly the public names."""
    import importlib

    import workbook.models as models

    for name in models.__all__:
        module = importlib.import_module(models._MODULE_OF[name])
        assert getattr(models, name) is getattr(module, name)
        assert getattr(models, name) is getattr(models, name)
    assert sorted(models.__all__) == sorted(models._MODULE_OF)
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(AttributeError):
        _ = models.NotAModel  # type: ignore[attr-defined]


def test_enumerations_come_without_pydantic() -> None:
    code = "import sys; from workbook.models import Role, RelationshipStatus; print('pydantic' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert done.stdout.strip() == "False", done.stderr


FIRST_FRAME = """
import asyncio, json, sys
from pathlib import Path
from screens.app import MentorWorkbookApp
from screens.workbook_screen import WorkbookScreen

seen = {}
real_on_mount = WorkbookScreen.on_mount

def on_mount(screen):
    # queued first: runs once the first frame is drawn, before anything queued after it
    screen.call_after_refresh(lambda: seen.setdefault("modules", sorted(sys.modules)))
    real_on_mount(screen)

WorkbookScreen.on_mount = on_mount

async def main():
    app = MentorWorkbookApp(open_path=Path(sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        while "modules" not in seen:
            await pilot.pause()
    with open(sys.argv[2], "w") as out:
        json.dump(seen, out)

asyncio.run(main())
"""
"""Opens a workbook in a fresh interpreter; writes what was imported by its first frame."""

AFTER_FIRST_FRAME = (
    "screens.session_flow",
    "screens.close_meeting",
    "screens.sync_watch",
    "workbook.sync",
    "workbook.sharing",
    "screens.history_view",
    "screens.editors.text",
    "textual.widgets._text_area",
)
"""What the workbook's first frame must not wait for: the sessions' dialogs, the shared
folder's watch, the history, the text editors (answers are drawn as text until edited)."""


def test_the_workbook_s_first_frame_imports_no_dialog_no_folder_watch_no_text_editor(
    home: Path, tmp_path: Path
) -> None:
    path = make_relationship(home / "relationships", answers=2)
    report = _run_code(home, FIRST_FRAME, str(path), tmp_path)
    assert "screens.workbook_screen" in report["modules"]  # type: ignore[operator]
    assert _loaded(report, AFTER_FIRST_FRAME) == []


FIRST_LOOK = """
import asyncio, json, sys
from pathlib import Path
from screens.app import MentorWorkbookApp

seen = {}

class Recording(MentorWorkbookApp):
    def _first_look_shown(self, path):
        shown = super()._first_look_shown(path)
        if shown:  # runs once the look's frame is drawn, before the workbook is loaded
            self._first_look.call_after_refresh(
                lambda: seen.setdefault("modules", sorted(sys.modules))
            )
        return shown

async def main():
    app = Recording(open_path=Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3000):
            # (the real screen is pushed before it is composed: wait until it has taken the
            # look's place, or the test would quit in the middle of its mount)
            if "modules" in seen and not app.showing_first_look:
                break
            await pilot.pause(0.01)
        seen["then"] = type(app.screen).__name__
    with open(sys.argv[2], "w") as out:
        json.dump(seen, out)

asyncio.run(main())
"""
"""Opens a workbook whose first look is kept, in a fresh interpreter; writes what was
imported by the look's frame, and which screen came after it."""

BEFORE_THE_LOOK = (
    *MODELS,
    *STORE,
    "workbook.content.model",
    "workbook.content.catalog",
    "screens.workbook_screen",
    "screens.prompt_card",
)
"""What the first frame of an opening with a kept first look must not wait for: pydantic and
the models, TinyDB and the store, the packs' models, the real screen."""


def test_an_opening_with_a_first_look_draws_it_before_pydantic_and_tinydb(
    home: Path, tmp_path: Path
) -> None:
    path = make_relationship(home / "relationships", answers=2)
    _run_code(home, FIRST_FRAME, str(path), tmp_path)  # (closing it keeps its first look)
    report = _run_code(home, FIRST_LOOK, str(path), tmp_path)
    assert "modules" in report, "the first look was not drawn"
    assert report["then"] == "WorkbookScreen"
    assert "screens.first_look" in report["modules"]  # type: ignore[operator]
    assert _loaded({"modules": report["modules"]}, BEFORE_THE_LOOK) == []
