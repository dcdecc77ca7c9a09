"""Helpers for the player's browser tests: a phone-size page with a routine ready to play, and the
person's moves in the player (the buttons, as a person presses them)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Server

PHONE = {"width": 390, "height": 664}  # a phone's screen, less the browser's own bars
ON_ITS_SIDE = {"width": 844, "height": 390}  # the same phone propped on the floor

# Speech cancelled, counted (headless chromium has no voices: SPEECH_SPY counts what is said).
CANCEL_SPY = """
window.__cancelled = 0;
if (window.speechSynthesis) window.speechSynthesis.cancel = () => { window.__cancelled += 1; };
"""


def phone(browser: Browser, server: Server, viewport: dict[str, int] | None = None) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=server.url, viewport=viewport or PHONE)
    context.add_init_script(SPEECH_SPY)
    context.add_init_script(CANCEL_SPY)
    return context, context.new_page()


def routine_ready(page: Page, *, conditions: tuple[str, ...] = ("sciatica",), minutes: int = 5) -> dict[str, Any]:
    """Screened all clear, with a routine saved as "mine"; its plan."""
    assert page.request.post("/api/screening", data={"yes": []}).ok
    saved = page.request.put("/api/routines/mine", data={"conditions": list(conditions), "minutes": minutes})
    assert saved.ok, saved.text()
    routine: dict[str, Any] = saved.json()
    return routine


def play(page: Page, speed: float = 1) -> None:
    page.goto(f"/play?routine=mine&speed={speed}")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#during")).to_be_visible()


def engine(page: Page, what: str) -> Any:
    return page.evaluate(f"window.supplePlayer.engine.{what}")


def this_hurts(page: Page, pain: int) -> None:
    page.get_by_role("button", name="This hurts").click()
    dialog = page.locator("#hurt-dialog")
    dialog.get_by_text(str(pain), exact=True).click()
    dialog.get_by_role("button", name="Done").click()


def go_on_after_a_hurt(page: Page) -> None:
    """Nothing easier for me, thank you: on with the session."""
    page.wait_for_function("() => window.supplePlayer.outbox.ops.length === 0")  # the server's answer handled
    easier = page.locator("#easier-dialog")
    if easier.is_visible():
        easier.get_by_role("button", name="No, go on").click()
    else:
        page.get_by_role("button", name="Resume").click()
    expect(page.locator("#player")).to_have_attribute("data-state", "running")


def skip_to_the_last_exercise(page: Page) -> None:
    last = engine(page, "steps.reduce((top, s) => Math.max(top, s.item), 0)")
    while engine(page, "steps[window.supplePlayer.engine.index].item") != last:
        page.keyboard.press("x")  # the player's key for skipping an exercise, as `supple go`'s


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not on the page"
    return found
