"""The report as JSON: who made it and when, the summary's figures, the columns (name and
meaning), one object per pair (keys in column order, values as numbers, booleans, ISO 8601
text or null) and the files that could not be read. UTF-8, indented."""

from __future__ import annotations

import json
from typing import Any

from workbook.report.cells import json_value
from workbook.report.columns import COLUMNS
from workbook.report.document import Report


def render_json(report: Report, *, width: int | None = None) -> list[str]:
    """The whole report as one JSON document, in pieces."""
    data = report.data
    document: dict[str, Any] = {
        "report": "programme",
        "generated_by": report.generated_by,
        "generated_on": data.today.isoformat(),
        "folder": report.folder,
        "summary": report.summary.as_json(),
        "columns": [{"name": column.name, "meaning": column.meaning} for column in COLUMNS],
        "pairs": [
            {column.name: json_value(value) for column, value in zip(COLUMNS, row, strict=True)}
            for row in data.rows
        ],
        "problems": [{"file": p.file, "reason": p.reason} for p in data.problems],
    }
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    return [*encoder.iterencode(document), "\n"]
