"""Let removed widgets be freed: drop what Textual still holds for them.

Textual keeps two kinds of callbacks for a widget on longer-lived objects: watchers registered
with ``widget.watch(app, "theme", ...)`` (every TextArea does this) and signal subscriptions
(every Input and TextArea subscribes to its screen's ``text_selection_started_signal``), and
data bindings (each footer key binds to its footer's ``compact``, and the footer builds new keys
whenever focus moves). All
are only pruned the next time that value changes or that signal fires (Textual issue #6666), so
until then each removed editor, with its whole subtree and render caches, stays in memory:
about 2 MiB every time the workbook rebuilds its tabs for a role switch, for ever. This module
drops the entries of widgets that have left the DOM, the way Textual itself does when it
prunes, so that the next collection frees them.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message_pump import MessagePump
from textual.signal import Signal


def _gone(node: Any) -> bool:
    """True for a node that has been removed (or is being removed) from the DOM."""
    if not isinstance(node, MessagePump):
        return False
    closing = getattr(node, "_closing", False) or getattr(node, "_closed", False)
    return bool(closing or not node.is_attached)


def release_watchers(owner: object) -> int:
    """Drop ``owner``'s watchers that belong to removed widgets; return how many."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(owner, "__watchers", {})
    dropped = 0
    for entries in watchers.values():
        kept = [(node, callback) for node, callback in entries if not _gone(node)]
        dropped += len(entries) - len(kept)
        entries[:] = kept
    return dropped


def _prune_signals(owner: object) -> int:
    dropped = 0
    for value in list(vars(owner).values()):
        if isinstance(value, Signal):
            subscribers = getattr(value, "_subscriptions", {})  # (internal: may change)
            for node in [node for node in list(subscribers) if _gone(node)]:
                value.unsubscribe(node)
                dropped += 1
    return dropped


def release_removed_widgets(app: App[Any]) -> int:
    """Drop the watchers and signal subscriptions of removed widgets held by the app, its
    screens and any of their widgets; return how many were dropped."""
    dropped = 0
    for owner in [app, *app.screen_stack]:
        dropped += release_watchers(owner) + _prune_signals(owner)
    for screen in app.screen_stack:
        for widget in screen.walk_children():
            if hasattr(widget, "__watchers"):
                dropped += release_watchers(widget)
    return dropped
