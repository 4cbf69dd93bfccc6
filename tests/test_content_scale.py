"""The content engine is linear in a pack's size: huge packs load in seconds, not hours.

Each test is sized so that quadratic code could not finish within its (generous) bound on any
machine: 100,000 options took over a minute with the duplicate check the engine had, and the
resolution cases below would take hours (10^9 and more steps), while the linear engine needs a
few seconds at most. The bounds are wide on purpose: they catch the shape of the cost, not a
few percent of speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.packs import manifest, write_pack
from workbook.content.catalog import load_pack_dir
from workbook.content.errors import ContentProblem
from workbook.content.manifest import Manifest
from workbook.content.model import Pack, Prompt, PromptKind, ShowIf, Tab
from workbook.content.parser import TabFile
from workbook.content.resolve import merge

BOUND_SECONDS = 20.0
"""Far above what the linear engine takes (3-5 s of CPU for the biggest case here on a 2-core
machine, up to 12 s on a slow day), far below what the quadratic one took (over a minute for
100,000 options)."""


def timed(action: Callable[[], object]) -> float:
    """CPU seconds ``action()`` takes in this process: the other test workers sharing the
    machine's cores do not count (in wall time, 100,000 options once took 20.2 s with four
    workers on two cores; alone, about 10 s on that slow day)."""
    start = time.process_time()
    action()
    return time.process_time() - start


@pytest.mark.long_running
def test_a_hundred_thousand_options_load(tmp_path: Path) -> None:
    count = 100_000
    options = "\n".join(f"- Option number {n}" for n in range(count))
    body = (
        "---\nid: t\ntitle: T\n---\n## Pick\n\n- id: pick\n- kind: multiple choice\n\n"
        f"Options:\n\n{options}\n"
    )
    folder = write_pack(tmp_path, "big", {"pack.md": manifest("big"), "10-t.md": body})
    loaded: list[Pack] = []
    seconds = timed(lambda: loaded.append(load_pack_dir(folder)))
    assert seconds < BOUND_SECONDS, f"{count} options took {seconds:.1f} s"
    assert len(loaded[0].tabs[0].prompts[0].options) == count


def prompts(prefix: str, count: int, show_if: ShowIf | None = None) -> tuple[Prompt, ...]:
    """``count`` short-text prompts with ids ``<prefix>-<n>``."""
    return tuple(
        Prompt(id=f"{prefix}-{n}", title=f"Q {n}", kind=PromptKind.SHORT_TEXT, show_if=show_if)
        for n in range(count)
    )


def child_manifest(tmp_path: Path, drop: list[str]) -> Manifest:
    return Manifest(
        tmp_path / "child" / "pack.md", "child", "Child", "1.0", extends="base", drop=drop
    )


def test_resolving_a_huge_extension_is_linear(tmp_path: Path) -> None:
    count = 60_000
    parent = Pack(
        id="base",
        title="Base",
        version="1",
        tabs=(
            Tab(id="one", title="One", prompts=prompts("a", count)),
            *(Tab(id=f"t{n}", title="T", prompts=prompts(f"t{n}", 1)) for n in range(count // 10)),
        ),
    )
    appended = Tab(id="one", title="One", prompts=prompts("a", count // 2) + prompts("new", count))
    new_tabs = [
        TabFile(
            tmp_path / f"{n}.md",
            Tab(id=f"new-tab-{n}", title="N", prompts=prompts(f"n{n}", 1)),
            after="t0",
        )
        for n in range(count // 10)
    ]
    files = [TabFile(tmp_path / "one.md", appended, mode="append", prompt_count=1), *new_tabs]
    drop = [f"a-{n}" for n in range(count // 2, count)]
    problems: list[ContentProblem] = []
    built: list[Pack | None] = []
    seconds = timed(
        lambda: built.append(merge(child_manifest(tmp_path, drop), files, parent, problems))
    )
    assert seconds < BOUND_SECONDS, f"resolving took {seconds:.1f} s"
    assert problems == []
    pack = built[0]
    assert pack is not None
    one = pack.tabs[0]
    assert len(one.prompts) == count // 2 + count
    assert [tab.id for tab in pack.tabs[1:4]] == ["t0", "new-tab-0", "new-tab-1"]


def test_checking_many_conditions_is_linear(tmp_path: Path) -> None:
    count = 40_000
    decider = Prompt(
        id="mode",
        title="Mode",
        kind=PromptKind.SINGLE_CHOICE,
        options=tuple(f"o{n}" for n in range(count)),
    )
    shown = prompts("follow", count, show_if=ShowIf(prompt="mode", values=(f"o{count - 1}",)))
    files = [TabFile(tmp_path / "t.md", Tab(id="t", title="T", prompts=(decider, *shown)))]
    problems: list[ContentProblem] = []
    own = Manifest(tmp_path / "p" / "pack.md", "p", "P", "1.0")
    seconds = timed(lambda: merge(own, files, None, problems))
    assert seconds < BOUND_SECONDS, f"checking took {seconds:.1f} s"
    assert problems == []
