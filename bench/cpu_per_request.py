"""CPU per request of `supple serve`: the server's own cost, measured so that other load on the machine
does not blur it (a wall-clock latency swings with whatever else runs; CPU time barely does).

The server runs as bench/web.py starts it (one worker), on SQLite and on PostgreSQL, in single-person
mode and in clinic mode (`--multi-user`, a client signed in through the sign-in form, each request
with its cookie); and beside it, in the same run, the framework floor (bench/floor.py: bare FastAPI
and uvicorn doing the same SQLite read and insert). After a warm-up, a closed loop sends a fixed
number of requests of each kind of bench/web.py's mixed traffic: reading a saved routine as it would
be played today, and recording a set. The CPU time (user + system, from /proc) of the server's
processes, and of PostgreSQL's, before and after each phase, divided by the requests sent, is the
figure; "x floor" is it over the floor's, "x single" clinic mode's over single-person mode's, on the
same database. Linux only.

.venv/bin/python -m bench.cpu_per_request [--requests N] [--concurrency C] [--database SQLite|PostgreSQL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import SET, Pool
from bench.web import ROOT, PortTaken, prepare, server

TICKS_PER_S = os.sysconf("SC_CLK_TCK")
WARM_UP = 300
KINDS = ("read plan", "record set")


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # the process is gone
        return []
    return [int(child) for child in found]


def _tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's workers; PostgreSQL's backends and helpers)."""
    pids, todo = [], [pid]
    while todo:
        pids.append(current := todo.pop())
        todo += _children(current)
    return pids


def _cpu_s(pid: int) -> float:
    """User + system seconds of a process, with those of its children already waited for (a
    PostgreSQL backend that ended keeps counting)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])  # fields 14-17 of proc(5)
    return (utime + stime + cutime + cstime) / TICKS_PER_S


def tree_cpu_s(root: int | None) -> float:
    return 0.0 if root is None else sum(_cpu_s(pid) for pid in _tree(root))


@dataclass(frozen=True)
class Cost:
    kind: str
    requests: int
    server_ms: float  # per request
    postgres_ms: float  # per request; 0 on SQLite


async def _send(url: str, kind: str, session: int, count: int, concurrency: int, cookie: str = "") -> None:
    """`count` requests of one kind, `concurrency` at a time, each sent when the last one answered."""
    address = urlsplit(url)
    pool = Pool(address.hostname or "127.0.0.1", address.port or 80)
    left = iter(range(count))
    headers = f"Cookie: supple_session={cookie}\r\n" if cookie else ""

    async def client() -> None:
        for _ in left:
            if kind == "read plan":
                status, _ = await pool.exchange("GET", "/api/routines/morning", b"", headers)
            else:
                status, _ = await pool.exchange("POST", f"/api/sessions/{session}/sets", SET, headers)
            if status not in (200, 204):
                raise RuntimeError(f"{kind}: HTTP {status}")

    await asyncio.gather(*(client() for _ in range(concurrency)))


def measure(
    url: str, kind: str, session: int, count: int, concurrency: int, server_pid: int, pg: int | None, cookie: str = ""
) -> Cost:
    before = tree_cpu_s(server_pid), tree_cpu_s(pg)
    asyncio.run(_send(url, kind, session, count, concurrency, cookie))
    after = tree_cpu_s(server_pid), tree_cpu_s(pg)
    server_ms, postgres_ms = ((b - a) * 1000 / count for a, b in zip(before, after, strict=True))
    return Cost(kind, count, server_ms, postgres_ms)


@contextmanager
def _postgres(database: str) -> Iterator[tuple[str | None, int | None]]:
    """The URL and the postmaster's pid of a throwaway durable server, or (None, None) for SQLite."""
    if database != "PostgreSQL":
        yield None, None
        return
    sys.path.insert(0, str(ROOT))
    from tests.pg import throwaway_cluster

    with throwaway_cluster(durable=True) as cluster:
        postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
        yield cluster.url, postmaster


def _server_pid(port: int) -> int:
    """The pid of `supple serve` listening on this port (bench/web.py's server() keeps its Popen)."""
    found = subprocess.run(["ss", "-Htlnp", f"sport = :{port}"], capture_output=True, text=True, check=True)
    return int(found.stdout.split("pid=")[1].split(",")[0])


def run_database(database: str, requests: int, concurrency: int, mode: str = "single") -> list[Cost]:
    """One server of supple, single-person or clinic mode, on the database (on another port when
    another program took the first one)."""
    for _ in range(3):
        try:
            return _run_database(database, requests, concurrency, mode)
        except PortTaken:
            continue
    raise RuntimeError("three ports in a row were taken by other servers")


def _run_database(database: str, requests: int, concurrency: int, mode: str) -> list[Cost]:
    from tests.e2e.conftest import free_port

    port = free_port()
    with tempfile.TemporaryDirectory() as home, _postgres(database) as (url_of_db, postmaster):
        options = ("--multi-user",) if mode == "clinic" else ()
        if mode == "clinic":
            from bench.soak import CLINICIAN, PASSWORD, PREFIX, add_accounts

            add_accounts(Path(home), url_of_db, 1)  # type: ignore[arg-type]
        with server(Path(home), url_of_db, 1, port, *options) as url:
            cookie = ""
            if mode == "clinic":
                from bench.soak_clients import sign_in

                cookie = asyncio.run(sign_in(url, f"{PREFIX}0", PASSWORD, asyncio.Semaphore(1)))
                assert CLINICIAN
            session = prepare(url, cookie)
            pid = _server_pid(port)
            return _phases(url, session, requests, concurrency, pid, postmaster, cookie)


def run_floor(requests: int, concurrency: int) -> list[Cost]:
    """The framework floor (bench/floor.py), on SQLite, reading the same routine's JSON as supple sends."""
    from tests.e2e.conftest import free_port

    from bench.floor import prepare as prepare_floor
    from bench.floor import serve

    with tempfile.TemporaryDirectory() as home:
        with server(Path(home), None, 1, free_port()) as url:
            prepare(url)
            with urllib.request.urlopen(url + "/api/routines/morning", timeout=30) as answer:
                routine = answer.read()
        database = Path(home) / "floor.db"
        prepare_floor(database, routine)
        with serve(database, free_port()) as (floor_url, pid):
            return _phases(floor_url, 1, requests, concurrency, pid, None, "")


def _phases(
    url: str, session: int, requests: int, concurrency: int, pid: int, postmaster: int | None, cookie: str
) -> list[Cost]:
    for kind in KINDS:  # warm-up: imports, caches, the pool's connections
        asyncio.run(_send(url, kind, session, WARM_UP, concurrency, cookie))
    return [measure(url, kind, session, requests, concurrency, pid, postmaster, cookie) for kind in KINDS]


COLUMNS = ["database", "server", "traffic", "requests", "server CPU ms/request", "x floor", "x single",
           "PostgreSQL CPU ms/request"]  # fmt: skip
SERVERS = ("floor (FastAPI + uvicorn)", "supple, single-person", "supple, clinic")


def run(
    requests: int = 2000, concurrency: int = 2, databases: tuple[str, ...] = ("SQLite", "PostgreSQL")
) -> list[dict[str, object]]:
    """A row per database, server and kind of request, and the mean of the two kinds (the mixed
    traffic); the floor's and single-person mode's figures are the yardsticks of the same run."""
    rows: list[dict[str, object]] = []
    floor = _with_mixed(run_floor(requests, concurrency))
    for database in databases:
        single = _with_mixed(run_database(database, requests, concurrency, "single"))
        clinic = _with_mixed(run_database(database, requests, concurrency, "clinic"))
        servers = [(SERVERS[1], single), (SERVERS[2], clinic)]
        if database == "SQLite":
            servers.insert(0, (SERVERS[0], floor))
        for name, costs in servers:
            for n, cost in enumerate(costs):
                postgres = f"{cost.postgres_ms:.2f}" if database == "PostgreSQL" else "-"
                x_floor = f"{cost.server_ms / floor[n].server_ms:.2f}"
                x_single = f"{cost.server_ms / single[n].server_ms:.2f}" if name == SERVERS[2] else "-"
                values = [database, name, cost.kind, cost.requests, f"{cost.server_ms:.2f}", x_floor, x_single]
                rows.append(dict(zip(COLUMNS, [*values, postgres], strict=True)))
    return rows


def _with_mixed(costs: list[Cost]) -> list[Cost]:
    return [*costs, Cost("mixed (mean)", sum(c.requests for c in costs), *_means(costs))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests of each kind (default 2000)")
    parser.add_argument("--concurrency", type=int, default=2, help="requests in flight (default 2)")
    parser.add_argument("--database", choices=("SQLite", "PostgreSQL"), action="append")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|---|---|" + "---:|" * (len(COLUMNS) - 3))
    for row in run(args.requests, args.concurrency, tuple(args.database or ("SQLite", "PostgreSQL"))):
        print("| " + " | ".join(str(value) for value in row.values()) + " |", flush=True)


def _means(costs: list[Cost]) -> tuple[float, float]:
    return sum(c.server_ms for c in costs) / len(costs), sum(c.postgres_ms for c in costs) / len(costs)


if __name__ == "__main__":
    main()
