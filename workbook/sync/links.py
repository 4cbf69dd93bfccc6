"""Which relationship this machine keeps in step through which folder, and what it last merged.

Where the link is kept: one small JSON file per relationship in ``<home>/sync/`` (named after a
hash of the relationship's id), beside the home's settings, and nowhere else. Why not in the
relationship file: a folder is a path on *this* machine (``/Users/sam/Dropbox/Mentoring`` means
nothing on the mentor's computer), and the relationship file is what travels. Every shared copy
and every copy written to the folder is made from it, and every received copy is merged into
it; a path kept there would go out in each copy, and a forged copy could try to point this
machine at a folder of its choosing. ``<home>/sync`` is read by nothing that makes a copy and
written by nothing that merges one, so the link can neither travel nor be taken from a copy.

Why one file per relationship and not one table for all: two processes keeping two different
relationships in step (a window on one, ``sync`` on another) never write the same file. A link
file is only written by whoever holds its relationship's writer lock (the open workbook, or the
``sync`` command), so what one of them remembers is never overwritten by another's stale view.

Losing a link file costs nothing but the link itself: ``sync REF DIR`` makes it again, and what
had been merged is merged again, which changes nothing (merging is idempotent). A link file
that cannot be read is reported in one line and replaced by the next ``sync REF DIR``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pydantic import AwareDatetime, BaseModel, Field, ValidationError

from workbook import paths
from workbook.atomic import atomic_write_text
from workbook.errors import StorageError, WorkbookError
from workbook.models import Relationship, Role, utc_now
from workbook.text import one_line

COPY_NAME = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<role>mentor|mentee)\.json")
"""What this side's copy in the folder is called: ``<slug>.<role>.json``."""


def copy_name(slug: str, role: Role) -> str:
    """``priya-shah-sam-okafor.mentor.json``: the name of ``role``'s copy in the folder
    (``slug`` must be a valid slug: :func:`workbook.paths.is_slug`)."""
    if not paths.is_slug(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return f"{slug}.{role.value}.json"


def is_copy_name(name: str) -> bool:
    """True when ``name`` is a valid name for one side's copy (see :data:`COPY_NAME`)."""
    match = COPY_NAME.fullmatch(name)
    return match is not None and paths.is_slug(match.group("slug"))


class LinkFileError(WorkbookError):
    """A link file that cannot be read (it is replaced by the next ``sync REF DIR``)."""


class FolderLink(BaseModel):
    """One relationship kept in step through one folder, as this machine knows it."""

    relationship_uid: str = Field(min_length=1)
    """The id of the relationship file this link belongs to (never a joined copy's)."""
    folder: Path
    """The folder both sides see, as an absolute path on this machine."""
    copy_name: str
    """This side's copy in the folder (see :func:`copy_name`): the only file written there."""
    role: Role
    """The side this machine writes as (the relationship file's owner)."""
    linked_at: AwareDatetime = Field(default_factory=utc_now)
    """When the link was made (shown, never used to order anything)."""
    merged: dict[str, str] = Field(default_factory=dict)
    """For each file in the folder, the SHA-256 of the bytes last merged from it (or found
    to hold nothing new): a file still holding them is not read again. Content, not times."""

    @property
    def copy_path(self) -> Path:
        """This side's copy: ``<folder>/<copy_name>``."""
        return self.folder / self.copy_name

    def remembers(self, name: str, digest: str) -> bool:
        """True when the file ``name`` held exactly these bytes when it was last merged."""
        return self.merged.get(name) == digest

    def remember(self, name: str, digest: str) -> None:
        """Note that ``name``'s bytes with ``digest`` have been merged."""
        self.merged[name] = digest

    def forget_missing(self, present: set[str]) -> None:
        """Forget files no longer in the folder (a conflicted copy someone deleted)."""
        for name in [name for name in self.merged if name not in present]:
            del self.merged[name]


class LinkStore:
    """The link files of one home (``<home>/sync``), captured when made: an open workbook
    keeps using the home it was opened from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def default(cls) -> LinkStore:
        """The current home's store (:func:`workbook.paths.sync_links_dir`)."""
        return cls(paths.sync_links_dir())

    def path_for(self, relationship_uid: str) -> Path:
        """The link file of the relationship with ``relationship_uid`` (a hash names it: an
        id read from a file never becomes a file name)."""
        digest = hashlib.sha256(relationship_uid.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{digest}.json"

    def load(self, relationship: Relationship) -> FolderLink | None:
        """The link of ``relationship`` (None: it is not kept in step through a folder);
        :class:`LinkFileError` when its link file cannot be read."""
        path = self.path_for(relationship.uid)
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise LinkFileError(f"the folder link {path} cannot be read ({error})") from None
        try:
            link = FolderLink.model_validate(json.loads(text))
        except (ValueError, ValidationError):
            link = None
        if (
            link is None
            or link.relationship_uid != relationship.uid
            or not is_copy_name(link.copy_name)
            or not link.folder.is_absolute()
            or not link.copy_name.endswith(f".{link.role.value}.json")
        ):
            raise LinkFileError(
                f"the folder link {path} is damaged; link the folder again with "
                "mentor-workbook sync REF DIR"
            )
        return link

    def save(self, link: FolderLink) -> Path:
        """Write ``link`` atomically (0600, in a 0700 folder); return its file."""
        path = self.path_for(link.relationship_uid)
        try:
            paths.ensure_private_dir(self.folder)
            atomic_write_text(path, link.model_dump_json(indent=2) + "\n")
        except OSError as error:
            raise StorageError(
                f"cannot keep the folder link in {one_line(str(path))}", error
            ) from None
        return path

    def remove(self, relationship: Relationship) -> FolderLink | None:
        """Forget ``relationship``'s link (the folder and its files are left as they are);
        return the link it had (None: there was none). A damaged link file is removed too."""
        try:
            link = self.load(relationship)
        except LinkFileError:
            link = None
        path = self.path_for(relationship.uid)
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise StorageError(f"cannot remove the folder link {path}", error) from None
        return link
