"""The browser's engine (web/static/player/engine.js) against the Python engine, in Chromium.

Each golden file (tests/session/make_golden.py) holds a routine's timeline as the page gets it and
control sequences with what session/engine.py did with them. The same controls go through
engine.js, loaded as the page loads it, and every cue, set, side answer and state must be the same,
to the last digit of every float.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route
from tests.session.make_golden import GOLDEN

from supple.web.paths import STATIC

ORIGIN = "http://supple.test"  # never resolved: every request to it is answered from files here
HERE = Path(__file__).parent
SERVED = {"/static/": STATIC, "/tests/": HERE}
CASES = [
    pytest.param(path, sequence["name"], id=f"{path.stem}/{sequence['name']}")
    for path in sorted(GOLDEN.glob("*.json"))
    for sequence in json.loads(path.read_text(encoding="utf-8"))["sequences"]
]


def serve(route: Route) -> None:
    path = route.request.url.removeprefix(ORIGIN)
    for prefix, folder in SERVED.items():
        if path.startswith(prefix) and (file := folder / path.removeprefix(prefix)).is_file():
            route.fulfill(path=file, content_type="text/javascript")
            return
    if path == "/":
        route.fulfill(body="<!doctype html><title>engine.js</title>", content_type="text/html")
        return
    route.fulfill(status=404)


@pytest.fixture(scope="module")
def blank(browser: Browser) -> Iterator[Page]:
    """A page at the made-up origin, for importing the modules into."""
    context = browser.new_context()
    context.route(f"{ORIGIN}/**", serve)
    opened = context.new_page()
    opened.goto(f"{ORIGIN}/")
    yield opened
    context.close()


def strict(value: Any) -> Any:
    """JSON that tells true from 1 and 20 from "20", while 20.0 and 20 (Python's float, what
    the browser hands back as an int) are the same number."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        assert math.isfinite(value)
        return float(value)
    if isinstance(value, list):
        return [strict(item) for item in value]
    return {key: strict(item) for key, item in value.items()}


def same(got: Any, expected: Any) -> bool:
    return json.dumps(strict(got), sort_keys=True) == json.dumps(strict(expected), sort_keys=True)


NAMED = ("ask-side", "finished", "ended")  # cues also told as events of their own
PLAY = """async ([timeline, rules, controls]) => {
  const { Session } = await import("/static/player/engine.js");
  const { play } = await import("/tests/golden_runner.js");
  return play(Session, timeline, rules, controls);
}"""


@pytest.mark.parametrize(("path", "name"), CASES)
def test_the_browsers_engine_does_what_the_python_engine_did(blank: Page, path: Path, name: str) -> None:
    golden = json.loads(path.read_text(encoding="utf-8"))
    sequence = next(s for s in golden["sequences"] if s["name"] == name)
    expected = sequence["expected"]
    result = blank.evaluate(PLAY, [golden["timeline"], golden["rules"], sequence["controls"]])
    played, heard = result["played"], result["heard"]
    for part in ("cues", "sets", "sides", "trace", "steps"):
        for n, (got, want) in enumerate(zip(played[part], expected[part], strict=False)):
            assert same(got, want), f"{part}[{n}]: the browser's {got} is not Python's {want}"
        assert len(played[part]) == len(expected[part]), f"{part}: {len(played[part])} in the browser"
    # what the listeners heard (the view and the outbox) is what the methods returned
    assert same(heard["cues"], expected["cues"]) and same(heard["sets"], expected["sets"])
    assert same(heard["sides"], expected["sides"])
    assert heard["named"] == [[c["kind"], c["kind"]] for c in expected["cues"] if c["kind"] in NAMED]


def test_the_browser_rounds_seconds_as_python_does(blank: Page) -> None:
    # halves of a tenth (x.25, x.75) go to the even tenth in Python; toFixed would round them up
    values = [n / 100 for n in range(0, 4000, 5)] + [n / 4 for n in range(400)] + [0.1 + 0.2, 2.675, 1e-9]
    got = blank.evaluate(
        """async (values) => {
      const { roundTenth } = await import("/static/player/engine.js");
      return values.map(roundTenth);
    }""",
        values,
    )
    assert [float(x) for x in got] == [round(x, 1) for x in values]
