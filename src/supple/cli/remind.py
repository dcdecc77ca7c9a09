"""`supple remind`: a calendar file with a repeating stretching reminder."""

from __future__ import annotations

from pathlib import Path

from supple.cli.console import console
from supple.cli.context import command_context
from supple.cli.parsing import Parser


def define(name: str, parser: Parser) -> None:
    parser.runs(remind_command)
    parser.add_argument("--days", required=True, help="Days of the week, e.g. mon,wed,fri.")
    parser.add_argument("--at", required=True, help="Local time, e.g. 07:30.")
    parser.add_argument("--ics", type=Path, required=True, metavar="FILE", help="Where to write the calendar (.ics).")


def remind_command(*, days: str, at: str, ics: Path) -> None:
    """Write a repeating reminder that imports into common calendar apps (RFC 5545)."""
    from supple.services.progress import write_reminders

    chosen, time = write_reminders(command_context(), days=days, at=at, path=ics)
    console().print(f"Wrote {ics}: every {', '.join(chosen)} at {time:%H:%M}. Import it into your calendar app.")
