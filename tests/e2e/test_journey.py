"""The whole journey in a real browser against a real server: screen, plan, play, hurt, finish, progress."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Page, Route, expect
from tests.e2e.conftest import Server

from supple.session.engine import FINISHED_TEXT

FAST = 60  # the player's clock runs this many times faster than real time


def screen_all_clear(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start the safety check").click()
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("heading", name="All clear")).to_be_visible()


def make_routine(page: Page, minutes: int = 5) -> None:
    page.get_by_role("link", name="What bothers you today?").click()
    page.get_by_label(re.compile("^Sciatica")).check()
    page.get_by_label("Minutes (3 to 90)").fill(str(minutes))
    page.get_by_role("button", name="Make my routine").click()
    expect(page.get_by_role("heading", name=re.compile("^Your routine"))).to_be_visible()


def api(page: Page, path: str) -> Any:
    return json.loads(page.request.get(path).text())


def test_the_whole_journey_is_kept_and_shows_in_progress(page: Page, server: Server) -> None:
    screen_all_clear(page)
    make_routine(page)
    page.get_by_role("button", name="Save and start").click()
    expect(page).to_have_url(re.compile(r"/play\?routine=my-routine"))
    page.goto(f"/play?routine=my-routine&speed={FAST}")

    page.locator("#before").get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#exercise-name")).not_to_have_text("\u00a0")
    page.wait_for_function("() => window.supplePlayer.engine.index >= 3")  # past the warm-up's first steps

    page.get_by_role("button", name="This hurts").click()
    dialog = page.locator("#hurt-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_text("6", exact=True).click()
    dialog.get_by_role("button", name="Done").click()
    easier = page.locator("#easier-dialog")
    # The dialog's close event (which reports the hurt) comes a moment after the click; once the
    # report is out of the outbox, the server's answer (an easier exercise or none) is handled.
    page.wait_for_function(
        "() => window.supplePlayer.engine.hurts === 1 && window.supplePlayer.outbox.ops.length === 0"
    )
    if easier.is_visible():
        easier.get_by_role("button", name="Yes, put it in").click()
    else:
        page.get_by_role("button", name="Resume").click()

    after = page.locator("#after")
    expect(after).to_be_visible(timeout=30_000)
    after.get_by_text("2", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")

    spoken = page.evaluate("window.__spoken")
    assert len(spoken) > 5 and FINISHED_TEXT in spoken, "the browser says what the terminal says"

    sessions = api(page, "/api/sessions")
    assert len(sessions) == 1
    kept = api(page, f"/api/sessions/{sessions[0]['id']}")
    assert kept["state"] == "finished" and kept["pain_before"] == 4 and kept["pain_after"] == 2
    hurt = [s for s in kept["sets"] if s["hurt"]]
    assert len(hurt) == 1 and hurt[0]["pain"] == 6
    assert len(kept["sets"]) == page.evaluate("window.supplePlayer.engine.results.length")
    screening = api(page, "/api/screening")
    assert screening["invalidated"], "a 'this hurts' asks for a new screening before the next routine"

    page.get_by_role("link", name="See your progress").click()
    recent = page.get_by_role("region", name="Recent sessions")
    expect(recent.get_by_role("cell", name="finished")).to_be_visible()
    expect(recent.get_by_role("cell", name="4 → 2")).to_be_visible()


def test_answers_lost_on_the_way_back_keep_nothing_twice(page: Page, server: Server) -> None:
    # The server keeps the session and the first sets, but their answers never reach the browser
    # (a cut connection): the player's outbox sends them again, and each is kept once.
    screen_all_clear(page)
    make_routine(page, minutes=3)
    page.get_by_role("button", name="Save and start").click()
    expect(page).to_have_url(re.compile(r"/play\?routine=my-routine"))
    to_lose = {"open": 1, "sets": 2}

    def lose_the_answer(route: Route) -> None:
        kind = "open" if route.request.url.endswith("/api/sessions") else "sets"
        if route.request.method != "POST" or to_lose[kind] == 0:
            route.continue_()
            return
        to_lose[kind] -= 1
        route.fetch()  # the server has it...
        route.abort("connectionreset")  # ...and its answer is lost

    page.route(re.compile(r".*/api/sessions(/\d+/sets)?$"), lose_the_answer)
    page.goto(f"/play?routine=my-routine&speed={FAST}")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#after")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.", timeout=30_000)

    assert to_lose == {"open": 0, "sets": 0}, "the answers were lost as planned"
    sessions = api(page, "/api/sessions")
    assert len(sessions) == 1
    kept = api(page, f"/api/sessions/{sessions[0]['id']}")
    assert len(kept["sets"]) == page.evaluate("window.supplePlayer.engine.results.length") > 2
    assert len({s["step"] for s in kept["sets"]}) == len(kept["sets"])
