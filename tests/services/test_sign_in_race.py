"""Signing in many times at once: the limit on failed sign-ins holds whatever the concurrency, on
SQLite and PostgreSQL. Each attempt is counted before its password is checked, so at most
USER_LIMIT wrong passwords are ever checked for one username in the window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.clock import FakeClock
from tests.web.fuzzing import cheap_passwords

from supple.config import Settings
from supple.errors import TooManyAttempts, Unauthorized
from supple.services import people
from supple.services.context import AppContext
from supple.services.passwords import Passwords

RIGHT = "correct horse battery"
ATTEMPTS = 16  # 15 wrong passwords and the right one, as in the report that found the race


class HeldChecks(Passwords):
    """A spy hasher that records every password it checks, and holds each check until every attempt
    has either reached its check or been refused: the attempts overlap as much as they can, so a
    count read before another attempt's failure is written shows every time, not by luck."""

    def __init__(self, attempts: int) -> None:
        super().__init__(cheap_passwords().hasher)
        self.attempts = attempts
        self.checked: list[str] = []
        self.arrived = 0
        self.turns = threading.Condition()

    def verify(self, stored: str, password: str) -> bool:
        with self.turns:
            self.checked.append(password)
            self._arrive()
            self.turns.wait_for(lambda: self.arrived >= self.attempts, timeout=30)  # a bound if one goes astray
        return super().verify(stored, password)

    def refused(self) -> None:
        with self.turns:
            self._arrive()

    def _arrive(self) -> None:
        self.arrived += 1
        self.turns.notify_all()


@pytest.fixture
def clinic_context(database_url: str, tmp_path: Path) -> Iterator[tuple[AppContext, HeldChecks]]:
    passwords = HeldChecks(ATTEMPTS)
    settings = Settings(home=tmp_path / "home", database_url=database_url, multi_user=True)
    context = AppContext(settings, clock=FakeClock(), passwords=passwords)
    people.create_account(context, username="carol", password=RIGHT, role="clinician")
    yield context, passwords
    context.close()


def attempt_all_at_once(context: AppContext, passwords: HeldChecks, guesses: list[str]) -> list[str]:
    """Each guess signs in on its own thread, all released together; what each got."""
    outcomes: list[str] = []
    start = threading.Barrier(len(guesses))

    def attempt(password: str) -> None:
        start.wait()
        try:
            people.sign_in(context, username="carol", password=password, address="10.0.0.1")
            outcomes.append("signed in")
        except Unauthorized:
            outcomes.append("wrong")
        except TooManyAttempts:
            passwords.refused()
            outcomes.append("wait")
        except BaseException as error:  # noqa: BLE001 (a store error is a failure of the test, said below)
            passwords.refused()
            outcomes.append(repr(error))

    threads = [threading.Thread(target=attempt, args=(password,)) for password in guesses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def test_parallel_sign_ins_check_at_most_the_limit_of_wrong_passwords(clinic_context) -> None:
    context, passwords = clinic_context
    guesses = [f"wrong guess {n}" for n in range(ATTEMPTS - 1)]
    guesses.insert(ATTEMPTS // 2, RIGHT)
    outcomes = attempt_all_at_once(context, passwords, guesses)
    assert set(outcomes) <= {"signed in", "wait", "wrong"}, outcomes
    wrong_checked = [password for password in passwords.checked if password != RIGHT]
    assert len(wrong_checked) <= people.USER_LIMIT, f"{len(wrong_checked)} wrong passwords checked"
    # every attempt was counted or refused before any check ended: exactly the limit were checked
    assert len(passwords.checked) == people.USER_LIMIT
    assert outcomes.count("wrong") == len(wrong_checked)
    assert outcomes.count("wait") == ATTEMPTS - people.USER_LIMIT
    if RIGHT not in passwords.checked:  # five failures: the window holds afterwards too
        with pytest.raises(TooManyAttempts):
            people.sign_in(context, username="carol", password=RIGHT, address="10.0.0.2")
