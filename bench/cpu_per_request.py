"""CPU per request of `supple serve`: the server's own cost, measured so that other load on the machine
does not blur it (a wall-clock latency swings with whatever else runs; CPU time barely does).

The server runs as bench/web.py starts it (one worker), on SQLite and on PostgreSQL, in single-person
mode and in clinic mode (`--multi-user`, a client signed in through the sign-in form, each request
with its cookie); and beside it the framework floor (bench/floor.py: bare FastAPI and uvicorn doing
the same SQLite read and insert). All of them run at once. After a warm-up, in each of several
rounds, each server in turn gets a closed loop of a fixed number of requests of each kind of
bench/web.py's mixed traffic: reading a saved routine as it would be played today, and recording a
set (the order reversed every other round, so that a slower stretch of the machine falls on all of
them alike). The CPU time (user + system, from /proc) of the server's processes, and of PostgreSQL's,
before and after each phase, divided by the requests sent, is the figure; "x floor" is it over the
floor's, "x single" clinic mode's over single-person mode's on the same database, each the median of
the rounds' ratios. Linux only.

.venv/bin/python -m bench.cpu_per_request [--requests N] [--rounds R] [--concurrency C] [--database SQLite|PostgreSQL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import SET, Pool
from bench.web import ROOT, PortTaken, prepare, server

TICKS_PER_S = os.sysconf("SC_CLK_TCK")
WARM_UP = 300
ROUNDS = 5
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


@dataclass(frozen=True)
class Target:
    """A running server and what its requests need: the session its sets go to, its cookie."""

    database: str
    name: str
    url: str
    session: int
    pid: int
    postmaster: int | None
    cookie: str


@contextmanager
def supple_server(database: str, mode: str) -> Iterator[Target]:
    """`supple serve`, single-person or clinic mode, on its own data folder and database (on
    another port when another program took the first one)."""
    from tests.e2e.conftest import free_port

    with ExitStack() as stack:
        home = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url_of_db, postmaster = stack.enter_context(_postgres(database))
        options = ("--multi-user",) if mode == "clinic" else ()
        if mode == "clinic":
            from bench.soak import PASSWORD, PREFIX, add_accounts

            add_accounts(home, url_of_db, 1)  # type: ignore[arg-type]
        for _ in range(3):
            port = free_port()
            try:
                url = stack.enter_context(server(home, url_of_db, 1, port, *options))
                break
            except PortTaken:
                continue
        else:
            raise RuntimeError("three ports in a row were taken by other servers")
        cookie = ""
        if mode == "clinic":
            from bench.soak_clients import sign_in

            cookie = asyncio.run(sign_in(url, f"{PREFIX}0", PASSWORD, asyncio.Semaphore(1)))
        session = prepare(url, cookie)
        yield Target(database, SERVERS[2] if mode == "clinic" else SERVERS[1], url, session, _server_pid(port),
                     postmaster, cookie)  # fmt: skip


@contextmanager
def floor_server() -> Iterator[Target]:
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
            yield Target("SQLite", SERVERS[0], floor_url, 1, pid, None, "")


def _warm_up(target: Target, concurrency: int) -> None:
    """Imports, caches, the pool's connections: what the first requests of a server pay once."""
    for kind in KINDS:
        asyncio.run(_send(target.url, kind, target.session, WARM_UP, concurrency, target.cookie))


def _phase(target: Target, requests: int, concurrency: int) -> list[Cost]:
    costs = [
        measure(target.url, kind, target.session, requests, concurrency, target.pid, target.postmaster, target.cookie)
        for kind in KINDS
    ]
    return _with_mixed(costs)


COLUMNS = ["database", "server", "traffic", "requests", "server CPU ms/request", "x floor", "x single",
           "PostgreSQL CPU ms/request"]  # fmt: skip
SERVERS = ("floor (FastAPI + uvicorn)", "supple, single-person", "supple, clinic")


def run(
    requests: int = 1000,
    concurrency: int = 2,
    databases: tuple[str, ...] = ("SQLite", "PostgreSQL"),
    rounds: int = ROUNDS,
) -> list[dict[str, object]]:
    """A row per database, server and kind of request, and the mean of the two kinds (the mixed
    traffic). Every server runs at once and is measured in turn, `requests` of each kind in each
    of the rounds (the order reversed every other round), so that what else the machine does
    falls on all of them alike; a ratio is the median of the rounds' ratios."""
    with ExitStack() as stack:
        targets = [stack.enter_context(floor_server())]
        for database in databases:
            targets += [stack.enter_context(supple_server(database, mode)) for mode in ("single", "clinic")]
        for target in targets:
            _warm_up(target, concurrency)
        measured: dict[Target, list[list[Cost]]] = {target: [] for target in targets}
        for number in range(rounds):
            for target in targets if number % 2 == 0 else reversed(targets):
                measured[target].append(_phase(target, requests, concurrency))
    floor = measured[targets[0]]
    rows: list[dict[str, object]] = []
    for target in targets:
        rounds_of = measured[target]
        single = next((measured[t] for t in targets if t.database == target.database and t.name == SERVERS[1]), None)
        for n, kind in enumerate([*KINDS, "mixed (mean)"]):
            server_ms = statistics.fmean(costs[n].server_ms for costs in rounds_of)
            postgres_ms = statistics.fmean(costs[n].postgres_ms for costs in rounds_of)
            x_floor = _median_ratio(rounds_of, floor, n)
            x_single = _median_ratio(rounds_of, single, n) if target.name == SERVERS[2] and single else "-"
            values = [target.database, target.name, kind, sum(costs[n].requests for costs in rounds_of),
                      f"{server_ms:.2f}", x_floor, x_single]  # fmt: skip
            postgres = f"{postgres_ms:.2f}" if target.database == "PostgreSQL" else "-"
            rows.append(dict(zip(COLUMNS, [*values, postgres], strict=True)))
    return rows


def _median_ratio(costs: list[list[Cost]], yardstick: list[list[Cost]], n: int) -> str:
    """The median over the rounds of this server's cost over the yardstick's, in the same round."""
    return f"{statistics.median(c[n].server_ms / y[n].server_ms for c, y in zip(costs, yardstick, strict=True)):.2f}"


def _with_mixed(costs: list[Cost]) -> list[Cost]:
    return [*costs, Cost("mixed (mean)", sum(c.requests for c in costs), *_means(costs))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests of each kind in each round (default 1000)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"rounds (default {ROUNDS})")
    parser.add_argument("--concurrency", type=int, default=2, help="requests in flight (default 2)")
    parser.add_argument("--database", choices=("SQLite", "PostgreSQL"), action="append")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|---|---|" + "---:|" * (len(COLUMNS) - 3))
    databases = tuple(args.database or ("SQLite", "PostgreSQL"))
    for row in run(args.requests, args.concurrency, databases, args.rounds):
        print("| " + " | ".join(str(value) for value in row.values()) + " |", flush=True)


def _means(costs: list[Cost]) -> tuple[float, float]:
    return sum(c.server_ms for c in costs) / len(costs), sum(c.postgres_ms for c in costs) / len(costs)


if __name__ == "__main__":
    main()
