"""Handlers of the relationship subcommands: new, list, open, export (and the home screen)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbook.errors import UsageError
from workbook.exports import EXPORTERS, export_text
from workbook.models import Role
from workbook.refs import relationship_files, resolve_ref
from workbook.service import WorkbookService

DEFAULT_PACK = "standard"


def add_parsers(subparsers: Any) -> None:
    """Register the relationship subcommands on ``subparsers``."""
    new = subparsers.add_parser("new", help="start a new relationship; prints its file's path")
    new.add_argument("--mentor", required=True, metavar="NAME", help="the mentor's name")
    new.add_argument("--mentee", required=True, metavar="NAME", help="the mentee's name")
    new.add_argument(
        "--program",
        "--pack",
        dest="program",
        default=DEFAULT_PACK,
        metavar="PACK",
        help=f"content pack id (default: {DEFAULT_PACK}; see 'content list')",
    )
    new.add_argument(
        "--role",
        choices=[r.value for r in Role],
        default=Role.MENTOR.value,
        help="whose copy this file is (default: mentor)",
    )
    new.set_defaults(handler=run_new)

    listing = subparsers.add_parser("list", help="list relationships")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=run_list)

    opener = subparsers.add_parser("open", help="open a relationship's workbook")
    opener.add_argument("ref", metavar="REF", help="a slug (see 'list') or a path to a file")
    opener.add_argument("--role", choices=[r.value for r in Role], help="answer as this role")
    opener.set_defaults(handler=run_open)

    export = subparsers.add_parser("export", help="export a relationship")
    export.add_argument("ref", metavar="REF", help="a slug or a path to a relationship file")
    export.add_argument(
        "--format",
        choices=sorted(EXPORTERS),
        default="markdown" if "markdown" in EXPORTERS else "json",
    )
    export.add_argument(
        "--include-private", action="store_true", help="include private answers and notes"
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    export.set_defaults(handler=run_export)


def load_pack_version(pack_id: str, content: Path | None) -> str:
    """The version of pack ``pack_id`` (raises a clear error when it does not exist)."""
    from workbook.content.catalog import PackCatalog

    return PackCatalog.default(extra=content).load(pack_id).version


def run_new(args: argparse.Namespace) -> int:
    """``new``: create a relationship file and print its path as the last line."""
    if not args.mentor.strip() or not args.mentee.strip():
        raise UsageError("both --mentor and --mentee need a name")
    version = load_pack_version(args.program, args.content)
    with WorkbookService.create(
        mentor=args.mentor,
        mentee=args.mentee,
        pack_id=args.program,
        pack_version=version,
        role=Role(args.role),
    ) as service:
        rel = service.relationship
        print(f"Started {rel.pair} with pack {rel.pack_id} {version} as {rel.owner_role.value}.")
        print(service.path)
    return 0


def _summaries(content: Path | None) -> list[Any]:
    from workbook.content.catalog import PackCatalog
    from workbook.summary import lenient_lookup, summarize

    find_pack = lenient_lookup(PackCatalog.default(extra=content))
    return [summarize(path, find_pack) for path in relationship_files()]


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """An aligned plain-text table."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def run_list(args: argparse.Namespace) -> int:
    """``list``: a table of relationships (or JSON with ``--json``)."""
    rows = _summaries(args.content)
    if args.json:
        payload = [row.model_dump(mode="json") | {"progress": row.progress} for row in rows]
        print(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    if not rows:
        print(
            "No relationships yet. Start one with: mentor-workbook new --mentor NAME --mentee NAME"
        )
        return 0
    headers = [
        "SLUG",
        "MENTOR",
        "MENTEE",
        "PACK",
        "STARTED",
        "LAST SESSION",
        "PROGRESS",
        "STATUS",
        "AGREEMENT",
    ]
    table = [
        [
            row.slug,
            row.mentor,
            row.mentee,
            row.pack_id,
            str(row.started_on or ""),
            str(row.last_session or "-"),
            row.progress,
            row.status,
            row.agreement.value,
        ]
        if not row.problem
        else [row.slug, "(damaged)", "", "", "", "", "", "", row.problem]
        for row in rows
    ]
    print(format_table(headers, table))
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``export``: write the relationship in the chosen format to a file or standard output."""
    path = resolve_ref(args.ref)
    service = WorkbookService.open(path, read_only=True)
    text = export_text(service, args.format, include_private=args.include_private)
    if args.output is None:
        sys.stdout.write(text)
    else:
        if args.output.is_dir():
            raise UsageError(f"{args.output} is a folder; give a file name with -o")
        args.output.write_text(text, encoding="utf-8")
        print(
            f"Wrote {args.format} export of {service.relationship.pair} to {args.output}",
            file=sys.stderr,
        )
    return 0


def run_open(args: argparse.Namespace) -> int:
    """``open``: open a relationship's workbook in the terminal UI."""
    path = resolve_ref(args.ref)
    from screens.app import run_app

    return run_app(
        open_path=path, role=Role(args.role) if args.role else None, content=args.content
    )


def run_home(args: argparse.Namespace) -> int:
    """No subcommand: the home screen of the terminal UI."""
    from screens.app import run_app

    return run_app(content=args.content)
