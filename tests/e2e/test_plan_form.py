"""The plan form's "new to stretching" and "pain today", and the screening's follow-up on a hip
replacement, on a phone held upright (390x664): plain words, 44 px targets, nothing sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import Server, look
from tests.e2e.targets import small_targets

PHONE = {"width": 390, "height": 664}


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def fits(page: Page, what: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"
    assert small_targets(page) == [], f"targets under 44 px on {what}"


def test_a_new_person_in_pain_asks_for_a_gentle_routine_on_a_phone(phone: Page) -> None:
    phone.request.post("/api/screening", data={"yes": []})
    phone.goto("/plan")
    phone.get_by_label(re.compile("^Lower back pain")).check()
    phone.get_by_label("Minutes (3 to 90)").fill("20")
    phone.get_by_label(re.compile("^I'm new to stretching")).check()
    pain = phone.get_by_role("group", name=re.compile("How much pain do you have today"))
    pain.get_by_text("6", exact=True).click()
    expect(pain.get_by_role("radio", name="6")).to_be_checked()
    fits(phone, "the plan form")
    pain.scroll_into_view_if_needed()
    look(phone, "plan-form-phone")

    phone.get_by_role("button", name="Make my routine").click()
    expect(phone.get_by_role("heading", name=re.compile("^Your routine"))).to_be_visible()
    notes = phone.locator(".notes")
    expect(notes).to_contain_text("A gentle routine, because you are new to stretching")
    expect(phone.locator("ul.why").first).to_contain_text("Warm muscles stretch more easily")
    expect(phone.get_by_role("link", name=re.compile("Warm up your own way"))).to_be_visible()
    fits(phone, "the plan")
    look(phone, "plan-result-phone")
    look(phone, "plan-result-phone-full", full_page=True)

    # changing the request keeps what was said
    phone.get_by_role("link", name="Change what bothers you or the time").click()
    expect(phone.get_by_label(re.compile("^I'm new to stretching"))).to_be_checked()
    expect(phone.get_by_role("group", name=re.compile("How much pain")).get_by_role("radio", name="6")).to_be_checked()


def test_a_pain_score_picked_by_mistake_can_be_taken_back_on_a_phone(phone: Page) -> None:
    phone.request.post("/api/screening", data={"yes": []})
    phone.goto("/plan")
    pain = phone.get_by_role("group", name=re.compile("How much pain do you have today"))
    rather_not = pain.get_by_role("radio", name="I'd rather not say")
    expect(rather_not).to_be_checked()  # nothing said until the person says it
    phone.get_by_label(re.compile("^Lower back pain")).check()
    pain.get_by_text("7", exact=True).click()
    pain.get_by_text("I'd rather not say").click()
    expect(rather_not).to_be_checked()
    expect(pain.get_by_role("radio", name="7")).not_to_be_checked()
    fits(phone, "the plan form")
    pain.scroll_into_view_if_needed()
    look(phone, "plan-form-pain-unsaid-phone")

    phone.get_by_role("button", name="Make my routine").click()
    expect(phone.get_by_role("heading", name=re.compile("^Your routine"))).to_be_visible()
    expect(phone.get_by_text(re.compile("A gentle routine"))).to_have_count(0)  # no pain said, none assumed
    phone.get_by_role("link", name="Change what bothers you or the time").click()
    pain = phone.get_by_role("group", name=re.compile("How much pain"))
    expect(pain.get_by_role("radio", name="I'd rather not say")).to_be_checked()


def test_the_screening_asks_which_way_a_hip_was_replaced_on_a_phone(phone: Page) -> None:
    phone.goto("/screening")
    phone.get_by_label("Have you had a hip replacement (at any time)?").check()
    follow_up = phone.get_by_role("group", name=re.compile("Which way did the surgeon reach your hip"))
    expect(follow_up.get_by_role("radio", name="I don't know, or another way")).to_be_checked()
    follow_up.get_by_text("From the front (anterior approach)").click()
    follow_up.scroll_into_view_if_needed()
    fits(phone, "the safety check")
    look(phone, "screening-hip-follow-up-phone")
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="See a doctor or physiotherapist first")).to_be_visible()
    answered = phone.request.get("/api/screening").json()["answered_yes"]
    assert answered == ["hip-replacement", "hip-replacement-anterior"]
