"""Each main page's load time on Chromium's "Slow 4G" network profile, first visit and the next one
(the service worker then answers with the kept files), against `supple serve` on 127.0.0.1.

Slow 4G as Chromium's DevTools define it: 562.5 ms of latency, 1.44 Mbit/s down, 675 kbit/s up,
applied through the DevTools protocol (Network.emulateNetworkConditions). The figures are the
browser's own Navigation Timing: DOMContentLoaded (the page's scripts run) and the load event
(every file and figure in). The budget (issue 22): the player interactive within 1.5 s on a first
visit. The next visit's figures are kinder than a phone's: the emulation slows the page's own
requests, not the service worker's, which asks the network for the page first. Needs Chromium at
/usr/bin/chromium and Playwright.

.venv/bin/python -m bench.page_load
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.page_weights import PAGES
from bench.web import ROOT, prepare, server

SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
COLUMNS = ["page", "first visit: DOM ready ms", "first visit: loaded ms", "next visit: DOM ready ms",
           "next visit: loaded ms"]  # fmt: skip
TIMING = """() => { const n = performance.getEntriesByType("navigation")[0];
  return [n.domContentLoadedEventEnd, n.loadEventEnd]; }"""


def run() -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.e2e.conftest import free_port

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as home, server(Path(home), None, 1, free_port()) as url:
        prepare(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for name, path in PAGES.items():
                context = browser.new_context(viewport={"width": 390, "height": 664})
                page = context.new_page()
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                session.send("Network.emulateNetworkConditions", SLOW_4G)
                page.goto(url + path, wait_until="load")
                first = page.evaluate(TIMING)
                page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
                page.goto(url + path, wait_until="load")
                again = page.evaluate(TIMING)
                rows.append(dict(zip(COLUMNS, [name, *map(float, first), *map(float, again)], strict=True)))
                context.close()
            browser.close()
    return rows


if __name__ == "__main__":
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * (len(COLUMNS) - 1))
    for row in run():
        print("| " + " | ".join(f"{v:.0f}" if isinstance(v, float) else str(v) for v in row.values()) + " |")
