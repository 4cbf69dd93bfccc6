"""The ``sync`` subcommand: keep a relationship in step through a folder both sides sync.

``sync REF DIR`` links the relationship to ``DIR`` and syncs once; on a machine that has no
relationship ``REF`` yet, it takes the other side's copy from ``DIR`` (the same command on both
machines). ``sync REF`` syncs a linked relationship once, now, and prints what changed;
``sync REF --off`` unlinks it (the folder's files are left as they are). Each takes the
relationship's writer lock, so it waits for nothing and never runs beside an open window on
the same relationship (which keeps it in step itself). See :mod:`workbook.sync`.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from workbook.cli_commands import catalog_for
from workbook.errors import NotFoundError, UsageError, WorkbookError
from workbook.text import one_line


def add_parser(subparsers: Any) -> None:
    """Register ``sync`` on ``subparsers``."""
    sync = subparsers.add_parser(
        "sync",
        help="keep a relationship in step through a folder both of you sync (Dropbox, "
        "OneDrive, Google Drive, Syncthing...)",
        description="Link REF to DIR and sync once (on the other machine, the same command "
        "takes the relationship from DIR); REF alone syncs once, now; --off unlinks.",
    )
    sync.add_argument("ref", metavar="REF", help="a slug or a path to your relationship file")
    sync.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="the folder both of you sync: link REF to it (only needed once)",
    )
    sync.add_argument(
        "--off",
        action="store_true",
        help="stop keeping REF in step through its folder (the files there are left)",
    )
    sync.set_defaults(handler=run_sync)


def _resolve(ref: str, folder: Path | None) -> tuple[Path, bool]:
    """The relationship file for ``ref``: one of this home's, or, with a folder, the other
    side's copy there taken as this home's (see :func:`workbook.sync.rounds.take_from_folder`);
    and whether it was just taken from the folder."""
    from workbook import paths
    from workbook.refs import is_received_copy, resolve_ref
    from workbook.sync.rounds import take_from_folder

    try:
        path = resolve_ref(ref)
    except NotFoundError:
        if folder is None or not paths.is_slug(ref):
            raise
        return take_from_folder(ref, folder)
    if is_received_copy(path):
        raise UsageError(
            f"{one_line(ref)} is a file received from the other side, not one of your "
            "relationships: give your relationship's name (see mentor-workbook list), or, on a "
            "machine that has none yet, the name the copy in the folder starts with"
        )
    return path, False


def run_sync(args: argparse.Namespace) -> int:
    """``sync``: link, sync once, or unlink (see the module docstring)."""
    from workbook.service import WorkbookService
    from workbook.sync.links import LinkStore
    from workbook.sync.rounds import link_folder, sync_now

    if args.off and args.folder is not None:
        raise UsageError("--off takes no folder: it stops keeping REF in step, wherever")
    store = LinkStore.default()
    path, taken = _resolve(args.ref, args.folder)
    with WorkbookService.open(path) as service:
        rel = service.relationship
        if taken:
            other = rel.owner_role.other
            print(
                one_line(
                    f"Took {rel.name_of(other)}'s copy from the folder as your relationship "
                    f"{path.stem}, as the {rel.owner_role.value} (mentor-workbook list shows it)."
                )
            )
        if args.off:
            removed = store.remove(rel)
            if removed is None:
                print(one_line(f"{rel.pair} was not kept in step through a folder; nothing to do."))
            else:
                print(
                    one_line(
                        f"{rel.pair} is no longer kept in step through {removed.folder} (the "
                        "files there are left as they are)."
                    )
                )
            return 0
        if args.folder is not None:
            link, previous = link_folder(service, store, args.folder)
            instead = (
                f" (instead of {previous.folder})"
                if previous is not None and previous.folder != link.folder
                else ""
            )
            print(
                one_line(
                    f"Keeping {rel.pair} in step through {link.folder}{instead}: this side's "
                    f"copy there is {link.copy_name}."
                )
            )
        else:
            known = store.load(rel)
            if known is None:
                raise WorkbookError(
                    f"{rel.pair} is not kept in step through a folder yet; link it once with: "
                    f"mentor-workbook sync {shlex.quote(one_line(args.ref))} DIR"
                )
            link = known
        result = sync_now(service, link, store, catalog=catalog_for(args))
    for line in result.lines():
        print(line)
    if result.copy_problem:
        from workbook.cli import error_line

        sys.stderr.write(error_line(result.copy_problem))
        return 1
    return 0
