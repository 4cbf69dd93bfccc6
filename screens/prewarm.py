"""Lay out a hidden tab in the background, so showing it later only paints.

A tab built hidden (``display: none``) has never been laid out. The first time it is shown,
Textual measures every card (wrapping each text to find its height) and arranges the whole
tab before it can paint: most of the cost of a first switch. Laying the hidden tab out once,
off screen, at the size the shown tab has fills the same caches the real layout then hits
(each container's arrangement by size, each widget's content height by width). Nothing is
painted and no widget state changes: only caches fill, so a wrong guess costs time, not
correctness.
"""

from __future__ import annotations

from textual._compositor import Compositor
from textual.geometry import Size
from textual.widget import Widget


def prewarm_layout(view: Widget, size: Size) -> bool:
    """Arrange ``view`` and everything in it as if it filled ``size``; True if it ran.

    ``size`` is the outer size the view will have when shown (that of a shown sibling view).
    Uses Textual's own compositor on a throwaway instance, so the arithmetic is exactly the
    one the screen does. It is an internal class: if a Textual release changes it, this only
    stops helping (False), and the tab is laid out when shown, as without it.
    """
    if not size or not view.is_mounted:
        return False
    try:
        Compositor().reflow(view, size)
    except Exception:  # noqa: BLE001 - Textual's internals changed: the tab is laid out on show
        return False
    return True
