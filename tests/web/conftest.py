from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx2; httpx is what FastAPI's docs use
    from fastapi.testclient import TestClient

from tests.web import fuzzing
from tests.web.clinic import Clinic, Clock

from supple.config import Settings
from supple.web.app import create_app


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings(home=home)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Any:
    """Single-person mode's app for that SUPPLE_HOME, on a clock the test moves."""
    return create_app(settings, clock=clock)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        test_client.get("/")  # the CSRF cookie, as a browser gets it on its first page
        yield test_client


def csrf(client: TestClient) -> str:
    token = client.cookies.get("supple_csrf")
    assert token
    return token


def screen(client: TestClient, *yes: str) -> str:
    response = client.post("/api/screening", json={"yes": list(yes)})
    assert response.status_code == 200, response.text
    verdict: str = response.json()["verdict"]
    return verdict


def save_routine(client: TestClient, name: str = "morning", **request: object) -> dict[str, object]:
    body = {"conditions": ["sciatica"], "minutes": 10} | request
    response = client.put(f"/api/routines/{name}", json=body)
    assert response.status_code == 200, response.text
    routine: dict[str, object] = response.json()
    return routine


@pytest.fixture
def clinic(database_url: str, tmp_path: Path) -> Iterator[Clinic]:
    """Clinic mode on an empty database of each kind (SQLite and PostgreSQL), with a clock to move;
    argon2id still, with the least work it allows (the real parameters cost 0.2 s a hash here)."""
    settings = Settings(home=tmp_path / "home", database_url=database_url, multi_user=True)
    clock = Clock()
    running = Clinic(create_app(settings, clock=clock, passwords=fuzzing.cheap_passwords()), clock)
    yield running
    running.close()  # and the server's connection pool with it
