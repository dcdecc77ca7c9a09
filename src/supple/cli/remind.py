"""`supple remind`: a calendar file with a repeating stretching reminder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.console import console
from supple.cli.context import command_context


def remind_command(
    days: Annotated[str, typer.Option("--days", help="Days of the week, e.g. mon,wed,fri.")],
    at: Annotated[str, typer.Option("--at", help="Local time, e.g. 07:30.")],
    ics: Annotated[Path, typer.Option("--ics", metavar="FILE", help="Where to write the calendar (.ics).")],
) -> None:
    """Write a repeating reminder that imports into common calendar apps (RFC 5545)."""
    from supple.services.progress import write_reminders

    chosen, time = write_reminders(command_context(), days=days, at=at, path=ics)
    console().print(f"Wrote {ics}: every {', '.join(chosen)} at {time:%H:%M}. Import it into your calendar app.")
