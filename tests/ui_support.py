"""Helpers for the UI tests: a home folder, relationships, and the rendered screen as text."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App

from screens.tab_view import TabView
from workbook.models import Role
from workbook.service import WorkbookService

KINDS_PACK_DIR = Path(__file__).parent / "data" / "kinds"
"""A folder holding the ``kinds`` test pack (one prompt of every answerable kind)."""


def make_relationship(
    home: Path,
    pack_id: str = "standard",
    role: Role = Role.MENTOR,
    mentor: str = "Priya Shah",
    mentee: str = "Sam Okafor",
) -> Path:
    """Create a relationship in ``home`` (fixed start date, for stable snapshots)."""
    service = WorkbookService.create(
        mentor=mentor,
        mentee=mentee,
        pack_id=pack_id,
        pack_version="1.0",
        role=role,
        started_on=date(2026, 1, 5),
        folder=home / "relationships",
    )
    path = service.path
    service.close()
    return path


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
    """Wait until every shown tab has mounted all its prompts (they arrive a few per frame)."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(100):
        await pilot.pause()  # type: ignore[attr-defined]
        if not any(view.building for view in app.screen.query(TabView)):
            return
    raise AssertionError("the tab never finished building")


async def all_tabs_built(pilot: object) -> None:
    """Wait until the workbook has built every tab (it builds the hidden ones in the background)."""
    app = pilot.app  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        if getattr(app.screen, "all_built", True):
            return
    raise AssertionError("the workbook never finished building its tabs")


async def wait_for_text(pilot: object, text: str, timeout: float = 15.0) -> str:
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
    pilot: object, condition: Callable[[], object], what: str, timeout: float = 15.0
) -> None:
    """Wait until ``condition()`` is true (a screen pushed, a value saved); fail after
    ``timeout`` seconds saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened")
        await pilot.pause(0.02)  # type: ignore[attr-defined]


async def background_done(pilot: object, timeout: float = 30.0) -> None:
    """Wait until the workbook has finished its background work (tabs built and laid out)."""
    app = pilot.app  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while not getattr(app.screen, "background_done", False):
        if time.monotonic() > deadline:
            raise AssertionError("the background build never finished")
        await pilot.pause(0.02)  # type: ignore[attr-defined]
