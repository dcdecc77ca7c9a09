"""`supple remind`: a calendar file with a repeating stretching reminder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def remind_command(
    days: Annotated[str, typer.Option("--days", help="Days of the week, e.g. mon,wed,fri.")],
    at: Annotated[str, typer.Option("--at", help="Local time, e.g. 07:30.")],
    ics: Annotated[Path, typer.Option("--ics", metavar="FILE", help="Where to write the calendar (.ics).")],
) -> None:
    """Write a repeating reminder that imports into common calendar apps (RFC 5545)."""
    import datetime as dt

    from supple.cli.console import console
    from supple.export.reminders import parse_days, parse_time, reminder_calendar
    from supple.store.atomic import write_bytes_atomically

    chosen, time = parse_days(days), parse_time(at)
    now = dt.datetime.now(dt.UTC)
    data = reminder_calendar(days=chosen, at=time, start=dt.date.today(), now=now)
    write_bytes_atomically(ics, data)
    console().print(f"Wrote {ics}: every {', '.join(chosen)} at {time:%H:%M}. Import it into your calendar app.")
