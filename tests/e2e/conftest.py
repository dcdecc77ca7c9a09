"""A real `supple serve` and Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


# The test servers' ports: below Linux's ephemeral range (32768 and up), where no outgoing
# connection takes one, in a block for each pytest worker, handed out in turn. A port the system
# picked (bind to 0) could be given again to the other worker, or to a connection, before the
# server bound it; that server then failed, and another's answer made it look ready. Each run
# starts at a place of its own in the block, so two checkouts tested at once rarely meet.
PORTS_FROM, PORTS_PER_WORKER = 20_000, 2_000
_ports = itertools.count(os.getpid() % PORTS_PER_WORKER)


def free_port() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    first = PORTS_FROM + (int(worker) % 6 if worker.isdigit() else 0) * PORTS_PER_WORKER
    for _ in range(PORTS_PER_WORKER):
        port = first + next(_ports) % PORTS_PER_WORKER
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue  # taken by something else on the machine
            return port
    raise RuntimeError(f"no free port from {first} to {first + PORTS_PER_WORKER - 1}")


class Server:
    """`supple serve` on a free port with its own SUPPLE_HOME; ready when constructed unless wait=False
    (then wait() before use: the spare servers below boot while another test runs)."""

    def __init__(self, home: Path, *options: str, wait: bool = True) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        supple = str(Path(sys.executable).parent / "supple")
        env = {**os.environ, "SUPPLE_HOME": str(home)}
        env.pop("SUPPLE_DATABASE_URL", None)
        self.process = subprocess.Popen(
            [supple, "serve", "--port", str(self.port), *options],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        if wait:
            self.wait()

    def wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"supple serve exited: {self.process.stdout.read().decode() if self.process.stdout else ''}"
                )
            try:
                with urllib.request.urlopen(self.url + "/manifest.webmanifest", timeout=1):
                    pass
                if self.process.poll() is None:  # the answer was this server's
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("supple serve did not start within 20 s")

    def stop(self) -> None:
        self.terminate()
        self.reap()

    def terminate(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()

    def reap(self) -> None:
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Servers:
    """Fresh servers for the tests, each with an empty home of its own, never shared. Starting one
    costs 1.5 to 3 s of Python imports, so while a test runs the next test's server (when the next
    test wants one: pytest_runtest_protocol below says which it is) boots beside it; a test's server
    is sent SIGTERM after it and reaped at the end of the session."""

    def __init__(self, homes: pytest.TempPathFactory) -> None:
        self.homes = homes
        self.spare: Server | None = None
        self.stopping: list[Server] = []

    def start(self, *, wait: bool) -> Server:
        return Server(self.homes.mktemp("home"), wait=wait)

    def take(self, next_wants_one: bool) -> Server:
        running, self.spare = self.spare, None
        if running is None:
            running = self.start(wait=False)
        if next_wants_one:
            self.spare = self.start(wait=False)
        running.wait()
        return running

    def done(self, running: Server) -> None:
        running.terminate()
        self.stopping.append(running)
        self.stopping = [server for server in self.stopping if server.process.poll() is None]

    def close(self) -> None:
        for running in [*self.stopping, *([self.spare] if self.spare else [])]:
            running.terminate()
            running.reap()


NEXT_ITEM = pytest.StashKey["pytest.Item | None"]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    item.stash[NEXT_ITEM] = nextitem


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    running = Servers(tmp_path_factory)
    yield running
    running.close()


@pytest.fixture
def server(servers: Servers, request: pytest.FixtureRequest) -> Iterator[Server]:
    """A `supple serve` of this test's own, on an empty SUPPLE_HOME."""
    following = request.node.stash.get(NEXT_ITEM, None)
    running = servers.take("server" in getattr(following, "fixturenames", ()))
    yield running
    servers.done(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI must run the browser tests: see .ci/run")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# Headless chromium has no voices: the page's speech requests are counted instead.
SPEECH_SPY = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => { window.__spoken.push(utterance.text); };
}
"""


def look(page: Any, name: str, *, full_page: bool = False) -> None:
    """A screenshot of what the person sees, kept as SUPPLE_SCREENSHOTS/<name>.png when that folder
    is set (for a reviewer to look at), and nothing otherwise."""
    folder = os.environ.get("SUPPLE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
    context.add_init_script(SPEECH_SPY)
    opened = context.new_page()
    yield opened
    context.close()
