"""A clinician's alerts: what in a client's pain needs a look.

A "this hurts" during a session, rated or not, and any pain rating of 6 or more out of 10 (before
or after a session, or at a "this hurts") is an alert, for 30 days after it was given. On a 0-10
scale 6 and above is commonly read as moderate to severe pain; a month is as long as a screening
lasts (safety/screen.py), so an alert is there until the client has been screened again since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from supple.progress.history import PainReport

ALERT_FROM = 6
ALERT_DAYS = 30


def is_alert(report: PainReport) -> bool:
    return report.moment == "hurt" or (report.score is not None and report.score >= ALERT_FROM)


def alerts_since(now: dt.datetime) -> dt.datetime:
    """Where the window of alerts starts."""
    return now - dt.timedelta(days=ALERT_DAYS)


def alerts(reports: Iterable[PainReport]) -> dict[int, list[PainReport]]:
    """Each person's alerts, newest first (those with none are left out)."""
    found: dict[int, list[PainReport]] = {}
    for report in reports:
        if is_alert(report):
            found.setdefault(report.person_id, []).append(report)
    return {person: sorted(each, key=lambda r: r.at, reverse=True) for person, each in found.items()}
