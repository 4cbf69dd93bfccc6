"""The JSON export: the relationship and all its items, private ones only on request."""

from __future__ import annotations

import json
from typing import Any

from workbook import __version__
from workbook.models import StoredModel
from workbook.privacy import STORED_FLAGS_ONLY
from workbook.service import WorkbookService
from workbook.store import ITEM_TABLES


def export_data(service: WorkbookService, *, include_private: bool = False) -> dict[str, Any]:
    """A plain dict of the relationship, suitable for ``json.dumps``."""
    data: dict[str, Any] = {
        "exported_by": f"mentor-workbook {__version__}",
        "includes_private": include_private,
        "relationship": service.relationship.model_dump(mode="json"),
    }
    for table, model in ITEM_TABLES.items():
        items: list[StoredModel] = service.items(model)
        data[table] = [
            item.model_dump(mode="json")
            for item in items
            if include_private or not STORED_FLAGS_ONLY.is_private(item)
        ]
    return data


def export_json(service: WorkbookService, *, include_private: bool = False) -> str:
    """The JSON export as text (UTF-8, indented, keys sorted)."""
    data = export_data(service, include_private=include_private)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
