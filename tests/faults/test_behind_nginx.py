"""The clinic deployment of docs/operations.md as it is: `supple serve --multi-user --host 127.0.0.1
--behind-proxy 127.0.0.1 --public-name NAME` behind Debian's nginx terminating TLS. It answers for
its public name and refuses any other, counts failed sign-ins by the address nginx forwards, and
marks its cookies Secure because nginx says the page came over https."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from tests.faults.proxy import PUBLIC_NAME, Nginx, nginx_or_skip
from tests.faults.server import SUPPLE, Server

from supple.services.people import ADDRESS_LIMIT
from supple.web.headers import BODY_LIMIT

PASSWORD = "the clinic's own long password"


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """One clinic behind nginx for the module's tests (each starts its own browsers and addresses)."""
    nginx_or_skip()
    tmp_path = tmp_path_factory.mktemp("behind-nginx")
    home = tmp_path / "home"
    home.mkdir()
    env = {"SUPPLE_HOME": str(home), "PATH": "/usr/bin:/bin"}
    added = subprocess.run(
        [SUPPLE, "account", "add", "carol", "--clinician", "--password-stdin"], input=f"{PASSWORD}\n", text=True,
        env=env, capture_output=True,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    server = Server(home, "--multi-user", "--host", "127.0.0.1", "--behind-proxy", "127.0.0.1",
                    "--public-name", PUBLIC_NAME)  # fmt: skip
    proxy = None
    try:
        proxy = Nginx(tmp_path / "nginx", upstream=server.url)
        yield proxy
    finally:
        if proxy is not None:
            proxy.stop()
        said = server.stop()
        assert "Traceback" not in said, said


def sign_in(browser: httpx.Client, username: str, password: str) -> httpx.Response:
    page = browser.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    return browser.post("/login", data={"csrf_token": token.group(1), "username": username, "password": password})


def test_the_documented_clinic_deployment_answers_its_public_name_through_nginx(behind_nginx: Nginx) -> None:
    with behind_nginx.client() as browser:
        page = browser.get("/login")
        assert page.status_code == 200, page.text
        assert 'action="/login"' in page.text
        assert "secure" in page.headers["set-cookie"].lower().split("; "), "https at nginx: the cookie is Secure"
        assert page.headers["strict-transport-security"].startswith("max-age=")
        signed = sign_in(browser, "carol", PASSWORD)
        assert signed.status_code == 303, signed.text
        session_cookie = next(c for c in signed.headers.get_list("set-cookie") if c.startswith("supple_session="))
        assert "Secure" in session_cookie.split("; ")
        assert browser.get("/clients").status_code == 200


def test_a_request_for_a_name_that_is_not_the_clinics_is_refused(behind_nginx: Nginx) -> None:
    """DNS rebinding or a forged Host: nginx passes any name on; supple answers only its own."""
    for host in ("evil.example", f"{PUBLIC_NAME}.evil.example", "203.0.113.9"):
        with behind_nginx.client(host=host) as browser:
            assert browser.get("/login").status_code == 400, host


def test_failed_sign_ins_are_counted_by_the_address_nginx_forwards(behind_nginx: Nginx) -> None:
    """Every request reaches supple from nginx's own address: only X-Forwarded-For tells one
    device from another. One device's failures lock that device out, not the whole clinic."""
    with behind_nginx.client(source="127.0.0.5") as guesser:
        for attempt in range(ADDRESS_LIMIT):
            assert sign_in(guesser, f"nobody{attempt}", "a wrong password").status_code == 401
        assert sign_in(guesser, "carol", PASSWORD).status_code == 429
    with behind_nginx.client(source="127.0.0.6") as colleague:
        assert sign_in(colleague, "carol", PASSWORD).status_code == 303


def test_a_body_over_supples_limit_is_refused_by_supple_in_words_through_nginx(behind_nginx: Nginx) -> None:
    """nginx passes up to 50 MB (a backup to restore); supple refuses more than its 1 MiB elsewhere."""
    with behind_nginx.client() as browser:
        big = '{"yes": ["' + "x" * BODY_LIMIT + '"]}'
        refused = browser.post("/api/screening", content=big, headers={"Content-Type": "application/json"})
        assert refused.status_code == 413
        assert refused.json()["detail"].startswith("That is more than supple takes at once")
        assert browser.get("/health").status_code == 200, "and the next request is answered"
