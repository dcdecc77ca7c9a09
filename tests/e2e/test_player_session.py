"""The player at phone size, as a person lives a session: pain reported twice, the side question of
the last stretch, what is said and when it stops, the words on the screen, and leaving mid-session.
In single-person and clinic mode where the two differ."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import Server
from tests.e2e.player import (
    CANCEL_SPY,
    PHONE,
    engine,
    go_on_after_a_hurt,
    phone,
    play,
    routine_ready,
    skip_to_the_last_exercise,
    this_hurts,
)
from tests.e2e.test_clinic import CAROL, clinic_server, signed_in

from supple.session.engine import FINISHED_TEXT

__all__ = ["clinic_server"]  # a fixture, for the tests in clinic mode


@pytest.fixture(params=["single-person", "clinic"])
def someone(request: pytest.FixtureRequest, browser: Browser, tmp_path: Path) -> Iterator[Page]:
    """A phone-size page of the person who plays: the one person, or a clinic's client signed in."""
    if request.param == "single-person":
        server = request.getfixturevalue("server")
        context, page = phone(browser, server)
    else:
        server = request.getfixturevalue("clinic_server")
        carol, carol_page = signed_in(browser, server, "carol", CAROL)
        assert carol_page.request.post("/api/clients", data={"username": "sam", "password": "sam's password"}).ok
        carol.close()
        context, page = signed_in(browser, server, "sam", "sam's password")
        page.set_viewport_size(PHONE)
        context.add_init_script(CANCEL_SPY)
    yield page
    context.close()


def kept_session(page: Page) -> dict[str, Any]:
    (session,) = page.request.get("/api/sessions").json()
    kept: dict[str, Any] = page.request.get(f"/api/sessions/{session['id']}").json()
    return kept


def test_a_second_hurt_stops_the_session_for_pain_with_advice_and_no_well_done(someone: Page) -> None:
    page = someone
    routine_ready(page)
    play(page, speed=2)
    this_hurts(page, 5)
    go_on_after_a_hurt(page)
    skip_to_the_last_exercise(page)
    this_hurts(page, 7)

    after = page.locator("#after")
    expect(after).to_be_visible()
    expect(page.locator("#after-title")).to_have_text("Stopped for pain")
    advice = page.locator("#ended-advice")
    expect(advice).to_contain_text("Rest today")
    expect(advice).to_contain_text("If the pain lasts or comes back, see a physiotherapist or doctor")
    assert "Well done" not in page.locator("#player").inner_text()
    spoken = page.evaluate("window.__spoken")
    assert FINISHED_TEXT not in spoken and "Well done" not in " ".join(spoken)
    assert engine(page, "state") == "ended"

    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")
    expect(page.locator("#done-advice")).to_contain_text("Rest today")
    kept = kept_session(page)
    assert kept["state"] == "ended", "kept as stopped for pain, not as finished"
    assert [s["pain"] for s in kept["sets"] if s["hurt"]] == [5, 7]


def test_the_last_sided_stretchs_side_question_is_asked_after_the_session_and_kept(
    browser: Browser, server: Server
) -> None:
    context, page = phone(browser, server)
    plan = routine_ready(page)  # child's pose, then the seated leg stretch with breaths: sided, and last
    last = plan["plan"]["items"][-1]
    assert last["name"] == "Seated leg stretch with breaths"
    play(page, speed=100)
    expect(page.locator("#after")).to_be_visible(timeout=30_000)
    question = page.get_by_role("group", name=re.compile("Which side felt tighter"))
    expect(question).to_be_visible()
    expect(question).to_contain_text("Which side felt tighter in the seated leg stretch with breaths?")
    question.get_by_role("button", name="Right").click()
    expect(question).to_be_hidden()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")

    assert kept_session(page)["sides"] == [{"exercise": last["exercise"], "tighter": "right"}]
    page.get_by_role("link", name="See your progress").click()
    sides = page.get_by_role("region", name="Which side is tighter")
    expect(sides.get_by_role("cell", name="Seated leg stretch with breaths")).to_be_visible()
    context.close()


def test_pause_and_this_hurts_stop_what_was_still_to_be_said(browser: Browser, server: Server) -> None:
    context, page = phone(browser, server)
    routine_ready(page)
    play(page)
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.__cancelled") == 1, "a pause silences the cue being said"
    page.get_by_role("button", name="Resume").click()
    assert page.evaluate("window.__cancelled") == 1, "going on says nothing is lost"
    page.get_by_role("button", name="This hurts").click()
    assert page.evaluate("window.__cancelled") == 2, "'this hurts' silences the cue being said"
    context.close()


def test_the_side_question_is_spoken_and_names_the_stretch(browser: Browser, server: Server) -> None:
    context, page = phone(browser, server)
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=15)  # a sided stretch second of six
    play(page, speed=100)
    page.keyboard.press("x")  # past the warm-up
    page.wait_for_function("() => window.supplePlayer.engine.pendingSide !== null", timeout=30_000)
    page.keyboard.press("Space")
    asked = "Which side felt tighter in the couch quad stretch: left, right, or the same?"
    assert asked in page.evaluate("window.__spoken")
    expect(page.locator("#side")).to_be_visible()
    expect(page.locator("#side-q")).to_have_text("Which side felt tighter in the couch quad stretch?")
    context.close()


def test_a_get_ready_says_next_once_and_a_long_step_counts_down_in_minutes(browser: Browser, server: Server) -> None:
    context, page = phone(browser, server)
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=20)  # a 5-minute warm-up first
    play(page)
    page.get_by_role("button", name="Skip this step").click()  # the warm-up's lead-in
    assert engine(page, "steps[window.supplePlayer.engine.index].kind") == "warmup"
    expect(page.locator("#count")).to_have_text(re.compile(r"^[45]:\d\d$"))
    expect(page.locator("#unit")).to_have_text("minutes")
    page.get_by_role("button", name="Skip this exercise").click()
    ready = engine(page, "steps.findIndex((s) => s.kind === 'ready')")
    while engine(page, "index") < ready:
        page.get_by_role("button", name="Skip this step").click()
    during = page.locator("#during").inner_text()
    assert during.count("Next") <= 1, during
    expect(page.locator("#cue")).to_have_text(re.compile(r"^Get ready: "))
    expect(page.locator("#next")).to_have_text(re.compile(r"^After this: |^This is the last exercise"))
    context.close()


def test_leaving_mid_session_asks_first_but_not_once_it_is_over(browser: Browser, server: Server) -> None:
    context, page = phone(browser, server)
    routine_ready(page)
    play(page)
    asked: list[str] = []

    def stay(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Progress").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"] and "/play" in page.url, "a link away asks first"
    page.remove_listener("dialog", stay)
    page.once("dialog", lambda dialog: dialog.accept())  # "Stop the session here?"
    page.get_by_role("button", name="Stop the session").click()
    expect(page.locator("#after")).to_be_visible()
    page.on("dialog", stay)
    page.get_by_role("link", name="Progress").click()
    expect(page).to_have_url(re.compile("/progress$"))
    assert asked == ["beforeunload"], "once stopped, the page goes without asking"
    context.close()


def test_leaving_mid_session_anyway_keeps_it_as_stopped_early_with_what_was_done(
    browser: Browser, server: Server
) -> None:
    context, page = phone(browser, server)
    routine_ready(page)
    play(page, speed=20)
    page.wait_for_function("() => window.supplePlayer.engine.results.filter((r) => !r.skipped).length >= 1")
    page.on("dialog", lambda dialog: dialog.accept())  # "Leave the page?": yes
    page.get_by_role("link", name="Progress").click()
    expect(page).to_have_url(re.compile("/progress$"))
    page.wait_for_function(
        "() => !localStorage.getItem('supple-outbox') "
        "|| JSON.parse(localStorage.getItem('supple-outbox')).ops.length === 0"
    )
    (session,) = page.request.get("/api/sessions").json()
    assert session["state"] == "quit" and session["ended_at"] is not None
    assert session["sets_done"] >= 1
    context.close()
