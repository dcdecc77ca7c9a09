"""`supple serve`'s Host names: a loopback server answers only to loopback names (DNS rebinding),
a server behind a proxy to the public names it is given (and refuses to start without them), and
every worker process builds its app with the names `serve` chose.

tests/faults/test_behind_nginx.py runs the whole of it behind Debian's nginx."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx2; httpx is what FastAPI's docs use
    from fastapi.testclient import TestClient

from supple.cli.serve import ALLOWED_HOSTS, LOOPBACK_NAMES, MULTI_USER, allowed_hosts
from supple.errors import BadRequest
from supple.web.app import app_from_env


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """uvicorn.run's arguments, instead of a server; the variables serve sets are put back after."""
    import uvicorn

    for name in (ALLOWED_HOSTS, MULTI_USER):
        monkeypatch.setenv(name, "")
    arguments: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: arguments.update(kwargs, app=app))
    return arguments


def test_behind_a_proxy_it_refuses_to_start_without_the_names_people_reach_it_by(run_cli, started) -> None:
    """The clinic deployment of docs/operations.md answered 400 to every request: the proxy passes
    on the public name, and the server answered only to 127.0.0.1."""
    refused = run_cli("serve", "--multi-user", "--host", "127.0.0.1", "--behind-proxy", "127.0.0.1")
    assert refused.code == 2 and not started
    assert "answers only to the names people reach it by" in refused.err
    assert "add --public-name NAME for each name in the proxy's server_name" in refused.err


def test_behind_a_proxy_it_answers_to_its_public_names(run_cli, started, monkeypatch) -> None:
    served = run_cli(
        "serve", "--multi-user", "--host", "127.0.0.1", "--behind-proxy", "127.0.0.1",
        "--public-name", "Clinic.Example.org.", "--public-name", "*.physio.example",
    )  # fmt: skip
    assert served.code == 0, served.err
    assert started["proxy_headers"] is True and started["forwarded_allow_ips"] == "127.0.0.1"
    import os

    assert os.environ[ALLOWED_HOSTS] == "clinic.example.org,*.physio.example,127.0.0.1,localhost,[::1]"
    assert os.environ[MULTI_USER] == "1"


def test_a_public_name_must_be_a_name(run_cli, started) -> None:
    for name in ("https://clinic.example.org/", "clinic.example.org:443", "clinic example", "*", "a.*.example"):
        refused = run_cli("serve", "--behind-proxy", "127.0.0.1", "--public-name", name)
        assert refused.code == 2 and refused.err.startswith("supple: --public-name:"), name
        assert not started


@pytest.mark.parametrize(
    ("local", "proxy", "names", "expected"),
    [
        (True, None, [], list(LOOPBACK_NAMES)),  # this machine only: DNS rebinding guarded
        (False, None, [], None),  # the local network: phones use an address nobody knows ahead
        (True, "127.0.0.1", ["clinic.example.org"], ["clinic.example.org", *LOOPBACK_NAMES]),
        (False, "10.0.0.2", ["a.example", "b.example"], ["a.example", "b.example", *LOOPBACK_NAMES]),
        (False, None, ["clinic.lan"], ["clinic.lan", *LOOPBACK_NAMES]),  # its own certificate, its names
    ],
)
def test_the_names_a_server_answers_to(local: bool, proxy: str | None, names: list[str], expected: object) -> None:
    assert allowed_hosts(local=local, behind_proxy=proxy, public_names=names) == expected


def test_a_proxy_without_names_is_refused_wherever_it_listens() -> None:
    for local in (True, False):
        with pytest.raises(BadRequest, match="has been told none"):
            allowed_hosts(local=local, behind_proxy="127.0.0.1", public_names=[])


def test_every_worker_builds_its_app_with_the_names_serve_chose(home: Path, monkeypatch) -> None:
    monkeypatch.setenv(ALLOWED_HOSTS, "clinic.example.org,127.0.0.1,localhost,[::1]")
    app = app_from_env()
    for base, status in (("http://clinic.example.org", 200), ("http://127.0.0.1:8000", 200),
                         ("http://evil.example", 400), ("http://clinic.example.org.evil.example", 400)):  # fmt: skip
        with TestClient(app, base_url=base) as client:
            assert client.get("/").status_code == status, base
    monkeypatch.delenv(ALLOWED_HOSTS)
    with TestClient(app_from_env(), base_url="http://clinic.example.org") as client:
        assert client.get("/").status_code == 400, "without word from serve: this machine's names only"
    monkeypatch.setenv(ALLOWED_HOSTS, "*")
    with TestClient(app_from_env(), base_url="http://192.168.1.20:8000") as client:
        assert client.get("/").status_code == 200
