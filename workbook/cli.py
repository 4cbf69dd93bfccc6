"""The ``mentor-workbook`` command line. Textual is imported only when the UI opens."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from workbook import __version__, locking, paths
from workbook.errors import UsageError, WorkbookError
from workbook.text import one_line

PROG = "mentor-workbook"
UI_COMMANDS = frozenset({None, "open", "demo"})
"""Commands that hold a relationship in a window (the others are named in their locks)."""


def error_line(message: str) -> str:
    """``mentor-workbook: error: <message>`` as one printable line: names and paths from files
    and from the command line may hold control characters, which never reach the terminal."""
    return f"{PROG}: error: {one_line(message)}\n"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(error_line(f"{message} (see '{PROG} --help')"))
        raise SystemExit(2)


def check_utf8(argv: Sequence[str]) -> None:
    """Refuse a command line that is not valid UTF-8 (Python keeps undecodable bytes as lone
    surrogates, which no name may hold and no output can print)."""
    for number, argument in enumerate(argv, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "replace").decode("utf-8")
            raise UsageError(
                f"argument {number} ({one_line(shown)[:40]!r}) is not valid UTF-8 text; "
                "give names and paths in UTF-8"
            ) from None


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser of every subcommand."""
    from workbook import (
        cli_commands,
        cli_content,
        cli_report,
        cli_sharing,
        cli_status,
        cli_sync,
    )

    parser = _Parser(
        prog=PROG,
        description="A guided workbook for starting and running a mentoring relationship.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--home",
        type=Path,
        metavar="DIR",
        help="folder for relationships and packs (default: $MENTOR_WORKBOOK_HOME or the "
        "platform's user data folder)",
    )
    parser.add_argument(
        "--content", type=Path, metavar="DIR", help="an extra folder of content packs"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    cli_commands.add_parsers(subparsers)
    cli_content.add_parser(subparsers)
    cli_sharing.add_parsers(subparsers)
    cli_sync.add_parser(subparsers)
    cli_status.add_parser(subparsers)
    cli_report.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (errors print one line, never a traceback)."""
    arguments = list(argv) if argv is not None else sys.argv[1:]
    try:
        check_utf8(arguments)
    except UsageError as error:
        sys.stderr.write(error_line(str(error)))
        return error.exit_code
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.home is not None:
        paths.set_home_override(args.home)
    locking.set_holder("" if args.command in UI_COMMANDS else f"'{PROG} {args.command}'")
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            from workbook.cli_commands import run_home

            return run_home(args)
        return int(handler(args))
    except WorkbookError as error:
        lines = str(error).splitlines() or [type(error).__name__]
        sys.stderr.write(error_line(lines[0]))
        for extra in lines[1:]:
            sys.stderr.write(f"  {one_line(extra)}\n")
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        sys.stderr.write(error_line(os_error_message(error)))
        return 1
    finally:
        locking.set_holder("")


def os_error_message(error: OSError) -> str:
    """An ``OSError`` as "<problem>: <file>" ("No space left on device: /x/y.md"), or just the
    problem when no file is known (never a dangling ": ")."""
    problem = error.strerror or str(error) or type(error).__name__
    return f"{problem}: {error.filename}" if error.filename else problem


if __name__ == "__main__":
    raise SystemExit(main())
