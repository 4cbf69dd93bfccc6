"""Subcommands for sharing and finishing: ``share``, ``merge``, ``demo`` and ``finish``."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook import paths
from workbook.cli_commands import add_force_option, catalog_for
from workbook.errors import UsageError
from workbook.models import RelationshipStatus
from workbook.refs import resolve_ref
from workbook.text import one_line

if TYPE_CHECKING:
    from workbook.service import WorkbookService


def add_parsers(subparsers: Any) -> None:
    """Register ``share``, ``merge``, ``demo`` and ``finish`` on ``subparsers``."""
    share = subparsers.add_parser(
        "share", help="write a copy for the other side, without anyone's private notes"
    )
    share.add_argument("ref", metavar="REF", help="a slug or a path to a relationship file")
    share.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="where to write the shared copy (default: <home>/exports/for-<their name>.json)",
    )
    add_force_option(share)
    share.set_defaults(handler=run_share)

    merge = subparsers.add_parser("merge", help="merge the other side's copy of a relationship")
    merge.add_argument("ref", metavar="REF", help="a slug or a path to your relationship file")
    merge.add_argument("file", type=Path, metavar="FILE", help="the other side's shared copy")
    merge.add_argument(
        "--adopt",
        action="store_true",
        help="join FILE, the other side's own relationship between the same two names, to "
        "this one (once: later copies from either side merge without it)",
    )
    merge.set_defaults(handler=run_merge)

    demo = subparsers.add_parser("demo", help="a sample relationship in a throw-away home")
    demo.add_argument(
        "--no-open", action="store_true", help="only create it and print its file's path"
    )
    demo.set_defaults(handler=run_demo)

    finish = subparsers.add_parser("finish", help="mark a relationship completed or ended early")
    finish.add_argument("ref", metavar="REF", help="a slug or a path to a relationship file")
    how = finish.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--completed",
        dest="status",
        action="store_const",
        const=RelationshipStatus.COMPLETED.value,
        help="the programme was completed",
    )
    how.add_argument(
        "--ended-early",
        dest="status",
        action="store_const",
        const=RelationshipStatus.ENDED_EARLY.value,
        help="it ended before its time",
    )
    finish.add_argument(
        "--reason", default="", metavar="TEXT", help="why it ended (required with --ended-early)"
    )
    finish.set_defaults(handler=run_finish)


def _service(path: Path, *, read_only: bool = False) -> WorkbookService:
    """The relationship at ``path`` opened (the store is imported here, not to build the
    parser: see :mod:`workbook.cli_commands`)."""
    from workbook.service import WorkbookService

    return WorkbookService.open(path, read_only=read_only)


def run_share(args: argparse.Namespace) -> int:
    """``share``: write a copy without private answers or notes; print its full path and the
    sentence to send with it."""
    from workbook.sharing import share_with_other_side

    service = _service(resolve_ref(args.ref), read_only=True)
    shared = share_with_other_side(
        service, args.output, catalog=catalog_for(args), force=args.force
    )
    rel = service.relationship
    print(
        one_line(
            f"Shared copy of {rel.pair} for the {shared.recipient.value} "
            "(no private answers or notes):"
        )
    )
    print(one_line(str(shared.path)))
    print(one_line(shared.sentence))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    """``merge``: bring the other side's copy into this relationship file (``--adopt``: the
    other side's own relationship between the same two names, joined to this one)."""
    from workbook.sharing import merge_copy

    if not args.file.is_file():
        raise UsageError(f"no file at {args.file}")
    with _service(resolve_ref(args.ref)) as service:
        report = merge_copy(service, args.file, adopt=args.adopt, catalog=catalog_for(args))
    print(one_line(report.summary()))
    return 0


def _home_given() -> bool:
    return paths._home_override is not None or bool(  # noqa: SLF001
        os.environ.get(paths.HOME_ENV_VAR, "").strip()
    )


def run_demo(args: argparse.Namespace) -> int:
    """``demo``: create a sample relationship (in a fresh temporary home unless one is given)."""
    from workbook.demo import create_demo

    if not _home_given():
        paths.set_home_override(Path(tempfile.mkdtemp(prefix="mentor-workbook-demo-")))
    folder = paths.ensure_private_dir(paths.relationships_dir())
    path = create_demo(folder)
    if args.no_open:
        print(one_line(f"Sample relationship created in {paths.home_dir()}"))
        print(one_line(str(path)))
        return 0
    from screens.app import run_app

    return run_app(open_path=path, content=args.content)


def run_finish(args: argparse.Namespace) -> int:
    """``finish``: mark the relationship completed, or ended early with a reason."""
    from workbook.debrief import finish_relationship

    with _service(resolve_ref(args.ref)) as service:
        rel = finish_relationship(service, args.status, args.reason)
    reason = f" ({rel.end_reason})" if rel.end_reason else ""
    print(one_line(f"{rel.pair}: {rel.status.value} on {rel.ended_on}{reason}."))
    return 0
