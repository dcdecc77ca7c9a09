"""What the player's page asks for before it can be used. On a slow phone network (Chromium's Slow 4G,
bench/page_load.py) each wait for a file is a round trip, and a browser opens at most six
connections to one server at once: a seventh file the page waits for is one more round trip."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import screen

from supple.web.paths import STATIC

CONNECTIONS = 6  # Chromium's connections to one server over HTTP/1.1
ENTRY = "player/main.js"
# `import ... from "x"`, over several lines or not, `export ... from "x"` and `import "x"`: what a
# module needs before it runs. `import("x")` is fetched when the code reaches it.
STATIC_IMPORT = re.compile(r'^\s*(?:import|export)\b[^;"]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"', re.M)
DYNAMIC_IMPORT = re.compile(r'\bimport\(\s*"([^"]+)"\s*\)')
CAMERA = {"form/camera.js", "form/judge.js"}


def imported(module: str, *, dynamic: bool = False) -> set[str]:
    """The modules this one imports (statically, or by `import()`), as paths under static/."""
    text = (STATIC / module).read_text(encoding="utf-8")
    found = list(DYNAMIC_IMPORT.findall(text)) if dynamic else [a or b for a, b in STATIC_IMPORT.findall(text)]
    return {posixpath.normpath(posixpath.join(posixpath.dirname(module), name)) for name in found}


def graph(entry: str, *, dynamic: bool = False) -> set[str]:
    """Every module the entry imports, transitively: statically only, or by `import()` too."""
    seen, todo = set(), [entry]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += imported(module) | (imported(module, dynamic=True) if dynamic else set())
    return seen


class Asked(HTMLParser):
    """The files a page asks for: stylesheets, preloaded modules, scripts (async or not)."""

    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.preloaded: list[str] = []
        self.scripts: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "link" and given.get("rel") == "stylesheet":
            self.styles.append(str(given["href"]))
        elif tag == "link" and given.get("rel") == "modulepreload":
            self.preloaded.append(str(given["href"]))
        elif tag == "script" and given.get("src"):
            self.scripts.append((str(given["src"]), "async" in given))


def under_static(url: str) -> str:
    return re.sub(r"^/static/([0-9a-f]{16}/)?", "", url)


@pytest.fixture
def player(client: TestClient) -> Asked:
    screen(client)
    client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 20})
    page = client.get("/play?routine=morning")
    assert page.status_code == 200
    asked = Asked()
    asked.feed(page.text)
    return asked


def test_every_module_the_player_imports_is_asked_for_at_once(player: Asked) -> None:
    preloaded = {under_static(url) for url in player.preloaded}
    assert (ENTRY, False) in {(under_static(url), is_async) for url, is_async in player.scripts}
    assert graph(ENTRY) <= preloaded, graph(ENTRY) - preloaded
    # nothing more: a module preloaded but not needed to start takes one of the six connections
    assert preloaded <= graph(ENTRY), preloaded - graph(ENTRY)


def test_what_the_player_waits_for_fits_the_connections_a_browser_opens_at_once(player: Asked) -> None:
    waited_for = {under_static(url) for url in player.styles + player.preloaded}
    waited_for |= {under_static(url) for url, is_async in player.scripts if not is_async}
    assert len(waited_for) <= CONNECTIONS, sorted(waited_for)
    # app.js (every page's small extras) runs when it comes: the player's page does not wait for it
    assert ("app.js", True) in {(under_static(url), is_async) for url, is_async in player.scripts}


def test_the_form_check_comes_after_the_player_works_and_the_camera_only_when_turned_on(player: Asked) -> None:
    at_start = graph(ENTRY)
    assert "player/form.js" not in at_start and not CAMERA & at_start
    assert "player/form.js" in imported(ENTRY, dynamic=True), "the form check is still fetched as the player opens"
    assert graph("player/form.js", dynamic=True) >= CAMERA and not CAMERA & graph("player/form.js")
    assert not [url for url in player.preloaded if "/pose/" in url or under_static(url) in CAMERA]


def test_the_service_worker_keeps_every_module_the_player_may_import(client: TestClient) -> None:
    worker = client.get("/sw.js").text
    shell = worker[worker.index("const SHELL") : worker.index("]", worker.index("const SHELL"))]
    kept = set(re.findall(r'"([a-z/]+\.js)"', shell))
    assert graph(ENTRY, dynamic=True) <= kept, graph(ENTRY, dynamic=True) - kept
