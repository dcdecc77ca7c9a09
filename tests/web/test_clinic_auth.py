"""Signing in (clinic mode): argon2id hashes, cookies, expiry and signing out, the rate limit across
worker processes, an unknown username checked like a known one, form tokens on every form (the
sign-in form too), the API's guard against other sites, and no password in any log or answer."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.clinic import PASSWORD, Clinic, form, login
from tests.web.conftest import save_routine, screen
from tests.web.fuzzing import cheap_passwords
from tests.web.test_api import a_set, open_session

from supple.config import Settings
from supple.services import people
from supple.services.passwords import Passwords
from supple.web.app import create_app
from supple.web.deps import FOR_PERSON


def set_cookies(response: object) -> dict[str, str]:
    headers = response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return {header.split("=", 1)[0]: header for header in headers}


def test_passwords_are_kept_as_argon2id_hashes_only(clinic: Clinic) -> None:
    clinic.add("carol", password="carol's long password")
    stored = clinic.context.store.accounts.named(username="carol")
    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert "carol's long password" not in stored.password_hash


def test_the_real_parameters_are_argon2id_too() -> None:
    """Not the tests' cheap hasher: the one a clinic runs."""
    assert Passwords().hash("a real clinic password").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
def test_the_sign_in_cookie_is_httponly_samesite_and_secure_over_https(clinic: Clinic, https: bool) -> None:
    clinic.add("carol")
    browser = clinic.browser(https=https)
    cookies = set_cookies(login(browser, "carol", PASSWORD))
    session, csrf = cookies["supple_session"], cookies["supple_csrf"]
    assert "HttpOnly" in session and "SameSite=lax" in session and "Path=/" in session
    assert "HttpOnly" in csrf and "SameSite=strict" in csrf
    assert ("Secure" in session, "Secure" in csrf) == (https, https)
    token = session.split("=", 1)[1].split(";")[0]
    assert len(token) >= 43, "256 random bits"
    kept = clinic.context.store.sign_ins.who(token_hash=people.token_hash(token), now=clinic.clock())
    assert kept is not None and token not in people.token_hash(token)


def test_a_sign_in_expires_and_signing_out_revokes_it_on_the_server(clinic: Clinic) -> None:
    clinic.add("carol")
    browser = clinic.sign_in("carol")
    assert browser.get("/api/clients").status_code == 200
    clinic.clock.advance(hours=11, minutes=59)
    assert browser.get("/api/clients").status_code == 200
    clinic.clock.advance(minutes=2)
    assert browser.get("/api/clients").status_code == 401
    assert browser.get("/clients", follow_redirects=False).headers["location"] == "/login?next=%2Fclients"

    browser = clinic.sign_in("carol")
    stolen = browser.cookies["supple_session"]
    signed_out = form(browser, "/logout")
    assert signed_out.headers["clear-site-data"] == '"cache"', "not storage: others' waiting sessions stay"
    replay = clinic.browser()
    replay.cookies.set("supple_session", stolen)
    assert replay.get("/api/clients").status_code == 401, "the token itself is revoked, not only the cookie"


def test_the_players_two_requests_need_the_sign_in_at_every_request(clinic: Clinic) -> None:
    """Reading a routine to play and recording a set ask who is asking themselves (web/routes/
    api_player.py): a stranger, a signed-out token, an expired one and another person's device are
    refused as by every other route, and nothing is kept."""
    clinic.add("carol")
    sam_id = clinic.add("sam", clinician="carol")
    sam = clinic.sign_in("sam")
    screen(sam)
    save_routine(sam)
    opened = open_session(sam)
    work = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"])
    sets, routine = f"/api/sessions/{opened['id']}/sets", "/api/routines/morning"
    stranger = clinic.browser()
    others = {FOR_PERSON: str(sam_id + 1000)}
    assert [stranger.get(routine).status_code, stranger.post(sets, json=a_set(work[1], work[0])).status_code,
            sam.get(routine, headers=others).status_code,
            sam.post(sets, json=a_set(work[1], work[0]), headers=others).status_code] == [401] * 4  # fmt: skip
    assert sam.get(routine).status_code == 200 and sam.post(sets, json=a_set(work[1], work[0])).status_code == 204
    stolen = sam.cookies["supple_session"]
    form(sam, "/logout")
    replay = clinic.browser()
    replay.cookies.set("supple_session", stolen)
    assert replay.get(routine).status_code == 401, "signing out takes effect at the next request"
    later = clinic.sign_in("sam")
    clinic.clock.advance(hours=12, minutes=1)
    assert later.get(routine).status_code == 401, "and so does the sign-in running out"
    kept = clinic.context.store.history.session(session_id=opened["id"])
    assert kept is not None and len(kept.sets) == 1


def test_a_new_password_signs_the_person_out_everywhere(clinic: Clinic) -> None:
    clinic.add("carol")
    phone, desk = clinic.sign_in("carol"), clinic.sign_in("carol")
    wrong = form(desk, "/account/password", {"current": "not it at all", "new": "a new long password"})
    assert wrong.status_code == 401 and phone.get("/api/clients").status_code == 200
    assert form(desk, "/account/password", {"current": PASSWORD, "new": "a new long password"}).status_code == 303
    assert phone.get("/api/clients").status_code == 401
    assert login(clinic.browser(), "carol", PASSWORD).status_code == 401
    assert login(clinic.browser(), "carol", "a new long password").status_code == 303


def test_guessing_the_current_password_from_a_signed_in_browser_is_limited_like_signing_in(clinic: Clinic) -> None:
    # whoever has someone's open sign-in cannot try passwords on the account page faster than at the door
    clinic.add("carol")
    desk = clinic.sign_in("carol")
    for _ in range(people.USER_LIMIT):
        assert form(desk, "/account/password", {"current": "guess", "new": "a new long password"}).status_code == 401
    locked = form(desk, "/account/password", {"current": PASSWORD, "new": "a new long password"})
    assert locked.status_code == 429, "even the right password waits"
    assert login(clinic.browser(), "carol", PASSWORD).status_code == 429, "the same count as the sign-in page"
    clinic.clock.advance(minutes=15)
    assert form(desk, "/account/password", {"current": PASSWORD, "new": "a new long password"}).status_code == 303


def test_failed_sign_ins_lock_the_username_for_a_while_then_let_it_in(clinic: Clinic) -> None:
    clinic.add("carol")
    browser = clinic.browser()
    for _ in range(people.USER_LIMIT):
        assert login(browser, "carol", "guess").status_code == 401
    locked = login(browser, "carol", PASSWORD)
    assert locked.status_code == 429, "even the right password waits"
    assert int(locked.headers["retry-after"]) == 15 * 60
    clinic.clock.advance(minutes=10)
    assert int(login(browser, "carol", PASSWORD).headers["retry-after"]) == 5 * 60
    clinic.clock.advance(minutes=5)
    assert login(browser, "carol", PASSWORD).status_code == 303
    assert login(browser, "carol", "guess").status_code == 401, "the failures have left the window"


def test_unknown_usernames_are_limited_too_and_so_is_an_address(clinic: Clinic) -> None:
    clinic.add("carol")
    browser = clinic.browser()
    for _ in range(people.USER_LIMIT):
        login(browser, "nobody", "guess")
    assert login(browser, "nobody", "guess").status_code == 429, "a lock says nothing about who exists"
    for number in range(people.ADDRESS_LIMIT - people.USER_LIMIT):
        login(browser, f"someone{number}", "guess")
    from_there = login(browser, "carol", PASSWORD)
    assert from_there.status_code == 429 and "Retry-After" in from_there.headers


def test_the_limit_holds_across_worker_processes(clinic: Clinic) -> None:
    """Each worker builds its own app on the same database: the count lives there, not in a process."""
    clinic.add("carol")
    first = clinic.browser()
    for _ in range(people.USER_LIMIT):
        login(first, "carol", "guess")
    other_worker = create_app(clinic.context.settings, clock=clinic.clock, passwords=cheap_passwords())
    with TestClient(other_worker) as second:
        second.get("/login")
        assert login(second, "carol", PASSWORD).status_code == 429


def test_an_unknown_username_is_checked_against_a_dummy_hash(clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    """So it costs the same argon2 work as a wrong password: no telling which usernames exist."""
    clinic.add("carol")
    checked: list[str] = []
    passwords = clinic.context.passwords
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda stored, given: checked.append(stored) or real(stored, given))
    browser = clinic.browser()
    unknown, wrong = login(browser, "nobody", "guess"), login(browser, "carol", "guess")
    assert checked == [
        passwords.dummy_hash(),
        clinic.context.store.accounts.named(username="carol").password_hash,  # type: ignore[union-attr]
    ]
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.text.replace("nobody", "carol") == wrong.text


def test_no_password_is_logged_or_repeated(clinic: Clinic, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = ["carol's secret words", "sam's first secret", "not carol's password", "short", "a better secret"]
    clinic.add("carol", password=secrets[0])
    carol = clinic.sign_in("carol", secrets[0])
    answers = [
        login(clinic.browser(), "carol", secrets[2]),
        carol.post("/api/clients", json={"username": "sam", "password": secrets[1]}),
        carol.post("/api/clients", json={"username": "tom", "password": secrets[3]}),
        carol.post("/api/clients", json={"username": "tom", "password": ["a", secrets[3]]}),  # FastAPI's 422
        form(carol, "/clients", {"username": "una", "password": secrets[3]}),
        form(carol, "/account/password", {"current": secrets[2], "new": secrets[4]}),
        form(carol, "/account/password", {"current": secrets[0], "new": secrets[3]}),
    ]
    assert [a.status_code for a in answers] == [401, 201, 400, 422, 400, 401, 400]
    for secret in secrets:
        assert all(secret not in a.text for a in answers), secret
        assert secret not in caplog.text
        assert all(secret not in record.getMessage() for record in caplog.records)
    assert 'value="una"' in answers[4].text, "the form comes back with the username only"


# --- form tokens and the API's guard -------------------------------------------------------------


def form_posts() -> list[str]:
    from fastapi.routing import iter_route_contexts

    app = create_app(Settings(home=Path("/nonexistent"), multi_user=True))
    return sorted(
        route.path for route in iter_route_contexts(app.routes)
        if "POST" in (route.methods or ()) and not route.path.startswith("/api/")
    )  # fmt: skip


@pytest.mark.parametrize("path", form_posts())
def test_every_form_post_is_refused_without_its_token(clinic: Clinic, path: str) -> None:
    clinic.add("carol")
    sam = clinic.add("sam", clinician="carol")
    carol = clinic.sign_in("carol")  # a clinician reaches every form
    url = re.sub(r"\{[a-z_]+\}", str(sam), path)
    data = {"username": "carol", "password": PASSWORD, "name": "x", "text": "exercises: []", "confirm": "delete"}
    assert carol.post(url, data=data, follow_redirects=False).status_code == 403
    assert carol.post(url, data=data | {"csrf_token": "forged"}, follow_redirects=False).status_code == 403
    assert carol.get("/api/clients").status_code == 200, "still signed in, nothing done"


def test_the_sign_in_form_needs_its_token_even_with_the_right_password(clinic: Clinic) -> None:
    clinic.add("carol")
    stranger = TestClient(clinic.app)
    refused = stranger.post("/login", data={"username": "carol", "password": PASSWORD}, follow_redirects=False)
    assert refused.status_code == 403 and "supple_session" not in set_cookies(refused)


def test_the_api_refuses_changes_from_other_sites_and_bodies_that_are_not_json(clinic: Clinic) -> None:
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    body = '{"username": "mallory", "password": "mallory password"}'
    cross_site = carol.post("/api/clients", content=body, headers={"Content-Type": "application/json",
                                                                    "Sec-Fetch-Site": "cross-site"})  # fmt: skip
    assert cross_site.status_code == 403
    assert carol.post("/api/clients", content=body, headers={"Sec-Fetch-Site": "same-site"}).status_code == 403
    # a cross-site fetch can send a body with no Content-Type at all, or as text/plain, without asking
    assert carol.post("/api/clients", content=body.encode()).status_code == 415
    assert carol.post("/api/clients", content=body, headers={"Content-Type": "text/plain"}).status_code == 415
    assert [c["username"] for c in carol.get("/api/clients").json()] == []
    same_site = carol.post("/api/clients", content=body, headers={"Content-Type": "application/json",
                                                                   "Sec-Fetch-Site": "same-origin"})  # fmt: skip
    assert same_site.status_code == 201


def test_signing_in_returns_only_to_this_site(clinic: Clinic) -> None:
    clinic.add("carol")
    for target, expected in (("//evil.example/x", "/clients"), ("https://evil.example", "/clients"),
                             ("/progress", "/progress")):  # fmt: skip
        assert login(clinic.browser(), "carol", PASSWORD, next=target).headers["location"] == expected


def test_pages_ask_a_stranger_to_sign_in_and_the_api_answers_401(clinic: Clinic) -> None:
    stranger = clinic.browser()
    assert stranger.get("/progress", follow_redirects=False).headers["location"] == "/login?next=%2Fprogress"
    assert stranger.get("/api/progress").status_code == 401
    assert "Sign in" in stranger.get("/login").text


def test_single_person_mode_has_no_accounts_and_no_sign_in(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/login").status_code == 404
        assert client.get("/clients").status_code == 404
        assert client.get("/api/progress").status_code == 200


class NoHashing:
    """A password hasher that fails the test as soon as anything uses it."""

    def __getattr__(self, name: str) -> object:
        pytest.fail(f"no argon2 on an ordinary request (asked for {name})")


def test_an_ordinary_request_costs_one_lookup_and_no_password_hashing(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """argon2 runs at sign-in only; after that the token is found by its hash, once per request
    (the routes' PersonDep shares the lookup the router makes; the player's routes make their own)."""
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    # the same database and clock, and a hasher that fails when used: carol's cookie from her sign-in
    worker = create_app(clinic.context.settings, clock=clinic.clock, passwords=Passwords(NoHashing()))  # type: ignore[arg-type]
    sign_ins = worker.state.context.store.sign_ins
    lookups: list[str] = []
    real = sign_ins.who

    def counted(**kw: object) -> object:
        lookups.append("lookup")
        return real(**kw)  # type: ignore[arg-type]

    monkeypatch.setattr(sign_ins, "who", counted)
    with TestClient(worker, cookies=carol.cookies) as same_browser:
        for path in ("/api/routines", "/progress", "/api/clients", "/clients"):
            assert same_browser.get(path).status_code == 200
        assert same_browser.get("/api/routines/morning").status_code == 403  # the player's own: not screened yet
    assert len(lookups) == 5
