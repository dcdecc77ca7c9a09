"""The clinician's dashboard and a session's page: how long they take on a busy clinic's records.

A clinician with 50 clients, each with a year of sessions three times a week (156 sessions of 8
sets, 62,400 sets in all), on SQLite in a running process (the web app's case). The dashboard reads
each client's session totals and everyone's pain alerts; a session's page reads one session.
Run: `.venv/bin/python -m bench.dashboard`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import insert

from bench.stats import summary_ms
from supple.config import Settings
from supple.services.context import AppContext
from supple.services.dashboard import dashboard, dashboard_file
from supple.services.history import exercise_detail, session_detail
from supple.services.passwords import Passwords
from supple.services.people import create_account, create_client
from supple.store.database.tables import SessionRow, SetRow

CLIENTS, WEEKS, SETS = 50, 52, 8
START = dt.datetime(2025, 11, 3, 7, 30, tzinfo=dt.UTC)
NOW = START + dt.timedelta(weeks=WEEKS)


def fill(context: AppContext) -> tuple[int, int, int]:
    """The clinic, written in bulk; the clinician's id, a client's id and one of their sessions."""
    carol = create_account(context, username="carol", password="a long enough password", role="clinician")
    exercises = ["pigeon-pose", "cat-cow", "soleus-stretch", "kneeling-hip-flexor-stretch"]
    session_id = client_id = 0
    for n in range(CLIENTS):
        client = create_client(context, clinician_id=carol.person_id, username=f"client{n}",
                               password="a long enough password")  # fmt: skip
        client_id = client.person_id
        with context.store.database.engine.begin() as connection:
            for day in (d for w in range(WEEKS) for d in (7 * w, 7 * w + 2, 7 * w + 4)):
                started = START + dt.timedelta(days=day)
                row = {"person_id": client_id, "started_at": started, "ended_at": started + dt.timedelta(minutes=15),
                       "state": "finished", "plan": {}, "planned_seconds": 900, "pain_before": 3 + day % 5,
                       "pain_after": 2 + day % 3}  # fmt: skip
                session_id = connection.execute(insert(SessionRow).values(**row)).inserted_primary_key[0]
                connection.execute(insert(SetRow), [
                    {"session_id": session_id, "step": s, "exercise": exercises[s % 4], "kind": "hold",
                     "side": "left" if s % 2 else "right", "rep": 1 + s // 2, "seconds": 30.0,
                     "planned_seconds": 30, "skipped": False, "hurt": s == 7 and day % 30 == 0, "pain": None,
                     "ended_at": started + dt.timedelta(seconds=40 * s)}
                    for s in range(SETS)
                ])  # fmt: skip
    return carol.person_id, client_id, session_id


def timed(call: object, runs: int) -> list[float]:
    assert callable(call)
    call()  # warm
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        timings.append(time.perf_counter() - began)
    return timings


def run(runs: int = 15) -> list[dict[str, object]]:
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), multi_user=True)
        context = AppContext(settings, clock=lambda: NOW, passwords=cheap)
        carol, client, session = fill(context)
        rows = [
            {"what": f"dashboard, {CLIENTS} clients x {3 * WEEKS} sessions",
             **summary_ms(timed(lambda: dashboard(context, clinician_id=carol), runs))},
            {"what": "the same as CSV",
             **summary_ms(timed(lambda: dashboard_file(context, clinician_id=carol), runs))},
            {"what": "one session's page (its sets and routine)",
             **summary_ms(timed(lambda: session_detail(context, session_id=session, person_id=client), runs))},
            {"what": f"one exercise over {3 * WEEKS} sessions",
             **summary_ms(timed(lambda: exercise_detail(context, exercise_id="cat-cow", person_id=client), runs))},
        ]  # fmt: skip
        context.close()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
