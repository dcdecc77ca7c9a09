"""Property runs: 10,000 random plan requests against the planner's promises, and backups.

Each request draws conditions, 3-90 minutes, equipment, positions to avoid, --no-floor,
--warmed-up, exercises swapped out and the precautions of random screening answers; the plan must
stay in budget, hold no excluded exercise and visit each position in one stretch
(tests/planner/properties.py, the same check the CI test runs a few hundred times).
Backups: random stores exported, imported into an empty store and exported again must give the
same document; a real backup damaged at random must be refused with a clear message and the store
untouched, or restored into a store that exports as strict JSON (tests/store/backups.py).

    .venv/bin/python -m bench.properties
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from tests.planner import properties
from tests.store import backups

REQUESTS = 10_000
ROUND_TRIPS = 300
DAMAGED = 2_000


def planner(count: int = REQUESTS) -> dict[str, object]:
    def check(options: dict[str, Any], answers: set[str]) -> str:
        return "planned" if properties.plan_within_limits(options, answers) is not None else "refused"

    given_ = given(options=properties.requests, answers=properties.answers)
    return counted("planner: budget, exclusions, position flow", count, given_, check)


def round_trips(count: int = ROUND_TRIPS) -> dict[str, object]:
    def check(sessions: Any, goals: Any) -> str:
        with tempfile.TemporaryDirectory() as folder:
            backups.round_trip(Path(folder), sessions, goals)
        return "same"

    given_ = given(sessions=backups.sessions_data, goals=backups.goals_data)
    return counted("backup: export, import, export is the same", count, given_, check)


def damaged_backups(count: int = DAMAGED) -> dict[str, object]:
    backup = backups.a_backup()

    def check(document: dict[str, Any]) -> str:
        with tempfile.TemporaryDirectory() as folder:
            db = backups.fresh(Path(folder), "target.db")
            try:
                return backups.restore_or_refuse(db, document)
            finally:
                db.dispose()

    return counted("backup: damaged at random, refused or restored", count, given(document=backups.damaged(backup)),
                   check)  # fmt: skip


def counted(name: str, count: int, given_: Callable[..., Any], check: Callable[..., str]) -> dict[str, object]:
    """Run `check` on `count` drawn cases; any exception is a failure, counted, and the run goes on."""
    outcomes: dict[str, int] = {}
    failures: list[str] = []

    @given_
    @settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def each(**case: Any) -> None:
        try:
            outcome = check(**case)
        except Exception as error:  # noqa: BLE001 - a traceback here is the failure being counted
            failures.append(f"{type(error).__name__}: {str(error)[:300]}")
            return
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    began = time.perf_counter()
    each()
    seconds = time.perf_counter() - began
    return {"property": name, "cases": sum(outcomes.values()) + len(failures),
            "refused": outcomes.get("refused", "-"), "failures": len(failures), "seconds": seconds,
            "first failure": failures[0] if failures else "-"}  # fmt: skip


def run() -> list[dict[str, object]]:
    return [planner(), round_trips(), damaged_backups()]


if __name__ == "__main__":
    for line in run():
        print(line)
