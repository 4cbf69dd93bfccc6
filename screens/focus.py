"""Where focus goes in a workbook step: its fields in reading order, and one per prompt card.

Computed from the widget tree (reading order is the tree's order: cards top to bottom, the
mentor's answer before the mentee's), so it is right even for a step that has just been
mounted and not laid out yet, unlike the screen's focus chain, which sorts by position.
"""

from __future__ import annotations

from textual.widget import Widget

CARD_CLASSES = ("prompt-card", "structured")
"""The classes of the widgets that hold one prompt (an answer card or a structured panel)."""


def shown_within(widget: Widget, container: Widget) -> bool:
    """True when ``widget`` and its ancestors up to ``container`` are all displayed."""
    node: Widget | None = widget
    while node is not None and node is not container:
        if not node.display:
            return False
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return node is container


def fields_in(container: Widget) -> list[Widget]:
    """The focusable widgets shown inside ``container``, in reading order."""
    return [
        widget
        for widget in container.query("*")
        if widget.focusable and shown_within(widget, container)
    ]


def card_of(widget: Widget) -> Widget | None:
    """The prompt card or structured panel ``widget`` belongs to, if any."""
    for node in widget.ancestors_with_self:
        if isinstance(node, Widget) and any(name in node.classes for name in CARD_CLASSES):
            return node
    return None


def card_heads(container: Widget) -> list[Widget]:
    """The first field of each card in ``container`` (a field outside any card counts alone)."""
    heads: list[Widget] = []
    seen: set[int] = set()
    for widget in fields_in(container):
        card = card_of(widget)
        key = id(card) if card is not None else id(widget)
        if key not in seen:
            seen.add(key)
            heads.append(widget)
    return heads


def position_of(focused: Widget | None, heads: list[Widget]) -> int:
    """The index of the card holding ``focused`` among ``heads`` (-1 when none does)."""
    if focused is None:
        return -1
    card = card_of(focused)
    for index, head in enumerate(heads):
        if head is focused or (card is not None and card_of(head) is card):
            return index
    return -1
