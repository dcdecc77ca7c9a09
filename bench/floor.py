"""The framework floor: a bare FastAPI app under uvicorn doing what supple's two kinds of traffic do
at the database, and nothing else. Reading a saved routine is one indexed SQLite read of its JSON,
sent as it is; recording a set is its body validated by a small pydantic model and one committed
INSERT. SQLite is set up as supple sets it (WAL, synchronous=FULL), one connection per thread.
bench/cpu_per_request.py runs it beside supple and gives supple's CPU per request as a ratio to it.

Started as `uvicorn bench.floor:app` with FLOOR_DATABASE naming the SQLite file (bench/floor.py's
serve() does it, after prepare() has written the routine to read).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from fastapi import FastAPI, Response
from pydantic import BaseModel

from bench.web import wait_until_up

ROOT = Path(__file__).resolve().parents[1]
_local = threading.local()
app = FastAPI()


def _connection() -> sqlite3.Connection:
    found: sqlite3.Connection | None = getattr(_local, "connection", None)
    if found is None:
        found = _local.connection = sqlite3.connect(os.environ["FLOOR_DATABASE"], timeout=30)
        found.execute("PRAGMA journal_mode=WAL")
        found.execute("PRAGMA synchronous=FULL")
    return found


class SetIn(BaseModel):
    step: int
    exercise: str
    kind: Literal["hold", "reps", "breaths", "move", "rest"]
    side: Literal["left", "right"] | None = None
    rep: int
    seconds: float
    planned_seconds: int


@app.get("/api/routines/{name}")
def routine(name: str) -> Response:
    row = _connection().execute("SELECT plan FROM routines WHERE name = ?", (name,)).fetchone()
    return Response(row[0], media_type="application/json")


@app.post("/api/sessions/{session_id}/sets", status_code=204)
def record_set(session_id: int, body: SetIn) -> Response:
    connection = _connection()
    with connection:
        connection.execute(
            "INSERT INTO sets (session_id, step, exercise, kind, side, rep, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, body.step, body.exercise, body.kind, body.side, body.rep, body.seconds),
        )
    return Response(status_code=204)


@app.get("/manifest.webmanifest")
def ready() -> dict[str, str]:
    return {"name": "floor"}


def prepare(database: Path, routine_json: bytes) -> None:
    with sqlite3.connect(database) as connection:
        # WAL from the start: the server's threads, each opening its connection at its first request,
        # would otherwise race to switch the journal, and the loser fails at once (database is locked).
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE routines (id INTEGER PRIMARY KEY, name TEXT UNIQUE, plan TEXT)")
        connection.execute(
            "CREATE TABLE sets (id INTEGER PRIMARY KEY, session_id INTEGER, step INTEGER, exercise TEXT, kind TEXT,"
            " side TEXT, rep INTEGER, seconds REAL)"
        )
        connection.execute("INSERT INTO routines (name, plan) VALUES ('morning', ?)", (routine_json.decode(),))


@contextmanager
def serve(database: Path, port: int) -> Iterator[tuple[str, int]]:
    """The floor app on 127.0.0.1:port, one worker as supple's; its URL and the server's pid."""
    env = {**os.environ, "FLOOR_DATABASE": str(database), "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "uvicorn", "bench.floor:app", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, "the floor app")
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)
