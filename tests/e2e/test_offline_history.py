"""A session played with no connection, at phone size: the player says what waits in plain words,
never "Saved" while anything does; once the connection is back, any page of supple sends it, trying
again later and later while it cannot; and the session keeps the time it was played on the phone."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Browser, Route, expect
from tests.e2e.conftest import Server
from tests.e2e.player import phone, play, routine_ready

WAITING = "JSON.parse(localStorage.getItem('supple-outbox') || '{\"ops\": []}').ops.length"


def test_a_session_played_offline_keeps_its_own_times_and_is_sent_from_another_page(
    browser: Browser, server: Server
) -> None:
    context, page = phone(browser, server)
    routine_ready(page)
    page.goto("/play?routine=mine&speed=10")
    context.set_offline(True)
    started = dt.datetime.now(dt.UTC)
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("() => window.supplePlayer.engine.results.length >= 2", timeout=30_000)

    net = page.locator("#net")
    expect(net).to_be_visible()
    expect(net).to_contain_text("No connection")
    expect(net).to_contain_text(re.compile(r"The start of the session and \d+ sets are waiting on this device"))
    page.wait_for_timeout(2500)  # played for a while
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Stop the session").click()
    stopped = dt.datetime.now(dt.UTC)
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#done-title")).to_have_text("Not saved yet")
    sync = page.locator("#sync")
    expect(sync).to_contain_text("No connection")
    expect(sync).to_contain_text("the end of the session are waiting on this device")
    assert "(s)" not in page.locator("#done").inner_text()
    page.wait_for_timeout(1500)  # later, when the connection is back:

    context.set_offline(False)
    back = dt.datetime.now(dt.UTC)
    page.goto("/exercises")  # not the player: any page sends what waits
    page.wait_for_function(f"() => {WAITING} === 0", timeout=20_000)
    (session,) = page.request.get("/api/sessions").json()
    began, ended = (dt.datetime.fromisoformat(session[key]) for key in ("started_at", "ended_at"))
    slack = dt.timedelta(seconds=1)
    assert started - slack <= began <= started + slack, "the start is when it was played, not when sent"
    assert stopped - slack <= ended <= stopped + slack < back
    assert ended - began >= dt.timedelta(seconds=2.5)
    assert session["state"] == "quit" and session["sets_done"] + session["sets_skipped"] >= 2
    context.close()


def test_the_outbox_waits_longer_and_longer_between_tries_while_the_server_cannot_be_reached(
    browser: Browser, server: Server
) -> None:
    context, page = phone(browser, server)
    routine_ready(page)
    tries: list[float] = []

    def unreachable(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        tries.append(page.evaluate("performance.now()") / 1000)
        route.abort("internetdisconnected")

    page.route(re.compile(r".*/api/sessions$"), unreachable)
    play(page)
    page.keyboard.press("Space")  # paused: nothing more is added, only the start waits
    page.wait_for_timeout(7_500)
    assert len(tries) >= 3, tries
    gaps = [later - earlier for earlier, later in zip(tries, tries[1:], strict=False)]
    assert gaps[0] >= 1.5 and gaps[1] >= 1.5 * gaps[0], f"tries {gaps} seconds apart"
    expect(page.locator("#net")).to_contain_text("No connection. The start of the session is waiting on this device.")
    context.close()
