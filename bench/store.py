"""Store figures: recording one set (a committed transaction) and `stats` over five years.

Budget (issue 6): `supple stats` on five years of daily sessions under 100 ms. The figure is the
service call in a running process (the web app's case); the cold command adds Python's and the
libraries' start-up, shown beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from bench.stats import summary_ms
from supple.config import Settings
from supple.services.context import AppContext
from supple.services.progress import stats
from supple.session.results import FinishedSet
from supple.store.database.tables import SessionRow, SetRow

DAYS = 5 * 365 + 1
SETS_PER_SESSION = 8
START = dt.datetime(2021, 11, 1, 7, 30, tzinfo=dt.UTC)


def record_set_times(context: AppContext, runs: int = 300) -> list[float]:
    sessions = context.store.sessions
    person = context.store.people.local_person(now=START)
    session = sessions.open(person_id=person, plan={}, planned_seconds=600, pain_before=3, now=START)
    result = FinishedSet(
        exercise="pigeon-pose", kind="hold", side="left", rep=1, seconds=30.0, planned_seconds=30, step=3
    )
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        sessions.add_set(session_id=session, result=result, now=START)
        timings.append(time.perf_counter() - began)
    return timings


def fill_five_years(context: AppContext) -> None:
    """Daily sessions for five years, written in bulk (the figure is reading, not writing)."""
    person = context.store.people.local_person(now=START)
    exercises = ["pigeon-pose", "cat-cow", "soleus-stretch", "kneeling-hip-flexor-stretch"]
    with context.store.database.engine.begin() as connection:
        for day in range(DAYS):
            started = START + dt.timedelta(days=day)
            row = {"person_id": person, "started_at": started, "ended_at": started + dt.timedelta(minutes=15),
                   "state": "finished", "plan": {}, "planned_seconds": 900, "pain_before": 3 + day % 3,
                   "pain_after": 2 + day % 2}  # fmt: skip
            session_id = connection.execute(insert(SessionRow).values(**row)).inserted_primary_key[0]
            connection.execute(insert(SetRow), [
                {"session_id": session_id, "step": n, "exercise": exercises[n % 4], "kind": "hold",
                 "side": "left" if n % 2 else "right", "rep": 1 + n // 2, "seconds": 30.0, "planned_seconds": 30,
                 "skipped": False, "hurt": False, "pain": None, "ended_at": started + dt.timedelta(seconds=40 * n)}
                for n in range(SETS_PER_SESSION)
            ])  # fmt: skip


def run(runs: int = 20) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as home:
        context = AppContext(Settings(home=Path(home)), clock=lambda: START)
        rows.append({"what": "record one set (SQLite, committed)", **summary_ms(record_set_times(context))})
        context.close()
    with tempfile.TemporaryDirectory() as home:
        five_years_on = START + dt.timedelta(days=DAYS)
        context = AppContext(Settings(home=Path(home)), clock=lambda: five_years_on)
        fill_five_years(context)
        stats(context)  # the first call opens the database
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            stats(context)
            timings.append(time.perf_counter() - began)
        context.close()
        rows.append({"what": f"stats over {DAYS} daily sessions, in process", **summary_ms(timings)})
        env = {**os.environ, "SUPPLE_HOME": home}
        command = [str(Path(sys.executable).parent / "supple"), "stats", "--json"]
        cold = []
        for _ in range(5):
            began = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            cold.append(time.perf_counter() - began)
        rows.append({"what": "supple stats --json, cold process", **summary_ms(cold)})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
