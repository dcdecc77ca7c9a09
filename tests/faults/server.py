"""A real `supple serve` for the fault tests, with its worker processes at hand and its output kept."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from tests.e2e.conftest import free_port

SUPPLE = str(Path(sys.executable).parent / "supple")
SET = {"exercise": "pigeon-pose", "kind": "hold", "side": "left", "rep": 1, "seconds": 30.0, "planned_seconds": 30}


def wait_for(check: Callable[[], object], *, seconds: float, what: str) -> None:
    """Poll `check` until it is true, or fail saying what did not happen in time."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.05)


class Server:
    """`supple serve` on a free port; `file_size_limit` starts it with RLIMIT_FSIZE, which makes the
    disk look full to it (Python ignores SIGXFSZ, so a write past the limit fails with EFBIG)."""

    def __init__(self, home: Path, *options: str, database_url: str | None = None, file_size_limit: int | None = None):
        env = {**os.environ, "SUPPLE_HOME": str(home)}
        env.pop("SUPPLE_DATABASE_URL", None)
        env |= {"SUPPLE_DATABASE_URL": database_url} if database_url else {}
        self.url = f"http://127.0.0.1:{free_port()}"
        self.log = home / "server.log"
        limit = file_size_limit
        self.process = subprocess.Popen(
            [SUPPLE, "serve", "--port", self.url.rsplit(":", 1)[1], *options], env=env,
            # A limited server's output cannot go to a file (it would be limited too): a pipe, read at the end.
            stdout=subprocess.PIPE if limit is not None else self.log.open("wb"), stderr=subprocess.STDOUT,
            preexec_fn=None if limit is None else lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
        )  # fmt: skip
        wait_for(self.answers, seconds=30, what="supple serve did not start")

    def answers(self) -> bool:
        assert self.process.poll() is None, "supple serve exited"
        try:
            return httpx.get(self.url + "/manifest.webmanifest", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def workers(self) -> list[int]:
        """The worker processes uvicorn's supervisor runs (not multiprocessing's resource tracker)."""
        found = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # it exited meanwhile
                    if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                        found.append(int(child))
        return sorted(found)

    def stop(self) -> str:
        """Stop the server; what it printed."""
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return out.decode(errors="replace") if out else self.log.read_text(errors="replace")


def prepare(client: httpx.Client) -> int:
    """Screen, save a routine and open a session of it; the session's id."""
    assert client.post("/api/screening", json={"yes": []}).status_code == 200
    saved = client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 10})
    assert saved.status_code == 200, saved.text
    opened = client.post("/api/sessions", json={"routine": "morning"})
    assert opened.status_code == 201, opened.text
    return int(opened.json()["id"])
