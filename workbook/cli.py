"""The ``mentor-workbook`` command line. Textual is imported only when the UI opens."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from workbook import __version__, paths
from workbook.errors import WorkbookError

PROG = "mentor-workbook"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{PROG}: error: {message} (see '{PROG} --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser of every subcommand."""
    from workbook import cli_commands, cli_content, cli_sharing

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (errors print one line, never a traceback)."""
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.home is not None:
        paths.set_home_override(args.home)
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            from workbook.cli_commands import run_home

            return run_home(args)
        return int(handler(args))
    except WorkbookError as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        sys.stderr.write(f"{PROG}: error: {first_line}\n")
        for extra in str(error).splitlines()[1:]:
            sys.stderr.write(f"  {extra}\n")
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        sys.stderr.write(f"{PROG}: error: {error.strerror or error}: {error.filename or ''}\n")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
