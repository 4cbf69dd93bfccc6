"""``mentor-workbook content list``, ``content check [DIR]`` and ``content show PACK``: see,
validate and look inside content packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog


def add_parser(subparsers: Any) -> None:
    """Register ``content list``, ``content check [DIR]`` and ``content show PACK``."""
    content = subparsers.add_parser("content", help="list, check or show content packs")
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
    show = commands.add_parser(
        "show",
        help="the tabs and questions of a pack (with extends applied), their ids and settings",
    )
    show.add_argument(
        "pack", metavar="PACK", help="a pack id (see 'content list') or a pack folder"
    )
    show.set_defaults(handler=run, dir=None)


def run(args: argparse.Namespace) -> int:
    """Run the ``content`` action named by ``args.content_command``; return the exit status."""
    from workbook.content.catalog import PackCatalog

    catalog = PackCatalog.default(getattr(args, "content", None))
    if args.content_command == "list":
        return run_list(catalog)
    if args.content_command == "check":
        return run_check(catalog, getattr(args, "dir", None))
    if args.content_command == "show":
        return run_show(catalog, args.pack)
    raise WorkbookError(f"unknown content action {args.content_command!r}")


def run_list(catalog: PackCatalog) -> int:
    """Print one aligned row per pack; packs that fail to load are marked BROKEN."""
    from workbook.content.catalog import summarise
    from workbook.content.errors import ContentError
    from workbook.text import plural

    header = ("ID", "TITLE", "VERSION", "TABS", "PROMPTS", "FOLDER")
    rows: list[tuple[str, ...]] = []
    for pack_id in catalog.pack_ids():
        folder = catalog.source_dir(pack_id)
        try:
            summary = summarise(catalog.load(pack_id), folder)
        except ContentError as error:
            note = f"BROKEN: {plural(len(error.problems), 'problem')} (see 'content check')"
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
    from workbook.text import plural

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
        sys.stderr.write(f"{plural(len(problems), 'problem')} in {plural(broken, 'pack')}\n")
        return 1
    total = len(report)
    verb = "is" if total == 1 else "are"
    sys.stderr.write(f"all {plural(total, 'pack')} {verb} valid\n")
    return 0


def run_show(catalog: PackCatalog, pack: str) -> int:
    """Print the outline of pack ``pack`` (an id, or a folder holding a ``pack.md``); a pack
    with problems prints them instead, as ``content check`` does, and gives 1."""
    from workbook.content.catalog import MANIFEST, resolve_pack_dir
    from workbook.content.outline import outline
    from workbook.text import plural

    folder = Path(pack).expanduser()
    if (folder / MANIFEST).is_file():
        result = resolve_pack_dir(folder, catalog)
    elif "/" in pack or folder.is_dir():
        raise WorkbookError(f"{pack} is not a pack folder: it has no {MANIFEST}")
    else:
        result = catalog.resolution(pack)
    if result.pack is None:
        for problem in result.problems:
            sys.stdout.write(f"{problem}\n")
        count = plural(len(result.problems), "problem")
        sys.stderr.write(f"{count}: fix them to see the pack (see 'content check')\n")
        return 1
    sys.stdout.write("\n".join(outline(result.pack, result.lineage)) + "\n")
    return 0
