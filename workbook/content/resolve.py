"""Apply ``extends``: a child pack's drops, replaced, appended and inserted tabs on its parent.

Resolving is linear in the size of the packs: tabs and prompts are found through dictionaries
built once, and new tabs are placed by one walk over "which tabs follow which" rather than by
inserting into a list (each insertion would shift every tab after it). Alongside the pack, the
resolver records where each tab and prompt came from (its :class:`Lineage`), which
``mentor-workbook content show`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypedDict, TypeVar

from workbook.content.checks import check_pack
from workbook.content.errors import ContentProblem
from workbook.content.manifest import Manifest
from workbook.content.model import (
    AgreementSection,
    CadenceDefaults,
    GoalSettings,
    Pack,
    Prompt,
    Tab,
)
from workbook.content.parser import RawPack, TabFile
from workbook.content.suggest import SUGGESTION_BUDGET, did_you_mean

T = TypeVar("T")

LISTED_IDS = 60
"""How many existing ids a message lists before pointing at ``content show``."""


class Origin(StrEnum):
    """Where a tab or prompt of a resolved pack comes from."""

    OWN = "own"
    """Written in this pack, which extends nothing."""
    INHERITED = "inherited"
    """Taken unchanged from the pack it extends."""
    REPLACED = "replaced"
    """Given again in this pack with the id of one it extends (the new one is used)."""
    EXTENDED = "extended"
    """A tab of the pack it extends with questions added here (``mode: append``)."""
    ADDED = "added"
    """New in this pack, which extends another."""


@dataclass(frozen=True)
class Dropped:
    """A tab or prompt of the extended pack that the resolved pack leaves out, and why."""

    what: str
    """``tab`` or ``prompt``."""
    id: str
    reason: str
    """``drop``, ``drop_tabs``, or ``tab replaced`` (its tab was replaced without it)."""
    path: Path
    line: int
    """Where this pack left it out: the ``drop`` line, or the replacing tab file."""


@dataclass
class Lineage:
    """Where each tab and prompt of a resolved pack came from, and what it left out."""

    tabs: dict[str, Origin] = field(default_factory=dict)
    prompts: dict[str, Origin] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    dropped_prompts: dict[str, Dropped] = field(default_factory=dict)
    """The left-out prompts by id."""

    def leave_out(self, dropped: Dropped) -> None:
        """Record that ``dropped`` is left out (and no longer comes from anywhere)."""
        table = self.tabs if dropped.what == "tab" else self.prompts
        table.pop(dropped.id, None)
        self.dropped.append(dropped)
        if dropped.what == "prompt":
            self.dropped_prompts[dropped.id] = dropped


@dataclass
class Resolved:
    """The outcome of resolving one pack: the pack (None when broken) and its own problems."""

    pack: Pack | None
    problems: list[ContentProblem] = field(default_factory=list)
    lineage: Lineage = field(default_factory=Lineage)


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
        lineage = Lineage()
        pack = merge(manifest, raw.tabs, parent, problems, lineage)
        problems.sort(key=ContentProblem.sort_key)
        return Resolved(None if problems else pack, problems, lineage)

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
            known = [i for i in self._known_ids() if i != manifest.id]
            problems.append(
                ContentProblem(
                    manifest.path,
                    line,
                    f"extends {parent_id!r}, but there is no such pack"
                    f"{did_you_mean(parent_id, known)} (available: {', '.join(known) or 'none'})",
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
        seen = {manifest.id}
        next_id = manifest.extends
        while next_id is not None:
            chain.append(next_id)
            if next_id == manifest.id:
                return chain
            if next_id in seen:
                return None  # a loop further up: reported by the pack in it
            seen.add(next_id)
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
    lineage: Lineage | None = None,
) -> Pack | None:
    """Build the pack of ``manifest`` from ``parent`` (None when it extends nothing)."""
    lineage = lineage if lineage is not None else Lineage()
    base = _Base(parent, lineage)
    base.drop(manifest, problems)
    placed = _place_tabs(tab_files, base, parent, problems)
    own_ids = {tab_file.tab.id for tab_file in tab_files}
    for tab in placed:
        if not tab.prompts and tab.id not in own_ids:
            problems.append(
                ContentProblem(
                    manifest.path,
                    manifest.line_of("drop"),
                    f"drop removes every prompt of tab {tab.id!r}: use drop_tabs to remove the tab",
                )
            )
    if not placed and not any(p.path.parent == manifest.path.parent for p in problems):
        problems.append(ContentProblem(manifest.path, 1, "this pack has no tabs"))
    _check_duplicates(placed, problems)
    try:
        pack = Pack(
            id=manifest.id,
            title=manifest.title,
            version=manifest.version,
            description=manifest.description or (parent.description if parent else ""),
            extends=manifest.extends,
            tabs=tuple(placed),
            source_dir=manifest.path.parent,
            **_programme(manifest, parent),
        )
    except ValueError as exc:
        problems.append(ContentProblem(manifest.path, 1, f"invalid pack: {exc}"))
        return None
    own_settings = {
        prompt_id: settings
        for tab_file in tab_files
        for prompt_id, settings in tab_file.prompt_settings.items()
    }
    check_pack(pack, manifest, problems, own_settings, lineage)
    return pack


class _Base:
    """The parent's tabs as the child starts from them, found by id in constant time."""

    def __init__(self, parent: Pack | None, lineage: Lineage) -> None:
        self.parent = parent
        self.lineage = lineage
        self.tabs: dict[str, Tab] = {tab.id: tab for tab in parent.tabs} if parent else {}
        origin = Origin.INHERITED
        for tab in self.tabs.values():
            lineage.tabs[tab.id] = origin
            for prompt in tab.prompts:
                lineage.prompts[prompt.id] = origin
        self.parent_prompts: set[str] = set(lineage.prompts)

    def drop(self, manifest: Manifest, problems: list[ContentProblem]) -> None:
        """Remove the prompts named by ``drop``, then the tabs named by ``drop_tabs``."""
        wanted = set(manifest.drop)
        found: set[str] = set()
        if wanted:
            for tab_id, tab in list(self.tabs.items()):
                hits = [prompt.id for prompt in tab.prompts if prompt.id in wanted]
                if hits:
                    found.update(hits)
                    kept = tuple(prompt for prompt in tab.prompts if prompt.id not in wanted)
                    self.tabs[tab_id] = tab.model_copy(update={"prompts": kept})
        for name in dict.fromkeys(manifest.drop):
            if name in found:
                self._forget(manifest, name, "prompt", "drop")
        missing_tabs = [name for name in manifest.drop_tabs if name not in self.tabs]
        for name in dict.fromkeys(manifest.drop_tabs):
            removed = self.tabs.pop(name, None)
            if removed is None:
                continue
            self._forget(manifest, removed.id, "tab", "drop_tabs")
            for prompt in removed.prompts:
                self._forget(manifest, prompt.id, "prompt", "drop_tabs")
        missing_prompts = [name for name in manifest.drop if name not in found]
        self._report_missing(manifest, "drop", "prompt", missing_prompts, problems)
        self._report_missing(manifest, "drop_tabs", "tab", missing_tabs, problems)

    def _forget(self, manifest: Manifest, item_id: str, what: str, key: str) -> None:
        dropped = Dropped(what, item_id, key, manifest.path, manifest.line_of(key))
        self.lineage.leave_out(dropped)

    def _report_missing(
        self,
        manifest: Manifest,
        key: str,
        what: str,
        names: list[str],
        problems: list[ContentProblem],
    ) -> None:
        if not names:
            return
        line = manifest.line_of(key)
        if self.parent is None:
            for name in names:
                message = f"{key}: this pack extends no other pack, so there is no {what} {name!r}"
                problems.append(ContentProblem(manifest.path, line, message))
            return
        existing = (
            [tab.id for tab in self.parent.tabs]
            if what == "tab"
            else [prompt.id for prompt in self.parent.all_prompts()]
        )
        listing = _listing(existing, self.parent.id)
        for number, name in enumerate(names):
            hint = did_you_mean(name, existing) if number < SUGGESTION_BUDGET else ""
            message = (
                f"{key}: the pack {self.parent.id!r} has no {what} {name!r}{hint} "
                f"(its {what}s: {listing})"
            )
            problems.append(ContentProblem(manifest.path, line, message))


def _listing(ids: list[str], pack_id: str) -> str:
    """``a, b, c`` or, for a long list, its start and where to see the rest."""
    if len(ids) <= LISTED_IDS:
        return ", ".join(ids) or "none"
    rest = len(ids) - LISTED_IDS
    return (
        f"{', '.join(ids[:LISTED_IDS])} and {rest} more: see "
        f"'mentor-workbook content show {pack_id}'"
    )


def _place_tabs(
    tab_files: list[TabFile],
    base: _Base,
    parent: Pack | None,
    problems: list[ContentProblem],
) -> list[Tab]:
    """The pack's tabs in order: the parent's (changed by the child's files in place), with
    new tabs after their ``after:`` tab (and the tabs put there before them), else at the end."""
    lineage = base.lineage
    tabs = dict(base.tabs)
    order = [tab.id for tab in parent.tabs if tab.id in tabs] if parent else []
    followers: dict[str, list[str]] = {}
    at_end: list[str] = []
    known = set(order)
    for tab_file in tab_files:
        child = tab_file.tab
        own = Origin.OWN if parent is None else Origin.ADDED
        if child.id in tabs:
            old = tabs[child.id]
            if tab_file.mode == "replace":
                tabs[child.id] = child
                lineage.tabs[child.id] = Origin.REPLACED
                _note_replaced_tab(old, child, base, lineage)
            else:
                tabs[child.id] = _append(old, child, base, lineage)
                lineage.tabs[child.id] = Origin.EXTENDED
            continue
        if tab_file.mode == "append" and tab_file.prompt_count == 0:
            problems.append(
                ContentProblem(
                    tab_file.path,
                    1,
                    "this tab has no prompts: start each question with a '## ' heading",
                )
            )
        tabs[child.id] = child
        lineage.tabs[child.id] = own
        _note_prompts(child.prompts, base, lineage, own)
        if tab_file.after is None:
            at_end.append(child.id)
        elif tab_file.after in known:
            followers.setdefault(tab_file.after, []).append(child.id)
        else:
            listed = (order, followers, at_end) if len(problems) < SUGGESTION_BUDGET else None
            problems.append(_after_problem(tab_file, parent, listed))
            at_end.append(child.id)
        known.add(child.id)
    return [tabs[tab_id] for tab_id in _walk([*order, *at_end], followers)]


def _walk(roots: list[str], followers: dict[str, list[str]]) -> list[str]:
    """``roots`` in order, each followed by the tabs placed after it (and theirs, in turn)."""
    result: list[str] = []
    stack = list(reversed(roots))
    while stack:
        tab_id = stack.pop()
        result.append(tab_id)
        stack.extend(reversed(followers.get(tab_id, [])))
    return result


def _after_problem(
    tab_file: TabFile,
    parent: Pack | None,
    listed: tuple[list[str], dict[str, list[str]], list[str]] | None,
) -> ContentProblem:
    """The problem of an ``after:`` naming no tab; ``listed`` (the tabs placed so far: the
    parent's order, the followers, the ones at the end) adds the tabs that exist, and is
    None past the first few problems, where listing them each time would cost too much."""
    after = tab_file.after
    if parent is None:
        message = f"after: this pack extends no other pack, so there is no tab {after!r}"
    else:
        message = f"after: there is no tab {after!r} to follow"
        if listed is not None:
            order, followers, at_end = listed
            so_far = _walk([*order, *at_end], followers)
            message += f"{did_you_mean(after or '', so_far)} (tabs so far: "
            message += f"{_listing(so_far, parent.id)})"
    return ContentProblem(tab_file.path, tab_file.after_line, message)


def _note_prompts(prompts: Iterable[Prompt], base: _Base, lineage: Lineage, own: Origin) -> None:
    for prompt in prompts:
        replaced = prompt.id in base.parent_prompts
        lineage.prompts[prompt.id] = Origin.REPLACED if replaced else own


def _note_replaced_tab(old: Tab, new: Tab, base: _Base, lineage: Lineage) -> None:
    """Record a tab replaced whole: its new prompts, and the old ones it leaves out."""
    kept = {prompt.id for prompt in new.prompts}
    source = new.source
    path, line = (source.path, source.line) if source else (Path("."), 1)
    for prompt in old.prompts:
        if prompt.id not in kept:
            lineage.leave_out(Dropped("prompt", prompt.id, "tab replaced", path, line))
    _note_prompts(new.prompts, base, lineage, Origin.ADDED)


def _append(parent: Tab, child: Tab, base: _Base, lineage: Lineage) -> Tab:
    """``child``'s prompts added to ``parent``'s (same id replaces in place); title from child."""
    prompts: list[Prompt] = list(parent.prompts)
    position = {prompt.id: index for index, prompt in enumerate(prompts)}
    for prompt in child.prompts:
        index = position.get(prompt.id)
        if index is None:
            position[prompt.id] = len(prompts)
            prompts.append(prompt)
        else:
            prompts[index] = prompt
    _note_prompts(child.prompts, base, lineage, Origin.ADDED)
    return parent.model_copy(
        update={
            "title": child.title,
            "session": child.session,
            "intro": child.intro or parent.intro,
            "minutes": child.minutes if child.minutes is not None else parent.minutes,
            "prompts": tuple(prompts),
            "source": child.source,
        }
    )


class _Programme(TypedDict):
    """The pack-wide settings of a resolved pack (the :class:`Pack` fields of that name)."""

    review_months: int
    planned_sessions: int | None
    programme_months: int | None
    cadence_defaults: CadenceDefaults | None
    min_contacts_per_month: int | None
    goals: GoalSettings
    agreement_sections: tuple[AgreementSection, ...]


def _programme(manifest: Manifest, parent: Pack | None) -> _Programme:
    """The pack-wide settings: the manifest's, else the parent's, else the defaults."""
    sessions = _first(manifest.sessions, parent.planned_sessions if parent else None)
    inherited = parent.cadence_defaults if parent else None
    if manifest.rhythm is not None:
        every_weeks, times = manifest.rhythm.every_weeks, manifest.rhythm.times_per_month
    else:
        every_weeks = inherited.every_weeks if inherited else None
        times = inherited.times_per_month if inherited else None
    minutes = _first(manifest.meeting_minutes, inherited.duration_minutes if inherited else None)
    cadence = None
    if any(value is not None for value in (every_weeks, times, minutes, sessions)):
        cadence = CadenceDefaults(
            every_weeks=every_weeks,
            times_per_month=times,
            duration_minutes=minutes,
            count=sessions,
        )
    goals = parent.goals if parent else GoalSettings()
    return {
        "review_months": manifest.review_months or (parent.review_months if parent else 6),
        "planned_sessions": sessions,
        "programme_months": _first(manifest.months, parent.programme_months if parent else None),
        "cadence_defaults": cadence,
        "min_contacts_per_month": _first(
            manifest.minimum_contact, parent.min_contacts_per_month if parent else None
        ),
        "goals": GoalSettings(
            examples=_first(manifest.goal_examples, goals.examples),
            action_examples=_first(manifest.action_examples, goals.action_examples),
            required=_first(manifest.goal_parts, goals.required),
            max_goals=_first(manifest.max_goals, goals.max_goals),
        ),
        "agreement_sections": _first(
            manifest.sections, parent.agreement_sections if parent else ()
        ),
    }


def _first(value: T | None, fallback: T) -> T:
    """``value`` unless it was not given (None), else ``fallback``."""
    return fallback if value is None else value


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
