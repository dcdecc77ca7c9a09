"""A session a person can trust (issue 16), on a phone: what "this hurts" offers, the handout after a
hurt, deleting everything, which sessions count, and progress that says what it compares."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Server
from tests.e2e.test_journey import screen_all_clear

PHONE = {"width": 390, "height": 664}
FAST = 60


@pytest.fixture
def phone_context(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(SPEECH_SPY)
    yield context
    context.close()


@pytest.fixture
def phone(phone_context: BrowserContext) -> Page:
    return phone_context.new_page()


def plan_for_the_back_without_the_floor(page: Page) -> None:
    page.goto("/plan")
    page.get_by_label(re.compile("^Lower back pain")).check()
    page.get_by_label(re.compile("^Sciatica")).check()
    page.get_by_label("Minutes (3 to 90)").fill("15")
    page.get_by_label("I can't get down to the floor").check()
    page.get_by_role("button", name="Make my routine").click()
    expect(page.get_by_role("heading", name=re.compile("^Your routine"))).to_be_visible()


def play_until(page: Page, exercise: str) -> None:
    """Start the routine and skip ahead to `exercise`."""
    page.locator("#before").get_by_text("3", exact=True).click()
    page.get_by_role("button", name="Start").click()
    for _ in range(20):
        if page.evaluate("window.supplePlayer.engine.steps[window.supplePlayer.engine.index].exercise") == exercise:
            return
        page.get_by_role("button", name="Next exercise").click()
    raise AssertionError(f"{exercise} is not in the routine")


def hurt(page: Page, score: str) -> None:
    page.get_by_role("button", name="This hurts").click()
    dialog = page.locator("#hurt-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_text(score, exact=True).click()
    dialog.get_by_role("button", name="Done").click()
    page.wait_for_function("window.supplePlayer.engine.hurts >= 1 && window.supplePlayer.outbox.ops.length === 0")


def test_this_hurts_never_offers_the_floor_to_someone_who_cannot_get_down(phone: Page) -> None:
    screen_all_clear(phone)
    plan_for_the_back_without_the_floor(phone)
    phone.get_by_role("link", name="Swap Soleus stretch for another exercise").click()
    expect(phone.get_by_role("heading", name="Standing quad stretch")).to_be_visible()
    phone.get_by_role("button", name="Save and start").click()
    expect(phone).to_have_url(re.compile(r"/play\?routine=my-routine"))
    play_until(phone, "standing-quad-stretch")
    hurt(phone, "6")
    phone.screenshot(path="/tmp/i16r-shots/hurt-no-floor-390.png")
    expect(phone.locator("#easier-dialog")).to_be_hidden()
    assert "Side-lying" not in (phone.locator("#easier-text").text_content() or "")


def save_a_short_routine(page: Page, name: str = "quick", minutes: int = 3) -> None:
    page.request.post("/api/screening", data={"yes": []})
    saved = page.request.put(f"/api/routines/{name}", data={"conditions": ["sciatica"], "minutes": minutes})
    assert saved.ok, saved.text()


def start_and_stop_after_one_set(page: Page) -> None:
    page.goto(f"/play?routine=quick&speed={FAST}")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("window.supplePlayer.engine.results.filter((r) => !r.skipped).length >= 1")
    page.get_by_role("button", name="Stop the session").click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")


def test_sessions_stopped_after_a_minute_do_not_make_a_week_on_goal(phone: Page) -> None:
    phone.on("dialog", lambda dialog: dialog.accept())
    save_a_short_routine(phone)
    for _ in range(3):  # three a week is the goal
        start_and_stop_after_one_set(phone)
    # and one left mid-way: the page closed without finishing
    phone.goto(f"/play?routine=quick&speed={FAST}")
    phone.get_by_role("button", name="Start").click()
    phone.wait_for_function("window.supplePlayer.outbox.ops.length === 0 && window.supplePlayer.engine.index >= 1")
    phone.goto("/progress")
    report = phone.request.get("/api/progress").json()
    assert report["weeks"][-1]["sessions"] == 0 and report["streak"]["current_weeks"] == 0
    recent = phone.get_by_role("region", name="Recent sessions")
    expect(recent.get_by_role("cell", name=re.compile("^(No|Not yet) .*less than half"))).to_have_count(4)
    expect(recent.get_by_role("cell", name="under way")).to_have_count(1)
    recent.scroll_into_view_if_needed()
    phone.screenshot(path="/tmp/i16r-shots/progress-counting-390.png", full_page=True)
    # the next session closes the one left running
    start_and_stop_after_one_set(phone)
    phone.goto("/progress")
    expect(recent.get_by_role("cell", name="left unfinished")).to_have_count(1)
    expect(recent.get_by_role("cell", name="under way")).to_have_count(0)


def test_progress_says_what_the_pain_trend_compares_and_the_charts_have_dates(phone: Page) -> None:
    save_a_short_routine(phone)
    opened = phone.request.post("/api/sessions", data={"routine": "quick", "pain_before": 4})
    assert opened.ok, opened.text()
    finished = phone.request.post(f"/api/sessions/{opened.json()['id']}/finish",
                                  data={"state": "finished", "pain_after": 2})  # fmt: skip
    assert finished.ok, finished.text()
    phone.goto("/progress")
    pain = phone.get_by_role("region", name="Pain, before and after")
    expect(pain).to_contain_text("4 before, 2 after: 2 points lower, a change you would notice")
    expect(pain).not_to_contain_text("unknown")
    for region in ("Sessions per week", "Pain, before and after"):
        dates = phone.get_by_role("region", name=region).locator("svg text.date")
        assert dates.count() >= 1
        expect(dates.first).to_have_text(re.compile(r"^\d{1,2} [A-Z][a-z]{2}$"))
    pain.scroll_into_view_if_needed()
    phone.screenshot(path="/tmp/i16r-shots/progress-pain-390.png")
