"""``mentor-workbook status REF [--json]``: one relationship at a glance, without the app."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbook.refs import resolve_ref


def add_parser(subparsers: Any) -> None:
    """Register ``status`` on ``subparsers``."""
    status = subparsers.add_parser(
        "status", help="one relationship at a glance: sessions, agreement, goals, homework"
    )
    status.add_argument("ref", metavar="REF", help="a slug (see 'list') or a path to a file")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    """``status``: print the relationship's status (read-only: the file is not locked)."""
    from workbook.content.catalog import PackCatalog
    from workbook.service import WorkbookService
    from workbook.status import build_status, format_status
    from workbook.summary import lenient_lookup

    service = WorkbookService.open(resolve_ref(args.ref), read_only=True)
    pack = lenient_lookup(PackCatalog.default(extra=args.content))(service.relationship.pack_id)
    report = build_status(service, pack)
    if args.json:
        print(
            json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True)
        )
    else:
        sys.stdout.write(format_status(report))
    return 0
