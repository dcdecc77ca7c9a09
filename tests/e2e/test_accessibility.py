"""WCAG 2.2 AA basics, checked by axe-core in the real browser on every page, phone and desktop,
and the player's motion under prefers-reduced-motion."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect
from tests.e2e.conftest import SPEECH_SPY, Server
from tests.e2e.test_pages import PAGES

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def violations(page: Any) -> list[str]:
    found = Axe().run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("path", [*PAGES, "/screening/result"])
def test_every_page_passes_the_wcag_aa_checks(browser: Browser, server: Server, path: str, size: str) -> None:
    context = browser.new_context(base_url=server.url, viewport=VIEWPORTS[size])
    page = context.new_page()
    page.request.post("/api/screening", data={"yes": []})
    page.request.put("/api/routines/mine", data={"conditions": ["sciatica"], "minutes": 10})
    page.goto(path)
    show_days_still_to_come(page)
    assert violations(page) == [], path
    context.close()


def show_days_still_to_come(page: Any) -> None:
    """Whether this week's calendar has days still to come depends on the weekday the test runs;
    mark the last row's cells as future so their colours are checked every day (on a Sunday they'd vanish)."""
    page.evaluate(
        "document.querySelectorAll('.calendar tr:last-child td')"
        ".forEach((td, i) => { if (i > 0) td.classList.add('future'); })"
    )


def test_the_player_in_a_session_and_its_dialogs_pass_the_wcag_aa_checks(browser: Browser, server: Server) -> None:
    context = browser.new_context(base_url=server.url, viewport=VIEWPORTS["phone"])
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    page.request.post("/api/screening", data={"yes": []})
    page.request.put("/api/routines/mine", data={"conditions": ["sciatica"], "minutes": 10})
    page.goto("/play?routine=mine&speed=30")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("() => window.supplePlayer.engine.index >= 1")
    assert violations(page) == [], "the player during a session"
    page.get_by_role("button", name="This hurts").click()
    expect(page.locator("#hurt-dialog")).to_be_visible()
    assert violations(page) == [], "the 'this hurts' dialog"
    context.close()


def test_the_countdown_ring_does_not_animate_for_people_who_ask_for_less_motion(
    browser: Browser, server: Server
) -> None:
    durations = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(base_url=server.url, reduced_motion=motion)
        page = context.new_page()
        page.request.post("/api/screening", data={"yes": []})
        page.request.put("/api/routines/mine", data={"conditions": ["sciatica"], "minutes": 10})
        page.goto("/play?routine=mine")
        durations[motion] = page.evaluate("getComputedStyle(document.querySelector('.ring-left')).transitionDuration")
        context.close()
    assert durations == {"no-preference": "0.25s", "reduce": "0s"}
