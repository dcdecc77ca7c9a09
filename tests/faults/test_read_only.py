"""A read-only database (opened read-only: chmod stops nothing when the tests run as root): reading
works, and a change is answered 503 saying the store cannot be written, leaving it whole."""

from __future__ import annotations

import warnings
from pathlib import Path

from tests.faults.server import SET, prepare
from tests.faults.test_full_disk import integrity, sets_kept, settle

from supple.config import Settings
from supple.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_a_read_only_database_reads_and_refuses_changes_with_503(home: Path) -> None:
    writable = create_app(Settings(home=home))
    with TestClient(writable) as client:
        session = prepare(client)
        assert client.post(f"/api/sessions/{session}/sets", json={**SET, "step": 0}).status_code == 204
    writable.state.context.close()  # its connections closed, as a server's that stopped
    settle(home / "supple.db")
    read_only = Settings(home=home, database_url=f"sqlite:///file:{home / 'supple.db'}?mode=ro&uri=true")
    app = create_app(read_only)
    with TestClient(app) as client:
        assert client.get(f"/api/sessions/{session}").status_code == 200
        refused = client.post(f"/api/sessions/{session}/sets", json={**SET, "step": 1})
    app.state.context.close()
    assert refused.status_code == 503
    assert "cannot be written" in refused.json()["detail"]
    assert integrity(home / "supple.db") == "ok"
    assert sets_kept(home / "supple.db", session) == 1
    assert not Path("file:").exists()  # a URI is not a path: no folder is made for it
