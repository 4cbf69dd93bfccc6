"""The real ``mentor-workbook`` command line with the terminal UI left out (run as a script).

Everything runs as the installed command would, except that opening a workbook prints
``UI opens <path>`` instead of starting Textual: a subprocess test can then check what
``open`` decided (an import, a merge) without a terminal. ``test_e2e_terminal.py`` and
``test_two_machines.py`` open the real UI in tmux where it matters.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path


def _print_instead(
    open_path: Path | None = None, role: object = None, content: object = None, notice: str = ""
) -> int:
    print(f"UI opens {open_path}")
    return 0


if __name__ == "__main__":
    sys.modules["screens.app"] = types.SimpleNamespace(run_app=_print_instead)  # type: ignore[assignment]
    from workbook.cli import main

    raise SystemExit(main(sys.argv[1:]))
