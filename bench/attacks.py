"""What an attacker and a crash tried, and what held (issue 17): each on SQLite and on a throwaway
PostgreSQL server.

- isolation: every route of clinic mode probed by one clinician and their client against another
  clinician's client (tests/web/test_clinic_isolation.py's probes, derived from the app's routes);
- escaping: markup and script typed into every text a person or clinician can send, then every page
  of both modes read back (tests/web/test_escaping.py);
- kills: a worker of `supple serve --workers 2` killed with SIGKILL again and again under a load of
  sets: every set answered 204 must be in the database (tests/faults/test_worker_killed.py, repeated);
- sign-in race: wrong passwords and one right one sent at once to two servers of two workers each,
  real argon2: the passwords checked must not pass the limit (tests/web/test_sign_in_race.py).

    .venv/bin/python -m bench.attacks [--kills 25]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KILLS = 25
COLUMNS = ["attack", "database", "tried", "held", "failed", "seconds", "figures"]


@contextlib.contextmanager
def database(name: str) -> Iterator[str | None]:
    """None for SQLite in the data folder, or a throwaway PostgreSQL server's URL."""
    from tests.pg import throwaway_server

    with throwaway_server() if name == "PostgreSQL" else contextlib.nullcontext(None) as url:
        yield url


def pytest_counts(*args: str) -> tuple[int, int, float]:
    """(passed, failed, seconds) of a pytest run in a child process."""
    env = {**os.environ}
    env.pop("SUPPLE_DATABASE_URL", None)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - began
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    passed = _count(tail, "passed")
    failed = _count(tail, "failed") + _count(tail, "error")
    return passed, failed, seconds


def _count(line: str, word: str) -> int:
    import re

    found = re.search(rf"(\d+) {word}", line)
    return int(found.group(1)) if found else 0


def isolation(name: str) -> dict[str, object]:
    from tests.web.test_clinic_isolation import PROBES

    case = "sqlite" if name == "SQLite" else "postgres"
    passed, failed, seconds = pytest_counts("tests/web/test_clinic_isolation.py", "-k", case)
    routes = len({path for _, path in PROBES})
    return {"attack": "another person's records, every route", "database": name, "tried": passed + failed,
            "held": passed, "failed": failed, "seconds": seconds,
            "figures": f"{routes} route patterns, {len(PROBES)} method and route pairs"}  # fmt: skip


def escaping() -> dict[str, object]:
    from tests.web.test_escaping import PAYLOADS

    passed, failed, seconds = pytest_counts("tests/web/test_escaping.py")
    return {"attack": "markup typed into every text field", "database": "SQLite", "tried": passed + failed,
            "held": passed, "failed": failed, "seconds": seconds,
            "figures": f"{len(PAYLOADS)} payloads, every page of both modes read back"}  # fmt: skip


def kills(name: str, url: str | None, count: int) -> dict[str, object]:
    import httpx
    from tests.faults.checks import assert_store_whole
    from tests.faults.load import Load
    from tests.faults.server import Server, prepare, wait_for

    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder), "--workers", "2", database_url=url)
        database_url = url or f"sqlite:///{Path(folder) / 'supple.db'}"
        done = 0
        try:
            with httpx.Client(base_url=server.url) as client:
                session = prepare(client)
            wait_for(lambda: len(server.workers()) == 2, seconds=30, what="two workers")
            load = Load(server.url, session)
            load.start(setters=6, opening=True)
            try:
                for _ in range(count):
                    before = len(load.acknowledged)
                    wait_for(lambda b=before: len(load.acknowledged) >= b + 20, seconds=60, what="sets acknowledged")
                    victim = server.workers()[0]
                    os.kill(victim, signal.SIGKILL)
                    replaced = lambda v=victim: len(w := server.workers()) == 2 and v not in w  # noqa: E731
                    wait_for(replaced, seconds=60, what="a new worker")
                    done += 1
            finally:
                load.finish()
        finally:
            server.stop()
        errors = [a for a in load.answers if a.status not in (0, 201, 204)]
        try:
            assert_store_whole(database_url, session=session, acknowledged=load.acknowledged, opened=load.opened)
            lost = 0
        except AssertionError as error:
            lost = str(error).count("(")
    return {"attack": "a worker killed (SIGKILL) under load", "database": name, "tried": done,
            "held": done if not lost and not errors else 0, "failed": int(bool(lost or errors)),
            "seconds": time.perf_counter() - began,
            "figures": f"{len(load.acknowledged)} sets acknowledged, {lost} lost, {len(errors)} errors"}  # fmt: skip


def sign_in_race(name: str, url: str | None) -> dict[str, object]:
    from tests.faults.server import Server
    from tests.web.test_sign_in_race import ATTEMPTS, RIGHT, attempt_at_once

    from supple.config import Settings
    from supple.services import people
    from supple.services.context import AppContext

    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        database_url = url or f"sqlite:///{Path(folder) / 'shared.db'}"
        context = AppContext(Settings(home=Path(folder) / "accounts", database_url=database_url, multi_user=True))
        people.create_account(context, username="carol", password=RIGHT, role="clinician")
        context.close()
        servers: list[Any] = []
        try:
            for number in range(2):
                home = Path(folder) / f"server{number}"
                home.mkdir()
                servers.append(Server(home, "--multi-user", "--workers", "2", database_url=database_url))
            guesses = [f"wrong guess {n}" for n in range(ATTEMPTS - 1)]
            guesses.insert(ATTEMPTS // 2, RIGHT)
            answers = attempt_at_once(servers, guesses)
        finally:
            for server in servers:
                server.stop()
    checked = answers.count(401)
    held = checked <= people.USER_LIMIT
    return {"attack": "sign-ins sent at once, 2 servers x 2 workers", "database": name, "tried": len(answers),
            "held": len(answers) if held else 0, "failed": 0 if held else 1, "seconds": time.perf_counter() - began,
            "figures": f"{checked} wrong passwords checked (limit {people.USER_LIMIT}), "
                       f"{answers.count(429)} refused unchecked, {answers.count(303)} signed in"}  # fmt: skip


def run(kill_count: int = KILLS) -> list[dict[str, object]]:
    rows = [escaping()]
    for name in ("SQLite", "PostgreSQL"):
        rows.append(isolation(name))
        with database(name) as url:
            rows.append(kills(name, url, kill_count))
        with database(name) as url:
            rows.append(sign_in_race(name, url))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=KILLS)
    arguments = parser.parse_args()
    for row in run(arguments.kills):
        print(row)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
