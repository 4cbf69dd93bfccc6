"""Exports of a relationship: JSON, Markdown and iCalendar.

``EXPORTERS`` maps a format name to ``module:function``; each function takes a
:class:`~workbook.service.WorkbookService` and ``include_private`` and returns text; those that
can hold private text also take the relationship's ``pack`` (or a ``catalog`` to load it from)
and decide what is private with :func:`workbook.privacy.output_rule`: without the pack they
refuse, unless ``include_private`` is given. Modules are imported only when their format is
used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack
    from workbook.service import WorkbookService

Exporter = Callable[..., str]

EXPORTERS: dict[str, str] = {
    "json": "workbook.exports.json_export:export_json",
    "markdown": "workbook.exports.markdown_export:export_markdown",
    "ics": "workbook.exports.ics_export:export_ics",
}

HOLDS_NOTHING_PRIVATE = frozenset({"ics"})
"""Formats that never hold private text (the calendar: dates and the agreed cadence), so they
need no privacy rule and no pack."""


def get_exporter(name: str) -> Exporter:
    """The export function for format ``name`` (KeyError when there is none)."""
    module_name, function_name = EXPORTERS[name].split(":")
    exporter: Exporter = getattr(importlib.import_module(module_name), function_name)
    return exporter


def export_text(
    service: WorkbookService,
    name: str,
    *,
    include_private: bool = False,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> str:
    """``service``'s relationship exported in format ``name`` (``pack``: the relationship's
    pack when the caller has it, else it is loaded from ``catalog``)."""
    exporter = get_exporter(name)
    if name in HOLDS_NOTHING_PRIVATE:
        return exporter(service, include_private=include_private)
    return exporter(service, include_private=include_private, pack=pack, catalog=catalog)
