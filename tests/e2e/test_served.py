"""The browser tests share one server per worker process (tests/e2e/served.py): each test must still
find it empty, whatever the test before it did there."""

from __future__ import annotations

import datetime as dt

import httpx
from tests.e2e.served import SharedServers

from supple.services.people import USER_LIMIT, create_account

CAROL = "carol's clinic password"


def sign_in(url: str, password: str) -> int:
    with httpx.Client(base_url=url) as browser:
        browser.get("/login")
        form = {"csrf_token": browser.cookies["supple_csrf"], "username": "carol", "password": password}
        return browser.post("/login", data=form).status_code


def test_a_test_never_sees_the_screening_or_routines_the_last_test_left(shared_servers: SharedServers) -> None:
    first = shared_servers.serve(multi_user=False)
    with httpx.Client(base_url=first.url) as program:
        assert program.post("/api/screening", json={"yes": []}).status_code == 200
        assert program.put("/api/routines/mine", json={"conditions": ["sciatica"], "minutes": 5}).is_success
        assert program.get("/api/routines").json() == ["mine"]
    shared_servers.done(first)
    assert httpx.get(first.url + "/api/routines").status_code == 503  # between tests, no app is served

    second = shared_servers.serve(multi_user=False)
    try:
        assert second.url == first.url  # the same server, started once
        assert second.home != first.home
        with httpx.Client(base_url=second.url) as program:
            assert program.get("/api/screening").status_code == 404
            assert program.get("/api/routines").json() == []
    finally:
        shared_servers.done(second)


def test_a_test_never_sees_the_accounts_sign_ins_failures_or_clock_the_last_test_left(
    shared_servers: SharedServers,
) -> None:
    first = shared_servers.serve(multi_user=True)
    create_account(first.context, username="carol", password=CAROL, role="clinician")
    assert sign_in(first.url, CAROL) == 303
    for _ in range(USER_LIMIT):
        assert sign_in(first.url, "a wrong guess") == 401
    assert sign_in(first.url, CAROL) == 429  # carol's failures are counted: she waits
    first.clock.advance(days=8)
    assert first.context.now() - dt.datetime.now(dt.UTC) > dt.timedelta(days=7)
    shared_servers.done(first)

    second = shared_servers.serve(multi_user=True)
    try:
        assert second.url == first.url
        assert second.context.store.accounts.all() == []
        assert sign_in(second.url, CAROL) == 401  # nobody called carol here
        create_account(second.context, username="carol", password=CAROL, role="clinician")
        assert sign_in(second.url, CAROL) == 303  # and none of the other carol's failures
        assert abs(second.context.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    finally:
        shared_servers.done(second)
