"""A worker process killed mid-request: uvicorn's supervisor starts another, the server keeps
answering, and nothing acknowledged is lost or left half-written."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
from tests.faults.checks import assert_store_whole
from tests.faults.load import Load
from tests.faults.server import Server, prepare, wait_for


def test_a_killed_worker_is_replaced_and_every_acknowledged_set_is_kept(tmp_path: Path, database_url: str) -> None:
    server = Server(tmp_path, "--workers", "2", database_url=database_url)
    try:
        with httpx.Client(base_url=server.url) as client:
            session = prepare(client)
        wait_for(lambda: len(server.workers()) == 2, seconds=20, what="two workers")
        load = Load(server.url, session)
        load.start(setters=6, opening=True)
        try:
            wait_for(lambda: len(load.acknowledged) >= 30, seconds=20, what="sets acknowledged")
            victim = server.workers()[0]
            os.kill(victim, signal.SIGKILL)
            killed_at = time.monotonic()
            replaced = lambda: len(workers := server.workers()) == 2 and victim not in workers  # noqa: E731
            wait_for(replaced, seconds=20, what="a new worker in place of the one killed")
            wait_for(lambda: load.acknowledged_after(killed_at) >= 30, seconds=20, what="sets acknowledged after")
        finally:
            load.finish()
        assert server.answers()
    finally:
        said = server.stop()
    refused = [a for a in load.answers if a.status not in (0, 201, 204)]
    assert not refused, refused[:5]  # a request cut off by the kill gets no answer, never an error
    assert "Traceback" not in said
    assert_store_whole(database_url, session=session, acknowledged=load.acknowledged, opened=load.opened)
