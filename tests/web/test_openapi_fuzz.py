"""schemathesis over the OpenAPI schema: no server errors, and every response as documented.

Driven through schemathesis' Python API and hypothesis directly: its pytest plugin does not run
under pytest 9 yet (it reads a node attribute pytest 9 removed).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from supple.config import Settings
from supple.web.app import create_app

# CI runs the fast part; SUPPLE_FUZZ_EXAMPLES raises it (bench/ runs 1,000 cases and more).
EXAMPLES = int(os.environ.get("SUPPLE_FUZZ_EXAMPLES", "20"))


def app_with_data(home: Path) -> Any:
    """The app over a data folder with a screening, a saved routine and a session under way."""
    from fastapi.testclient import TestClient

    app = create_app(Settings(home=home))
    with TestClient(app) as client:
        client.post("/api/screening", json={"yes": []})
        client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 10})
        client.post("/api/sessions", json={"routine": "morning"})
    return app


def clinic_with_data(home: Path) -> tuple[Any, dict[str, str]]:
    """Clinic mode with a clinician signed in (her cookie for every request), a client of hers with
    a routine and a session, and the clinician's own screening and routine."""
    import dataclasses

    from fastapi.testclient import TestClient

    from supple.services import accounts

    settings = dataclasses.replace(Settings(home=home), multi_user=True)
    carol = accounts.create_account(settings=settings, username="carol", password="carol's password", role="clinician")
    accounts.create_client(settings=settings, clinician_id=carol.person_id, username="sam", password="sam's password")
    app = create_app(settings)
    with TestClient(app) as client:
        for name in ("sam", "carol"):
            client.cookies.clear()
            client.get("/login")
            client.post("/login", data={"csrf_token": client.cookies["supple_csrf"], "username": name,
                                        "password": f"{name}'s password"})  # fmt: skip
            client.post("/api/screening", json={"yes": []})
            client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 10})
            client.post("/api/sessions", json={"routine": "morning"})
        cookie = f"supple_session={client.cookies['supple_session']}"
    return app, {"Cookie": cookie}


def fuzz(app: Any, examples: int, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    """Run every operation with generated requests; returns the case count and the failures."""
    import schemathesis
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: dict[str, str] = {}
    count = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case: Any) -> None:
            nonlocal count
            count += 1
            # Schema-valid but unknown vocabulary ids, or a plan nothing can satisfy, are refused
            # by the services with a 400 that says what is valid: not the server failing.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Exception as error:  # noqa: BLE001 - every operation is tried; failures are listed together
            failures[operation.label] = str(error)[:2000]
    return count, failures


def test_the_api_never_fails_and_answers_as_documented(tmp_path: Path) -> None:
    count, failures = fuzz(app_with_data(tmp_path), EXAMPLES)
    assert failures == {}
    assert count >= EXAMPLES


def test_clinic_mode_never_fails_either(tmp_path: Path, monkeypatch: Any) -> None:
    from argon2 import PasswordHasher

    from supple.services import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: cheap)
    app, headers = clinic_with_data(tmp_path)
    count, failures = fuzz(app, EXAMPLES, headers)
    assert failures == {}
    assert count >= EXAMPLES
