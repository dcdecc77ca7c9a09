"""A real `supple serve` and Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    def __init__(self, home: Path, *options: str) -> None:
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
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"supple serve exited: {self.process.stdout.read().decode() if self.process.stdout else ''}"
                )
            try:
                with urllib.request.urlopen(self.url + "/manifest.webmanifest", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("supple serve did not start within 20 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    home = tmp_path / "home"
    home.mkdir()
    running = Server(home)
    yield running
    running.stop()


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


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
    context.add_init_script(SPEECH_SPY)
    opened = context.new_page()
    yield opened
    context.close()
