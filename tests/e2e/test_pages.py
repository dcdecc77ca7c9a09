"""The stop outcome, the phone layout, the keyboard, and the player offline, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Server
from tests.e2e.targets import small_targets
from tests.e2e.test_journey import make_routine, screen_all_clear

PAGES = ["/", "/screening", "/plan", "/plan?conditions=sciatica&minutes=10", "/play", "/progress", "/exercises",
         "/exercises/pigeon-pose", "/settings", "/progress/sessions", "/progress/exercises/pigeon-pose"]  # fmt: skip


def test_a_red_flag_stops_and_sends_the_person_to_a_doctor(page: Page) -> None:
    page.goto("/screening")
    page.get_by_label(re.compile("bladder|bowel", re.IGNORECASE)).first.check()
    page.get_by_role("button", name="Done").click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(page.get_by_role("link", name="What bothers you today?")).to_have_count(0)

    page.goto("/plan?conditions=sciatica&minutes=10")
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    assert page.request.post("/api/plans", data={"conditions": ["sciatica"], "minutes": 10}).status == 403


@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_a_360_pixel_phone_screen(browser: Browser, server: Server, path: str) -> None:
    context = browser.new_context(base_url=server.url, viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.request.post("/api/screening", data={"yes": []})
    page.request.put("/api/routines/phone", data={"conditions": ["sciatica"], "minutes": 10})
    page.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    assert small_targets(page) == [], f"touch targets under 44px on {path}"
    context.close()


def test_the_player_answers_the_keyboard(page: Page) -> None:
    screen_all_clear(page)
    make_routine(page)
    page.get_by_role("button", name="Save and start").click()
    page.get_by_role("button", name="Start").click()
    page.keyboard.press("Space")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator("#player")).to_have_attribute("data-state", "running")
    before = page.evaluate("window.supplePlayer.engine.index")
    page.keyboard.press("n")
    assert page.evaluate("window.supplePlayer.engine.index") == before + 1


def test_the_player_and_todays_routine_open_offline_once_loaded(browser: Browser, server: Server) -> None:
    context = browser.new_context(base_url=server.url)
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    screen_all_clear(page)
    make_routine(page)
    page.get_by_role("button", name="Save and start").click()
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # now under the service worker, which keeps the page
    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("() => window.supplePlayer.engine.index >= 1")
    page.get_by_role("button", name="Skip this exercise").click()
    assert page.evaluate("window.supplePlayer.outbox.ops.length") > 0, "sets wait in the outbox while offline"
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("() => window.supplePlayer.outbox.ops.length === 0", timeout=15_000)
    sessions = page.request.get("/api/sessions").json()
    assert len(sessions) == 1 and sessions[0]["sets_skipped"] >= 1
    context.close()
