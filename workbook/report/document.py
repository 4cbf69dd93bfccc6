"""What every format of the report writes: the rows and problems read, and their summary."""

from __future__ import annotations

from dataclasses import dataclass

from workbook import __version__
from workbook.report.programme import ProgrammeSummary, summarise
from workbook.report.reading import ReportData
from workbook.text import one_line, plural


@dataclass(frozen=True)
class Report:
    """What every format writes: the rows and problems read, and their summary."""

    data: ReportData
    summary: ProgrammeSummary

    @classmethod
    def of(cls, data: ReportData) -> Report:
        """The report of ``data`` (its summary computed)."""
        return cls(data, summarise(data))

    @property
    def generated_by(self) -> str:
        """``mentor-workbook 0.4.0``."""
        return f"mentor-workbook {__version__}"

    @property
    def folder(self) -> str:
        """The folder read, as one printable line."""
        return one_line(str(self.data.folder))

    def headline(self) -> str:
        """``24 pairs from 26 files in DIR, 2026-11-24 (2 files could not be read)``."""
        data = self.data
        pairs = self.summary.pairs
        text = (
            f"{plural(pairs, 'pair')} from {plural(data.files_read, 'file')} in {self.folder}, "
            f"{data.today.isoformat()}"
        )
        if data.problems:
            count = len(data.problems)
            text += f" ({plural(count, 'file')} could not be read)"
        return text
