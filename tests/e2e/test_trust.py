"""A session a person can trust (issue 16), on a phone: what "this hurts" offers, the handout after a
hurt, deleting everything, which sessions count, and progress that says what it compares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError
from tests.e2e.conftest import SPEECH_SPY, Serve, Server, look
from tests.e2e.test_clinic import CAROL, add_client
from tests.e2e.test_clinic import FAST as CLINIC_FAST
from tests.e2e.test_journey import screen_all_clear

from supple.services.people import create_account

PHONE = {"width": 390, "height": 664}
FAST = 60
# Slow enough that "Stop" lands before half the routine is done, even on a loaded machine.
STOP_SOON = 15


@pytest.fixture
def phone_context(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(SPEECH_SPY)
    yield context
    context.close()


@pytest.fixture
def clinic(serve: Serve) -> Server:
    """`supple serve --multi-user` with one clinician, carol (as tests/e2e/test_clinic.py)."""
    running = serve(multi_user=True)
    create_account(running.context, username="carol", password=CAROL, role="clinician")
    return running


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
        page.get_by_role("button", name="Skip this exercise").click()
    raise AssertionError(f"{exercise} is not in the routine")


def hurt(page: Page, score: str) -> None:
    page.get_by_role("button", name="This hurts").click()
    dialog = page.locator("#hurt-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_text(score, exact=True).click()
    dialog.get_by_role("button", name="Done").click()
    page.wait_for_function("() => window.supplePlayer.engine.hurts >= 1 && window.supplePlayer.outbox.ops.length === 0")


def test_this_hurts_never_offers_the_floor_to_someone_who_cannot_get_down(phone: Page) -> None:
    screen_all_clear(phone)
    plan_for_the_back_without_the_floor(phone)
    phone.get_by_role("link", name="Swap Couch quad stretch for another exercise").click()
    expect(phone.get_by_role("heading", name="Standing quad stretch")).to_be_visible()
    phone.get_by_role("button", name="Save and start").click()
    expect(phone).to_have_url(re.compile(r"/play\?routine=my-routine"))
    play_until(phone, "standing-quad-stretch")
    hurt(phone, "6")
    look(phone, "hurt-no-floor-phone")
    expect(phone.locator("#easier-dialog")).to_be_hidden()
    assert "Side-lying" not in (phone.locator("#easier-text").text_content() or "")


def save_a_short_routine(page: Page, name: str = "quick", minutes: int = 3) -> None:
    page.request.post("/api/screening", data={"yes": []})
    saved = page.request.put(f"/api/routines/{name}", data={"conditions": ["sciatica"], "minutes": minutes})
    assert saved.ok, saved.text()


def start_and_stop_after_one_set(page: Page) -> None:
    page.goto(f"/play?routine=quick&speed={STOP_SOON}")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("() => window.supplePlayer.engine.results.filter((r) => !r.skipped).length >= 1")
    page.get_by_role("button", name="Stop the session").click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")


def test_sessions_stopped_after_a_minute_do_not_make_a_week_on_goal(phone: Page) -> None:
    phone.on("dialog", lambda dialog: dialog.accept())
    save_a_short_routine(phone)
    for _ in range(3):  # three a week is the goal
        start_and_stop_after_one_set(phone)
    # and one left mid-way: the phone's browser killed before it could say so (leaving the player
    # closes the session as stopped early; only a session nothing closed is left running)
    opened = phone.request.post("/api/sessions", data={"routine": "quick"}).json()
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"])
    one_set = {key: step[key] for key in ("exercise", "kind", "side", "rep", "seconds")}
    one_set |= {"step": index, "planned_seconds": step["seconds"]}
    assert phone.request.post(f"/api/sessions/{opened['id']}/sets", data=one_set).ok
    phone.goto("/progress")
    report = phone.request.get("/api/progress").json()
    assert report["weeks"][-1]["sessions"] == 0 and report["streak"]["current_weeks"] == 0
    recent = phone.get_by_role("region", name="Recent sessions")
    expect(recent.get_by_role("cell", name=re.compile("^(No|Not yet) .*less than half"))).to_have_count(4)
    expect(recent.get_by_role("cell", name="under way")).to_have_count(1)
    recent.scroll_into_view_if_needed()
    look(phone, "progress-counting-phone", full_page=True)
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
    look(phone, "progress-pain-phone")


def signed_in_on_a_phone(browser: Browser, server: Server, name: str, password: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return context, page


def test_a_clinician_sees_a_clients_pain_and_the_client_sees_who_gave_the_routine(
    browser: Browser, clinic: Server
) -> None:
    carol, carol_page = signed_in_on_a_phone(browser, clinic, "carol", CAROL)
    carol_page.goto("/")
    expect(carol_page.get_by_role("heading", name="Your clients")).to_be_visible()
    expect(carol_page.get_by_text("Start the safety check")).to_have_count(0)
    sam_id = add_client(carol_page, "sam", "sam's first password")
    plan_form = carol_page.locator("form", has=carol_page.get_by_role("button", name=re.compile("^Plan and give")))
    plan_form.get_by_label(re.compile("^Sciatica")).check()
    plan_form.get_by_label("Minutes (3 to 90)").fill("5")
    plan_form.get_by_label("Name").fill("morning")
    plan_form.get_by_role("button", name=re.compile("^Plan and give")).click()
    expect(carol_page.get_by_role("heading", name=re.compile("^morning"))).to_be_visible()

    sam, page = signed_in_on_a_phone(browser, clinic, "sam", "sam's first password")
    page.get_by_role("link", name="Start the safety check").click()
    page.get_by_role("button", name="Done").click()
    page.goto("/")
    given = page.get_by_role("region", name="From your clinician")
    expect(given).to_contain_text(re.compile(r"morning: given by carol on \w{3} \d{1,2} \w{3} \d{4}"))
    look(page, "client-home-given-phone", full_page=True)
    page.goto(f"/play?routine=morning&speed={CLINIC_FAST}")
    expect(page.get_by_role("heading", name=re.compile("^morning"))).to_contain_text("given by carol")
    page.locator("#before").get_by_text("7", exact=True).click()
    page.get_by_role("button", name="Start").click()
    after = page.locator("#after")
    expect(after).to_be_visible(timeout=30_000)
    after.get_by_text("8", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")

    carol_page.goto("/clients")
    row = carol_page.get_by_role("listitem").filter(has=carol_page.get_by_role("link", name="sam"))
    expect(row).to_contain_text(re.compile(r"Pain alert: Pain 8 of 10 after a session, \w{3} \d{1,2} \w{3} \d{4}"))
    look(carol_page, "clinic-clients-alert-phone", full_page=True)
    carol_page.goto(f"/clients/{sam_id}")
    alerts = carol_page.get_by_role("region", name="Pain alerts")
    expect(alerts).to_contain_text("Pain 8 of 10 after a session")
    expect(alerts).to_contain_text("Pain 7 of 10 before a session")
    safety = carol_page.get_by_role("region", name="Safety check")
    expect(safety).to_contain_text("not about their pain")
    expect(safety).not_to_contain_text("all clear")
    expect(carol_page.get_by_role("region", name="Routines")).to_contain_text("given by carol")
    look(carol_page, "clinic-client-alert-phone", full_page=True)
    for context in (carol, sam):
        context.close()


def test_the_handouts_pdf_after_a_hurt_is_a_pdf_and_after_a_stop_a_page(phone: Page) -> None:
    save_a_short_routine(phone)
    phone.goto("/routines/quick/handout")
    expect(phone.get_by_role("link", name="Download PDF")).to_be_visible()
    # a "this hurts" in a session since the page was opened: the screening is to be answered again
    opened = phone.request.post("/api/sessions", data={"routine": "quick"}).json()
    exercise = opened["timeline"][-1]["exercise"]
    assert phone.request.post(f"/api/sessions/{opened['id']}/hurt", data={"exercise": exercise, "item": 50}).ok
    with phone.expect_download() as got:
        phone.get_by_role("link", name="Download PDF").click()
    saved = Path(got.value.path())
    assert got.value.suggested_filename == "supple-quick-handout.pdf" and saved.read_bytes().startswith(b"%PDF-")
    look(phone, "handout-after-hurt-phone")
    # a warning sign since: no programme, and a page that says so rather than a file
    phone.request.post("/api/screening", data={"yes": ["worsening-leg-weakness"]})
    downloads: list[object] = []
    phone.on("download", lambda download: downloads.append(download))
    phone.get_by_role("link", name="Download PDF").click()
    expect(phone.get_by_role("alert")).to_contain_text("No programme is handed out")
    look(phone, "handout-stop-phone")
    assert downloads == [], "never an HTML page saved as a PDF"


# Whether any of the service worker's caches still holds the progress page.
KEPT_PROGRESS = """caches.keys()
  .then((keys) => Promise.all(keys.map((key) => caches.open(key).then((cache) => cache.match('/progress')))))
  .then((hits) => hits.some((hit) => hit !== undefined))"""


def offline_text(page: Page, path: str) -> str:
    """What the page at `path` shows without a connection ("" when nothing is kept for it)."""
    page.context.set_offline(True)
    try:
        page.goto(path)
        return page.locator("body").inner_text()
    except PlaywrightError:  # nothing kept: the browser's own error
        return ""
    finally:
        page.context.set_offline(False)


def keep_progress_offline(page: Page) -> None:
    save_a_short_routine(page)
    opened = page.request.post("/api/sessions", data={"routine": "quick", "pain_before": 7}).json()
    page.request.post(f"/api/sessions/{opened['id']}/finish", data={"state": "quit", "pain_after": 6})
    page.request.post("/api/activities", data={"activity": "putting on socks", "score": 3})
    page.goto("/progress")
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # now under the service worker, which keeps the page
    page.evaluate("localStorage.setItem('supple-outbox', JSON.stringify([{kind: 'finish', body: {pain_after: 6}}]))")
    assert "putting on socks" in offline_text(page, "/progress"), "the phone kept the page"


def delete_everything(page: Page) -> None:
    page.goto("/settings")
    page.get_by_label("Type delete to confirm").fill("delete")
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_role("status")).to_contain_text("has been deleted")


@pytest.mark.parametrize("header", ["sent", "ignored"])
def test_deleting_everything_leaves_no_copy_on_the_phone(phone: Page, header: str) -> None:
    keep_progress_offline(phone)
    if header == "ignored":  # as over plain http on the local network: the page must clear it itself

        def without_the_header(route: Route) -> None:
            response = route.fetch(max_redirects=0)
            kept = {k: v for k, v in response.headers.items() if k.lower() != "clear-site-data"}
            route.fulfill(response=response, headers=kept)

        phone.route("**/delete", without_the_header)
    delete_everything(phone)
    look(phone, f"deleted-{header}-phone")
    assert phone.request.get("/api/sessions").json() == []
    phone.wait_for_function("() => localStorage.length === 0")
    for _ in range(50):  # the page clears the caches as it loads; give it a moment
        if phone.evaluate(KEPT_PROGRESS) is False:
            break
        phone.wait_for_timeout(100)
    assert phone.evaluate(KEPT_PROGRESS) is False, "no cache keeps the progress page"
    shown = offline_text(phone, "/progress")
    assert "putting on socks" not in shown and "7 → 6" not in shown
