"""What the other side (or an audience) may see: private answers and notes filtered out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from workbook.models import Answer, Note, Role, StoredModel

ItemT = TypeVar("ItemT", bound=StoredModel)


def is_private(item: StoredModel) -> bool:
    """True for private notes and private answers."""
    if isinstance(item, Note):
        return True
    return isinstance(item, Answer) and item.is_private


def visible_to(item: StoredModel, role: Role | None) -> bool:
    """True when ``role`` may see ``item`` (None means an audience: no private items at all)."""
    if not is_private(item):
        return True
    if role is None:
        return False
    author = getattr(item, "author", None)
    return author is not None and author.value == role.value


def public_only(items: Iterable[ItemT]) -> list[ItemT]:
    """``items`` without anything private."""
    return [item for item in items if not is_private(item)]
