"""The clinic journey in a real browser against `supple serve --multi-user`: a clinician signs in,
adds a client and gives them a routine; the client signs in, screens, plays it and finishes; the
clinician sees the session in the client's progress; another client sees none of it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Serve, Server
from tests.e2e.targets import small_targets

from supple.services.people import create_account

FAST = 100  # the player's clock runs this many times faster than real time
CAROL = "carol's clinic password"


@pytest.fixture
def clinic_server(serve: Serve) -> Server:
    """`supple serve --multi-user` with one clinician, carol, added as `supple account add` adds her."""
    running = serve(multi_user=True)
    create_account(running.context, username="carol", password=CAROL, role="clinician")
    return running


def signed_in(browser: Browser, server: Server, name: str, password: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return context, page


def add_client(page: Page, name: str, password: str) -> int:
    page.goto("/clients")
    page.get_by_label("Username").fill(name)
    page.get_by_label(re.compile("^First password")).fill(password)
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    return int(page.url.rsplit("/", 1)[1])


def test_a_clinician_gives_a_client_a_routine_and_sees_them_play_it(browser: Browser, clinic_server: Server) -> None:
    carol, carol_page = signed_in(browser, clinic_server, "carol", CAROL)
    expect(carol_page.get_by_role("heading", name="Your clients")).to_be_visible()
    sam_id = add_client(carol_page, "sam", "sam's first password")
    add_client(carol_page, "bob", "bob's first password")

    carol_page.goto(f"/clients/{sam_id}")
    plan_form = carol_page.locator("form", has=carol_page.get_by_role("button", name=re.compile("^Plan and give")))
    plan_form.get_by_label(re.compile("^Sciatica")).check()
    plan_form.get_by_label("Minutes (3 to 90)").fill("5")
    plan_form.get_by_label("Name").fill("morning")
    plan_form.get_by_role("button", name=re.compile("^Plan and give")).click()
    expect(carol_page.get_by_role("heading", name=re.compile("^morning"))).to_be_visible()
    assert carol_page.locator(".exercise-card").count() >= 2
    carol_page.get_by_role("link", name="Handout to print").click()
    expect(carol_page.get_by_role("heading", name="morning", exact=True)).to_be_visible()  # the title as typed
    expect(carol_page.locator(".facts")).to_contain_text("sam")
    pdf = carol_page.request.get(f"/clients/{sam_id}/routines/morning/handout.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")

    sam, page = signed_in(browser, clinic_server, "sam", "sam's first password")
    page.get_by_role("link", name="Start the safety check").click()
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("heading", name="All clear")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Play morning", exact=True)).to_be_visible()
    page.goto(f"/play?routine=morning&speed={FAST}")
    page.locator("#before").get_by_text("3", exact=True).click()
    page.get_by_role("button", name="Start").click()
    after = page.locator("#after")
    expect(after).to_be_visible(timeout=30_000)
    after.get_by_text("1", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#sync")).to_have_text("Everything is saved.")

    carol_page.goto(f"/clients/{sam_id}/progress")
    recent = carol_page.get_by_role("region", name="Recent sessions")
    expect(recent.get_by_role("cell", name="finished")).to_be_visible()
    expect(recent.get_by_role("cell", name="3 → 1")).to_be_visible()

    bob, bob_page = signed_in(browser, clinic_server, "bob", "bob's first password")
    assert bob_page.request.get("/api/routines").json() == []
    assert bob_page.request.get("/api/sessions").json() == []
    assert bob_page.request.get("/api/progress").json()["sessions"] == 0
    for path in (f"/clients/{sam_id}/progress", f"/api/clients/{sam_id}/progress", f"/api/clients/{sam_id}"):
        assert bob_page.request.get(path).status == 404
    bob_page.goto("/progress")
    expect(bob_page.get_by_text("No sessions yet")).to_be_visible()
    assert "sam" not in bob_page.content()

    sam_page = page
    sam_page.get_by_role("button", name="Sign out").click()
    expect(sam_page.get_by_text("You are signed out.")).to_be_visible()
    assert sam_page.request.get("/api/sessions").status == 401
    phone = browser.new_context(base_url=clinic_server.url, viewport={"width": 360, "height": 740}, is_mobile=True)
    phone.add_cookies(carol.cookies())
    on_phone = phone.new_page()
    for path in ("/clients", f"/clients/{sam_id}", f"/clients/{sam_id}/routines/morning", f"/clients/{sam_id}/progress",
                 "/account", "/login"):  # fmt: skip
        on_phone.goto(path)
        overflow = on_phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        assert small_targets(on_phone) == [], f"touch targets under 44px on {path}"
    for context in (carol, sam, bob, phone):
        context.close()


def test_a_client_on_a_phone_finds_the_routine_their_clinician_gave_on_the_first_page(
    browser: Browser, clinic_server: Server
) -> None:
    from supple.planner.request import PlanRequest
    from supple.services import clinic
    from supple.services.people import create_client
    from supple.services.screening import record_screening

    context = clinic_server.context
    dana = create_account(context, username="dana", password="dana's clinic password", role="clinician")
    sam = create_client(context, clinician_id=dana.person_id, username="sam", password="sam's first password")
    record_screening(context, yes=[], person_id=sam.person_id)
    request = PlanRequest(conditions=("sciatica",), minutes=5)
    clinic.assign_plan(context, clinician_id=dana.person_id, client_id=sam.person_id, name="morning", request=request)

    phone = browser.new_context(base_url=clinic_server.url, viewport={"width": 390, "height": 664}, is_mobile=True)
    page = phone.new_page()
    page.goto("/login")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("sam's first password")
    page.get_by_role("button", name="Sign in").click()
    given = page.get_by_role("region", name="From your clinician")
    expect(given).to_contain_text("given by dana")
    assert small_targets(page) == [], "every link and button on the first page is big enough for a finger"
    given.get_by_role("link", name=re.compile("^Handout of morning", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("^morning$", re.I))).to_be_visible()
    page.go_back()
    given.get_by_role("link", name=re.compile("^Play morning$", re.I)).click()
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    phone.close()
