"""The one small API the UI and the command line use to read and change a relationship.

Nothing else touches the storage. Changes go to memory at once and reach the disk on
:meth:`WorkbookService.flush`, which is safe to call from a worker thread. A change costs the
same at any size (one model copied, dumped and encoded: no table is rebuilt, nothing sorted), so
it is cheap enough for every keystroke; the service keeps a validated model of every item, and
the storage (:mod:`workbook.storage`) each document's line in the file, so a save writes the
lines without encoding anything again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from workbook import paths
from workbook.atomic import atomic_write_text, sweep_temp_files
from workbook.errors import ReadOnlyError, StorageError
from workbook.locking import WriterLock
from workbook.models import (
    ActionItem,
    AgreementVersion,
    Answer,
    AnswerKey,
    AnswerValue,
    Author,
    Goal,
    Note,
    Relationship,
    Role,
    Session,
    SessionKind,
    StoredModel,
    Visibility,
    utc_now,
)
from workbook.models.relationship import slugify
from workbook.storage import AtomicJSONStorage, encode_tables
from workbook.store import (
    ITEM_TABLES,
    RELATIONSHIP_TABLE,
    TABLE_OF_MODEL,
    Items,
    check_writable,
    load_file,
    refresh_backup,
)
from workbook.text import check_contact, check_name

ItemT = TypeVar("ItemT", bound=StoredModel)


def answer_index_key(prompt_id: str, author: str, session: int) -> str:
    """An answer's key (:attr:`~workbook.models.Answer.key`) as the service's index holds it:
    one string (``author:session:prompt id``, unambiguous since the author and the number hold
    no colon), not a tuple: a string is never tracked by the garbage collector, and at 50,000
    answers a tuple each made the open run one more full collection of everything held."""
    return f"{author}:{session}:{prompt_id}"


class WorkbookService:
    """An open relationship file: read it, change it, save it. Use :meth:`open` or :meth:`create`."""

    def __init__(
        self,
        path: Path,
        relationship: Relationship,
        items: Items,
        storage: AtomicJSONStorage,
        lock: WriterLock | None,
    ) -> None:
        self.path = path
        self._relationship = relationship
        self._items = items
        self._storage = storage
        self._lock = lock
        self._scratch = False
        self.last_saved_at: datetime | None = None
        answers: dict[str, Answer] = items.table("answers")  # type: ignore[assignment]
        self._answer_index = {
            # (the key's parts passed as they are: no property or tuple per answer)
            answer_index_key(item.prompt_id, item.author.value, item.session_number or 0): uid
            for uid, item in answers.items()
        }
        """Each answer's uid by :func:`answer_index_key` of its key."""

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> WorkbookService:
        """Open a relationship file; writers take its lock, migrate it and refresh its backup.

        A writer is refused (:class:`NotWritableError`) a file that is a symbolic link, is
        read-only or sits in a folder it cannot write: such a file is never replaced. A write
        the disk refuses while opening (the backup, a migration) is a :class:`StorageError`,
        and a failed open leaves no lock file behind.
        """
        path = Path(path)
        lock = None
        if not read_only:
            check_writable(path)
            lock = WriterLock(path)
            lock.acquire()
        try:
            loaded = load_file(path, backup=not read_only)
            storage = AtomicJSONStorage(path, tables=loaded.tables)
            if lock is not None:
                sweep_temp_files(path)
                if loaded.migrated:
                    storage.flush(force=True)
                else:
                    refresh_backup(path)
            return cls(path, loaded.relationship, loaded.items, storage, lock)
        except OSError as error:
            if lock is not None:
                lock.release()
            target = error.filename or path
            raise StorageError(f"cannot open {path} (writing {target})", error) from None
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def open_scratch(cls, path: Path) -> WorkbookService:
        """Open a file read-only (no lock, nothing written) but accept changes in memory.

        A scratch copy is for working something out without touching the file: the
        coordinator's report merges another copy of the same relationship into one with the
        ordinary merge rules. :meth:`flush` and :meth:`close` never write it.
        """
        service = cls.open(path, read_only=True)
        service._scratch = True
        return service

    @classmethod
    def create(
        cls,
        *,
        mentor: str,
        mentee: str,
        pack_id: str,
        pack_version: str,
        role: Role = Role.MENTOR,
        started_on: date | None = None,
        folder: Path | None = None,
        mentor_contact: str = "",
        mentee_contact: str = "",
    ) -> WorkbookService:
        """Create a new relationship file (0600, in a 0700 folder) and open it for writing.

        Both names must pass :func:`~workbook.text.check_name` (one printable line, not too
        long), and the contacts :func:`~workbook.text.check_contact`: every way of starting a
        relationship comes through here.
        """
        mentor = check_name(mentor, "the mentor's name")
        mentee = check_name(mentee, "the mentee's name")
        mentor_contact = check_contact(mentor_contact, "the mentor's contact")
        mentee_contact = check_contact(mentee_contact, "the mentee's contact")
        folder = folder or paths.relationships_dir()
        try:
            paths.ensure_private_dir(folder)
        except OSError as error:
            raise StorageError(f"cannot create the folder {folder}", error) from None
        path = free_relationship_path(folder, slugify(mentor, mentee))
        relationship = Relationship(
            slug=path.stem,
            mentor=mentor,
            mentee=mentee,
            pack_id=pack_id,
            pack_version=pack_version,
            started_on=started_on or date.today(),
            owner_role=role,
            mentor_contact=mentor_contact,
            mentee_contact=mentee_contact,
        )
        data = {RELATIONSHIP_TABLE: {"1": relationship.model_dump(mode="json")}}
        try:
            write_new_file(path, encode_tables(data))
        except OSError as error:
            raise StorageError(f"cannot create {path}", error) from None
        return cls.open(path)

    def close(self) -> None:
        """Save pending changes and release the writer lock."""
        try:
            if self.writable:
                self.flush()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> WorkbookService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------------- saving
    @property
    def writable(self) -> bool:
        """True when this service holds the writer lock."""
        return self._lock is not None and self._lock.held

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet on disk."""
        return self._storage.dirty

    def flush(self) -> bool:
        """Write pending changes atomically; thread-safe; True when something was written."""
        if not self.writable:
            return False
        wrote = self._storage.flush()
        if wrote:
            self.last_saved_at = utc_now()
        return wrote

    @contextmanager
    def _changing(self) -> Iterator[None]:
        if not (self.writable or self._scratch):
            raise ReadOnlyError(f"{self.path} is open read-only")
        with self._storage.data_lock:
            yield

    def _check_active(self) -> None:
        if self._relationship.is_finished:
            raise ReadOnlyError(
                f"{self._relationship.pair} is {self._relationship.status.value}; it is read-only"
            )

    def _touch(self, item: ItemT) -> ItemT:
        clock = dict(item.clock)
        side = self._relationship.owner_role.value
        clock[side] = clock.get(side, 0) + 1
        return item.model_copy(update={"updated_at": utc_now(), "clock": clock})

    # ----------------------------------------------------------------------- relationship
    @property
    def relationship(self) -> Relationship:
        """The relationship record (immutable copy; change it with :meth:`update_relationship`)."""
        return self._relationship

    def update_relationship(self, **changes: Any) -> Relationship:
        """Change fields of the relationship record (e.g. ``cadence=...``, ``status=...``)."""
        with self._changing():
            updated = self._touch(self._relationship.model_copy(update=changes))
            updated = Relationship.model_validate(updated.model_dump())
            return self.replace_relationship(updated)

    def replace_relationship(self, relationship: Relationship) -> Relationship:
        """Store ``relationship`` exactly as given (no new time or clock), e.g. after a merge."""
        with self._changing():
            self._storage.put(RELATIONSHIP_TABLE, 1, relationship.model_dump(mode="json"))
            self._relationship = relationship
            return relationship

    # ---------------------------------------------------------------------------- answers
    def answers(self) -> list[Answer]:
        """Every answer (deleted ones left out)."""
        return self.items(Answer)

    def answer(
        self, prompt_id: str, author: Author | Role | str, session: int | None = None
    ) -> Answer | None:
        """The answer to ``prompt_id`` by ``author`` (for a repeating prompt: in session
        ``session``), or None (also when it was deleted)."""
        found = self._stored_answer(prompt_id, author, session)
        return found if found is not None and not found.deleted else None

    def _stored_answer(
        self, prompt_id: str, author: Author | Role | str, session: int | None = None
    ) -> Answer | None:
        uid = self._answer_index.get(
            answer_index_key(prompt_id, Author(author).value, session or 0)
        )
        return self._items.table("answers")[uid] if uid else None  # type: ignore[return-value]

    def set_answer(
        self,
        prompt_id: str,
        author: Author | Role | str,
        value: AnswerValue,
        visibility: Visibility = Visibility.SHARED,
        session: int | None = None,
    ) -> Answer:
        """Record an answer (for a repeating prompt: ``session``'s); unchanged values are not
        re-saved."""
        self._check_active()
        author = Author(author)
        current = self._stored_answer(prompt_id, author, session)
        unchanged = current is not None and current.value == value
        if unchanged and not current.deleted and current.visibility is visibility:  # type: ignore[union-attr]
            return current  # type: ignore[return-value]
        if current is None:
            answer = Answer(
                prompt_id=prompt_id,
                author=author,
                value=value,
                visibility=visibility,
                session_number=session,
            )
        else:
            answer = current.model_copy(
                update={"value": value, "visibility": visibility, "deleted": False}
            )
        return self.save(answer)

    # ------------------------------------------------------------------ items in general
    def items(self, model: type[ItemT], *, include_deleted: bool = False) -> list[ItemT]:
        """Every item of ``model``'s table, in the order they were first saved (the table is
        kept in that order: nothing is sorted)."""
        table = self._items.table(TABLE_OF_MODEL[model])
        return [item for item in table.values() if include_deleted or not item.deleted]  # type: ignore[misc]

    def stored(self, model: type[ItemT], uid: str) -> ItemT | None:
        """The item of ``model`` with ``uid`` as stored, a deleted one (a tombstone) too."""
        return self._items.table(TABLE_OF_MODEL[model]).get(uid)  # type: ignore[return-value]

    def stored_answer(self, key: AnswerKey) -> Answer | None:
        """The answer whose :attr:`~workbook.models.Answer.key` is ``key``, a deleted one too."""
        prompt_id, author, session = key
        return self._stored_answer(prompt_id, author, session)

    def snapshot(self) -> tuple[Relationship, dict[type[StoredModel], list[StoredModel]]]:
        """The relationship and every item of every table (deleted ones too), as they are at
        this moment, for reading in another thread while edits go on: the tables' item lists
        are copied under the data lock (pointer copies: a few milliseconds at 50,000 items),
        and an item is never changed in place, only replaced."""
        with self._storage.data_lock:
            items = {
                ITEM_TABLES[name]: list(table.values())
                for name, table in self._items.tables().items()
            }
            return self._relationship, items

    def get(self, model: type[ItemT], uid: str) -> ItemT | None:
        """The item of ``model`` with ``uid`` (None when absent or deleted)."""
        found = self._items.table(TABLE_OF_MODEL[model]).get(uid)
        return found if found is not None and not found.deleted else None  # type: ignore[return-value]

    def save(self, item: ItemT, *, touch: bool = True) -> ItemT:
        """Insert or replace ``item`` (by uid). ``touch`` stamps the time and this side's clock."""
        with self._changing():
            if touch:
                item = self._touch(item)
            table_name = TABLE_OF_MODEL[type(item)]
            doc = item.model_dump(mode="json")
            doc_id = self._items.doc_id(table_name, item.uid)
            if doc_id is None:  # the next id: the table stays in the order items were saved
                doc_id = self._storage.insert(table_name, doc)
            else:
                self._storage.put(table_name, doc_id, doc)
            self._items.put(table_name, doc_id, item)
            if isinstance(item, Answer):
                self._answer_index[answer_index_key(*item.key)] = item.uid
            return item

    def delete(self, model: type[ItemT], uid: str) -> None:
        """Delete an item, leaving a tombstone so that merging an older copy keeps it deleted."""
        item = self.get(model, uid)
        if item is not None:
            self.save(item.model_copy(update={"deleted": True}))

    # ------------------------------------------------------------------ typed shortcuts
    def goals(self) -> list[Goal]:
        """The SMART goals."""
        return self.items(Goal)

    def actions(self) -> list[ActionItem]:
        """The action items and homework."""
        return self.items(ActionItem)

    def sessions(self) -> list[Session]:
        """The sessions, by number."""
        return sorted(self.items(Session), key=lambda session: session.number)

    def notes(self, author: Role | None = None) -> list[Note]:
        """Private notes, all or only ``author``'s."""
        return [note for note in self.items(Note) if author is None or note.author is author]

    def agreements(self) -> list[AgreementVersion]:
        """Every agreement version, oldest first."""
        return sorted(self.items(AgreementVersion), key=lambda version: version.version)

    def current_session(self) -> Session | None:
        """The latest session, if any was started."""
        sessions = self.sessions()
        return sessions[-1] if sessions else None

    def start_session(
        self,
        kind: SessionKind | None = None,
        held_on: date | None = None,
        *,
        now: datetime | None = None,
    ) -> Session:
        """Start the next session (first, second, then regular unless ``kind`` says otherwise);
        its clock starts ``now`` (default: now). A session still under way is closed first."""
        self._check_active()
        now = now or utc_now()
        current = self.current_session()
        if current is not None and current.is_open:
            self.save(stop_clock(current, now).model_copy(update={"closed_at": now}))
        number = len(self.sessions()) + 1
        default_kind = {1: SessionKind.FIRST, 2: SessionKind.SECOND}.get(
            number, SessionKind.REGULAR
        )
        session = Session(
            number=number,
            kind=kind or default_kind,
            held_on=held_on or date.today(),
            started_at=now,
            running_since=now,
        )
        return self.save(session)


def free_relationship_path(folder: Path, base: str) -> Path:
    """``<folder>/<base>.json``, else ``<base>-2.json``, ``<base>-3.json``...: the first name
    that no file (not even a dangling symbolic link) holds."""
    slug, number = base, 1
    while (folder / f"{slug}.json").exists() or (folder / f"{slug}.json").is_symlink():
        number += 1
        slug = f"{base}-{number}"
    return folder / f"{slug}.json"


def write_new_file(path: Path, text: str) -> None:
    """Create ``path`` (0600) holding ``text``, atomically; ``FileExistsError`` when something
    is already there (never replaced). A failed write leaves no empty file behind to look
    like a damaged one."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        atomic_write_text(path, text)
    except OSError:
        path.unlink(missing_ok=True)
        raise


def stop_clock(session: Session, now: datetime) -> Session:
    """``session`` with its clock stopped at ``now`` (the running time added to its count)."""
    if session.running_since is None:
        return session
    ran = max(0.0, (now - session.running_since).total_seconds())
    return session.model_copy(
        update={"clock_seconds": session.clock_seconds + ran, "running_since": None}
    )
