"""CPU per request of `supple serve`: the server's own cost, measured so that other load on the machine
does not blur it (a wall-clock latency swings with whatever else runs; CPU time barely does).

The server runs as bench/web.py starts it (one worker), on SQLite and on PostgreSQL. After a warm-up,
a closed loop sends a fixed number of requests of each kind of bench/web.py's mixed traffic: reading a
saved routine as it would be played today, and recording a set. The CPU time (user + system, from
/proc) of the server's processes, and of PostgreSQL's, before and after each phase, divided by the
requests sent, is the figure. Linux only.

.venv/bin/python -m bench.cpu_per_request [--requests N] [--concurrency C] [--database SQLite|PostgreSQL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import SET, Pool
from bench.web import ROOT, prepare, server

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


async def _send(url: str, kind: str, session: int, count: int, concurrency: int) -> None:
    """`count` requests of one kind, `concurrency` at a time, each sent when the last one answered."""
    address = urlsplit(url)
    pool = Pool(address.hostname or "127.0.0.1", address.port or 80)
    left = iter(range(count))

    async def client() -> None:
        for _ in left:
            if kind == "read plan":
                status = await pool.request("GET", "/api/routines/morning")
            else:
                status = await pool.request("POST", f"/api/sessions/{session}/sets", SET)
            if status not in (200, 204):
                raise RuntimeError(f"{kind}: HTTP {status}")

    await asyncio.gather(*(client() for _ in range(concurrency)))


def measure(url: str, kind: str, session: int, count: int, concurrency: int, server_pid: int, pg: int | None) -> Cost:
    before = tree_cpu_s(server_pid), tree_cpu_s(pg)
    asyncio.run(_send(url, kind, session, count, concurrency))
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


def run_database(database: str, requests: int, concurrency: int) -> list[Cost]:
    from tests.e2e.conftest import free_port

    port = free_port()
    with (
        tempfile.TemporaryDirectory() as home,
        _postgres(database) as (url_of_db, postmaster),
        server(Path(home), url_of_db, 1, port) as url,
    ):
        session = prepare(url)
        pid = _server_pid(port)
        for kind in KINDS:  # warm-up: imports, caches, the pool's connections
            asyncio.run(_send(url, kind, session, WARM_UP, concurrency))
        return [measure(url, kind, session, requests, concurrency, pid, postmaster) for kind in KINDS]


COLUMNS = ["database", "traffic", "requests", "server CPU ms/request", "PostgreSQL CPU ms/request"]


def run(
    requests: int = 2000, concurrency: int = 2, databases: tuple[str, ...] = ("SQLite", "PostgreSQL")
) -> list[dict[str, object]]:
    """A row per database and kind of request, and the mean of the two kinds (the mixed traffic)."""
    rows: list[dict[str, object]] = []
    for database in databases:
        costs = run_database(database, requests, concurrency)
        mixed = Cost("mixed (mean)", sum(c.requests for c in costs), *_means(costs))
        for cost in [*costs, mixed]:
            postgres = f"{cost.postgres_ms:.2f}" if database == "PostgreSQL" else "-"
            rows.append(dict(zip(COLUMNS, [database, cost.kind, cost.requests, f"{cost.server_ms:.2f}", postgres],
                                 strict=True)))  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests of each kind (default 2000)")
    parser.add_argument("--concurrency", type=int, default=2, help="requests in flight (default 2)")
    parser.add_argument("--database", choices=("SQLite", "PostgreSQL"), action="append")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|---|---:|---:|---:|")
    for row in run(args.requests, args.concurrency, tuple(args.database or ("SQLite", "PostgreSQL"))):
        print("| " + " | ".join(str(value) for value in row.values()) + " |", flush=True)


def _means(costs: list[Cost]) -> tuple[float, float]:
    return sum(c.server_ms for c in costs) / len(costs), sum(c.postgres_ms for c in costs) / len(costs)


if __name__ == "__main__":
    main()
