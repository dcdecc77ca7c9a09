"""schemathesis over the app's OpenAPI schema, shared by the CI test and bench/fuzz.py.

Driven through schemathesis' Python API and hypothesis directly: its pytest plugin does not run
under pytest 9 yet (it reads a node attribute pytest 9 removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis.errors import Unsatisfiable

from supple.config import Settings
from supple.services.passwords import Passwords
from supple.services.people import create_account, create_client
from supple.web.app import create_app


@dataclass
class Fuzzed:
    """What one run found: the cases tried, the operations they covered, the failures by operation."""

    cases: int = 0
    operations: int = 0
    failures: dict[str, str] = field(default_factory=dict)


def cheap_passwords() -> Passwords:
    """argon2id with the least work it allows, for signing in many times: the real cost is 0.2 s a hash."""
    from argon2 import PasswordHasher

    return Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def app_with_data(home: Path, database_url: str | None = None) -> Any:
    """The app over a data folder (and a database: SQLite in it by default) with a screening, a
    saved routine and a session under way."""
    from fastapi.testclient import TestClient

    app = create_app(Settings(home=home, database_url=database_url))
    with TestClient(app) as client:
        client.post("/api/screening", json={"yes": []})
        client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 10})
        client.post("/api/sessions", json={"routine": "morning"})
    return app


def clinic_with_data(home: Path, database_url: str | None = None) -> tuple[Any, dict[str, str]]:
    """Clinic mode with a clinician signed in (her cookie for every request), a client of hers with
    a routine and a session, and the clinician's own screening and routine. Passwords are hashed
    with argon2's least work (cheap_passwords), or each sign-in would cost the real argon2 work."""
    from fastapi.testclient import TestClient

    settings = Settings(home=home, database_url=database_url, multi_user=True)
    app = create_app(settings, passwords=cheap_passwords())
    context = app.state.context
    carol = create_account(context, username="carol", password="carol's password", role="clinician")
    create_client(context, clinician_id=carol.person_id, username="sam", password="sam's password")
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


def fuzz(app: Any, examples: int, headers: dict[str, str] | None = None) -> Fuzzed:
    """Run every operation with up to `examples` generated requests each, half of them requests the
    schema allows and half requests it does not (which must be refused with a 4xx, never a 5xx)."""
    import schemathesis
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = Fuzzed()
    for result in schema.get_all_operations():
        operation = result.ok()
        found.operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            error = _run(operation, mode, max(1, examples // 2), headers, found)
            if error:
                found.failures[f"{operation.label} ({mode.value})"] = error
    return found


def _run(operation: Any, mode: Any, examples: int, headers: dict[str, str] | None, found: Fuzzed) -> str:
    """One operation in one mode; the failure's text, or '' when every case passed."""
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None,
              verbosity=Verbosity.quiet)  # fmt: skip
    def run(case: Any) -> None:
        found.cases += 1
        # Schema-valid but unknown vocabulary ids, or a plan nothing can satisfy, are refused
        # by the services with a 400 that says what is valid: not the server failing.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    try:
        run()
    except Unsatisfiable:
        return ""  # nothing to get wrong: no parameters or body, or only free-text path segments
    except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - schemathesis groups its failures
        return str(error)[:2000]
    return ""
