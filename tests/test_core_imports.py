"""The core (``workbook/``) never imports Textual; the UI (``screens/``, with the App class) is
reached only from inside the command-line functions that open it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from helpers.files import REPO_ROOT

PACKAGE = REPO_ROOT / "workbook"
UI_ENTRY = "screens.app"
"""The one UI module the command line may import, and only inside a function."""
UI_PACKAGES = ("textual", "screens")

CORE_MODULES = [
    "workbook",
    "workbook.cli",
    "workbook.cli_commands",
    "workbook.service",
    "workbook.store",
    "workbook.storage",
    "workbook.models",
    "workbook.summary",
    "workbook.summary_index",
    "workbook.refs",
    "workbook.library",
    "workbook.archive",
    "workbook.cadence_input",
    "workbook.typed_input",
    "workbook.privacy",
    "workbook.exports",
    "workbook.exports.json_export",
    "workbook.cli_report",
    "workbook.report.reading",
    "workbook.report.home_line",
    "workbook.report.render_table",
    "workbook.report.render_markdown",
    "workbook.report.render_csv",
    "workbook.report.render_json",
    "workbook.report.render_html",
]
OPTIONAL_MODULES = ["workbook.content.catalog", "workbook.cli_content"]
"""Imported too when they exist (other parts of the project may add them later)."""

PROBE = """
import importlib, json, sys
loaded, missing = [], []
for name in sys.argv[1].split(","):
    importlib.import_module(name)
    loaded.append(name)
for name in sys.argv[2].split(","):
    try:
        importlib.import_module(name)
        loaded.append(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        missing.append(name)
from workbook.exports import EXPORTERS, get_exporter
for fmt in EXPORTERS:
    get_exporter(fmt)
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "screens"))
print(json.dumps({"loaded": loaded, "missing": missing, "ui": ui, "exporters": sorted(EXPORTERS)}))
"""


def test_importing_the_core_leaves_textual_out() -> None:
    """In a fresh interpreter, importing every core module loads no Textual module."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(CORE_MODULES), ",".join(OPTIONAL_MODULES)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ui"] == []
    assert "json" in report["exporters"]
    assert set(CORE_MODULES) <= set(report["loaded"])


def test_cli_parser_leaves_textual_out() -> None:
    """Building the CLI parser (every subcommand) imports no Textual module."""
    code = (
        "import sys; from workbook.cli import build_parser; build_parser();"
        "print(sorted(m for m in sys.modules if m.startswith('textual')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _imports(tree: ast.AST) -> list[tuple[str, int, bool]]:
    """``(module, line, at_top_level)`` for every import statement in ``tree``."""
    top_level = {id(node) for node in getattr(tree, "body", [])}
    found: list[tuple[str, int, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno, id(node) in top_level))
    return found


def test_no_core_module_imports_textual_statically() -> None:
    """No file under ``workbook/`` imports textual or the screens, except ``screens.app``
    imported inside a function (the command line opening the UI)."""
    offenders: list[str] = []
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    for file in files:
        relative = file.relative_to(REPO_ROOT).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=relative)
        for module, line, top in _imports(tree):
            root = module.split(".")[0]
            if module == UI_ENTRY and not top:
                continue
            if root in UI_PACKAGES:
                offenders.append(f"{relative}:{line}: imports {module}")
    assert offenders == []


def test_static_scan_catches_an_offender() -> None:
    """The scanner itself sees imports nested in functions."""
    tree = ast.parse("def f():\n    from textual.app import App\nimport os\n")
    assert ("textual.app", 2, False) in _imports(tree)
    assert ("os", 3, True) in _imports(tree)
