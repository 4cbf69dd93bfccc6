"""The parsed-pack disk cache: used when nothing changed, never when a pack file did."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from workbook.content import cache
from workbook.content.catalog import PackCatalog
from workbook.content.fingerprint import fingerprint

EXAMPLE = Path(__file__).parent.parent / "docs" / "example-pack"


def test_a_second_load_comes_from_the_cache(home: Path, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(EXAMPLE, packs / "example")
    first = PackCatalog([packs]).load("example")
    cached = list((home / "cache" / "packs").glob("example-*.json"))
    assert len(cached) == 1
    key = fingerprint([packs])
    assert cache.load_cached("example", key) == first
    assert PackCatalog([packs]).load("example") == first


def test_editing_a_pack_file_is_seen_at_once(home: Path, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(EXAMPLE, packs / "example")
    before = PackCatalog([packs]).load("example")
    manifest = packs / "example" / "pack.md"
    manifest.write_text(
        manifest.read_text("utf-8").replace("version: 1.0", "version: 1.1"), "utf-8"
    )
    os.utime(manifest, ns=(1, 1))  # even with an old modification time: the size changed
    after = PackCatalog([packs]).load("example")
    assert (before.version, after.version) == ("1.0", "1.1")
    assert len(list((home / "cache" / "packs").glob("example-*.json"))) == 1  # old entry gone


def test_a_damaged_cache_entry_is_ignored(home: Path, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(EXAMPLE, packs / "example")
    good = PackCatalog([packs]).load("example")
    for entry in (home / "cache" / "packs").glob("example-*.json"):
        entry.write_text("{not json", "utf-8")
    assert PackCatalog([packs]).load("example") == good
