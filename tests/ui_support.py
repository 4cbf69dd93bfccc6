"""Helpers for the UI tests: a home folder, relationships, and the rendered screen as text."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App
from textual.widget import Widget

from screens.answer_view import AnswerView
from workbook.content.catalog import PackCatalog
from workbook.errors import WorkbookError
from workbook.models import Author, Role
from workbook.service import WorkbookService

KINDS_PACK_DIR = Path(__file__).parent / "data" / "kinds"
"""A folder holding the ``kinds`` test pack (one prompt of every answerable kind)."""


def pack_version_of(pack_id: str, content: Path | None = None) -> str:
    """The version of pack ``pack_id`` (bundled, or in ``content``), as a new relationship
    stores it; ``1.0`` for a pack that cannot be found."""
    try:
        return PackCatalog.default(extra=content).load(pack_id).version
    except WorkbookError:
        return "1.0"


def make_relationship(
    home: Path,
    pack_id: str = "standard",
    role: Role = Role.MENTOR,
    mentor: str = "Priya Shah",
    mentee: str = "Sam Okafor",
    pack_version: str | None = None,
) -> Path:
    """Create a relationship in ``home`` (fixed start date, for stable snapshots), on the
    pack's current version unless ``pack_version`` says otherwise (opening it then says
    that the pack was updated)."""
    service = WorkbookService.create(
        mentor=mentor,
        mentee=mentee,
        pack_id=pack_id,
        pack_version=pack_version or pack_version_of(pack_id),
        role=role,
        started_on=date(2026, 1, 5),
        folder=home / "relationships",
    )
    path = service.path
    service.close()
    return path


def stored(path: Path) -> dict[tuple[str, str], object]:
    """Answers in the file on disk, read without the service (what a crash would leave)."""
    raw = json.loads(path.read_text("utf-8"))
    return {(d["prompt_id"], d["author"]): d["value"] for d in raw.get("answers", {}).values()}


def screen_text(app: App[object]) -> str:
    """The text currently on the app's screen (from its SVG screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    text = "".join(html.unescape(re.sub(r"<[^>]+>", "", line)) for line in lines)
    return text.replace("\xa0", " ")


def screen_rows(app: App[object]) -> dict[int, str]:
    """The text of each row of the app's screen, by row number (from its SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[int, str] = {}
    for line, text in re.findall(
        r'<text[^>]*clip-path="url\(#[\w-]*line-(\d+)\)"[^>]*>(.*?)</text>', svg, flags=re.S
    ):
        chunk = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
        rows[int(line)] = rows.get(int(line), "") + chunk
    return rows


async def settle(pilot: object) -> None:
    """Let the app process what is pending (mounts, focus, layout) and draw a frame."""
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def all_tabs_built(pilot: object, timeout: float = 30.0) -> None:
    """Wait until the workbook has built every step it builds ahead (the hidden ones after
    the first frame; none when building ahead is off: see tests/conftest.py)."""
    await wait_until(pilot, lambda: built_ahead(pilot.app.screen), "building every step", timeout)  # type: ignore[attr-defined]


def built_ahead(screen: object) -> bool:
    """True once ``screen`` (a workbook) has built what it builds ahead; True for any other
    screen."""
    if not getattr(screen, "build_ahead", False):
        return True
    return bool(getattr(screen, "all_built", True))


async def show_step(pilot: object, step: str) -> None:
    """Show the workbook's step ``step`` (a pack tab id, or a pane id) and let it settle."""
    await wait_until(
        pilot,
        lambda: hasattr(pilot.app.screen, "show_step"),  # type: ignore[attr-defined]
        "the workbook",
    )
    screen = pilot.app.screen  # type: ignore[attr-defined]
    await screen.show_step(step if step.startswith("step-") else f"step-{step}")
    await settle(pilot)


def find_answer_widget(
    app: App[object], prompt_id: str, author: Author = Author.JOINT
) -> Widget | None:
    """The widget showing ``author``'s answer to ``prompt_id`` (its editor, or its view), or
    None while there is none."""
    for widget in app.screen.query("*"):
        if getattr(widget, "prompt_id", None) == prompt_id and widget.author is author:  # type: ignore[attr-defined]
            if isinstance(widget, AnswerView) and widget.editor is not None:
                continue
            return widget
    return None


def answer_widget(app: App[object], prompt_id: str, author: Author = Author.JOINT) -> Widget:
    """The widget showing ``author``'s answer to ``prompt_id``: its editor, or its view."""
    widget = find_answer_widget(app, prompt_id, author)
    if widget is None:
        raise AssertionError(f"no answer widget for {prompt_id}/{author}")
    return widget


async def edit(pilot: object, prompt_id: str, kind: type, author: Author = Author.JOINT):  # type: ignore[no-untyped-def]
    """Open ``author``'s answer to ``prompt_id`` for editing (as a click would) and return
    its editor, which must be a ``kind``. A card that has just been shown (a follow-up whose
    condition now holds) mounts its answers after it appears: they are waited for."""
    app = pilot.app  # type: ignore[attr-defined]
    await wait_until(
        pilot,
        lambda: find_answer_widget(app, prompt_id, author) is not None,
        f"an answer widget for {prompt_id}/{author}",
    )
    widget = answer_widget(app, prompt_id, author)
    if isinstance(widget, AnswerView):
        widget = widget.activate()
    await settle(pilot)
    assert isinstance(widget, kind), f"{prompt_id}/{author} is edited with {type(widget).__name__}"
    return widget


async def wait_for_text(pilot: object, text: str, timeout: float = 30.0) -> str:
    """Wait until ``text`` is on the app's screen and return the screen text.

    Switching tabs or redrafting a panel shows on the next refresh, which a loaded CI machine
    can delay well past a fixed pause; waiting on the state keeps such tests from flaking.
    """
    app = pilot.app  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    shown = screen_text(app)
    while text not in shown:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared on screen; it shows: {shown[:1500]!r}")
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        shown = screen_text(app)
    return shown


async def wait_until(
    pilot: object, condition: Callable[[], object], what: str, timeout: float = 30.0
) -> None:
    """Wait until ``condition()`` is true (a screen pushed, a value saved); fail after
    ``timeout`` seconds saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened")
        await pilot.pause(0.02)  # type: ignore[attr-defined]
