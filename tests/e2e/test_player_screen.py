"""The player fits one screen, on a phone held up (390x664: what is left of it under the browser's
bars) and on its side (844x390, propped on the floor), and every tap target in the app is at least
44x44 CSS px, measured in Chromium at phone size on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import Server, look
from tests.e2e.player import ON_ITS_SIDE, PHONE, box, phone, play, routine_ready
from tests.e2e.targets import small_targets
from tests.e2e.test_clinic import CAROL, clinic_server, signed_in
from tests.e2e.test_pages import PAGES

__all__ = ["clinic_server"]  # a fixture, for the pages of clinic mode

ALWAYS_SHOWN = ("#count", "#figure", "#exercise-name", "#where", "#cue", "#pause", "#hurt")


def on_screen(page: Page, selectors: tuple[str, ...], viewport: dict[str, int]) -> list[str]:
    """Those of `selectors` not wholly on the screen as it is, unscrolled."""
    assert page.evaluate("window.scrollY") == 0
    off = []
    for selector in selectors:
        expect(page.locator(selector)).to_be_visible()
        found = box(page, selector)
        inside = found["y"] >= 0 and found["x"] >= 0
        inside = inside and found["y"] + found["height"] <= viewport["height"] + 0.5
        if not (inside and found["x"] + found["width"] <= viewport["width"] + 0.5):
            off.append(f"{selector} at {found}")
    return off


def at_a_sided_hold(page: Page) -> None:
    page.keyboard.press("x")  # past the warm-up
    page.wait_for_function(
        "() => { const e = window.supplePlayer.engine; const s = e.steps[e.index]; return s.work && s.side; }"
    )


@pytest.mark.parametrize("viewport", [PHONE, ON_ITS_SIDE], ids=["phone-upright", "phone-on-its-side"])
def test_the_player_fits_one_screen_with_the_figure_and_its_controls(
    browser: Browser, server: Server, viewport: dict[str, int]
) -> None:
    context, page = phone(browser, server, viewport)
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=15)
    play(page, speed=20)
    at_a_sided_hold(page)
    page.keyboard.press("Space")
    assert on_screen(page, (*ALWAYS_SHOWN, "#skip", "#skip-exercise", "#back", "#quit"), viewport) == []
    figure = page.locator("#figure")
    step = page.evaluate("window.supplePlayer.engine.steps[window.supplePlayer.engine.index]")
    mirrored = "?side=left" if step["side"] == "left" else ""
    expect(figure).to_have_attribute("src", f"/figures/{step['exercise']}.svg{mirrored}")
    page.wait_for_function("() => document.getElementById('figure').complete")
    assert page.evaluate("document.getElementById('figure').naturalWidth") > 0, "the figure is drawn"
    expect(figure).not_to_have_attribute("alt", "")
    if viewport is ON_ITS_SIDE:  # side by side: the countdown and figure left of the words and buttons
        assert box(page, "#figure")["x"] + box(page, "#figure")["width"] <= box(page, "#hurt")["x"]
        assert box(page, ".ring-wrap")["x"] + box(page, ".ring-wrap")["width"] <= box(page, "#cue")["x"]

    page.keyboard.press("Space")  # on to the side question, which must not push the controls away
    page.wait_for_function("() => window.supplePlayer.engine.pendingSide !== null", timeout=30_000)
    page.keyboard.press("Space")
    assert on_screen(page, (*ALWAYS_SHOWN, "#side"), viewport) == []
    assert small_targets(page) == []
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, ON_ITS_SIDE], ids=["phone-upright", "phone-on-its-side"])
def test_the_player_still_fits_one_screen_when_it_says_there_is_no_connection(
    browser: Browser, server: Server, viewport: dict[str, int]
) -> None:
    context, page = phone(browser, server, viewport)
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=15)
    page.goto("/play?routine=mine&speed=20")
    context.set_offline(True)
    page.get_by_role("button", name="Start").click()
    at_a_sided_hold(page)
    page.keyboard.press("Space")
    expect(page.locator("#net")).to_contain_text(re.compile(r"No connection\. The start of the session and \d+ sets?"))
    assert on_screen(page, (*ALWAYS_SHOWN, "#net", "#quit"), viewport) == []
    context.close()


def test_the_player_fits_a_clinic_clients_phone_under_its_longer_menu(browser: Browser, clinic_server: Server) -> None:
    carol, carol_page = signed_in(browser, clinic_server, "carol", CAROL)
    assert carol_page.request.post("/api/clients", data={"username": "sam", "password": "sam's password"}).ok
    carol.close()
    sam, page = signed_in(browser, clinic_server, "sam", "sam's password")
    page.set_viewport_size(PHONE)
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=15)
    play(page, speed=20)
    at_a_sided_hold(page)
    assert on_screen(page, ALWAYS_SHOWN, PHONE) == []
    page.wait_for_function("() => window.supplePlayer.engine.pendingSide !== null", timeout=30_000)
    page.keyboard.press("Space")
    assert on_screen(page, (*ALWAYS_SHOWN, "#side"), PHONE) == []
    sam.close()


@pytest.fixture
def at_phone_size(browser: Browser, server: Server) -> Iterator[Page]:
    context, page = phone(browser, server)
    routine_ready(page, minutes=10)
    opened = page.request.post("/api/sessions", data={"routine": "mine", "pain_before": 3}).json()
    page.request.post(f"/api/sessions/{opened['id']}/finish", data={"state": "finished", "pain_after": 2})
    page.request.post("/api/activities", data={"activity": "putting on socks", "score": 4})
    yield page
    context.close()


def every_disclosure_open(page: Page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")


@pytest.mark.parametrize("path", [*PAGES, "/screening/result", "/routines/mine/handout", "/no-such-page"])
def test_every_tap_target_on_every_page_is_at_least_44_px(at_phone_size: Page, path: str) -> None:
    at_phone_size.goto(path)
    every_disclosure_open(at_phone_size)
    assert small_targets(at_phone_size) == [], path


def test_every_tap_target_of_the_player_and_its_dialogs_is_at_least_44_px(at_phone_size: Page) -> None:
    page = at_phone_size
    play(page, speed=20)
    assert small_targets(page) == [], "during a session"
    page.get_by_role("button", name="This hurts").click()
    assert small_targets(page) == [], "the 'this hurts' dialog"
    page.locator("#hurt-dialog").get_by_role("button", name="Done").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Stop the session").click()
    expect(page.locator("#after")).to_be_visible()
    assert small_targets(page) == [], "after the session"


def test_every_tap_target_in_clinic_mode_is_at_least_44_px(browser: Browser, clinic_server: Server) -> None:
    carol, page = signed_in(browser, clinic_server, "carol", CAROL)
    page.set_viewport_size(PHONE)
    client = page.request.post("/api/clients", data={"username": "sam", "password": "sam's password"}).json()["id"]
    given = page.request.put(f"/api/clients/{client}/routines/mine", data={"conditions": ["sciatica"], "minutes": 10})
    assert given.ok, given.text()
    small = {}
    for path in ("/", "/clients", f"/clients/{client}", f"/clients/{client}/routines/mine",
                 f"/clients/{client}/progress", "/account", "/settings"):  # fmt: skip
        page.goto(path)
        every_disclosure_open(page)
        small[path] = small_targets(page)
    signed_out = browser.new_context(base_url=clinic_server.url, viewport=PHONE)
    login = signed_out.new_page()
    login.goto("/login")
    small["/login"] = small_targets(login)
    assert {path: found for path, found in small.items() if found} == {}
    for context in (carol, signed_out):
        context.close()


@pytest.mark.parametrize(
    ("viewport", "cut"), [(PHONE, True), (ON_ITS_SIDE, False)], ids=["phone-upright", "on-its-side"]
)
def test_the_bar_over_a_session_fades_where_its_links_go_past_the_edge_and_only_there(
    browser: Browser, server: Server, viewport: dict[str, int], cut: bool
) -> None:
    """During a session the bar keeps to one row and its links scroll sideways; on a phone held up
    "Exercises" was cut in the middle of the word, which read as a mistake."""
    context, page = phone(browser, server, viewport)
    routine_ready(page, conditions=("sciatica",), minutes=5)
    play(page, speed=1)
    page.keyboard.press("Space")
    bar = page.locator(".top nav")
    fade = "(nav) => getComputedStyle(nav).webkitMaskImage"
    if cut:
        expect(bar).to_have_attribute("data-more", "")
        assert "gradient" in bar.evaluate(fade)
        look(page, f"session-bar-faded-{viewport['width']}x{viewport['height']}")
        bar.evaluate("(nav) => { nav.scrollLeft = nav.scrollWidth; }")  # the last link in sight
    expect(bar).not_to_have_attribute("data-more", "")
    assert bar.evaluate(fade) == "none"
