"""The soak's simulated people, run as their own process: each signs in once, takes the safety
check, saves a routine, then plays sessions back to back as fast as the server answers (open a
session, post every set of its plan, finish), closed loop, one keep-alive connection each, as a
browser would. Prints one JSON object: the sets each session had acknowledged, every request's
latency and the errors.

python -m bench.soak_clients URL --clients 100 --seconds 60 --prefix client --password PASSWORD
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bench.child import write_figures
from bench.load import TIMEOUT_S, Pool

ROUTINE = {"conditions": ["sciatica", "hip-pain"], "minutes": 10}
SET_KINDS = ("hold", "breaths", "reps", "push", "warmup")
SIGN_INS_AT_ONCE = 4  # each sign-in hashes with 64 MiB on the server: a hundred at once is 6 GiB


@dataclass
class Tally:
    acknowledged: dict[int, int] = field(default_factory=dict)  # session id -> sets answered 204
    finished: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Person:
    def __init__(self, pool: Pool, cookie: str, tally: Tally) -> None:
        self.pool, self.cookie, self.tally = pool, f"Cookie: supple_session={cookie}\r\n", tally

    async def call(self, method: str, path: str, body: object, expect: int) -> Any:
        """One request; None (and an error counted) when it is not answered `expect`."""
        sent = time.perf_counter()
        try:
            data = json.dumps(body).encode() if body is not None else b""
            status, content = await asyncio.wait_for(self.pool.exchange(method, path, data, self.cookie), TIMEOUT_S)
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError, TimeoutError) as error:
            self.pool.free.clear()  # the connection is in an unknown state: open another
            self.tally.errors.append(f"{method} {path}: {type(error).__name__} {error}")
            return None
        self.tally.latencies_ms.append((time.perf_counter() - sent) * 1000)
        if status != expect:
            self.tally.errors.append(f"{method} {path}: {status} {content[:300]!r}")
            return None
        return json.loads(content) if content else {}

    async def prepare_routine(self) -> None:
        await self.call("POST", "/api/screening", {"yes": []}, 200)
        await self.call("PUT", "/api/routines/morning", ROUTINE, 200)

    async def one_session(self) -> bool:
        opened = await self.call("POST", "/api/sessions", {"routine": "morning"}, 201)
        if opened is None:
            return False
        session = int(opened["id"])
        self.tally.acknowledged[session] = 0
        for body in sets_of(opened["plan"]):
            if await self.call("POST", f"/api/sessions/{session}/sets", body, 204) is not None:
                self.tally.acknowledged[session] += 1
        if await self.call("POST", f"/api/sessions/{session}/finish", {"state": "finished"}, 204) is not None:
            self.tally.finished += 1
        return True


def sets_of(plan: dict[str, Any]) -> list[dict[str, object]]:
    """A set for every timed step of the plan, as the player posts them."""
    bodies: list[dict[str, object]] = []
    for item in plan["items"]:
        for step in item["steps"]:
            if step["kind"] in SET_KINDS:
                bodies.append({
                    "step": len(bodies), "exercise": item["exercise"], "kind": step["kind"], "side": step["side"],
                    "rep": step["rep"], "seconds": float(step["seconds"]), "planned_seconds": int(step["seconds"]),
                })  # fmt: skip
    return bodies


async def sign_in(url: str, name: str, password: str, gate: asyncio.Semaphore) -> str:
    """The sign-in cookie, through the sign-in form as a browser sends it."""
    import httpx

    async with gate, httpx.AsyncClient(base_url=url, timeout=120) as client:
        await client.get("/login")
        form = {"csrf_token": client.cookies["supple_csrf"], "username": name, "password": password}
        answer = await client.post("/login", data=form)
        if answer.status_code != 303:
            raise RuntimeError(f"{name} could not sign in: {answer.status_code} {answer.text[:300]}")
        return str(client.cookies["supple_session"])


async def main_async(args: argparse.Namespace) -> dict[str, object]:
    address = urlsplit(args.url)
    gate = asyncio.Semaphore(SIGN_INS_AT_ONCE)
    names = [f"{args.prefix}{n}" for n in range(args.clients)]
    cookies = await asyncio.gather(*(sign_in(args.url, name, args.password, gate) for name in names))
    tally = Tally()
    people = [Person(Pool(address.hostname or "127.0.0.1", address.port or 80), c, tally) for c in cookies]
    await asyncio.gather(*(person.prepare_routine() for person in people))
    prepared_errors = len(tally.errors)
    tally.latencies_ms.clear()
    start = time.perf_counter()
    deadline = start + args.seconds

    async def play(person: Person) -> None:
        while time.perf_counter() < deadline:
            await person.one_session()

    await asyncio.gather(*(play(person) for person in people))
    return {
        "clients": args.clients, "elapsed_s": time.perf_counter() - start, "sessions": len(tally.acknowledged),
        "finished": tally.finished, "acknowledged": {str(k): v for k, v in tally.acknowledged.items()},
        "latencies_ms": tally.latencies_ms, "errors": len(tally.errors) + prepared_errors,
        "error_samples": tally.errors[:20],
    }  # fmt: skip


def main() -> None:
    import uvloop

    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--prefix", default="client")
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True, help="the JSON file to write the figures to")
    args = parser.parse_args()
    write_figures(args.out, uvloop.run(main_async(args)))


if __name__ == "__main__":
    main()
