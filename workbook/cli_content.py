"""``mentor-workbook content list`` and ``content check [DIR]``: see and validate content packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog


def add_parser(subparsers: Any) -> None:
    """Register ``content list`` and ``content check [DIR]`` on ``subparsers``."""
    content = subparsers.add_parser("content", help="list or check content packs")
    commands = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="list the content packs available")
    listing.set_defaults(handler=run, dir=None)
    check = commands.add_parser(
        "check", help="check content packs and print every problem as file:line: message"
    )
    check.add_argument(
        "dir",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="a pack folder or a folder of packs (default: every pack available)",
    )
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the ``content`` action named by ``args.content_command``; return the exit status."""
    from workbook.content.catalog import PackCatalog

    catalog = PackCatalog.default(getattr(args, "content", None))
    if args.content_command == "list":
        return run_list(catalog)
    if args.content_command == "check":
        return run_check(catalog, getattr(args, "dir", None))
    raise WorkbookError(f"unknown content action {args.content_command!r}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def run_list(catalog: PackCatalog) -> int:
    """Print one aligned row per pack; packs that fail to load are marked BROKEN."""
    from workbook.content.catalog import summarise
    from workbook.content.errors import ContentError

    header = ("ID", "TITLE", "VERSION", "TABS", "PROMPTS", "FOLDER")
    rows: list[tuple[str, ...]] = []
    for pack_id in catalog.pack_ids():
        folder = catalog.source_dir(pack_id)
        try:
            summary = summarise(catalog.load(pack_id), folder)
        except ContentError as error:
            note = f"BROKEN: {_plural(len(error.problems), 'problem')} (see 'content check')"
            rows.append((pack_id, note, "-", "-", "-", str(folder)))
            continue
        title = summary.title
        if summary.extends:
            title += f" (extends {summary.extends})"
        rows.append(
            (
                summary.id,
                title,
                summary.version,
                str(summary.tabs),
                str(summary.prompts),
                str(folder),
            )
        )
    if not rows:
        sys.stdout.write("no content packs found\n")
        return 0
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    right = {3, 4}
    for row in (header, *rows):
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        sys.stdout.write("  ".join(cells).rstrip() + "\n")
    return 0


def run_check(catalog: PackCatalog, folder: Path | None) -> int:
    """Print every problem (one per line) and a summary on stderr; 1 when any problem."""
    if folder is not None and not Path(folder).exists():
        raise WorkbookError(f"{folder} does not exist")
    if folder is not None and not Path(folder).is_dir():
        raise WorkbookError(f"{folder} is not a folder")
    report = catalog.check_packs(folder)
    problems = [problem for found in report.values() for problem in found]
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    broken = sum(1 for found in report.values() if found)
    if problems:
        sys.stderr.write(f"{_plural(len(problems), 'problem')} in {_plural(broken, 'pack')}\n")
        return 1
    total = len(report)
    verb = "is" if total == 1 else "are"
    sys.stderr.write(f"all {_plural(total, 'pack')} {verb} valid\n")
    return 0
