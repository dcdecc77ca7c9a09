"""Soak: a clinic's worth of people playing sessions for a minute against `supple serve --multi-user
--workers 4` on a throwaway durable PostgreSQL, then every acknowledged set counted in the database.

Each simulated client is its own account (real argon2 parameters; each signs in once), takes the
safety check, saves a routine and plays sessions back to back, posting its sets as fast as the
server answers (bench/soak_clients.py, in another process on 127.0.0.1). Afterwards each session's
sets are counted with SELECT: a set answered 204 that is not there is lost, and must never be.

python -m bench.soak [--seconds 60] [--clients 100]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from bench.child import figures_from
from bench.stats import percentile
from bench.web import _postgres, server

SECONDS, CLIENTS, WORKERS = 60, 100, 4
PASSWORD = "soak test horse battery"
CLINICIAN, PREFIX = "soakclinician", "client"
COLUMNS = ["run", "seconds", "sessions", "sets acknowledged", "sets in the database", "lost sets", "errors",
           "requests/s", "p50 ms", "p99 ms"]  # fmt: skip


def add_accounts(home: Path, database_url: str, clients: int) -> None:
    """A clinician and their clients, made the way `supple account add` makes them."""
    from supple.config import Settings
    from supple.services.context import AppContext
    from supple.services.people import create_account

    context = AppContext(Settings(home=home, database_url=database_url))
    create_account(context, username=CLINICIAN, password=PASSWORD, role="clinician")
    for n in range(clients):
        create_account(context, username=f"{PREFIX}{n}", password=PASSWORD, role="client", clinician=CLINICIAN)
    context.close()


def play(url: str, clients: int, seconds: float) -> dict[str, object]:
    args = (url, "--clients", str(clients), "--seconds", str(seconds), "--prefix", PREFIX, "--password", PASSWORD)
    return figures_from("bench.soak_clients", *args, timeout=seconds * 5 + 300, what="the simulated clients")


def kept_sets(database_url: str) -> tuple[dict[int, int], int, int]:
    """Sets in the database by session; sets without their session; sessions without their plan."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as c:
        counts = {row[0]: row[1] for row in c.execute(text("SELECT session_id, count(*) FROM sets GROUP BY 1"))}
        orphans = c.scalar(text("SELECT count(*) FROM sets WHERE session_id NOT IN (SELECT id FROM sessions)"))
        planless = c.scalar(text("SELECT count(*) FROM sessions WHERE plan IS NULL"))
    engine.dispose()
    return counts, int(orphans or 0), int(planless or 0)


def soak(clients: int = CLIENTS, seconds: float = SECONDS) -> dict[str, object]:
    from tests.e2e.conftest import free_port

    with tempfile.TemporaryDirectory() as folder, _postgres() as database_url:  # type: ignore[attr-defined]
        home = Path(folder)
        add_accounts(home, database_url, clients)
        with server(home, database_url, WORKERS, free_port(), "--multi-user") as url:
            result = play(url, clients, seconds)
        counts, orphans, planless = kept_sets(database_url)
        server_log = (home / "server.log").read_text(errors="replace")
    acknowledged = {int(k): int(v) for k, v in result["acknowledged"].items()}  # type: ignore[attr-defined]
    lost = sum(max(0, n - counts.get(session, 0)) for session, n in acknowledged.items())
    ms: list[float] = result["latencies_ms"]  # type: ignore[assignment]
    elapsed = float(str(result["elapsed_s"]))
    for sample in result["error_samples"]:  # type: ignore[attr-defined]
        print(f"error: {sample}", file=sys.stderr)
    if "Traceback" in server_log:  # each kind of exception once, with the end of its first traceback
        first = server_log.split("Traceback")[1]
        kinds = sorted({line for line in server_log.splitlines() if re.match(r"^[\w.]+(Error|Exception)\b", line)})
        print("--- the server failed with ---", *kinds, first[-2500:], sep="\n", file=sys.stderr)
    return {
        "run": f"{clients} clients, {WORKERS} workers, PostgreSQL", "seconds": round(elapsed, 1),
        "sessions": result["sessions"], "sets acknowledged": sum(acknowledged.values()),
        "sets in the database": sum(counts.values()), "lost sets": lost,
        "errors": int(str(result["errors"])) + orphans + planless, "requests/s": round(len(ms) / elapsed, 1),
        "p50 ms": round(percentile(ms, 50), 1), "p99 ms": round(percentile(ms, 99), 1),
    }  # fmt: skip


def run() -> list[dict[str, object]]:
    return [soak()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    args = parser.parse_args()
    print(json.dumps(soak(args.clients, args.seconds), indent=2))


if __name__ == "__main__":
    main()
