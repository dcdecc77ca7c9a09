"""PostgreSQL restarted under load: requests during the outage are answered 503 with a clear detail
(never a 500, never a hang), and the app recovers by itself once the server is back."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.faults.checks import assert_store_whole
from tests.faults.load import Load
from tests.faults.server import Server, prepare, wait_for
from tests.pg import Cluster, postgres_bin, throwaway_cluster

BOUND_S = 12  # no request may wait longer: the connect timeout (10 s) and some


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A server of its own: restarting the one the other tests share would cut their connections."""
    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed, and CI must test it: see .ci/run")
        pytest.skip("PostgreSQL is not installed")
    with throwaway_cluster() as running:
        yield running


def test_a_postgres_restart_fails_requests_cleanly_and_the_app_recovers(tmp_path: Path, cluster: Cluster) -> None:
    server = Server(tmp_path, "--workers", "2", database_url=cluster.url)
    try:
        with httpx.Client(base_url=server.url) as client:
            session = prepare(client)
        load = Load(server.url, session)
        load.start(setters=4, opening=True)
        try:
            wait_for(lambda: len(load.acknowledged) >= 20, seconds=20, what="sets acknowledged")
            cluster.restart()
            back = time.monotonic()
            wait_for(lambda: load.acknowledged_after(back) >= 20, seconds=20, what="sets acknowledged after")
        finally:
            load.finish()
    finally:
        said = server.stop()
    failed = [a for a in load.answers if a.status not in (201, 204)]
    assert failed, "the restart went unnoticed: the test proves nothing"
    assert {a.status for a in failed} == {503}, failed[:5]
    assert all("cannot be reached" in a.detail for a in failed), failed[:5]
    assert max(a.seconds for a in load.answers) < BOUND_S
    assert "Traceback" not in said
    assert_store_whole(cluster.url, session=session, acknowledged=load.acknowledged, opened=load.opened)
