"""A clinic for the tests: accounts, signed-in browsers, and a clock that moves only when told."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.clock import FakeClock

from supple.services.context import AppContext
from supple.services.people import create_account

PASSWORD = "correct horse battery"  # every test account's, unless a test says otherwise


Clock = FakeClock  # now, as the app sees it; tests move it instead of sleeping


@dataclass
class Clinic:
    app: Any
    clock: FakeClock
    browsers: list[TestClient] = field(default_factory=list)

    @property
    def context(self) -> AppContext:
        """The server's own application context."""
        context: AppContext = self.app.state.context
        return context

    def add(self, name: str, *, clinician: str | None = None, password: str = PASSWORD) -> int:
        """A clinician, or a client of the clinician named; returns the person's id."""
        role = "client" if clinician else "clinician"
        record = create_account(self.context, username=name, password=password, role=role, clinician=clinician)
        return record.person_id

    def browser(self, *, https: bool = False) -> TestClient:
        client = TestClient(self.app, base_url="https://testserver" if https else "http://testserver")
        client.__enter__()
        self.browsers.append(client)
        client.get("/login")  # the form token's cookie, as a browser gets it with the page
        return client

    def sign_in(self, name: str, password: str = PASSWORD, *, https: bool = False) -> TestClient:
        client = self.browser(https=https)
        response = login(client, name, password)
        assert response.status_code == 303, response.text
        return client

    def close(self) -> None:
        for client in self.browsers:
            client.__exit__(None, None, None)
        self.context.close()


def token(client: TestClient) -> str:
    value = client.cookies.get("supple_csrf")
    assert value
    return value


def login(client: TestClient, name: str, password: str, **extra: str) -> Any:
    return client.post(
        "/login", data={"csrf_token": token(client), "username": name, "password": password, **extra},
        follow_redirects=False,
    )  # fmt: skip


def form(client: TestClient, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """A form post from a page, with its token."""
    return client.post(path, data={"csrf_token": token(client), **(data or {})}, follow_redirects=False, **kwargs)


def without_ids(text: str, *ids: int) -> str:
    """A refusal with the ids asked for taken out, to compare one for a row that is someone else's
    with one for a row that does not exist."""
    for row_id in ids:
        text = re.sub(rf"\b{row_id}\b", "ID", text)
    return text
