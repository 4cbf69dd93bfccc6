"""The report's formats: ``table``, ``markdown``, ``csv``, ``json`` and ``html``.

Each format is a function in a module of its own (``render_<format>``), imported only when
used; it takes a :class:`~workbook.report.document.Report` and yields the output as pieces of
text to write in order, made as they are written: a large report is never one string, nor a
list of every line. ``width`` is the terminal's, for the table; the other formats ignore it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.report.document import Report

FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json", "html")
"""The formats, the default first. Cheap to import: the command line lists them."""


Renderer = Callable[..., Iterator[str]]

RENDERERS: dict[str, str] = {
    name: f"workbook.report.render_{name}:render_{name}" for name in FORMATS
}
"""Format name -> ``module:function``."""


def render(report: Report, name: str, *, width: int | None = None) -> Iterator[str]:
    """``report`` in format ``name``, piece by piece (``width``: the terminal's, or None for
    no limit; only the table uses it)."""
    module_name, function_name = RENDERERS[name].split(":")
    renderer: Renderer = getattr(importlib.import_module(module_name), function_name)
    return renderer(report, width=width)
