"""Each main page's load time on Chromium's "Slow 4G" network profile, first visit and the next one
(the service worker then answers with the kept files), against `supple serve` on 127.0.0.1.

Slow 4G as Chromium's DevTools define it: 562.5 ms of latency, 1.44 Mbit/s down, 675 kbit/s up,
applied through the DevTools protocol (Network.emulateNetworkConditions). The figures are the
browser's own Navigation Timing: DOMContentLoaded (the page's deferred scripts have run), the load
event (every file and figure in), and "interactive": the first paint, and for the player the moment
its module has wired Start and "This hurts" (the `supple-player-ready` mark player/main.js sets),
whichever comes later; the other pages' links and forms work without script (app.js is `async`),
so theirs is the later of the first paint and DOMContentLoaded. The budget (issue 22): the
player interactive within 1.5 s on a first visit. Each figure is the median of REPEATS fresh
browser contexts. The next visit's figures are kinder than a phone's: the emulation slows the
page's own requests, not the service worker's, which asks the network for the page first. Needs
Chromium at /usr/bin/chromium and Playwright.

.venv/bin/python -m bench.page_load
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.page_weights import PAGES
from bench.web import ROOT, prepare, server

SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
REPEATS = 3
COLUMNS = ["page", "first visit: DOM ready ms", "first visit: interactive ms", "first visit: loaded ms",
           "next visit: DOM ready ms", "next visit: interactive ms", "next visit: loaded ms"]  # fmt: skip
# Interactive: something to see (the first paint) with its script wired: the player's module has
# set its mark; the other pages' links and forms work once the page is shown.
# The load event may come before the first paint: the paint is awaited (NaN if none in 10 s).
TIMING = """async () => { const n = performance.getEntriesByType("navigation")[0];
  const painted = new Promise((resolve) => new PerformanceObserver((list, observer) => {
    const first = list.getEntriesByName("first-contentful-paint")[0];
    if (first) { observer.disconnect(); resolve(first.startTime); }
  }).observe({ type: "paint", buffered: true }));
  const paint = await Promise.race([painted, new Promise((resolve) => setTimeout(() => resolve(NaN), 10000))]);
  const ready = performance.getEntriesByName("supple-player-ready")[0];
  const wired = ready ? ready.startTime : document.getElementById("player") ? NaN : n.domContentLoadedEventEnd;
  return [n.domContentLoadedEventEnd, Math.max(wired, paint), n.loadEventEnd]; }"""


def run() -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.e2e.conftest import free_port

    visits: dict[str, list[list[float]]] = {name: [] for name in PAGES}
    with tempfile.TemporaryDirectory() as home, server(Path(home), None, 1, free_port()) as url:
        prepare(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for _ in range(REPEATS):  # round robin: a busy moment of the machine falls on every page alike
                for name, path in PAGES.items():
                    visits[name].append(_visit_twice(browser, url + path))
            browser.close()
    return [
        dict(zip(COLUMNS, [name, *(statistics.median(column) for column in zip(*runs, strict=True))], strict=True))
        for name, runs in visits.items()
    ]


def _visit_twice(browser: Any, url: str) -> list[float]:
    """A first visit in a new browser context, then the next one under its service worker."""
    context = browser.new_context(viewport={"width": 390, "height": 664})
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_4G)
    page.goto(url, wait_until="load")
    first = page.evaluate(TIMING)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.goto(url, wait_until="load")
    again = page.evaluate(TIMING)
    context.close()
    return [float(value) for value in (*first, *again)]


if __name__ == "__main__":
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * (len(COLUMNS) - 1))
    for row in run():
        print("| " + " | ".join(f"{v:.0f}" if isinstance(v, float) else str(v) for v in row.values()) + " |")
