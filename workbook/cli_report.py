"""``mentor-workbook report [DIR] [--format ...] [-o FILE]``: every pair in a folder of
relationship files at a glance, for a programme coordinator (see :mod:`workbook.report`).

Nothing is written to the files read. Files that cannot be read are listed in the report with
their reason and counted in one warning line on standard error; the exit status is 0 unless
nothing at all could be read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from workbook import paths
from workbook.errors import NotFoundError, UsageError, WorkbookError
from workbook.report import DEFAULT_NO_MEETING_AFTER
from workbook.report.formats import FORMATS

PROG = "mentor-workbook"


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 or more)")
    return int(text)


def add_parser(subparsers: Any) -> None:
    """Register ``report`` on ``subparsers``."""
    report = subparsers.add_parser(
        "report", help="every pair in a folder of relationship files, for a coordinator"
    )
    report.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="the folder of relationship files, read with its sub-folders (default: your "
        "own relationships, <home>/relationships)",
    )
    report.add_argument("--format", choices=FORMATS, default=FORMATS[0])
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    report.add_argument(
        "--no-meeting-after",
        type=_days,
        default=DEFAULT_NO_MEETING_AFTER,
        metavar="DAYS",
        help="flag pairs matched more than DAYS days ago with no first session yet "
        f"(default: {DEFAULT_NO_MEETING_AFTER})",
    )
    report.set_defaults(handler=run_report)


def terminal_width() -> int | None:
    """The width to fit the table to: ``$COLUMNS``, else the terminal's when standard output
    is one, else None (a file or a pipe: no limit)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def run_report(args: argparse.Namespace) -> int:
    """``report``: read the folder, write the report, warn about the files not read."""
    from workbook.content.catalog import PackCatalog
    from workbook.outputs import OutputKind, write_output
    from workbook.report.document import Report
    from workbook.report.formats import render
    from workbook.report.reading import read_report
    from workbook.summary import lenient_lookup
    from workbook.text import one_line, plural

    folder: Path = (args.folder or paths.relationships_dir()).expanduser()
    if not folder.is_dir():
        if args.folder is None:
            raise NotFoundError(f"there are no relationships yet (no folder {folder})")
        if folder.exists():
            raise UsageError(f"{folder} is not a folder; give the folder that holds the files")
        raise NotFoundError(f"no folder {folder}")
    pack_for = lenient_lookup(PackCatalog.default(extra=args.content))
    data = read_report(folder, pack_for, no_meeting_after=args.no_meeting_after)
    failed = len(data.problems)
    if not data.rows:
        for problem in data.problems:
            sys.stderr.write(f"  {problem.file}: {problem.reason}\n")
        if not data.files_found:
            raise WorkbookError(f"no relationship files (*.json) in {one_line(str(folder))}")
        raise WorkbookError(
            f"none of the {data.files_found} relationship files in {one_line(str(folder))} "
            "could be read"
        )
    report = Report.of(data)
    if args.output is None:
        for piece in render(report, args.format, width=terminal_width()):
            sys.stdout.write(piece)
        sys.stdout.flush()
    else:
        pieces = render(report, args.format)
        protected = [Path(real) for real in data.real_paths]  # the pairs' files, wherever
        out = write_output(
            args.output, pieces, OutputKind.REPORT, force=args.force, protect=protected
        )
        sys.stderr.write(
            f"Wrote the {args.format} report of {report.summary.pairs} pairs to "
            f"{one_line(str(out))}\n"
        )
    if failed:
        sys.stderr.write(
            f"{PROG}: warning: {plural(failed, 'file')} could not be read "
            f"({'listed below' if args.format == 'csv' else 'listed in the report'})\n"
        )
        if args.format == "csv":
            for problem in data.problems:
                sys.stderr.write(f"  {problem.file}: {problem.reason}\n")
    return 0
