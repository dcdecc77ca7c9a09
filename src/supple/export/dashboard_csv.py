"""A clinician's dashboard as a CSV file (RFC 4180), for a spreadsheet.

A cell a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage
return) is written with a ' in front, as OWASP's advice on CSV injection says: a client's name or an
exercise's is text, never something to run. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence

from supple.progress.dashboard import IDLE_DAYS, ClientRow
from supple.progress.history import PainReport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAIN_DIRECTION = {"better": "better", "worse": "worse", "steady": "about the same", "unknown": ""}
HEADER = (
    "Client", "Last session", "Days since the last session", "Sessions this week", "Weekly goal",
    "Pain before the first session", "Pain before the latest session", "Pain trend",
    "Pain alerts in 30 days", "Latest pain alert", f"No session in {IDLE_DAYS} days",
)  # fmt: skip

Cell = str | int | None


def safe_cell(value: Cell) -> Cell:
    """The value, with a ' in front of text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def alert_words(alert: PainReport, name_of: Callable[[str], str]) -> str:
    """One pain alert in words, as on the clients' pages (_partials/pain_alert.html)."""
    day = f"{alert.at:%Y-%m-%d}"
    if alert.moment == "hurt":
        rated = f"pain {alert.score} of 10" if alert.score is not None else "not rated"
        return f"“This hurts” during {name_of(alert.exercise or '')}, {rated}, {day}"
    return f"Pain {alert.score} of 10 {alert.moment} a session, {day}"


def _row(row: ClientRow, now: dt.datetime, name_of: Callable[[str], str]) -> list[Cell]:
    last = row.last_session
    return [
        row.name,
        f"{last.astimezone():%Y-%m-%d %H:%M}" if last else None,
        (now - last).days if last else None,
        row.this_week,
        row.goal,
        row.pain.first,
        row.pain.latest,
        PAIN_DIRECTION.get(row.pain.direction, ""),
        len(row.alerts),
        alert_words(row.alerts[0], name_of) if row.alerts else None,
        "yes" if row.idle else "no",
    ]


def dashboard_csv(rows: Sequence[ClientRow], *, now: dt.datetime, name_of: Callable[[str], str]) -> bytes:
    """The rows in the order given, under a header; UTF-8 with a byte-order mark, which spreadsheets
    need to read the names' accents right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    lines: Iterable[Sequence[Cell]] = [HEADER, *(_row(row, now, name_of) for row in rows)]
    writer.writerows([safe_cell(cell) for cell in line] for line in lines)
    return out.getvalue().encode("utf-8-sig")
