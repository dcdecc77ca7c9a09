"""The headers every answer carries (a Content-Security-Policy that runs only supple's own script
files, nosniff, a referrer policy, HSTS over https only), pages that keep to that policy (no inline
script, no event-handler attribute, no style attribute, inline <style> only where the policy allows
its hash), HEAD answered like GET, and the limits on what a request may send.

The pages come from the app's own routes, in both modes and in a lived-in state (the crawler's of
test_plain_words.py), so a new page is checked without being listed here."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.clinic import Clinic
from tests.web.test_plain_words import QUERIES, clinic_world, filled, page_paths, seeded, single

from supple.web.headers import BACKUP_LIMIT, BODY_LIMIT

__all__ = ["clinic_world"]  # a fixture, for the tests in clinic mode

SINGLE_VALUES = {"exercise_id": "pigeon-pose", "name": "morning", "session_id": "1"}
OTHER_ANSWERS = ["/api/catalog", "/api/progress", "/static/app.js", "/static/style.css", "/health", "/openapi.json",
                 "/docs", "/docs-assets/swagger-ui-bundle.js", "/manifest.webmanifest", "/sw.js", "/no-such-page",
                 "/api/no-such-thing", "/figures/pigeon-pose.svg"]  # fmt: skip


@pytest.fixture
def lived_in(tmp_path: Path) -> Iterator[tuple[Any, TestClient]]:
    """Single-person mode a few weeks in: saved routines, sessions, activities."""
    app, client, clock = single(tmp_path, "home")
    seeded(client, clock)
    yield app, client
    client.__exit__(None, None, None)


def answers(app: Any, client: TestClient, values: dict[str, str]) -> Iterator[tuple[str, Any]]:
    """Every page of the app, the way people reach them, and the other answers it gives."""
    for path in [*page_paths(app), *QUERIES, *OTHER_ANSWERS]:
        url = filled(path, values)
        yield url, client.get(url)


def directives(response: Any) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    found = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        found[name] = sources
    return found


def assert_protected(url: str, response: Any, *, https: bool = False) -> None:
    headers = response.headers
    policy = directives(response)
    assert "'unsafe-inline'" not in policy.get("script-src", policy.get("default-src")), url
    assert policy["frame-ancestors"] == ["'none'"], url
    if not url.startswith("/figures/"):
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], url
        assert policy["form-action"] == ["'self'"] and policy["default-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"], url
    assert headers["x-content-type-options"] == "nosniff", url
    assert headers["referrer-policy"] == "same-origin", url
    assert ("strict-transport-security" in headers) == https, url


def test_every_answer_carries_the_security_headers(lived_in: tuple[Any, TestClient]) -> None:
    app, client = lived_in
    checked = 0
    for url, response in answers(app, client, SINGLE_VALUES):
        assert_protected(url, response)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("who", ["carol", "sam", "nobody"])
def test_every_answer_of_clinic_mode_carries_them_too(clinic_world: tuple[Clinic, dict[str, str]], who: str) -> None:
    world, values = clinic_world
    browser = world.browser() if who == "nobody" else world.sign_in(who)
    for url, response in answers(world.app, browser, values):
        assert_protected(url, response)


def test_hsts_is_sent_only_over_https(clinic_world: tuple[Clinic, dict[str, str]]) -> None:
    """A browser keeps HSTS for the name, and an answer over plain http could not be trusted to
    send it anyway: only an answer that came over https says it (supple's own certificate, or a
    proxy that says so: tests/faults/test_behind_nginx.py)."""
    world, _ = clinic_world
    secure = world.sign_in("carol", https=True)
    for path in ("/login", "/clients", "/api/clients", "/static/app.js"):
        response = secure.get(path)
        assert_protected(path, response, https=True)
        assert response.headers["strict-transport-security"] == "max-age=31536000"
    plain = world.sign_in("carol")
    assert "strict-transport-security" not in plain.get("/clients").headers


class Inline(HTMLParser):
    """What a page runs or styles inline: scripts without src, on* attributes, style attributes,
    and the text of its <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.style_attributes: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        if "style" in named:
            self.style_attributes.append(f"<{tag} style={named['style']!r}>")
        if tag == "script" and "src" not in named and named.get("type") != "application/json":
            self._in = "script"
            self.scripts.append("")
        if tag == "style":
            self._in = "style"
            self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def check_inline(url: str, response: Any) -> list[str]:
    """What on this page its own policy would block."""
    if not response.headers.get("content-type", "").startswith("text/html"):
        return []
    page = Inline()
    page.feed(response.text)
    allowed_styles = directives(response)["style-src"]
    problems = [f"{url}: inline script {script[:60]!r}" for script in page.scripts]
    problems += [f"{url}: {handler}" for handler in page.handlers]
    problems += [f"{url}: {attribute}" for attribute in page.style_attributes]
    problems += [f"{url}: a <style> whose hash the policy lacks" for css in page.styles
                 if sha256(css) not in allowed_styles]  # fmt: skip
    return problems


def test_no_page_has_an_inline_script_a_handler_or_a_style_its_policy_would_block(
    lived_in: tuple[Any, TestClient], clinic_world: tuple[Clinic, dict[str, str]]
) -> None:
    app, client = lived_in
    world, values = clinic_world
    problems: list[str] = []
    read = 0
    for browser, app_values in (
        (client, SINGLE_VALUES),
        (world.sign_in("carol"), values),
        (world.sign_in("sam"), values),
    ):
        for url, response in answers(app if browser is client else world.app, browser, app_values):
            problems += check_inline(url, response)
            read += 1
    handout = client.get("/routines/morning/handout")
    assert handout.status_code == 200 and "<style>" in handout.text, "the handout, whose styles are inline, is checked"
    assert not problems, "\n".join(problems)
    assert read > 100


def test_the_figures_svg_keeps_its_own_style_and_runs_nothing(client: TestClient) -> None:
    """Opened as a page of its own, a figure is an SVG document with a <style>: the policy lets
    that style apply and nothing run or load."""
    response = client.get("/figures/pigeon-pose.svg")
    assert "<style>" in response.text
    policy = directives(response)
    assert policy["default-src"] == ["'none'"] and policy["style-src"] == ["'unsafe-inline'"]
    assert "script-src" not in policy


def test_the_api_documentation_runs_no_inline_script(client: TestClient) -> None:
    """FastAPI's Swagger page starts Swagger UI with an inline script; supple's loads a file."""
    page = client.get("/docs")
    assert page.status_code == 200 and '<script src="/static/docs.js"></script>' in page.text
    assert not check_inline("/docs", page)
    script = client.get("/static/docs.js")
    assert script.status_code == 200 and 'url: "/openapi.json"' in script.text


# --- HEAD ------------------------------------------------------------------------------------------

VARYING = {"date", "set-cookie"}


def assert_head_like_get(client: TestClient, url: str) -> None:
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code, url
    assert head.content == b"", url
    same = {k: v for k, v in got.headers.items() if k not in VARYING}
    assert {k: v for k, v in head.headers.items() if k not in VARYING} == same, url


def test_head_answers_like_get_on_every_page(lived_in: tuple[Any, TestClient]) -> None:
    """A monitor's or a link checker's HEAD / was answered 405 by every page."""
    app, client = lived_in
    for path in [*page_paths(app), *QUERIES, *OTHER_ANSWERS]:
        assert_head_like_get(client, filled(path, SINGLE_VALUES))
    assert client.head("/").status_code == 200


def test_head_answers_like_get_in_clinic_mode(clinic_world: tuple[Clinic, dict[str, str]]) -> None:
    world, values = clinic_world
    stranger = world.browser()
    assert stranger.head("/", follow_redirects=False).status_code == 303, "to sign in, as GET"
    for who in ("carol", "sam"):
        browser = world.sign_in(who)
        for path in [*page_paths(world.app), "/no-such-page", "/api/progress"]:
            assert_head_like_get(browser, filled(path, values))


def test_a_head_request_changes_nothing_a_get_would_not(client: TestClient) -> None:
    """HEAD goes through as GET: never as a form post, even to a path that takes one."""
    assert client.head("/delete").status_code == 405
    assert client.get("/api/routines").json() == []


# --- what a request may send ------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_with_413_in_plain_words(client: TestClient) -> None:
    big = json.dumps({"yes": ["x" * BODY_LIMIT]})
    refused = client.post("/api/screening", content=big, headers={"Content-Type": "application/json"})
    assert refused.status_code == 413
    assert refused.json()["detail"].startswith("That is more than supple takes at once, and nothing was changed")
    chunks = (b"x" * 65_536 for _ in range(BODY_LIMIT // 65_536 + 1))  # no Content-Length: counted as it comes
    refused = client.post("/api/screening", content=chunks, headers={"Content-Type": "application/json"})
    assert refused.status_code == 413
    page = client.post("/activities", data={"csrf_token": client.cookies["supple_csrf"], "activity": "x" * BODY_LIMIT})
    assert page.status_code == 413 and "That is too large" in page.text
    assert client.get("/api/screening").status_code == 404, "no screening kept"
    assert client.get("/api/activities").json() == [], "no activity kept"


def test_a_backup_to_restore_may_be_larger_up_to_its_own_limit(client: TestClient) -> None:
    token = client.cookies["supple_csrf"]
    padded = json.dumps({"format": "supple-backup", "version": 1, "padding": " " * (2 * BODY_LIMIT)}).encode()
    larger = client.post("/import", data={"csrf_token": token}, files={"backup": ("b.json", padded)})
    assert larger.status_code == 400 and "damaged" in larger.text, (
        "read and judged on what it says, not refused for size"
    )
    too_large = b"{" + b" " * BACKUP_LIMIT + b"}"
    refused = client.post("/import", data={"csrf_token": token}, files={"backup": ("b.json", too_large)})
    assert refused.status_code == 413 and "A backup to restore can be up to 50 MB" in refused.text


def test_the_backup_limit_holds_over_a_thousand_sessions(tmp_path: Path) -> None:
    """docs/operations.md: a session of a 30-minute routine with every set takes about 40 kB of a
    backup, so the 50 MiB a restore takes (and the proxy's client_max_body_size) hold over a
    thousand of them: a session a day for three years."""
    _, client, _ = single(tmp_path, "measured")
    assert client.post("/api/screening", json={"yes": []}).status_code == 200
    request = {"conditions": ["sciatica", "lower-back-pain", "hip-pain"], "minutes": 30}
    assert client.put("/api/routines/long", json=request).status_code == 200
    opened = client.post("/api/sessions", json={"routine": "long"}).json()
    for index, step in enumerate(opened["timeline"]):
        if step["work"]:
            body = {"step": index, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"],
                    "rep": step["rep"], "seconds": step["seconds"], "planned_seconds": step["seconds"]}  # fmt: skip
            assert client.post(f"/api/sessions/{opened['id']}/sets", json=body).status_code == 204
    assert client.post(f"/api/sessions/{opened['id']}/finish", json={"state": "finished"}).status_code == 204
    (session,) = client.get("/export").json()["people"][0]["sessions"]
    one_session = len(json.dumps(session, indent=1))  # as /export writes it
    assert 20_000 < one_session < 50_000
    assert BACKUP_LIMIT // one_session > 1000
    operations = (Path(__file__).parents[2] / "docs" / "operations.md").read_text()
    assert "client_max_body_size 50m" in operations
    client.__exit__(None, None, None)
