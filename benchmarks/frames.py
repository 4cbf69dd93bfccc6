"""When did a view stop changing? Frames recorded as the app displayed them, replayed offline.

The probe (``common.FrameProbe``) can keep every compositor update it displays with its time
stamps (``recorded``). After the app has settled, :func:`first_final_frame` replays those
updates onto a virtual terminal and finds the earliest frame from which the text inside a region
(a tab's view) never changed again: the moment the user saw the finished view. No heuristics
about which widgets are mounted: a view that is still filling in, re-wrapping or growing counts
as not finished until its last visible change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.segment import ControlType


@dataclass(frozen=True)
class Frame:
    """One displayed compositor update and when it was displayed."""

    perf: float
    """``time.perf_counter()``"""
    wall: float
    """``time.time()``"""
    cpu: float
    """``time.process_time()``"""
    update: Any
    """The compositor update (``LayoutUpdate`` or ``ChopsUpdate``)."""


class VirtualScreen:
    """A grid of characters that compositor updates are written onto, as a terminal would."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.rows = [[" "] * width for _ in range(height)]

    def apply(self, update: Any, console: Any) -> None:
        """Write ``update``'s text at the positions its cursor moves say."""
        x = y = 0
        for segment in update.__rich_console__(console, console.options):
            if segment.control:
                for control in segment.control:
                    if control[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = control[1], control[2]
                continue
            if segment.text == "\n" or not 0 <= y < self.height:
                continue
            row = self.rows[y]
            for char in segment.text:
                width = cell_len(char)
                if 0 <= x < self.width:
                    row[x] = char
                    if width == 2 and x + 1 < self.width:
                        row[x + 1] = ""
                x += width

    def text(self, region: Any) -> tuple[str, ...]:
        """The rows of ``region`` (x, y, width, height in cells) as strings."""
        return tuple(
            "".join(self.rows[row][region.x : region.right])
            for row in range(max(region.y, 0), min(region.bottom, self.height))
        )


def first_final_frame(
    frames: list[Frame],
    size: tuple[int, int],
    region: Any,
    console: Any,
    before: list[Frame] | None = None,
) -> Frame | None:
    """The earliest of ``frames`` after which the text in ``region`` never changed again.

    ``before`` are frames displayed earlier (replayed first, to know the screen's state);
    ``None`` when ``frames`` is empty.
    """
    screen = VirtualScreen(*size)
    for frame in before or []:
        screen.apply(frame.update, console)
    views = []
    for frame in frames:
        screen.apply(frame.update, console)
        views.append(screen.text(region))
    if not views:
        return None
    final = views[-1]
    index = len(views) - 1
    while index > 0 and views[index - 1] == final:
        index -= 1
    return frames[index]


def view_region(view: Any) -> Any:
    """Where ``view``'s content is drawn, scrollbars excluded."""
    return getattr(view, "scrollable_content_region", None) or view.content_region
