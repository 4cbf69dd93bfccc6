"""Two people keeping one relationship in step through a synced folder: each side a home of
its own, the folder as the only channel between them (the sync tests).

A :class:`Side` is one person's computer: a home folder and the folder the sync service keeps
in step on that computer (by default the same local folder for both sides; the delayed-sync
tests give each side its own and copy files across, as a sync service would, late).
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbook import paths
from workbook.cli import main
from workbook.content.catalog import PackCatalog
from workbook.models import Note, Role, Visibility
from workbook.service import WorkbookService
from workbook.sync.links import FolderLink, LinkStore
from workbook.sync.rounds import RoundResult, link_folder, sync_now, take_from_folder

SLUG = "priya-shah-sam-okafor"
MENTOR, MENTEE = "Priya Shah", "Sam Okafor"
PRIVATE_WORDS = ("ZZ-PRIVATE-Ünïcødé-4471", "QQ private note 9032", "secret «worry» 5519")
"""Marked private text, never to be found in the folder (non-ASCII: JSON keeps it as UTF-8)."""


@dataclass
class Run:
    """One command line run: its exit status and what it printed."""

    status: int
    out: str
    err: str


@dataclass
class Side:
    """One person's computer: their home, and their view of the synced folder."""

    home: Path
    folder: Path

    @property
    def file(self) -> Path:
        """Their relationship file."""
        return self.home / "relationships" / f"{SLUG}.json"

    def use(self) -> None:
        """Make this side's home the process's home (the next core call sees it)."""
        paths.set_home_override(self.home)

    def run(self, *args: str) -> Run:
        """``mentor-workbook --home HOME ARGS...`` in this process."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["--home", str(self.home), *args])
        return Run(status, out.getvalue(), err.getvalue())

    @contextlib.contextmanager
    def service(self) -> Iterator[WorkbookService]:
        """Their relationship, open for writing (closed, so saved, afterwards)."""
        self.use()
        with WorkbookService.open(self.file) as service:
            yield service

    def read(self) -> WorkbookService:
        """Their relationship as it is on disk (read-only)."""
        return WorkbookService.open(self.file, read_only=True)

    def link(self) -> FolderLink:
        """Their folder link."""
        self.use()
        link = LinkStore.default().load(self.read().relationship)
        assert link is not None
        return link

    def sync(self) -> RoundResult:
        """One sync round, as ``sync REF`` runs it."""
        with self.service() as service:
            store = LinkStore.default()
            link = store.load(service.relationship)
            assert link is not None
            return sync_now(service, link, store, catalog=PackCatalog.default())


def linked_pair(tmp_path: Path, *, separate_folders: bool = False) -> tuple[Side, Side]:
    """The mentor starts and links the folder; the mentee takes the relationship from it
    (with ``separate_folders``, the mentor's copy is carried to the mentee's folder first)."""
    shared = tmp_path / "Dropbox" / "Mentoring"
    shared.mkdir(parents=True)
    mentee_folder = tmp_path / "mentee-Dropbox" / "Mentoring" if separate_folders else shared
    mentee_folder.mkdir(parents=True, exist_ok=True)
    mentor = Side(tmp_path / "mentor-home", shared)
    mentee = Side(tmp_path / "mentee-home", mentee_folder)
    mentor.use()
    created = WorkbookService.create(
        mentor=MENTOR, mentee=MENTEE, pack_id="standard", pack_version="1.1"
    )
    with created as service:
        store = LinkStore.default()
        link, _ = link_folder(service, store, shared)
        sync_now(service, link, store, catalog=PackCatalog.default())
    if separate_folders:
        carry(mentor, mentee)
    mentee.use()
    path, taken = take_from_folder(SLUG, mentee.folder)
    assert taken and path == mentee.file
    with WorkbookService.open(path) as service:
        assert service.relationship.owner_role is Role.MENTEE
        store = LinkStore.default()
        link, _ = link_folder(service, store, mentee.folder)
        sync_now(service, link, store, catalog=PackCatalog.default())
    if separate_folders:
        carry(mentee, mentor)
    return mentor, mentee


def carry(source: Side, target: Side, name: str | None = None, *, cut: int | None = None) -> Path:
    """The sync service, late: copy ``source``'s own copy into ``target``'s folder (as
    ``name``; only the first ``cut`` bytes: a download in progress)."""
    link = source.link()
    data = link.copy_path.read_bytes()
    landed = target.folder / (name or link.copy_name)
    landed.write_bytes(data if cut is None else data[:cut])
    return landed


def add_private_things(service: WorkbookService) -> None:
    """Private answers (stored private, and to prompts private in the pack) and a private
    note by the file's owner, holding :data:`PRIVATE_WORDS`."""
    author = service.relationship.owner_role
    first, second, third = PRIVATE_WORDS
    service.set_answer("about-me", author, first, Visibility.PRIVATE)
    service.set_answer("own-goals", author, second)  # private in the pack
    service.save(Note(author=author, text=third))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden ones too), by name."""
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def private_texts(*services: WorkbookService) -> list[str]:
    """Every private answer's text and every note's text in ``services`` (by the one rule)."""
    from workbook.privacy import PrivacyRule

    rule = PrivacyRule.for_pack(PackCatalog.default().load("standard"))
    found: list[str] = []
    for service in services:
        found += [
            json.dumps(answer.value, ensure_ascii=False).strip('"')
            for answer in service.answers()
            if rule.answer_is_private(answer) and answer.value
        ]
        found += [note.text for note in service.notes() if note.text]
    return found
