"""The content pack a relationship was started with, for the core functions that need it.

Exports, ``status`` and acknowledging draw the agreement from the pack's prompts; they find the
pack here, by the relationship's ``pack_id``, in the default catalog (bundled packs and
``<home>/packs``). A pack that is missing or broken gives None: callers then fall back to what
the file alone can tell (an export lists answers by prompt id, ``status`` reads the stored
agreement versions).
"""

from __future__ import annotations

from workbook import privacy
from workbook.content.model import Pack
from workbook.service import WorkbookService


def pack_of(service: WorkbookService) -> Pack | None:
    """The pack of ``service``'s relationship, or None when it cannot be loaded."""
    return privacy.pack_or_none(service.relationship.pack_id)[0]
