"""Exports of a relationship: JSON, Markdown and iCalendar.

``EXPORTERS`` maps a format name to ``module:function``; each function takes a
:class:`~workbook.service.WorkbookService` and ``include_private`` and returns text.
Modules are imported only when their format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.service import WorkbookService

Exporter = Callable[..., str]

EXPORTERS: dict[str, str] = {
    "json": "workbook.exports.json_export:export_json",
    "markdown": "workbook.exports.markdown_export:export_markdown",
    "ics": "workbook.exports.ics_export:export_ics",
}


def get_exporter(name: str) -> Exporter:
    """The export function for format ``name`` (KeyError when there is none)."""
    module_name, function_name = EXPORTERS[name].split(":")
    exporter: Exporter = getattr(importlib.import_module(module_name), function_name)
    return exporter


def export_text(service: WorkbookService, name: str, *, include_private: bool = False) -> str:
    """``service``'s relationship exported in format ``name``."""
    return get_exporter(name)(service, include_private=include_private)
