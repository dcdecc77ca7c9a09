"""Web throughput and latency: `supple serve` under an open-loop load from another process.

Mixed traffic, half reading a plan (a saved routine as it would be played today: the safety gate,
today's precautions, the plan's JSON) and half recording a set (one committed transaction), on
SQLite and on PostgreSQL (a throwaway durable server: fsync on), with 1 and 4 worker processes.
Budget (docs/architecture.md): p99 under 50 ms at 300 requests/s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from bench.child import figures_from
from bench.stats import percentile

ROOT = Path(__file__).resolve().parents[1]
SUPPLE = str(Path(sys.executable).parent / "supple")
RATE, SECONDS = 300, 10


class PortTaken(RuntimeError):
    """The port was taken by another server before this one could listen on it."""


def wait_until_up(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    """Until the server at url answers its manifest; RuntimeError if it ends or takes over 30 s."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/manifest.webmanifest", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.1)


@contextmanager
def server(home: Path, database_url: str | None, workers: int, port: int, *options: str) -> Iterator[str]:
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    env.pop("SUPPLE_DATABASE_URL", None)
    if database_url:
        env["SUPPLE_DATABASE_URL"] = database_url
    argv = [SUPPLE, "serve", "--port", str(port), "--workers", str(workers), *options]
    log = (home / "server.log").open("wb")  # a file, not a pipe nobody reads: a full pipe blocks the server
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, "supple serve")
        # Another program's server may have taken the port between free_port() and here (other test
        # runs share the machine): it answered, and this one, refused the port, is about to end.
        time.sleep(0.5)
        if process.poll() is not None:
            raise PortTaken(f"port {port} was taken by another server")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _request(url: str, method: str, body: object, cookie: str = "") -> dict[str, object]:
    headers = {"Content-Type": "application/json"} | ({"Cookie": f"supple_session={cookie}"} if cookie else {})
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        data: dict[str, object] = json.loads(response.read() or b"{}")
        return data


def prepare(url: str, cookie: str = "") -> int:
    """Screen, save a routine and open a session (as whoever `cookie` signed in, in clinic mode);
    returns the session's id."""
    _request(url + "/api/screening", "POST", {"yes": []}, cookie)
    _request(url + "/api/routines/morning", "PUT", {"conditions": ["sciatica", "hip-pain"], "minutes": 20}, cookie)
    opened = _request(url + "/api/sessions", "POST", {"routine": "morning"}, cookie)
    return int(str(opened["id"]))


def load(url: str, session: int) -> dict[str, object]:
    args = (url, "--rate", str(RATE), "--seconds", str(SECONDS), "--session", str(session))
    return figures_from("bench.load", *args, timeout=SECONDS * 10 + 60, what="the load generator")


def count_sets(url: str, session: int) -> int:
    with urllib.request.urlopen(f"{url}/api/sessions/{session}", timeout=30) as response:
        return len(json.loads(response.read())["sets"])


def one_run(database: str, workers: int, port: int) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as home:
        postgres = _postgres() if database == "PostgreSQL" else nullcontext(None)
        with postgres as database_url, server(Path(home), database_url, workers, port) as url:
            session = prepare(url)
            result = load(url, session)
            kept = count_sets(url, session)
        server_log = (Path(home) / "server.log").read_text(errors="replace")
        if "Traceback" in server_log:
            print(f"--- {database}, {workers} workers: the server said ---\n{server_log[-3000:]}", file=sys.stderr)
    latencies: dict[str, list[Any]] = result["latencies"]  # type: ignore[assignment]
    rows = []
    for kind in ("read plan", "record set"):
        ms = [s * 1000 for s in latencies[kind]]
        rows.append({
            "traffic": f"{database}, {workers} worker{'s' if workers > 1 else ''}: {kind}",
            "requests/s": round(len(ms) / float(str(result["elapsed_s"])) , 1),
            "p50 ms": percentile(ms, 50), "p99 ms": percentile(ms, 99), "max ms": max(ms),
            "errors": _errors(latencies[f"{kind} errors"]),
            "sets acknowledged / kept": f"{len(ms)} / {kept}" if kind == "record set" else "",
        })  # fmt: skip
    return rows


def _errors(found: list[str]) -> str:
    """How many, and what: "0", or "3 (HTTP 503 x2, TimeoutError x1)"."""
    if not found:
        return "0"
    kinds = ", ".join(f"{what} x{count}" for what, count in Counter(found).most_common())
    return f"{len(found)} ({kinds})"


def _postgres() -> object:
    sys.path.insert(0, str(ROOT))
    from tests.pg import throwaway_server

    return throwaway_server(durable=True)


def run() -> list[dict[str, object]]:
    from tests.e2e.conftest import free_port

    rows: list[dict[str, object]] = []
    for database in ("SQLite", "PostgreSQL"):
        for workers in (1, 2, 4):
            rows += one_run(database, workers, free_port())
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
