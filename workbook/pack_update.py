"""When a relationship's pack has a new version: say so once, and remember the new version.

A relationship stores the version of its pack it was last used with (``pack_version``). When a
coordinator raises a pack's ``version``, every relationship on that pack picks up the new
questions the next time it is opened; nothing is migrated, because answers are stored by
question id: answers to questions the pack still has stay where they are, and answers to
questions it no longer asks are kept and shown apart (never dropped). :func:`note_pack_update`
is what opening a workbook calls: it returns the one line to show ("pack updated 1.0 → 1.1")
and stores the new version, so the line appears once.

An older version than the stored one (a copy opened on a computer with an older pack) is
reported too, but not stored: the relationship keeps the newest version it has seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.content.model import Pack
from workbook.service import WorkbookService
from workbook.text import one_line, plural

_NUMBERS = re.compile(r"\d+(?:\.\d+)*")


def version_order(old: str, new: str) -> int:
    """-1, 0 or 1 as ``new`` is older than, the same as, or newer than ``old``.

    Versions made of numbers and dots compare number by number (``1.10`` is newer than
    ``1.9``); any other change of text counts as newer.
    """
    if old == new:
        return 0
    if _NUMBERS.fullmatch(old) and _NUMBERS.fullmatch(new):
        left = [int(part) for part in old.split(".")]
        right = [int(part) for part in new.split(".")]
        width = max(len(left), len(right))
        left += [0] * (width - len(left))
        right += [0] * (width - len(right))
        return (right > left) - (right < left)
    return 1


@dataclass(frozen=True)
class PackUpdate:
    """A change of pack version seen when opening a relationship."""

    pack_id: str
    old: str
    new: str
    newer: bool
    """True for an update (stored); False when this computer's pack is older (not stored)."""
    answers_kept: int = 0
    """Answers to questions this version of the pack does not have (kept, shown apart)."""

    @property
    def message(self) -> str:
        """The line the workbook shows, e.g. ``pack updated 1.0 → 1.1``."""
        old, new = one_line(self.old), one_line(self.new)
        if not self.newer:
            return (
                f"pack {self.pack_id} {new} here is older than the {old} this workbook was "
                "last used with: questions added since may be missing"
            )
        line = f"pack updated {old} → {new}"
        if self.answers_kept:
            line += (
                f": {plural(self.answers_kept, 'answer')} to questions it no longer asks "
                "kept under 'Other answers'"
            )
        return line


def note_pack_update(service: WorkbookService, pack: Pack) -> PackUpdate | None:
    """Compare the relationship's stored pack version with ``pack``'s; on an update store the
    new version (when the file is writable) and return what to tell the user.

    None when nothing changed, when the pack is a different one, or when the relationship has
    no version stored yet (one is then stored silently).
    """
    relationship = service.relationship
    if relationship.pack_id != pack.id:
        return None
    old, new = relationship.pack_version, pack.version
    if old == new:
        return None
    if not old:
        if service.writable:
            service.update_relationship(pack_version=new)
        return None
    newer = version_order(old, new) > 0
    if newer and service.writable:
        service.update_relationship(pack_version=new)
    asked = {prompt.id for prompt in pack.all_prompts()}
    kept = sum(1 for answer in service.answers() if answer.prompt_id not in asked and answer.filled)
    return PackUpdate(pack.id, old, new, newer, kept if newer else 0)
