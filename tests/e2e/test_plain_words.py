"""The error pages a person meets, on a phone (390x664) in a real browser: in words for people, with
no command-line words, folder names, raw validation text or ids (issue 16). tests/web/test_plain_words.py
crawls every page and error page of both modes; here the ones a person reaches by tapping and typing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import Server
from tests.e2e.test_clinic import CAROL, add_client, clinic_server  # noqa: F401 - the fixture
from tests.web.plain_words import problems_in

PHONE = {"width": 390, "height": 664}


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def shown(page: Page) -> str:
    """What the person sees of the page: its visible text."""
    return page.locator("main").inner_text()


def plain(page: Page) -> None:
    found = problems_in(shown(page))
    assert found == [], f"{page.url} says: {found}"


def test_the_error_pages_a_person_meets_are_in_plain_words(phone: Page) -> None:
    phone.goto("/plan?conditions=sciatica&minutes=10")  # before the safety questions
    expect(phone.get_by_role("heading", name="First, the safety questions")).to_be_visible()
    plain(phone)
    expect(phone.get_by_role("link", name="Answer the safety questions")).to_be_visible()

    phone.goto("/exercises/pigeon")  # an old link
    expect(phone.get_by_role("heading", name="We could not find that")).to_be_visible()
    plain(phone)
    phone.get_by_role("link", name="Pigeon pose").click()
    expect(phone.get_by_role("heading", name=re.compile("^Pigeon pose"))).to_be_visible()

    phone.goto("/no-such-page")
    expect(phone.get_by_text("There is nothing at this address")).to_be_visible()
    plain(phone)

    phone.goto("/reminders.ics")  # no day ticked
    expect(phone.get_by_text("Please choose the days of the week.")).to_be_visible()
    plain(phone)


def test_a_routine_title_with_spaces_is_saved_and_shown_as_typed(phone: Page) -> None:
    """The browser's own "Please match the requested format" stopped this form once; the page shows
    the title as typed, never the name links use."""
    phone.request.post("/api/screening", data={"yes": []})
    phone.goto("/plan?conditions=sciatica&minutes=5")
    phone.get_by_label("Give this routine a title").fill("My Morning Stretch")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_role("status")).to_contain_text("Saved as “My Morning Stretch”")
    expect(phone.get_by_role("status")).not_to_contain_text("my-morning-stretch")
    phone.get_by_label("Give this routine a title").fill("!!!")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Give the routine a name, with at least one letter or digit.")).to_be_visible()
    plain(phone)


def test_a_bad_backup_is_refused_in_plain_words(phone: Page, tmp_path: Path) -> None:
    phone.request.post("/api/screening", data={"yes": []})
    phone.request.put("/api/routines/mine", data={"conditions": ["sciatica"], "minutes": 10})
    backup = tmp_path / "supple-backup.json"
    for content, words in (("not a backup at all", "not valid JSON"), ('{"hello": "world"}', "not a supple backup"),
                           (json.dumps({"format": "supple-backup", "version": 1, "people": "x"}), "damaged"),
                           (phone.request.get("/export").text(), "already keeps records")):  # fmt: skip
        backup.write_text(content)
        phone.goto("/settings")
        phone.get_by_label(re.compile("^Restore a backup")).set_input_files(str(backup))
        phone.get_by_role("button", name="Restore", exact=True).click()
        expect(phone.get_by_role("alert")).to_contain_text(words)
        plain(phone)


def test_a_routine_pasted_wrong_says_what_to_put_right_by_the_form(browser: Browser, clinic_server: Server) -> None:  # noqa: F811
    context: BrowserContext = browser.new_context(base_url=clinic_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password").fill(CAROL)
    page.get_by_role("button", name="Sign in").click()
    sam = add_client(page, "sam", "sam's first password")
    page.goto(f"/clients/{sam}")
    for text, words in (
        ("exercises:\n  - exercise: cat-cow\n    hold_s: half a minute\n",
         "The first exercise's hold (hold_s) must be a whole number of seconds."),
        ("exercises: []\n", "The list of exercises (exercises) needs at least 1 item."),
        ("exercises:\n  - exercise: pigeon\n", "Did you mean Pigeon pose (pigeon-pose)"),
    ):  # fmt: skip
        page.get_by_label("Routine", exact=True).fill(text)
        page.get_by_role("button", name="Give it to sam", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text(words)
        expect(page.get_by_label("Routine", exact=True)).to_have_value(text)  # kept, to put right
        expect(page.get_by_text("How to write a routine")).to_be_visible()
        found = [p for p in problems_in(page.get_by_role("alert").inner_text()) if not p.startswith("an id")]
        assert found == []
    page.get_by_label("Name", exact=True).last.fill("Knees Every Morning")
    page.get_by_label("Routine", exact=True).fill("exercises:\n  - exercise: cat-cow\n    reps: 8\n")
    page.get_by_role("button", name="Give it to sam", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Knees Every Morning"))).to_be_visible()
    context.close()
