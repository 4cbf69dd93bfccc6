"""The report as JSON: who made it and when, the summary's figures, the columns (name and
meaning), one object per pair (keys in column order, values as numbers, booleans, ISO 8601
text or null) and the files that could not be read. UTF-8, indented; written a pair at a
time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from workbook.report.cells import json_value
from workbook.report.columns import COLUMNS
from workbook.report.document import Report


def _dumps(value: Any, indent: int) -> str:
    """``value`` as indented JSON, its lines after the first indented by ``indent`` more."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * indent)


def render_json(report: Report, *, width: int | None = None) -> Iterator[str]:
    """The whole report as one JSON document, a pair at a time."""
    data = report.data
    head: dict[str, Any] = {
        "report": "programme",
        "generated_by": report.generated_by,
        "generated_on": data.today.isoformat(),
        "folder": report.folder,
        "summary": report.summary.as_json(),
        "columns": [{"name": column.name, "meaning": column.meaning} for column in COLUMNS],
    }
    yield _dumps(head, 0).removesuffix("\n}") + ',\n  "pairs": ['
    for number, row in enumerate(data.rows):
        pair = {column.name: json_value(value) for column, value in zip(COLUMNS, row, strict=True)}
        yield ("," if number else "") + "\n    " + _dumps(pair, 4)
    problems = [{"file": p.file, "reason": p.reason} for p in data.problems]
    yield ("\n  " if data.rows else "") + '],\n  "problems": ' + _dumps(problems, 2) + "\n}\n"
