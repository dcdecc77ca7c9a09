"""A clinician's dashboard: each client's last session, their sessions this week against the goal,
their pain trend and what needs a look, in the order the clinician asks for.

What needs a look: the pain alerts (progress/alerts.py: a "this hurts", a pain of 6 or more, in the
last 30 days) and no session in IDLE_DAYS. A week is one of the goal's weeks (progress/adherence.py,
Monday first); "now" and "today" are the caller's, from the injected clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from supple.progress.adherence import WEEKLY_GOAL, weeks
from supple.progress.history import PainReport, SessionRecord
from supple.progress.outcomes import PainTrend, pain_trend

# A week without a session is as long as the goal's week: three sessions a week leave no gap of 7 days.
IDLE_DAYS = 7

SortKey = Literal["name", "last", "week", "pain", "alerts"]
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
DEFAULT_SORT: SortKey = "alerts"


@dataclass(frozen=True)
class ClientRow:
    person_id: int
    name: str
    last_session: dt.datetime | None
    this_week: int  # sessions that count toward the goal, since Monday
    pain: PainTrend
    alerts: tuple[PainReport, ...]  # newest first
    idle: bool  # no session in IDLE_DAYS (or none yet)
    last_session_id: int | None = None
    goal: int = WEEKLY_GOAL

    @property
    def on_goal(self) -> bool:
        return self.this_week >= self.goal

    @property
    def needs_a_look(self) -> int:
        """How many things need a look: each pain alert, and no recent session."""
        return len(self.alerts) + int(self.idle)

    def to_json(self) -> dict[str, object]:
        return {
            "client": self.person_id, "name": self.name,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "last_session_id": self.last_session_id,
            "sessions_this_week": self.this_week, "weekly_goal": self.goal,
            "pain_first": self.pain.first, "pain_latest": self.pain.latest, "pain_direction": self.pain.direction,
            "alerts": [
                {"at": a.at.isoformat(), "moment": a.moment, "score": a.score, "exercise": a.exercise}
                for a in self.alerts
            ],
            "no_recent_session": self.idle,
        }  # fmt: skip


def client_row(
    *,
    person_id: int,
    name: str,
    sessions: Sequence[SessionRecord],
    alerts: Sequence[PainReport],
    now: dt.datetime,
    today: dt.date,
) -> ClientRow:
    """One client's row, from their sessions (oldest first) and their alerts."""
    latest = max(sessions, key=lambda s: (s.started_at, s.id), default=None)
    last = latest.started_at if latest is not None else None
    return ClientRow(
        person_id=person_id,
        name=name,
        last_session=last,
        last_session_id=latest.id if latest is not None else None,
        this_week=weeks(sessions, today=today, count=1)[0].sessions,
        pain=pain_trend(sessions),
        alerts=tuple(sorted(alerts, key=lambda a: a.at, reverse=True)),
        idle=last is None or now - last >= dt.timedelta(days=IDLE_DAYS),
    )


_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def _key(row: ClientRow, by: SortKey) -> float | str:
    """The value a column sorts by: what has none (no session, no rating) sorts as the lowest."""
    if by == "last":
        return (row.last_session or _NEVER).timestamp()
    if by == "week":
        return row.this_week
    if by == "pain":
        return -1 if row.pain.latest is None else row.pain.latest
    if by == "alerts":
        return row.needs_a_look
    return row.name.casefold()


def sort_rows(rows: Sequence[ClientRow], *, by: SortKey = DEFAULT_SORT, descending: bool = False) -> list[ClientRow]:
    """The rows in the order of a column; ties keep the names in alphabetical order both ways."""
    ordered = sorted(rows, key=lambda row: row.name.casefold())
    return sorted(ordered, key=lambda row: _key(row, by), reverse=descending)  # stable: ties keep the names' order
