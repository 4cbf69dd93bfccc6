"""Handlers of the relationship subcommands: new, contact, list, open, export (and the home
screen).

Registering them imports nothing heavy (the store, pydantic's models, the content engine are
imported by the handler that needs them), so that ``--help`` and ``--version`` stay cheap.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.exports import EXPORTERS, export_text
from workbook.models import Role
from workbook.refs import is_received_copy, resolve_ref
from workbook.text import check_contact, check_name, escape_json_controls, one_line

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog

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
    add_contact_options(new)
    new.set_defaults(handler=run_new)

    contact = subparsers.add_parser(
        "contact", help="show or change each side's preferred contact (email or chat handle)"
    )
    contact.add_argument("ref", metavar="REF", help="a slug or a path to a relationship file")
    add_contact_options(contact, prefix="")
    contact.set_defaults(handler=run_contact)

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
    add_force_option(export)
    export.set_defaults(handler=run_export)


def add_contact_options(parser: Any, prefix: str = "-contact") -> None:
    """``--mentor-contact`` / ``--mentee-contact`` (for ``contact``: ``--mentor`` /
    ``--mentee``): each side's preferred contact."""
    for role in Role:
        parser.add_argument(
            f"--{role.value}{prefix}",
            dest=f"{role.value}_contact",
            metavar="CONTACT",
            help=f"the {role.value}'s email address or chat handle ('' clears it)",
        )


def add_force_option(parser: Any) -> None:
    """``--force``: let ``-o`` replace an existing file that is not one of ours."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing FILE that is not an earlier output of mentor-workbook "
        "(never a relationship file, its backup or lock)",
    )


def catalog_for(args: argparse.Namespace) -> PackCatalog:
    """The pack catalog of this command line (bundled, the user's, and ``--content``)."""
    from workbook.content.catalog import PackCatalog

    return PackCatalog.default(extra=args.content)


def load_pack_version(pack_id: str, content: Path | None) -> str:
    """The version of pack ``pack_id`` (raises a clear error when it does not exist)."""
    from workbook.content.catalog import PackCatalog

    return PackCatalog.default(extra=content).load(pack_id).version


def run_new(args: argparse.Namespace) -> int:
    """``new``: create a relationship file and print its path as the last line."""
    from workbook.service import WorkbookService

    check_name(args.mentor, "the mentor's name (--mentor)")
    check_name(args.mentee, "the mentee's name (--mentee)")
    mentor_contact = check_contact(
        args.mentor_contact or "", "the mentor's contact (--mentor-contact)"
    )
    mentee_contact = check_contact(
        args.mentee_contact or "", "the mentee's contact (--mentee-contact)"
    )
    version = load_pack_version(args.program, args.content)
    with WorkbookService.create(
        mentor=args.mentor,
        mentee=args.mentee,
        pack_id=args.program,
        pack_version=version,
        role=Role(args.role),
        mentor_contact=mentor_contact,
        mentee_contact=mentee_contact,
    ) as service:
        rel = service.relationship
        started = f"Started {rel.pair} with pack {rel.pack_id} {version} as {rel.owner_role.value}."
        print(one_line(started))
        print(service.path)
    return 0


def run_contact(args: argparse.Namespace) -> int:
    """``contact``: change the contacts given (none given: only show them); print both."""
    from workbook.contacts import contact_line, set_contacts
    from workbook.service import WorkbookService

    given = {
        role: check_contact(value, f"the {role.value}'s contact (--{role.value})")
        for role in Role
        if (value := getattr(args, f"{role.value}_contact")) is not None
    }
    path = resolve_ref(args.ref)
    if given:
        with WorkbookService.open(path) as service:
            rel = set_contacts(service, given)
    else:
        rel = WorkbookService.open(path, read_only=True).relationship
    for role in Role:
        print(contact_line(rel.name_of(role), role, rel.contact_of(role)))
    return 0


def _summaries(content: Path | None) -> list[Any]:
    from workbook.content.catalog import PackCatalog
    from workbook.summary_index import relationship_summaries

    return relationship_summaries(catalog=PackCatalog.default(extra=content))


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """An aligned plain-text table; every cell shown as one printable line (names come from
    files, which may hold control characters or line breaks)."""
    rows = [[one_line(str(cell)) for cell in row] for row in rows]
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
        print(
            escape_json_controls(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
        )
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
    """``export``: write the relationship in the chosen format to standard output, or with
    ``-o`` to a file (see :mod:`workbook.outputs` for where it may go)."""
    from workbook.outputs import EXPORT_KINDS, check_output, write_output
    from workbook.service import WorkbookService

    path = resolve_ref(args.ref)
    kind = EXPORT_KINDS[args.format]
    if args.output is not None:  # a refused path is said before any work is done
        check_output(args.output, kind, force=args.force, protect=[path])
    service = WorkbookService.open(path, read_only=True)
    text = export_text(
        service, args.format, include_private=args.include_private, catalog=catalog_for(args)
    )
    if args.output is None:
        sys.stdout.write(text)
        return 0
    written = write_output(args.output, text, kind, force=args.force, protect=[path])
    pair = service.relationship.pair
    print(one_line(f"Wrote {args.format} export of {pair} to {written}"), file=sys.stderr)
    return 0


def run_open(args: argparse.Namespace) -> int:
    """``open``: open a relationship's workbook in the terminal UI. A copy received from the
    other side (a file outside this home) is first imported into the home, or merged into the
    relationship it is a copy of (see :mod:`workbook.received`); one line says which, printed
    and shown in the app once it is up."""
    path = resolve_ref(args.ref)
    notice = ""
    if is_received_copy(path):
        from workbook.received import open_target

        opened = open_target(str(path), catalog=catalog_for(args))
        notice = one_line(opened.message)
        print(notice)
        path = opened.path
    from screens.app import run_app

    return run_app(
        open_path=path,
        role=Role(args.role) if args.role else None,
        content=args.content,
        notice=notice,
    )


def run_home(args: argparse.Namespace) -> int:
    """No subcommand: the home screen of the terminal UI."""
    from screens.app import run_app

    return run_app(content=args.content)
