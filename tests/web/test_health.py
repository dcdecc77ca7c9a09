"""GET /health: what a load balancer asks each process."""

from __future__ import annotations

import dataclasses
import socket

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.web.app import create_app


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # nobody listens on it once the socket is closed


def test_a_process_with_its_database_is_healthy(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response.headers["cache-control"] == "no-store"


def test_a_process_whose_database_does_not_answer_says_so(settings: Settings) -> None:
    url = f"postgresql+psycopg://supple@127.0.0.1:{closed_port()}/supple?connect_timeout=2"
    with TestClient(create_app(dataclasses.replace(settings, database_url=url))) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "detail": "the database does not answer"}
    assert response.headers["retry-after"] == "5"


def test_clinic_mode_answers_the_health_check_without_a_sign_in(settings: Settings) -> None:
    with TestClient(create_app(dataclasses.replace(settings, multi_user=True))) as client:
        response = client.get("/health", follow_redirects=False)
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
