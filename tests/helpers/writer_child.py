"""A child process for the fault-injection and locking tests (run as a script).

Modes:

``loop PATH``
    Print ``waiting``, wait for a line on stdin, open PATH, print ``ready N`` and then, forever: set the answer
    ``counter`` to N, flush, print N (only after the flush returned). The parent kills it.
``hold PATH``
    Open PATH, set three answers, print ``ready``, wait for a line on stdin, close, exit.
    With ``MENTOR_WORKBOOK_HOLDER`` set, the lock says that is what holds it (as a command
    such as ``merge`` does).
``tinydb PATH``
    Like ``loop`` but with TinyDB's default ``JSONStorage`` (for comparison only).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run_loop(path: Path) -> None:
    """Save an increasing counter as fast as possible, confirming each save on stdout."""
    from workbook.service import WorkbookService

    _say("waiting")
    sys.stdin.readline()
    service = WorkbookService.open(path)
    current = service.answer("counter", "mentor")
    number = int(current.value) + 1 if current is not None else 1  # type: ignore[arg-type]
    _say(f"ready {number}")
    while True:
        service.set_answer("counter", "mentor", number)
        service.flush()
        _say(str(number))
        number += 1


def run_hold(path: Path) -> None:
    """Hold the file open with unsaved answers until told to close."""
    import os

    from workbook import locking
    from workbook.service import WorkbookService

    locking.set_holder(os.environ.get("MENTOR_WORKBOOK_HOLDER", ""))
    service = WorkbookService.open(path)
    for index in range(3):
        service.set_answer(f"held-{index}", "mentee", f"answer {index} from the child")
    _say("ready")
    sys.stdin.readline()
    service.close()
    _say("closed")


def run_tinydb(path: Path) -> None:
    """The same loop on TinyDB's default storage, with a value whose length varies."""
    from tinydb import TinyDB

    _say("waiting")
    sys.stdin.readline()
    db = TinyDB(path)
    table = db.table("answers")
    number = 1
    _say(f"ready {number}")
    while True:
        table.update({"counter": number, "pad": "x" * (number * 7919 % 3000)}, doc_ids=[1])
        _say(str(number))
        number += 1


MODES = {"loop": run_loop, "hold": run_hold, "tinydb": run_tinydb}
"""Each mode's function, by name."""


def main() -> None:
    """Dispatch on the mode given as the first argument."""
    mode, path = sys.argv[1], Path(sys.argv[2])
    MODES[mode](path)


if __name__ == "__main__":
    main()
