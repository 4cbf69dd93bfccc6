"""This side's copy in the synced folder: ``DIR/<slug>.<role>.json``, nothing private, ever.

The copy holds what ``share`` would (the same tables, made by
:func:`workbook.sharing.shared_tables` under the one privacy rule, refused when the pack cannot
be loaded), with one difference: it is marked as *this side's* (its ``owner_role`` is the
writer's, as the name says), where ``share`` marks a copy as its recipient's. In a folder both
sides write, each file is one side's own; so the coordinator's report, which takes each file
for its owner's, pairs the two files correctly (two ``share`` copies, each marked as the other
side's, would each be read as the wrong side's). Whoever merges a copy is unaffected: a merge
never reads a copy's role (see :mod:`workbook.authority`).

It is written through :func:`workbook.outputs.write_output` (atomic, 0600; never onto a
relationship file or anything of the home; an existing file is replaced only when it is an
earlier copy of this relationship by this side), never through a symbolic link planted in the
folder, and only when its bytes would change: a save that changed nothing shared (a private
note) leaves the file, and the sync service, alone. The items are taken with
:meth:`WorkbookService.snapshot`, so it can be written from the autosave's thread while typing
goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.atomic import sweep_temp_files
from workbook.outputs import OutputKind, OutputRefusedError, write_output
from workbook.privacy import output_rule
from workbook.service import WorkbookService
from workbook.sharing import earlier_share_of, shared_tables
from workbook.storage import encoded_pieces
from workbook.sync.links import FolderLink
from workbook.text import one_line

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack


@dataclass(frozen=True)
class CopyWritten:
    """This side's copy after :func:`write_own_copy`."""

    path: Path
    wrote: bool
    """False when the folder already held exactly these bytes."""


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_own_copy(
    service: WorkbookService,
    link: FolderLink,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> CopyWritten:
    """Write this side's copy of ``service``'s relationship to ``link``'s folder (see the
    module docstring). Raises :class:`~workbook.outputs.OutputRefusedError` (or another
    :class:`~workbook.errors.WorkbookError`) in one line, or an ``OSError`` naming the file
    (a folder gone offline, a full disk)."""
    target = link.copy_path
    if target.is_symlink():
        raise OutputRefusedError(
            f"refusing to write {one_line(link.copy_name)}: in the folder it is a symbolic link "
            f"(to {one_line(str(target.readlink()))}); remove it and this side's copy is written"
        )
    relationship, items = service.snapshot()
    rule, _ = output_rule(
        relationship.pack_id, pack=pack, catalog=catalog, what="this side's copy in the folder"
    )
    pieces = encoded_pieces(shared_tables(relationship, items.__getitem__, rule, link.role))
    data = "".join(pieces).encode("utf-8")
    if _holds(target, data):
        return CopyWritten(target, wrote=False)
    written = write_output(
        target,
        pieces,
        OutputKind.SHARE,
        protect=[service.path],
        same_share=earlier_share_of(relationship, link.role),
    )
    return CopyWritten(written, wrote=True)


def sweep_own_leftovers(link: FolderLink) -> list[Path]:
    """Delete the temporary files an interrupted write of this side's copy left in the folder
    (only this side's own: ``.<copy name>.<random>.tmp``). Call it when nothing is writing the
    copy (when the link is made, or the workbook opens)."""
    try:
        return sweep_temp_files(link.copy_path)
    except OSError:
        return []
