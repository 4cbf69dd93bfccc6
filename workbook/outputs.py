"""Every file the workbook writes for a user goes through here: ``export -o``, ``share -o``, the
in-app export, and any output added later.

Why one module: an output path is typed by a person (or, worse, derived from a received file),
and a wrong one must never land on a relationship. So, before anything is written:

* symbolic links are resolved first, and the real target is what is checked and written;
* refused, with one line, whatever ``--force`` says: a relationship file (one in the home's
  ``relationships`` or ``archive`` folder, one in the relationship-file format, one with a
  ``.lock`` beside it or, named ``*.json``, a ``.bak``; the file the command has open), its
  backups (``.bak``, ``.v<N>.bak``), its ``.lock``, its ``.damaged`` copies, a temporary file
  of an atomic write, and anything inside ``<home>/relationships/``; also anything that is not
  a regular file (a folder, a device);
* an existing file that is not one of ours (an earlier export of this program, or an earlier
  shared copy of the same relationship for the same side) is replaced only with ``--force``;
  an empty file holds nothing to lose.

Outputs are written atomically (a full disk leaves the previous file as it was) and created
0600: exports and shared copies hold names and answers, often private ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook import paths
from workbook.atomic import TEMP_SUFFIX, atomic_write_pieces
from workbook.errors import NotFoundError, UsageError, WorkbookError
from workbook.refs import was_opened_in_place

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack
    from workbook.service import WorkbookService

SNIFF_LIMIT = 64 * 1024 * 1024
"""The most bytes read of an existing file to tell what it is; a bigger one is not ours."""
EXPORTS_FOLDER = "exports"
"""Where the in-app export and ``share`` without ``-o`` write, inside the home folder."""

_COMPANION = re.compile(
    r"\.json(?P<kind>\.v\d+\.bak|\.bak|\.lock|\.damaged(?:\.\d+)?)$", re.IGNORECASE
)
_TABLES_START = re.compile(rb'\{\s*"[a-z_]+"\s*:\s*\{')
"""How a relationship file starts (tables are objects; an export's first value is a list)."""
_MARKDOWN_HEADS = ("# Mentoring workbook: ", "# Mentoring session ")
"""How our Markdown outputs start: an export, a session recap."""
_ICS_PRODID = "PRODID:-//Mentor Workbook//"


class OutputRefusedError(WorkbookError):
    """An output path that must not be written (see the module docstring)."""


class OutputKind(StrEnum):
    """What an output holds: it decides which existing file counts as one of ours."""

    MARKDOWN = "Markdown export"
    JSON = "JSON export"
    ICS = "calendar export"
    SHARE = "shared copy"
    REPORT = "report"


EXPORT_KINDS: dict[str, OutputKind] = {
    "markdown": OutputKind.MARKDOWN,
    "json": OutputKind.JSON,
    "ics": OutputKind.ICS,
}
"""The output kind of each export format."""
SUFFIXES: dict[OutputKind, str] = {
    OutputKind.MARKDOWN: ".md",
    OutputKind.JSON: ".json",
    OutputKind.ICS: ".ics",
    OutputKind.SHARE: ".json",
}


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise OutputRefusedError(f"{path} cannot be resolved (a loop of symbolic links)") from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _relationship_doc(data: bytes) -> dict[str, Any] | None:
    """The relationship document of ``data`` when it is in the relationship-file format."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    table = raw.get("relationship") if isinstance(raw, dict) else None
    docs = list(table.values()) if isinstance(table, dict) else []
    if len(docs) == 1 and isinstance(docs[0], dict) and "schema_version" in docs[0]:
        return docs[0]
    return None


def _is_our_export(data: bytes) -> bool:
    """True for an earlier Markdown, JSON or calendar export of this program."""
    head = data[:4096].decode("utf-8", "replace")
    if head.startswith(_MARKDOWN_HEADS) or _ICS_PRODID in head:
        return True
    if head.lstrip().startswith("{"):
        try:
            raw = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):
            return False
        exported_by = raw.get("exported_by") if isinstance(raw, dict) else None
        return isinstance(exported_by, str) and exported_by.startswith("mentor-workbook")
    return False


SameShare = Callable[[dict[str, Any]], bool]
"""For a shared copy: True when an existing relationship document is an earlier shared copy
of the same relationship for the same side (replaced without ``--force``)."""


def check_output(
    path: Path,
    kind: OutputKind,
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
    same_share: SameShare | None = None,
    ours: bool = False,
) -> Path:
    """The real file to write for ``path`` (symbolic links resolved), or
    :class:`OutputRefusedError` / :class:`UsageError` / :class:`NotFoundError` in one line.

    ``protect`` are relationship files the caller has open (refused wherever they are).
    ``ours``: the caller knows the file there is its own last output (it wrote it, and the
    file's size, times and inode have not changed since), so its content is not read again;
    every check of the place still applies.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name for the {kind}")
    real = _resolved(path)
    shown = (
        f"{path} (a link to {real})" if real != _resolved(path.parent) / path.name else str(path)
    )
    if not real.parent.is_dir():
        raise NotFoundError(f"no folder {path.parent} to write the {kind} into")
    _refuse_relationship_places(real, shown, protect)
    if not real.exists():
        return real
    if not real.is_file():
        raise OutputRefusedError(f"refusing to write the {kind} to {shown}: not a regular file")
    if ours:
        return real
    with real.open("rb") as handle:
        data = handle.read(SNIFF_LIMIT + 1)
    if not data:
        return real
    if len(data) > SNIFF_LIMIT:  # too big to parse here: judged by how it starts
        if force and not _TABLES_START.match(data):
            return real
        raise OutputRefusedError(
            f"{shown} already exists and is too large to check; "
            + ("it looks like a relationship file" if force else "pass --force to replace it")
        )
    document = _relationship_doc(data)
    if document is not None:
        if same_share is not None and same_share(document):
            return real
        raise OutputRefusedError(
            f"refusing to write the {kind} to {shown}: it is a relationship file"
        )
    if force or (kind is not OutputKind.SHARE and _is_our_export(data)):
        return real
    raise OutputRefusedError(
        f"{shown} already exists and is not a Mentor Workbook export; pass --force to replace it"
    )


def _refuse_relationship_places(real: Path, shown: str, protect: Sequence[Path]) -> None:
    """Refuse the places no output may go, whatever ``--force`` says."""
    companion = _COMPANION.search(real.name)
    if companion is not None:
        suffix = companion.group("kind").lower()
        what = (
            "the lock"
            if suffix == ".lock"
            else "a damaged copy"
            if suffix.startswith(".damaged")
            else "a backup"
        )
        raise OutputRefusedError(
            f"refusing to write to {shown}: it is {what} of a relationship file"
        )
    home = _resolved(paths.home_dir())
    for folder in (home / "relationships", home / "archive"):
        if _inside(real, folder):
            raise OutputRefusedError(
                f"refusing to write to {shown}: it is inside the relationships folder {folder}"
                if folder.name == "relationships"
                else f"refusing to write to {shown}: it is inside the archive folder {folder}"
            )
    for guarded in protect:
        if real == _resolved(Path(guarded)):
            raise OutputRefusedError(f"refusing to write to {shown}: it is the relationship file")
    if real.name.startswith(".") and real.name.endswith(TEMP_SUFFIX):
        raise OutputRefusedError(f"refusing to write to {shown}: it is a temporary file of a save")
    if was_opened_in_place(real):
        raise OutputRefusedError(
            f"refusing to write to {shown}: it is a relationship file (it has a lock or a backup)"
        )


def write_output(
    path: Path,
    pieces: str | Iterable[str],
    kind: OutputKind,
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
    same_share: SameShare | None = None,
    ours: bool = False,
) -> Path:
    """Check ``path`` (:func:`check_output`, ``ours`` as there), then write ``pieces`` to its
    real target atomically, 0600 (``pieces`` may be made as they are written). Returns the
    real target; an ``OSError`` names it."""
    target = check_output(
        path, kind, force=force, protect=protect, same_share=same_share, ours=ours
    )
    atomic_write_pieces(target, [pieces] if isinstance(pieces, str) else pieces)
    return target


def home_export_name(service: WorkbookService) -> str:
    """The file name (no suffix) of ``service``'s in-app export: the relationship file's own
    name when it is a valid slug, else that name made into one. Never the slug stored inside
    the file: a received copy can say anything there (``../../x``)."""
    from workbook.models.relationship import slugify

    stem = service.path.stem
    return stem if paths.is_slug(stem) else slugify(stem)


def export_to_home(
    service: WorkbookService,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
    fmt: str = "markdown",
) -> Path:
    """Write a shareable export (nothing private) into ``<home>/exports`` and return its path
    (named after the relationship's file; see :func:`write_in_exports`)."""
    from workbook.exports import export_text

    kind = EXPORT_KINDS[fmt]
    text = export_text(service, fmt, include_private=False, pack=pack, catalog=catalog)
    return write_in_exports(home_export_name(service), text, kind, protect=[service.path])


def exports_dir() -> Path:
    """Where outputs go when the user names no path: ``<home>/exports``."""
    return paths.home_dir() / EXPORTS_FOLDER


def write_in_exports(
    name: str,
    pieces: str | Sequence[str],
    kind: OutputKind,
    *,
    protect: Sequence[Path] = (),
    same_share: SameShare | None = None,
) -> Path:
    """Write ``pieces`` to ``<home>/exports/<name><suffix>`` (the folder made 0700) and return
    the real file written. An earlier output of ours there is replaced (for a shared copy:
    one of the same relationship for the same side); a file that is not one of ours is kept,
    and the output takes the next free name (``name-2``...). ``name`` must be a safe file name
    (a slug): it never comes from a received file as it is."""
    folder = paths.ensure_private_dir(exports_dir())
    for number in range(1, 1000):
        candidate = folder / f"{name if number == 1 else f'{name}-{number}'}{SUFFIXES[kind]}"
        try:
            return write_output(candidate, pieces, kind, protect=protect, same_share=same_share)
        except OutputRefusedError:
            if not candidate.exists() or candidate.is_symlink():
                raise
    raise OutputRefusedError(f"no free name for the {kind} in {folder}")
