"""Security checks derived from the app's own routes, in both modes, and a real server's logs.

tests/web/test_clinic_auth.py covers clinic mode's forms, sign-in, its rate limit and its cookies,
and test_clinic_isolation.py each endpoint's authorisation; this module adds single-person mode's
forms, every API change in both modes, and what uvicorn itself logs.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web.clinic import PASSWORD, Clinic
from tests.web.conftest import save_routine, screen

from supple.config import Settings
from supple.web.app import create_app
from supple.web.csrf import CHANGES

SINGLE = Settings(home=Path("/nonexistent"))
CLINIC = dataclasses.replace(SINGLE, multi_user=True)


def changes(settings: Settings, *, api: bool) -> list[tuple[str, str]]:
    """Every method and path of the app that changes something, under /api or not."""
    from fastapi.routing import iter_route_contexts

    app = create_app(settings)
    return sorted(
        (method, route.path) for route in iter_route_contexts(app.routes) for method in (route.methods or ())
        if method in CHANGES and route.path.startswith("/api/") == api
    )  # fmt: skip


def url(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "1", path)


@pytest.mark.parametrize(("method", "path"), changes(SINGLE, api=False))
def test_every_form_of_single_person_mode_is_refused_without_its_token(
    client: TestClient, method: str, path: str
) -> None:
    """A new form without its token check fails here: the list comes from the app."""
    screen(client)
    save_routine(client)
    data = {"confirm": "delete", "name": "x", "yes": "none", "activity": "stairs", "score": "5"}
    for token in ({}, {"csrf_token": "forged"}):
        refused = client.request(method, url(path), data=data | token, follow_redirects=False)
        assert refused.status_code == 403, refused.text
    assert client.get("/api/routines").json() == ["morning"], "nothing deleted, nothing changed"


API_CHANGES = [(mode, settings, *change) for mode, settings in (("single", SINGLE), ("clinic", CLINIC))
               for change in changes(settings, api=True)]  # fmt: skip


@pytest.mark.parametrize(
    ("settings", "method", "path"), [c[1:] for c in API_CHANGES], ids=[" ".join(c[:1] + c[2:]) for c in API_CHANGES]
)
def test_every_api_change_is_refused_from_another_site_or_without_json(
    settings: Settings, method: str, path: str, home: Path
) -> None:
    with TestClient(create_app(dataclasses.replace(settings, home=home))) as client:
        body = '{"yes": []}'
        for site in ("cross-site", "same-site"):
            headers = {"Content-Type": "application/json", "Sec-Fetch-Site": site}
            assert client.request(method, url(path), content=body, headers=headers).status_code == 403
        if method == "POST":  # what a cross-site form or fetch can send without asking first
            for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None):
                headers = {"Content-Type": content_type} if content_type else {}
                assert client.post(url(path), content=body, headers=headers).status_code == 415, content_type


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_every_password_field_is_posted_never_put_in_an_address(clinic: Clinic) -> None:
    """A GET form would put the password in the address, and so in every access log and history."""
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    pages = [clinic.browser().get("/login").text] + [carol.get(path).text for path in ("/account", "/clients")]
    forms = [form for page in pages for form in re.findall(r"<form[^>]*>.*?</form>", page, re.S)]
    with_password = [form for form in forms if 'type="password"' in form]
    assert len(with_password) == 3
    assert all(form.startswith('<form method="post"') for form in with_password)


# --- a real server's logs --------------------------------------------------------------------------


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record) + repr(record.args))


@pytest.fixture
def logged() -> Iterator[Kept]:
    """Every record of every logger at DEBUG, uvicorn's access log (which does not propagate) too."""
    kept = Kept()
    loggers = [logging.getLogger(name) for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(kept)
        logger.setLevel(logging.DEBUG)
    yield kept
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(kept)
        logger.setLevel(level)


@pytest.fixture
def served(clinic: Clinic) -> Iterator[str]:
    """The clinic's app under uvicorn on a free port, logging at DEBUG with its access log."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(clinic.app, host="127.0.0.1", port=port, log_level="debug", access_log=True,
                            log_config=None, lifespan="on")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def sign_in(base: str, name: str, password: str) -> tuple[httpx.Client, httpx.Response]:
    browser = httpx.Client(base_url=base)
    browser.get("/login")
    data = {"csrf_token": browser.cookies["supple_csrf"], "username": name, "password": password}
    return browser, browser.post("/login", data=data)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_password_reaches_a_real_servers_logs(clinic: Clinic, logged: Kept, served: str) -> None:
    secrets = ["carol's first secret", "a wrong guess at it", "carol's second secret", "sam's own secret"]
    clinic.add("carol", password=secrets[0])
    _, wrong = sign_in(served, "carol", secrets[1])
    carol, signed_in = sign_in(served, "carol", secrets[0])
    token = carol.cookies["supple_csrf"]
    added = carol.post("/api/clients", json={"username": "sam", "password": secrets[3]})
    changed = carol.post("/account/password", data={"csrf_token": token, "current": secrets[0], "new": secrets[2]})
    _, again = sign_in(served, "carol", secrets[2])
    assert [r.status_code for r in (wrong, signed_in, added, changed, again)] == [401, 303, 201, 303, 303]
    carol.close()
    text = "\n".join(logged.lines)
    assert "POST /login" in text and "POST /account/password" in text, "the access log was captured"
    assert [secret for secret in secrets if secret in text] == []
    assert PASSWORD not in text
