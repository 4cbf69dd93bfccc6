"""A disk cache of parsed packs, so opening a workbook does not parse Markdown every time.

A cached pack is keyed by a fingerprint of every pack file the catalog can see (name, size,
modification time) and the program's version: editing any pack file, or upgrading, makes a
fresh parse. The cache is only an optimisation: any problem reading or writing it is ignored.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from workbook import paths
from workbook.atomic import atomic_write_text
from workbook.content.model import Pack


def _cache_file(pack_id: str, key: str) -> Path:
    return paths.cache_dir() / "packs" / f"{pack_id}-{key}.json"


def load_cached(pack_id: str, key: str) -> Pack | None:
    """The cached pack for ``pack_id`` under ``key``, or None."""
    try:
        return Pack.model_validate_json(_cache_file(pack_id, key).read_bytes())
    except (OSError, ValidationError, ValueError):
        return None


def store_cached(pack_id: str, key: str, pack: Pack) -> None:
    """Remember ``pack`` under ``key`` (old entries of the same pack are removed)."""
    target = _cache_file(pack_id, key)
    try:
        paths.ensure_private_dir(target.parent)
        for old in target.parent.glob(f"{pack_id}-*.json"):
            if old != target:
                old.unlink(missing_ok=True)
        atomic_write_text(target, pack.model_dump_json())
    except OSError:
        pass
