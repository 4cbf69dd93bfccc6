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
goes on, and an open workbook writes it with one :class:`CopyWriter`, which makes again only
the lines of what changed and checks the file it replaces as every output does (measured with
``benchmarks/sync_copy.py`` on a shared machine, best of 5, after one edit: 5,000 answers,
200-230 ms made whole, 40-90 ms made again; 20,000 answers, 760-960 ms and 380-470 ms. What is
left is mostly that check, which parses the earlier copy, and the atomic write).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.atomic import sweep_temp_files
from workbook.models import Relationship, Role, StoredModel
from workbook.outputs import OutputKind, OutputRefusedError, write_output
from workbook.privacy import PrivacyRule, output_rule
from workbook.service import WorkbookService
from workbook.sharing import earlier_share_of, shared_document, shared_record
from workbook.storage import encode_document, layout_chunks
from workbook.store import ITEM_TABLES, RELATIONSHIP_TABLE
from workbook.sync.copies import file_digest
from workbook.sync.folder import Signature
from workbook.sync.links import FolderLink
from workbook.text import one_line

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack


@dataclass(frozen=True)
class CopyWritten:
    """This side's copy after :meth:`CopyWriter.write`."""

    path: Path
    wrote: bool
    """False when the folder already held exactly these bytes."""


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _stat_of(path: Path) -> Signature | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class CopyWriter:
    """Writes this side's copy again and again (after every save of an open workbook) at the
    cost of what changed: each item's line in the copy is kept with the item it was made from
    and made again only when the service holds another item (the service replaces an item to
    change it, never changes one in place). At 5,000 answers that is a join and a comparison
    instead of 5,000 dumps and encodings. The copy it last wrote is remembered by its digest
    and the file's size, time and inode: while both still match, nothing is read or written.
    Lines made under other private prompts (a pack edit) or for another side are dropped. Not
    thread-safe: one write at a time (the caller holds a lock)."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, str], tuple[StoredModel, str, str | None]] = {}
        """(table, uid) -> (the item, its document id, its line; None when private)."""
        self._made_for: tuple[frozenset[str], str] | None = None
        """The private prompts and the side the remembered lines were made for."""
        self._written: tuple[Path, str, Signature | None] | None = None

    def _line(
        self, table: str, item: StoredModel, number: int, rule: PrivacyRule, side: str
    ) -> str | None:
        """``item``'s line as document ``number`` of ``table`` (None: it is private)."""
        key = (table, item.uid)
        doc_id = str(number)
        known = self._lines.get(key)
        if known is not None and known[0] is item and known[1] == doc_id:
            return known[2]
        document = shared_document(item, rule, side)
        line = None if document is None else encode_document(doc_id, document)
        self._lines[key] = (item, doc_id, line)
        return line

    def pieces(
        self,
        relationship: Relationship,
        items: Mapping[type[StoredModel], Sequence[StoredModel]],
        rule: PrivacyRule,
        recipient: Role,
    ) -> list[str]:
        """The text of the copy (what :func:`workbook.sharing.shared_tables` holds, laid out
        as :func:`workbook.storage.encoded_pieces` lays it out), as pieces."""
        side = relationship.owner_role.value
        made_for = (rule.private_prompt_ids, side)
        if made_for != self._made_for:  # another pack's privacy, or another side: start over
            self._lines.clear()
            self._made_for = made_for
        tables: dict[str, list[str]] = {
            RELATIONSHIP_TABLE: [encode_document("1", shared_record(relationship, recipient))]
        }
        seen: set[tuple[str, str]] = set()
        for table, model in ITEM_TABLES.items():
            lines: list[str] = []
            for item in items.get(model, ()):
                seen.add((table, item.uid))
                line = self._line(table, item, len(lines) + 1, rule, side)
                if line is not None:
                    lines.append(line)
            tables[table] = lines
        for gone in self._lines.keys() - seen:
            del self._lines[gone]
        return list(layout_chunks((name, tables[name]) for name in sorted(tables)))

    def write(
        self,
        service: WorkbookService,
        link: FolderLink,
        *,
        pack: Pack | None = None,
        catalog: PackCatalog | None = None,
    ) -> CopyWritten:
        """Write this side's copy of ``service``'s relationship to ``link``'s folder (see the
        module docstring). Raises :class:`~workbook.outputs.OutputRefusedError` (or another
        :class:`~workbook.errors.WorkbookError`) in one line, or an ``OSError`` naming the
        file (a folder gone offline, a full disk)."""
        target = link.copy_path
        if target.is_symlink():
            raise OutputRefusedError(
                f"refusing to write {one_line(link.copy_name)}: in the folder it is a symbolic "
                f"link (to {one_line(str(target.readlink()))}); remove it and this side's copy "
                "is written"
            )
        relationship, items = service.snapshot()
        rule, _ = output_rule(
            relationship.pack_id, pack=pack, catalog=catalog, what="this side's copy in the folder"
        )
        pieces = self.pieces(relationship, items, rule, link.role)
        data = "".join(pieces).encode("utf-8")
        digest = file_digest(data)
        found = _stat_of(target)
        # The file there is the copy this writer last wrote while its size, times and inode
        # are those it had then: it is neither read back nor checked again (at 20,000 answers
        # that was more than half of a write). Anything else there is read and judged.
        last = self._written
        ours = last is not None and found is not None and (last[0], last[2]) == (target, found)
        if ours and last is not None and last[1] == digest:
            return CopyWritten(target, wrote=False)
        if not ours and _holds(target, data):
            self._written = (target, digest, found)
            return CopyWritten(target, wrote=False)
        written = write_output(
            target,
            pieces,
            OutputKind.SHARE,
            protect=[service.path],
            same_share=earlier_share_of(relationship, link.role),
            ours=ours,
        )
        self._written = (written, digest, _stat_of(written))
        return CopyWritten(written, wrote=True)


def write_own_copy(
    service: WorkbookService,
    link: FolderLink,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
) -> CopyWritten:
    """Write this side's copy once (:meth:`CopyWriter.write` with nothing remembered: the
    command line, which writes it once)."""
    return CopyWriter().write(service, link, pack=pack, catalog=catalog)


def sweep_own_leftovers(link: FolderLink) -> list[Path]:
    """Delete the temporary files an interrupted write of this side's copy left in the folder
    (only this side's own: ``.<copy name>.<random>.tmp``). Call it when nothing is writing the
    copy (when the link is made, or the workbook opens)."""
    try:
        return sweep_temp_files(link.copy_path)
    except OSError:
        return []
