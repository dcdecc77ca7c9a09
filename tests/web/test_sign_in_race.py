"""The limit on failed sign-ins across real server processes: two `supple serve --multi-user`, each
with two workers, on one database (SQLite and PostgreSQL), sent 30 sign-ins for one username at
once with the real argon2 work. tests/services/test_sign_in_race.py holds the same to the last
check with threads; this is the race as an attacker would run it."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
from tests.faults.server import Server

from supple.config import Settings
from supple.services import people
from supple.services.context import AppContext

RIGHT = "correct horse battery"
ATTEMPTS = 30


def attempt_at_once(servers: list[Server], guesses: list[str]) -> list[int]:
    """Each guess from its own browser, which has the sign-in form's token first; all sent together,
    spread over the servers. The status each got."""
    browsers = [httpx.Client(base_url=servers[n % len(servers)].url, timeout=120) for n in range(len(guesses))]
    for browser in browsers:
        browser.get("/login")
    start = threading.Barrier(len(guesses))
    answers: list[int] = []

    def attempt(browser: httpx.Client, password: str) -> None:
        data = {"csrf_token": browser.cookies["supple_csrf"], "username": "carol", "password": password}
        start.wait()
        answers.append(browser.post("/login", data=data).status_code)

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(browsers, guesses, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for browser in browsers:
        browser.close()
    return answers


def test_two_servers_with_two_workers_each_check_at_most_the_limit_of_wrong_passwords(
    tmp_path: Path, database_url: str
) -> None:
    settings = Settings(home=tmp_path / "accounts", database_url=database_url, multi_user=True)
    context = AppContext(settings)  # the real argon2 parameters: each check takes a while
    people.create_account(context, username="carol", password=RIGHT, role="clinician")
    context.close()
    servers = []
    try:
        for number in range(2):
            home = tmp_path / f"server{number}"
            home.mkdir()
            servers.append(Server(home, "--multi-user", "--workers", "2", database_url=database_url))
        guesses = [f"wrong guess {n}" for n in range(ATTEMPTS - 1)]
        guesses.insert(ATTEMPTS // 2, RIGHT)
        answers = attempt_at_once(servers, guesses)
    finally:
        said = [server.stop() for server in servers]
    assert len(answers) == ATTEMPTS and set(answers) <= {303, 401, 429}, answers
    assert answers.count(401) <= people.USER_LIMIT, f"{answers.count(401)} wrong passwords checked"
    assert answers.count(303) <= 1
    assert not [text for text in said if "Traceback" in text]
