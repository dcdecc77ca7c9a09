"""A clinician builds a client's routine at phone size (`supple serve --multi-user`): no file to
write, a note per exercise and for the routine, a preview of what the client will see, giving it
after the client's answers are checked, and a template given to two clients as copies."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Server, look
from tests.e2e.test_clinic import CAROL, add_client, clinic_server, signed_in

__all__ = ["clinic_server"]  # the fixture, used by name

PHONE = {"width": 390, "height": 664}


def on_phone(browser: Browser, server: Server, context: BrowserContext) -> tuple[BrowserContext, Page]:
    phone = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    phone.add_init_script(SPEECH_SPY)
    phone.add_cookies(context.cookies())
    return phone, phone.new_page()


def screened(browser: Browser, server: Server, name: str, password: str) -> tuple[BrowserContext, Page]:
    context, page = signed_in(browser, server, name, password)
    page.get_by_role("link", name="Start the safety check").click()
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("heading", name="All clear")).to_be_visible()
    return context, page


def test_a_clinician_builds_previews_and_gives_a_routine_on_a_phone(browser: Browser, clinic_server: Server) -> None:
    carol_desk, desk = signed_in(browser, clinic_server, "carol", CAROL)
    sam_id = add_client(desk, "sam", "sam's first password")
    kim_id = add_client(desk, "kim", "kim's first password")
    sam, sam_page = screened(browser, clinic_server, "sam", "sam's first password")
    kim, _ = screened(browser, clinic_server, "kim", "kim's first password")
    carol, page = on_phone(browser, clinic_server, carol_desk)

    page.goto(f"/clients/{sam_id}")
    expect(page.get_by_text("hold_s")).to_be_visible()  # the routine file's format, on the page
    page.get_by_label("Its title").fill("After your walk")
    page.get_by_role("button", name="Start building").click()
    expect(page.get_by_role("heading", name=re.compile("^After your walk"))).to_be_visible()
    expect(page.locator("#total")).to_contain_text("for sam (not given yet)")
    for search, name in (("cat", "Cat-cow"), ("figure", "Supine figure-four stretch")):
        page.get_by_label("Search by name").fill(search)
        page.get_by_role("button", name=f"Add {name}", exact=True).click()
        expect(page.get_by_role("heading", name=re.compile(rf"^\d\. {re.escape(name)}$"))).to_be_visible()
    page.get_by_role("button", name="Move Supine figure-four stretch up").click()
    expect(page.locator(".builder-item h3").first).to_have_text(re.compile("Supine figure-four stretch"))
    first = page.locator(".builder-item").first
    first.get_by_text("Add a note").click()
    first.get_by_label(re.compile("^Note on Supine figure-four stretch")).fill("Keep the knee soft")
    first.get_by_role("button", name="Save the note").click()
    expect(page.locator(".builder-item").first.locator(".item-note")).to_contain_text("Keep the knee soft")
    page.get_by_label(re.compile("^Shown before the routine starts")).fill("After your walk, while you are warm")
    page.get_by_role("button", name="Save the note", exact=True).last.click()
    expect(page.locator("#builder[aria-busy]")).to_have_count(0)
    expect(page.get_by_label(re.compile("^Shown before the routine starts"))).to_have_value(
        "After your walk, while you are warm"
    )
    page.locator(".builder-item").first.scroll_into_view_if_needed()
    look(page, "clinic-builder-390x664")
    assert sam_page.request.get("/api/routines").json() == [], "a draft is not the client's yet"

    page.get_by_role("link", name="Preview and give").click()
    expect(page.get_by_text("This is what sam will see")).to_be_visible()
    expect(page.locator(".preview")).to_contain_text("Keep the knee soft")
    expect(page.locator(".preview")).to_contain_text("After your walk, while you are warm")
    look(page, "clinic-preview-390x664", full_page=True)
    page.get_by_role("button", name="Give it to sam").click()
    expect(page.get_by_role("link", name="After your walk", exact=True)).to_be_visible()

    sam_page.goto("/")
    sam_page.get_by_role("link", name="Play After your walk", exact=True).click()
    expect(sam_page.get_by_role("heading", name=re.compile("^After your walk"))).to_be_visible()
    expect(sam_page.locator("#before")).to_contain_text("After your walk, while you are warm")
    expect(sam_page.locator("#before")).to_contain_text("Keep the knee soft")
    look(sam_page, "client-player-note-1024x800")

    # a template, given to both clients: each gets a copy of their own
    page.goto(f"/clients/{sam_id}/routines/after-your-walk/edit")
    page.get_by_role("button", name="Keep as a template").click()
    expect(page.get_by_text("Kept as a template.")).to_be_visible()
    page.get_by_label("sam").check()
    page.get_by_label("kim").check()
    page.get_by_role("button", name="Give it").click()
    expect(page.get_by_role("status")).to_contain_text("Given to kim, sam")
    look(page, "clinic-templates-390x664")
    page.goto(f"/clients/{kim_id}")
    page.get_by_role("link", name="Edit After your walk").click()
    page.get_by_role("button", name="Remove Cat-cow").click()
    expect(page.locator(".builder-item")).to_have_count(1)
    assert len(sam_page.request.get("/api/routines").json()) == 2
    sam_copy = sam_page.request.get("/api/routines/after-your-walk-2").json()
    assert len(sam_copy["plan"]["items"]) == 2, "kim's change is kim's alone"
    for context in (carol_desk, sam, kim, carol):
        context.close()


@pytest.mark.parametrize(
    "size", [{"width": 844, "height": 390}, {"width": 1280, "height": 800}], ids=["landscape", "desktop"]
)
def test_the_clinicians_builder_reads_at_other_sizes(
    browser: Browser, clinic_server: Server, size: dict[str, int]
) -> None:
    desk, page = signed_in(browser, clinic_server, "carol", CAROL)
    sam_id = add_client(page, "sam", "sam's first password")
    wide = browser.new_context(base_url=clinic_server.url, viewport=size)
    wide.add_cookies(desk.cookies())
    page = wide.new_page()
    page.goto(f"/clients/{sam_id}")
    page.get_by_label("Its title").fill("Hips")
    page.get_by_role("button", name="Start building").click()
    page.get_by_label("Search by name").fill("pigeon")
    page.get_by_role("button", name="Add Modified pigeon", exact=True).click()
    expect(page.locator(".builder-item")).to_have_count(1)
    page.evaluate("() => document.getElementById('builder-title').scrollIntoView()")
    look(page, f"clinic-builder-{size['width']}x{size['height']}")
    desk.close()
    wide.close()
