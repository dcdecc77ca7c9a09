"""supple's web app served for real (tests/e2e/served.py) and Debian's chromium driven by Playwright
(no browser download)."""

from __future__ import annotations

import itertools
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.served import Server, SharedServers

__all__ = ["CHROMIUM", "SPEECH_SPY", "Serve", "Server", "free_port", "look"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


# Ports for the servers started in a child process (tests/faults, bench/): below Linux's
# ephemeral range (32768 and up), where no outgoing connection takes one, in a block for each
# pytest worker, handed out in turn. A port the system picked (bind to 0) could be given again to
# the other worker, or to a connection, before the server bound it; that server then failed, and
# another's answer made it look ready. Each run starts at a place of its own in the block, so two
# checkouts tested at once rarely meet. (The browser tests' own server keeps the socket it bound:
# tests/e2e/served.py.)
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


@pytest.fixture(scope="session")
def shared_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedServers]:
    servers = SharedServers(tmp_path_factory)
    yield servers
    servers.close()


Serve = Callable[..., Server]


@pytest.fixture
def serve(shared_servers: SharedServers) -> Iterator[Serve]:
    """Gives the test a server, or more: supple's web app as `supple serve` builds it, on an empty
    SUPPLE_HOME of the test's own (`serve(multi_user=True)`: clinic mode, `--multi-user`). The
    uvicorn under it is shared by the tests of this worker process (tests/e2e/served.py)."""
    given: list[Server] = []

    def start(*, multi_user: bool = False) -> Server:
        given.append(shared_servers.serve(multi_user=multi_user))
        return given[-1]

    yield start
    for server in given:
        shared_servers.done(server)


@pytest.fixture(autouse=True)
def no_page_outlives_its_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """The next test is served at the same address: a page left open by this one (a test that
    failed half-way, an outbox still retrying) would send its requests to the next test's app. So
    every browser context the test opened is closed after it, before the next test is given its
    app; a module's own context (tests/e2e/test_engine_golden.py's blank page) is left open."""
    browsers = [
        request.getfixturevalue(name)
        for name in ("browser", "camera_browser")  # camera_browser: tests/e2e/test_form_check.py
        if name in request.fixturenames
    ]
    before = [list(browser.contexts) for browser in browsers]
    yield
    for browser, kept in zip(browsers, before, strict=True):
        for context in browser.contexts:
            if context not in kept:
                context.close()


@pytest.fixture
def server(serve: Serve) -> Server:
    """`supple serve` of this test's own, on an empty SUPPLE_HOME."""
    return serve()


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
