"""The JSON export: the relationship and all its items, private ones only on request."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from workbook import __version__
from workbook.models import StoredModel
from workbook.privacy import output_rule
from workbook.service import WorkbookService
from workbook.store import ITEM_TABLES
from workbook.text import escape_json_controls

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack


def export_data(
    service: WorkbookService,
    *,
    include_private: bool = False,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> dict[str, Any]:
    """A plain dict of the relationship, suitable for ``json.dumps``; what is private is
    decided by :func:`workbook.privacy.output_rule` (refused without the pack, unless
    ``include_private``)."""
    rule, _ = output_rule(
        service.relationship.pack_id,
        pack=pack,
        catalog=catalog,
        include_private=include_private,
        what="a JSON export",
    )
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
            if include_private or not rule.is_private(item)
        ]
    return data


def export_json(
    service: WorkbookService,
    *,
    include_private: bool = False,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> str:
    """The JSON export as text (UTF-8, indented, keys sorted; control characters escaped)."""
    data = export_data(service, include_private=include_private, pack=pack, catalog=catalog)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return escape_json_controls(text) + "\n"
