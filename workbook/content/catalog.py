"""The content packs a user can pick: bundled ones, their own, and an extra ``--content`` folder.

Cheap to import and to create: packs are parsed only when asked for (plus the packs they extend).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from workbook.content.errors import ContentError, ContentProblem
from workbook.content.frontmatter import quick_pack_id
from workbook.content.model import Pack
from workbook.errors import NotFoundError

if TYPE_CHECKING:
    from workbook.content.parser import RawPack
    from workbook.content.resolve import Resolved, Resolver

MANIFEST = "pack.md"


class PackSummary(BaseModel):
    """One line of ``content list``: a pack's identity and size."""

    id: str
    title: str
    version: str
    tabs: int
    prompts: int
    source_dir: Path
    extends: str | None = None


def _is_candidate(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith((".", "_"))


def pack_folders(folder: Path) -> tuple[list[Path], list[Path]]:
    """The pack folders in ``folder`` (itself, or its sub-folders with a ``pack.md``).

    Also returns the sub-folders that hold Markdown files but no ``pack.md`` (broken packs).
    """
    if (folder / MANIFEST).is_file():
        return [folder], []
    packs: list[Path] = []
    strays: list[Path] = []
    try:
        children = sorted(child for child in folder.iterdir() if _is_candidate(child))
    except OSError:
        return [], []
    for child in children:
        if (child / MANIFEST).is_file():
            packs.append(child)
        elif _has_markdown(child):
            strays.append(child)
    return packs, strays


def _has_markdown(folder: Path) -> bool:
    try:
        return any(path.suffix.lower() == ".md" for path in folder.iterdir())
    except OSError:
        return False


class PackCatalog:
    """Finds packs by id in a list of folders; later folders override earlier ones."""

    def __init__(self, search_dirs: Sequence[Path]) -> None:
        self._dirs = [Path(folder) for folder in search_dirs]
        self._index: dict[str, Path] | None = None
        self._raw: dict[Path, RawPack] = {}
        self._resolver: Resolver | None = None
        self._loaded: dict[str, Pack] = {}

    @classmethod
    def default(cls, extra: Path | None = None) -> PackCatalog:
        """The bundled packs, then ``<home>/packs``, then ``extra`` (a pack or folder of packs)."""
        from workbook import paths

        dirs = [paths.bundled_content_dir(), paths.user_packs_dir()]
        if extra is not None:
            dirs.append(Path(extra).expanduser())
        return cls(dirs)

    @property
    def search_dirs(self) -> list[Path]:
        """The folders searched, in order (later ones win)."""
        return list(self._dirs)

    def _folders(self) -> dict[str, Path]:
        if self._index is None:
            index: dict[str, Path] = {}
            for folder in self._dirs:
                if not folder.is_dir():
                    continue
                for pack_dir in pack_folders(folder)[0]:
                    index[quick_pack_id(pack_dir / MANIFEST) or pack_dir.name] = pack_dir
            self._index = index
        return self._index

    def pack_ids(self) -> list[str]:
        """Every pack id available, sorted."""
        return sorted(self._folders())

    def source_dir(self, pack_id: str) -> Path:
        """The folder the pack ``pack_id`` is read from (NotFoundError when there is none)."""
        folder = self._folders().get(pack_id)
        if folder is None:
            from workbook.content.suggest import closest

            known = self.pack_ids()
            match = closest(pack_id, known)
            hint = f" (did you mean {match!r}?)" if match is not None else ""
            available = ", ".join(known) or "none"
            raise NotFoundError(f"no content pack called {pack_id!r}{hint}; available: {available}")
        return folder

    def _raw_at(self, folder: Path) -> RawPack:
        raw = self._raw.get(folder)
        if raw is None:
            from workbook.content.parser import parse_pack_dir

            raw = self._raw[folder] = parse_pack_dir(folder)
        return raw

    def _raw_for(self, pack_id: str) -> RawPack | None:
        folder = self._folders().get(pack_id)
        return None if folder is None else self._raw_at(folder)

    def _resolve(self, folder: Path) -> Resolved:
        if self._resolver is None:
            from workbook.content.resolve import Resolver

            self._resolver = Resolver(self._raw_for, self.pack_ids)
        return self._resolver.resolve(self._raw_at(folder))

    def load(self, pack_id: str) -> Pack:
        """The pack ``pack_id`` with extends applied (NotFoundError, or ContentError if broken).

        A pack parsed before is read from the disk cache unless a pack file changed since.
        """
        if pack_id in self._loaded:
            return self._loaded[pack_id]
        from workbook.content import cache

        folder = self.source_dir(pack_id)
        key = self.fingerprint()
        pack = cache.load_cached(pack_id, key)
        if pack is None or pack.source_dir != folder:
            result = self._resolve(folder)
            if result.pack is None:
                raise ContentError(result.problems)
            pack = result.pack
            cache.store_cached(pack_id, key, pack)
        self._loaded[pack_id] = pack
        return pack

    def fingerprint(self) -> str:
        """A short hash of every pack file this catalog can see (their paths, sizes and
        times) and the program's version: it changes whenever any pack could read differently."""
        from workbook.content.fingerprint import fingerprint

        return fingerprint(folder for folder in self._dirs if folder.is_dir())

    def resolution(self, pack_id: str) -> Resolved:
        """The pack ``pack_id`` freshly resolved (no disk cache), with its problems and where
        each tab and prompt came from (NotFoundError when there is no such pack)."""
        return self._resolve(self.source_dir(pack_id))

    def problems(self, pack_id: str) -> list[ContentProblem]:
        """Every problem of the pack ``pack_id`` (empty when it loads)."""
        return list(self._resolve(self.source_dir(pack_id)).problems)

    def summaries(self) -> list[PackSummary]:
        """A summary of each pack that loads (broken packs are left out)."""
        result = []
        for pack_id in self.pack_ids():
            try:
                pack = self.load(pack_id)
            except ContentError:
                continue
            result.append(summarise(pack, self._folders()[pack_id]))
        return result

    def check(self, folder: Path | None = None) -> list[ContentProblem]:
        """Every problem in every pack (``folder=None``) or in the pack(s) in ``folder``."""
        return [problem for found in self.check_packs(folder).values() for problem in found]

    def check_packs(self, folder: Path | None = None) -> dict[Path, list[ContentProblem]]:
        """The problems of each pack folder checked, keyed by folder (empty list = valid).

        ``folder`` is one pack folder or a folder of packs; they may extend catalog packs.
        """
        if folder is None:
            targets = sorted(set(self._folders().values()))
            strays = [s for d in self._dirs if d.is_dir() for s in pack_folders(d)[1]]
            return self._check(self, targets, strays)
        folder = Path(folder)
        if not folder.is_dir():
            raise NotFoundError(f"{folder} is not a folder")
        targets, strays = pack_folders(folder)
        if not targets and not strays:
            if not _has_markdown(folder):
                raise NotFoundError(
                    f"no content packs in {folder}: expected a pack.md there or pack folders inside"
                )
            strays = [folder]
        return self._check(PackCatalog([*self._dirs, folder]), targets, strays)

    @staticmethod
    def _check(
        catalog: PackCatalog, targets: list[Path], strays: list[Path]
    ) -> dict[Path, list[ContentProblem]]:
        report: dict[Path, list[ContentProblem]] = {}
        winners = {path: pack_id for pack_id, path in catalog._folders().items()}
        for target in targets:
            if target in winners:
                report[target] = list(catalog._resolve(target).problems)
                continue
            pack_id = quick_pack_id(target / MANIFEST) or target.name
            other = catalog._folders().get(pack_id)
            report[target] = [
                ContentProblem(
                    target / MANIFEST, 1, f"the pack id {pack_id!r} is also used by {other}"
                )
            ]
        for stray in strays:
            report[stray] = [
                ContentProblem(
                    stray / MANIFEST,
                    1,
                    "missing pack.md: every pack needs one, with id, title and version",
                )
            ]
        return dict(sorted(report.items()))


def summarise(pack: Pack, folder: Path) -> PackSummary:
    """The summary line of a loaded pack."""
    return PackSummary(
        id=pack.id,
        title=pack.title,
        version=pack.version,
        tabs=len(pack.tabs),
        prompts=len(pack.all_prompts()),
        source_dir=folder,
        extends=pack.extends,
    )


def resolve_pack_dir(folder: Path, catalog: PackCatalog | None = None) -> Resolved:
    """Resolve the single pack in ``folder`` (its ``extends`` may name packs of ``catalog``)."""
    folder = Path(folder)
    dirs = catalog.search_dirs if catalog is not None else []
    return PackCatalog([*dirs, folder])._resolve(folder)


def load_pack_dir(folder: Path, catalog: PackCatalog | None = None) -> Pack:
    """Load the single pack in ``folder``; its ``extends`` may name packs of ``catalog``."""
    result = resolve_pack_dir(folder, catalog)
    if result.pack is None:
        raise ContentError(result.problems)
    return result.pack
