"""Fuzzing: schemathesis over the whole API, single-person mode and clinic mode, each on SQLite and
on PostgreSQL, 1,000 cases and more each.

Every operation of the OpenAPI schema gets generated requests, half allowed by the schema and
half not (bodies, paths, queries); a case fails on a server error, an invalid request accepted,
or an answer that is not as documented. The CI test
(tests/web/test_openapi_fuzz.py) runs the same code with a few cases per operation.

    .venv/bin/python -m bench.fuzz
"""

from __future__ import annotations

import contextlib
import math
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.web.fuzzing import Fuzzed, app_with_data, clinic_with_data, fuzz

CASES = 1000  # at least this many per mode, spread evenly over the operations
# Some operations run out of distinct requests before their share (a GET without parameters has
# one, and has no invalid request at all), so each asks for three times its share; another round
# runs if that still falls short. The table shows the cases actually run.
MARGIN = 3


def per_operation(app: Any) -> int:
    import schemathesis

    operations = sum(1 for _ in schemathesis.openapi.from_asgi("/openapi.json", app).get_all_operations())
    return math.ceil(MARGIN * CASES / operations)


def single_person(home: Path, database_url: str | None) -> tuple[Any, dict[str, str] | None]:
    return app_with_data(home, database_url), None


def merged(first: Fuzzed, second: Fuzzed) -> Fuzzed:
    return Fuzzed(first.cases + second.cases, second.operations, first.failures | second.failures)


def row(mode: str, found: Fuzzed, seconds: float) -> dict[str, object]:
    failures = "; ".join(f"{label}: {text.splitlines()[0]}" for label, text in found.failures.items())
    return {"mode": mode, "cases": found.cases, "operations": found.operations,
            "failures": len(found.failures), "seconds": seconds, "failed": failures or "-"}  # fmt: skip


def run() -> list[dict[str, object]]:
    rows = []
    for mode, build in (("single person", single_person), ("clinic", clinic_with_data)):
        for database in ("SQLite", "PostgreSQL"):
            with tempfile.TemporaryDirectory() as folder, _database(database) as url:
                app, headers = build(Path(folder), url)
                began = time.perf_counter()
                found = Fuzzed()
                while found.cases < CASES:
                    found = merged(found, fuzz(app, per_operation(app), headers))
                rows.append(row(f"{mode}, {database}", found, time.perf_counter() - began))
    return rows


def _database(name: str) -> Any:
    """None for SQLite in the data folder, or a throwaway PostgreSQL server's URL."""
    from tests.pg import throwaway_server

    return throwaway_server() if name == "PostgreSQL" else contextlib.nullcontext(None)


if __name__ == "__main__":
    for line in run():
        print(line)
