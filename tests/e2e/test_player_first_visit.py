"""The player on a first visit over a slow network: Start and "This hurts" work as soon as the
player's own modules have come, before the form check's wiring (player/form.js), which the page
fetches after them so that it never delays them (bench/page_load.py). Until it has come, or if it
never does, "Check my form" is not offered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from tests.e2e.conftest import SPEECH_SPY, Server, look
from tests.e2e.player import PHONE, engine, go_on_after_a_hurt, routine_ready, this_hurts

FORM_WIRING = "**/player/form.js"


@pytest.fixture
def first_visit(browser: Browser, server: Server) -> Iterator[Page]:
    """A phone's first visit: no service worker answers in place of the network."""
    context = browser.new_context(base_url=server.url, viewport=PHONE, service_workers="block")
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    routine_ready(page)
    yield page
    context.close()


def start_and_report_a_hurt(page: Page) -> None:
    expect(page.locator("#player")).to_have_attribute("data-ready", "true")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#during")).to_be_visible()
    expect(page.locator("#form-toggle")).to_be_hidden()
    look(page, "player-before-its-form-check-came")
    this_hurts(page, 3)
    assert engine(page, "state") == "paused"
    page.wait_for_function("() => window.supplePlayer.outbox.ops.length === 0")  # the session and the hurt sent


def test_start_and_this_hurts_work_while_the_form_check_is_on_its_way(first_visit: Page) -> None:
    held: list[Route] = []
    first_visit.route(FORM_WIRING, lambda route: held.append(route))
    with first_visit.expect_request(FORM_WIRING):
        first_visit.goto("/play?routine=mine", wait_until="domcontentloaded")
    start_and_report_a_hurt(first_visit)
    assert len(held) == 1, "the form check's wiring is still on its way"
    held[0].continue_()
    expect(first_visit.get_by_role("button", name="Check my form")).to_be_visible()


def test_the_player_works_without_the_form_check_when_it_cannot_come(first_visit: Page) -> None:
    first_visit.route(FORM_WIRING, lambda route: route.abort())
    with first_visit.expect_event("requestfailed", lambda request: request.url.endswith("/player/form.js")):
        first_visit.goto("/play?routine=mine", wait_until="domcontentloaded")
    start_and_report_a_hurt(first_visit)
    go_on_after_a_hurt(first_visit)
    expect(first_visit.locator("#form-toggle")).to_be_hidden()
