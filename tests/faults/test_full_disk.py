"""A full disk: the web API answers 503 saying the store cannot be written and the command line
says so in one line, never a traceback; the store stays whole with everything written before.

The disk is made to look full with RLIMIT_FSIZE in the server's or the command's own process
(chmod stops nothing when the tests run as root): a write that would take a file past the limit
fails with EFBIG, as one on a full disk fails with ENOSPC, and SQLite reports the same error.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
from tests.conftest import Result
from tests.faults.server import SET, SUPPLE, Server, prepare

EARLIER_SETS = 5


def settle(database: Path) -> int:
    """Fold SQLite's write-ahead log into the database and empty it; the database's size."""
    with sqlite3.connect(database) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database.stat().st_size


def integrity(database: Path) -> str:
    with sqlite3.connect(database) as c:
        return str(c.execute("PRAGMA integrity_check").fetchone()[0])


def sets_kept(database: Path, session: int) -> int:
    with sqlite3.connect(database) as c:
        return int(c.execute("SELECT count(*) FROM sets WHERE session_id = ?", (session,)).fetchone()[0])


def earlier_data(home: Path) -> int:
    """A session with a few sets, written while the disk had room; its id."""
    server = Server(home)
    try:
        with httpx.Client(base_url=server.url) as client:
            session = prepare(client)
            for step in range(EARLIER_SETS):
                assert client.post(f"/api/sessions/{session}/sets", json={**SET, "step": step}).status_code == 204
    finally:
        server.stop()
    return session


def test_the_api_answers_503_when_the_disk_fills_and_the_store_stays_whole(tmp_path: Path) -> None:
    session = earlier_data(tmp_path)
    database = tmp_path / "supple.db"
    # Room for the write-ahead log to grow as big as the database: a few dozen sets, then full.
    server = Server(tmp_path, file_size_limit=settle(database))
    acknowledged, refused = 0, None
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for step in range(EARLIER_SETS, 1000):
                answer = client.post(f"/api/sessions/{session}/sets", json={**SET, "step": step})
                if answer.status_code != 204:
                    refused = answer
                    break
                acknowledged += 1
            assert refused is not None, "the disk never filled"
            assert client.get(f"/api/sessions/{session}").status_code == 200  # reading needs no room
            again = client.post(f"/api/sessions/{session}/sets", json={**SET, "step": 0})
            client.cookies.set("supple_csrf", "x")  # the form's token, as a page would have set it
            # A screening is a smaller write than a set: it may still fit in the last room a set did
            # not, so the form is sent until the disk refuses it too.
            for _ in range(50):
                page = client.post("/screening", data={"csrf_token": "x"}, follow_redirects=False)
                if page.status_code != 303:
                    break
    finally:
        said = server.stop()
    assert refused.status_code == 503, refused.text
    assert "cannot be written" in refused.json()["detail"]
    assert again.status_code == 503
    assert page.status_code == 503 and "cannot" in page.text, page.text[:300]  # the page, not JSON
    assert "Traceback" not in said
    assert integrity(database) == "ok"
    assert sets_kept(database, session) == EARLIER_SETS + acknowledged


def test_serve_says_the_disk_is_full_in_one_line(tmp_path: Path) -> None:
    earlier_data(tmp_path)
    done = full_disk_cli(tmp_path, "serve", "--port", "1")  # stops at the database, before the port
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("supple: ") and "cannot be written" in done.stderr
    assert "Traceback" not in done.stderr


def full_disk_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    return subprocess.run(
        [SUPPLE, *args], env=env, capture_output=True, text=True, timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)),
    )  # fmt: skip


def test_the_command_line_says_the_disk_is_full_in_one_line(home: Path, run_cli: Callable[..., Result]) -> None:
    assert run_cli("screen", "--none").code == 0
    assert run_cli("goal", "add", "putting on socks", "--score", "4").code == 0
    before = run_cli("goal", "list", "--json").out
    settle(home / "supple.db")
    for command in (("goal", "add", "walking", "--score", "3"), ("screen", "--yes", "bladder-bowel")):
        done = full_disk_cli(home, *command)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("supple: ") and "Traceback" not in done.stderr
        assert "cannot be written" in done.stderr or "cannot write" in done.stderr
    assert integrity(home / "supple.db") == "ok"
    assert run_cli("goal", "list", "--json").out == before
    assert json.loads(run_cli("screen", "--show", "--json").out)["verdict"] == "go"
    assert run_cli("goal", "add", "walking", "--score", "3").code == 0  # with room again, it works
