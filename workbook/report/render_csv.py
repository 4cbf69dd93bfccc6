"""The report as CSV: one header line of column names (:data:`~workbook.report.columns.COLUMNS`,
stable and documented in the README), then one line per pair. UTF-8, comma-separated, quoted
where needed (RFC 4180). The summary and the files that could not be read are not in it (the
command line lists those on standard error).

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a tab or a
carriage return) as a formula: such a cell is written with a leading ``'``, which shows the
text as it is. Text is one line already, without control characters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from workbook.report.cells import machine_text
from workbook.report.columns import COLUMNS
from workbook.report.document import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet would take as the start of a formula."""
ROWS_PER_PIECE = 200


def neutralise(text: str) -> str:
    """``text`` safe as a spreadsheet cell: a leading formula character is quoted with ``'``."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def render_csv(report: Report, *, width: int | None = None) -> Iterator[str]:
    """The header and one line per pair, a few hundred lines at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in COLUMNS])
    for number, row in enumerate(report.data.rows, 1):
        writer.writerow([neutralise(machine_text(value)) for value in row])
        if number % ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
