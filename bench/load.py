"""The load generator for bench/web.py, run as its own process: open-loop requests at a fixed rate.

Open loop: request n is due at start + n / rate whatever happened to the ones before, and its
latency is counted from when it was due, so a slow server cannot hide its queue (no coordinated
omission). Half the requests read a saved routine as it would be played today (the plan), half
record a set. A minimal HTTP/1.1 client over keep-alive connections on uvloop: a general client
(httpx) spent more CPU than the server, on the same two cores, and capped the rate it could send.
Prints one JSON object.

python -m bench.load URL --rate 300 --seconds 10 --session ID --routine NAME
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit

from bench.child import write_figures

SET = json.dumps({"step": 3, "exercise": "pigeon-pose", "kind": "hold", "side": "left", "rep": 1,
                  "seconds": 30.0, "planned_seconds": 30}).encode()  # fmt: skip


TIMEOUT_S = 30
# uvicorn closes a keep-alive connection idle for 5 s; a client must not send on one about to be
# closed (every HTTP client keeps its idle connections for less than the server does).
IDLE_S = 4.0


class Pool:
    """Keep-alive connections to one server; a request takes a free one or opens another."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.free: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    async def connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        while self.free:
            reader, writer, used = self.free.pop()
            if time.perf_counter() - used < IDLE_S:
                return reader, writer
            writer.close()
        return await asyncio.open_connection(self.host, self.port)

    async def request(self, method: str, path: str, body: bytes = b"") -> int:
        return (await self.exchange(method, path, body))[0]

    async def exchange(self, method: str, path: str, body: bytes = b"", headers: str = "") -> tuple[int, bytes]:
        """The status and body; `headers` are extra header lines, each ending in CRLF."""
        reader, writer = await self.connection()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n{headers}"
        head += "Content-Type: application/json\r\n\r\n" if body else "\r\n"
        writer.write(head.encode() + body)
        status_line = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        content = await reader.readexactly(length)
        self.free.append((reader, writer, time.perf_counter()))
        return int(status_line.split()[1]), content


async def one(pool: Pool, n: int, due: float, args: argparse.Namespace, out: dict[str, list[object]]) -> None:
    await asyncio.sleep(max(0.0, due - time.perf_counter()))
    kind = "read plan" if n % 2 == 0 else "record set"
    try:
        if kind == "read plan":
            sent = pool.request("GET", f"/api/routines/{args.routine}")
        else:
            sent = pool.request("POST", f"/api/sessions/{args.session}/sets", SET)
        status = await asyncio.wait_for(sent, TIMEOUT_S)
        error = None if status in (200, 204) else f"HTTP {status}"
    except (OSError, ValueError, IndexError, RuntimeError, asyncio.IncompleteReadError, TimeoutError) as failed:
        error = type(failed).__name__  # the connection dropped or timed out
    if error is None:
        out[kind].append(time.perf_counter() - due)
    else:
        out[f"{kind} errors"].append(error)


async def run(args: argparse.Namespace) -> dict[str, object]:
    url = urlsplit(args.url)
    pool = Pool(url.hostname or "127.0.0.1", url.port or 80)
    out: dict[str, list[object]] = {"read plan": [], "record set": [], "read plan errors": [], "record set errors": []}
    total = int(args.rate * args.seconds)
    start = time.perf_counter() + 0.2
    await asyncio.gather(*(one(pool, n, start + n / args.rate, args, out) for n in range(total)))
    return {"sent": total, "elapsed_s": time.perf_counter() - start, "latencies": out}


def main() -> None:
    import uvloop

    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=300)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--session", type=int, required=True)
    parser.add_argument("--routine", default="morning")
    parser.add_argument("--out", required=True, help="the JSON file to write the figures to")
    args = parser.parse_args()
    write_figures(args.out, uvloop.run(run(args)))


if __name__ == "__main__":
    main()
