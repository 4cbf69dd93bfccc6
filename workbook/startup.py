"""Start-up speed: the cyclic garbage collector waits until the first frame is on screen.

Loading the terminal UI (Textual, pydantic, the screens) and building its first screen creates
a few hundred thousand long-lived objects and next to no garbage cycles. With the collector on,
each of its automatic passes walks every one of them again: about 100 ms of a start on the
reference machine (see the README's Performance section). The command line pauses the collector
before it imports anything heavy; the UI resumes it once its first screen is complete, after
*freezing* what start-up built so that later passes (while typing) never walk those objects.

A frozen object is never examined by the collector, so a frozen widget tree thrown away later
(every tab rebuilt after a role switch, a workbook closed) would never be freed: its widgets
hold reference cycles. :func:`thaw_collector` undoes the freeze before that happens, and
:func:`settle_collector` collects and freezes again once the new tree is built.
"""

from __future__ import annotations

import gc

_state = {"paused": False, "thawed": False}


def pause_collector() -> None:
    """Switch automatic garbage collection off until :func:`resume_collector` (if it was on)."""
    if gc.isenabled():
        gc.disable()
        _state["paused"] = True


def resume_collector(freeze: bool = True) -> None:
    """Switch collection back on if :func:`pause_collector` switched it off, first freezing
    the objects alive now (``freeze``: for a long-running UI). Safe to call more than once and
    when nothing was paused."""
    if _state["paused"]:
        _state["paused"] = False
        if freeze:
            gc.collect()
            gc.freeze()
        gc.enable()


def collector_paused() -> bool:
    """True while start-up holds the collector off."""
    return _state["paused"]


def thaw_collector() -> None:
    """Unfreeze everything before throwing away a tree start-up built (see the module notes)."""
    if gc.get_freeze_count():
        gc.unfreeze()
        _state["thawed"] = True


def settle_collector() -> None:
    """After a thaw, once the new tree is built: collect what was let go, freeze the rest."""
    if _state["thawed"] and not _state["paused"]:
        _state["thawed"] = False
        gc.collect()
        gc.freeze()
