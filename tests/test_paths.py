"""Where files go (``--home`` > ``MENTOR_WORKBOOK_HOME`` > platform default) and how they are made."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from helpers.files import REPO_ROOT

from workbook import paths
from workbook.atomic import sweep_temp_files, temp_prefix
from workbook.locking import lock_path_for
from workbook.service import WorkbookService
from workbook.store import backup_path_for


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run with umask 000, so only the program's own modes protect the files."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_override_beats_env_beats_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--home`` (set_home_override) wins over the variable, which wins over platformdirs."""
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    paths.set_home_override(None)
    default = Path(platformdirs.user_data_dir("mentor-workbook", appauthor=False))
    assert paths.home_dir() == default
    monkeypatch.setenv(paths.HOME_ENV_VAR, str(tmp_path / "env"))
    assert paths.home_dir() == tmp_path / "env"
    try:
        paths.set_home_override(tmp_path / "flag")
        assert paths.home_dir() == tmp_path / "flag"
        assert paths.relationships_dir() == tmp_path / "flag" / "relationships"
        assert paths.relationship_path("a-b") == tmp_path / "flag" / "relationships" / "a-b.json"
        assert paths.user_packs_dir() == tmp_path / "flag" / "packs"
        assert paths.settings_path() == tmp_path / "flag" / "settings.json"
    finally:
        paths.set_home_override(None)
    assert paths.home_dir() == tmp_path / "env"


def test_blank_env_var_is_ignored_and_tilde_expands(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty variable means "not set"; ``~`` in either source is the user's home."""
    monkeypatch.setenv(paths.HOME_ENV_VAR, "   ")
    assert paths.home_dir() == Path(platformdirs.user_data_dir("mentor-workbook", appauthor=False))
    monkeypatch.setenv(paths.HOME_ENV_VAR, "~/wb")
    assert paths.home_dir() == Path.home() / "wb"


def test_home_fixture_points_at_tmp(home: Path, tmp_path: Path) -> None:
    """The shared ``home`` fixture puts every path under the test's tmp_path."""
    assert paths.home_dir() == home and home.parent == tmp_path
    assert paths.relationships_dir() == home / "relationships"


def test_nothing_is_computed_at_import(tmp_path: Path) -> None:
    """A fresh interpreter: changing the variable after import still moves the home folder,
    and importing ``workbook.paths`` does not even load platformdirs."""
    code = (
        "import os, sys; import workbook.paths as p;"
        "assert 'platformdirs' not in sys.modules, 'platformdirs loaded at import';"
        f"os.environ['MENTOR_WORKBOOK_HOME'] = {str(tmp_path)!r};"
        "print(p.relationships_dir())"
    )
    env = {k: v for k, v in os.environ.items() if k != paths.HOME_ENV_VAR}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "relationships")


PATH_FUNCTIONS = {
    "home_dir",
    "relationships_dir",
    "relationship_path",
    "user_packs_dir",
    "settings_path",
    "bundled_content_dir",
    "user_data_dir",
}


def _module_level_calls(tree: ast.Module) -> list[tuple[str, int]]:
    """Calls to path functions that run at import (module body and class bodies)."""
    found: list[tuple[str, int]] = []
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            # The body runs later; default values and decorators run at import.
            pending.extend(d for d in node.args.defaults + node.args.kw_defaults if d)
            pending.extend(getattr(node, "decorator_list", []))
            continue
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in PATH_FUNCTIONS:
                found.append((name, node.lineno))
        pending.extend(ast.iter_child_nodes(node))
    return found


def test_no_module_computes_paths_at_import() -> None:
    """No module of ``workbook/`` or ``screens/`` calls a path function at import time."""
    offenders = []
    for folder in ("workbook", "screens"):
        for file in sorted((REPO_ROOT / folder).rglob("*.py")):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            offenders += [
                f"{file.relative_to(REPO_ROOT)}:{line}: {name}()"
                for name, line in _module_level_calls(tree)
            ]
    assert offenders == []
    sample = ast.parse(
        "import x\nHOME = x.home_dir()\ndef f(p=x.settings_path()):\n    return x.home_dir()\n"
    )
    assert sorted(_module_level_calls(sample)) == [("home_dir", 2), ("settings_path", 3)]


@pytest.mark.usefixtures("open_umask")
def test_relationship_file_0600_in_folder_0700(home: Path) -> None:
    """New files are 0600 and their folder 0700, even with umask 000; saves keep the mode."""
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="standard", pack_version="1"
    )
    with service:
        assert service.path == home / "relationships" / "ana-bo.json"
        assert _mode(service.path) == 0o600
        assert _mode(service.path.parent) == 0o700
        assert _mode(home) == 0o700  # (made on the way: it was 0777 under this umask)
        service.set_answer("p", "mentor", "text")
        assert service.flush()
        assert _mode(service.path) == 0o600
        assert _mode(lock_path_for(service.path)) == 0o600
    assert _mode(service.path) == 0o600
    assert _mode(backup_path_for(service.path)) == 0o600


def test_leftover_temp_files_are_swept_on_open(tmp_path: Path) -> None:
    """``.<name>.<random>.tmp`` files from a killed write go when a writer opens the file."""
    service = WorkbookService.create(
        mentor="Ana", mentee="Bo", pack_id="standard", pack_version="1", folder=tmp_path
    )
    service.close()
    path = service.path
    leftovers = [tmp_path / f"{temp_prefix(path)}{tag}.tmp" for tag in ("k3j2_x", "a1b2c3")]
    backup_leftover = tmp_path / f"{temp_prefix(backup_path_for(path))}zz.tmp"
    unrelated = [tmp_path / ".other.json.abc.tmp", tmp_path / "notes.tmp"]
    for file in [*leftovers, backup_leftover, *unrelated]:
        file.write_text("half a write", encoding="utf-8")
    with WorkbookService.open(path, read_only=True):
        assert all(file.exists() for file in leftovers)  # readers change nothing
    with WorkbookService.open(path):
        pass
    assert not any(file.exists() for file in [*leftovers, backup_leftover])
    assert all(file.exists() for file in unrelated)
    assert sweep_temp_files(path) == []


@pytest.mark.usefixtures("open_umask")
def test_every_folder_a_private_folder_needs_is_made_private(tmp_path: Path) -> None:
    """The folders made on the way to a private one are 0700 too (``cache/`` on the way to
    ``cache/first-look``); folders that were there keep their mode, a file in the way is an
    error, and an existing private folder only loses its group and other bits."""
    from workbook.paths import ensure_private_dir

    above = tmp_path / "above"
    above.mkdir(mode=0o755)
    os.chmod(above, 0o755)
    target = ensure_private_dir(above / "home" / "cache" / "first-look")
    assert target.is_dir()
    assert [_mode(folder) for folder in (target, target.parent, target.parent.parent)] == [
        0o700
    ] * 3
    assert _mode(above) == 0o755
    os.chmod(target, 0o750)
    ensure_private_dir(target)
    assert _mode(target) == 0o700
    os.chmod(target, 0o500)  # (read-only by its owner's choice: it stays so)
    ensure_private_dir(target)
    assert _mode(target) == 0o500
    os.chmod(target, 0o700)
    (above / "file").write_text("x")
    with pytest.raises(OSError):
        ensure_private_dir(above / "file" / "below")
