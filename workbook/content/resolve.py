"""Apply ``extends``: a child pack's drops, replaced, appended and inserted tabs on its parent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbook.content.errors import ContentProblem
from workbook.content.model import Pack, Prompt, Tab
from workbook.content.parser import Manifest, RawPack, TabFile


@dataclass
class Resolved:
    """The outcome of resolving one pack: the pack (None when broken) and its own problems."""

    pack: Pack | None
    problems: list[ContentProblem] = field(default_factory=list)


class Resolver:
    """Resolves packs by id, following ``extends`` (cached; unknown and circular extends caught).

    ``raw_for`` returns the unresolved pack for an id (None when no such pack);
    ``known_ids`` lists the ids that exist, for messages.
    """

    def __init__(
        self,
        raw_for: Callable[[str], RawPack | None],
        known_ids: Callable[[], list[str]],
    ) -> None:
        self._raw_for = raw_for
        self._known_ids = known_ids
        self._cache: dict[Path, Resolved] = {}

    def resolve(self, raw: RawPack) -> Resolved:
        """Resolve ``raw`` on top of the pack it extends (each folder is resolved once)."""
        cached = self._cache.get(raw.folder)
        if cached is None:
            cached = self._resolve(raw)
            self._cache[raw.folder] = cached
        return cached

    def _resolve(self, raw: RawPack) -> Resolved:
        problems = list(raw.problems)
        manifest = raw.manifest
        if manifest is None:
            return Resolved(None, sorted(problems, key=ContentProblem.sort_key))
        parent: Pack | None = None
        if manifest.extends is not None:
            parent = self._parent(manifest, problems)
            if parent is None:
                return Resolved(None, sorted(problems, key=ContentProblem.sort_key))
        pack = merge(manifest, raw.tabs, parent, problems)
        problems.sort(key=ContentProblem.sort_key)
        return Resolved(None if problems else pack, problems)

    def _parent(self, manifest: Manifest, problems: list[ContentProblem]) -> Pack | None:
        parent_id = manifest.extends
        assert parent_id is not None
        line = manifest.line_of("extends")
        cycle = self._cycle(manifest)
        if cycle is not None:
            problems.append(
                ContentProblem(manifest.path, line, f"circular extends: {' -> '.join(cycle)}")
            )
            return None
        parent_raw = self._raw_for(parent_id)
        if parent_raw is None:
            others = ", ".join(i for i in self._known_ids() if i != manifest.id) or "none"
            problems.append(
                ContentProblem(
                    manifest.path,
                    line,
                    f"extends {parent_id!r}, but there is no such pack (available: {others})",
                )
            )
            return None
        parent = self.resolve(parent_raw).pack
        if parent is None:
            problems.append(
                ContentProblem(
                    manifest.path,
                    line,
                    f"the pack it extends, {parent_id!r}, has problems: fix those first",
                )
            )
        return parent

    def _cycle(self, manifest: Manifest) -> list[str] | None:
        """The extends chain back to ``manifest``'s own id when it loops to itself, else None."""
        chain = [manifest.id]
        next_id = manifest.extends
        while next_id is not None:
            chain.append(next_id)
            if next_id == manifest.id:
                return chain
            if chain.count(next_id) > 1:
                return None  # a loop further up: reported by the pack in it
            raw = self._raw_for(next_id)
            if raw is None or raw.manifest is None:
                return None
            next_id = raw.manifest.extends
        return None


def merge(
    manifest: Manifest,
    tab_files: list[TabFile],
    parent: Pack | None,
    problems: list[ContentProblem],
) -> Pack | None:
    """Build the pack of ``manifest`` from ``parent`` (None when it extends nothing)."""
    tabs = list(parent.tabs) if parent else []
    _drop(manifest, tabs, parent, problems)
    own_ids = {tab_file.tab.id for tab_file in tab_files}
    anchors: dict[str, str] = {}
    for tab_file in tab_files:
        child = tab_file.tab
        index = next((i for i, tab in enumerate(tabs) if tab.id == child.id), None)
        if index is not None:
            tabs[index] = child if tab_file.mode == "replace" else _append(tabs[index], child)
            continue
        if tab_file.mode == "append" and tab_file.prompt_count == 0:
            problems.append(
                ContentProblem(
                    tab_file.path,
                    1,
                    "this tab has no prompts: start each question with a '## ' heading",
                )
            )
        tabs.insert(_insert_at(tab_file, tabs, parent, anchors, problems), child)
    for tab in tabs:
        if not tab.prompts and tab.id not in own_ids:
            problems.append(
                ContentProblem(
                    manifest.path,
                    manifest.line_of("drop"),
                    f"drop removes every prompt of tab {tab.id!r}: use drop_tabs to remove the tab",
                )
            )
    if not tabs and not any(p.path.parent == manifest.path.parent for p in problems):
        problems.append(ContentProblem(manifest.path, 1, "this pack has no tabs"))
    _check_duplicates(tabs, problems)
    review = manifest.review_months or (parent.review_months if parent else 6)
    try:
        return Pack(
            id=manifest.id,
            title=manifest.title,
            version=manifest.version,
            description=manifest.description or (parent.description if parent else ""),
            extends=manifest.extends,
            review_months=review,
            tabs=tuple(tabs),
            source_dir=manifest.path.parent,
        )
    except ValueError as exc:
        problems.append(ContentProblem(manifest.path, 1, f"invalid pack: {exc}"))
        return None


def _drop(
    manifest: Manifest, tabs: list[Tab], parent: Pack | None, problems: list[ContentProblem]
) -> None:
    """Remove the prompts and tabs named by ``drop`` and ``drop_tabs`` from ``tabs``."""
    for key, names, what in (
        ("drop", manifest.drop, "prompt"),
        ("drop_tabs", manifest.drop_tabs, "tab"),
    ):
        for name in names:
            if parent is None:
                message = f"{key}: this pack extends no other pack, so there is no {what} {name!r}"
            elif what == "tab" and any(tab.id == name for tab in tabs):
                tabs[:] = [tab for tab in tabs if tab.id != name]
                continue
            elif what == "prompt" and any(p.id == name for tab in tabs for p in tab.prompts):
                tabs[:] = [_without(tab, name) for tab in tabs]
                continue
            else:
                message = f"{key}: the pack {parent.id!r} has no {what} {name!r}"
            problems.append(ContentProblem(manifest.path, manifest.line_of(key), message))


def _without(tab: Tab, prompt_id: str) -> Tab:
    if not any(prompt.id == prompt_id for prompt in tab.prompts):
        return tab
    kept = tuple(prompt for prompt in tab.prompts if prompt.id != prompt_id)
    return tab.model_copy(update={"prompts": kept})


def _append(parent: Tab, child: Tab) -> Tab:
    """``child``'s prompts added to ``parent``'s (same id replaces in place); title from child."""
    prompts: list[Prompt] = list(parent.prompts)
    for prompt in child.prompts:
        index = next((i for i, p in enumerate(prompts) if p.id == prompt.id), None)
        if index is None:
            prompts.append(prompt)
        else:
            prompts[index] = prompt
    return parent.model_copy(
        update={
            "title": child.title,
            "session": child.session,
            "intro": child.intro or parent.intro,
            "prompts": tuple(prompts),
            "source": child.source,
        }
    )


def _insert_at(
    tab_file: TabFile,
    tabs: list[Tab],
    parent: Pack | None,
    anchors: dict[str, str],
    problems: list[ContentProblem],
) -> int:
    """Where a new tab goes: after its ``after:`` tab (and tabs already put there), else last."""
    after = tab_file.after
    if after is None:
        return len(tabs)
    anchor = anchors.get(after, after)
    index = next((i for i, tab in enumerate(tabs) if tab.id == anchor), None)
    if index is None:
        if parent is None:
            message = f"after: this pack extends no other pack, so there is no tab {after!r}"
        else:
            names = ", ".join(tab.id for tab in tabs) or "none"
            message = f"after: there is no tab {after!r} to follow (tabs so far: {names})"
        problems.append(ContentProblem(tab_file.path, tab_file.after_line, message))
        return len(tabs)
    anchors[after] = tab_file.tab.id
    return index + 1


def _check_duplicates(tabs: list[Tab], problems: list[ContentProblem]) -> None:
    """Report a prompt id used twice in the resolved pack (across files)."""
    seen: dict[str, Prompt] = {}
    for tab in tabs:
        for prompt in tab.prompts:
            first = seen.setdefault(prompt.id, prompt)
            if first is prompt:
                continue
            where = str(first.source) if first.source else "another tab"
            problems.append(
                ContentProblem(
                    prompt.source.path if prompt.source else Path("."),
                    prompt.source.line if prompt.source else 1,
                    f"duplicate prompt id {prompt.id!r} (also used at {where})",
                )
            )
