"""Builders for content-pack tests: pack folders written from short texts, and their problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

from workbook import paths
from workbook.content.catalog import PackCatalog


def write_pack(root: Path, name: str, files: dict[str, str | bytes]) -> Path:
    """Write a pack folder ``root/name`` holding ``files`` (texts are dedented)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        if isinstance(text, bytes):
            (folder / file_name).write_bytes(text)
        else:
            (folder / file_name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


def manifest(pack_id: str, extra: str = "", body: str = "") -> str:
    """A ``pack.md`` with the required keys plus ``extra`` front matter lines and ``body``."""
    return f"---\nid: {pack_id}\ntitle: Pack {pack_id}\nversion: 1.0\n{extra}---\n{body}"


def tab(tab_id: str, *prompt_ids: str, extra: str = "", intro: str = "") -> str:
    """A tab file with one short-text prompt per id."""
    text = f"---\nid: {tab_id}\ntitle: Tab {tab_id}\n{extra}---\n\n{intro}\n\n"
    for prompt_id in prompt_ids:
        text += f"## Question {prompt_id}?\n\n- id: {prompt_id}\n- kind: short text\n\n"
    return text


def problems_of(root: Path, folder: Path | None = None, bundled: bool = False) -> list[str]:
    """The problems of the pack(s) in ``folder`` (default ``root``) as strings, ``root/``
    removed; ``bundled`` lets them extend the bundled packs."""
    dirs = [paths.bundled_content_dir()] if bundled else []
    found = PackCatalog(dirs).check(folder or root)
    return [str(problem).replace(f"{root}/", "") for problem in found]
