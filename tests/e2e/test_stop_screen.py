"""The stop screen is an emergency screen (issue 16): its heading as urgent as what was answered,
the emergency numbers to tap, "I answered by mistake" kept apart and confirmed, and no plan form
after a stop; the caution screen says once what to do. On a phone, 390x664, in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import Server

PHONE = {"width": 390, "height": 664}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def answer(page: Page, *statements: str) -> None:
    page.goto("/screening")
    for statement in statements:
        page.get_by_label(re.compile(statement, re.IGNORECASE)).first.check()
    page.get_by_role("button", name="Done").click()


def test_a_cauda_equina_sign_gets_an_emergency_screen_with_numbers_to_call(phone: Page) -> None:
    answer(phone, "bladder or bowels")
    alert = phone.get_by_role("alert")
    heading = alert.get_by_role("heading", name="Get emergency help now")
    expect(heading).to_be_visible()
    assert heading.bounding_box()["y"] < PHONE["height"] / 2, "the first thing on the screen"  # type: ignore[index]
    for number in ("999", "911", "112"):
        call = alert.get_by_role("link", name=f"Call {number}")
        expect(call).to_have_attribute("href", f"tel:{number}")
        box = call.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, f"Call {number} is a tap target"
    expect(alert.get_by_role("link", name="Call 111")).to_have_count(0)  # not for an emergency
    expect(alert).not_to_contain_text("before stretching")
    expect(alert.get_by_role("link", name=re.compile("mistake", re.IGNORECASE))).to_have_count(0), "kept apart"
    expect(phone.get_by_role("link", name="What bothers you today?")).to_have_count(0)
    assert Axe().run(phone, options=WCAG_AA).response["violations"] == []


def test_answered_by_mistake_asks_once_more_before_the_questions_again(phone: Page) -> None:
    answer(phone, "saddle")
    phone.get_by_role("link", name="I answered by mistake").click()
    expect(phone.get_by_role("heading", name="Answer the safety questions again?")).to_be_visible()
    expect(phone.get_by_text("new numbness around the buttocks")).to_be_visible()
    assert phone.request.get("/api/screening").json()["verdict"] == "stop", "nothing cleared yet"
    phone.get_by_role("link", name="Back to what to do").click()
    expect(phone.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    phone.get_by_role("link", name="I answered by mistake").click()
    phone.get_by_role("link", name="It was a mistake: answer again").click()
    expect(phone.get_by_role("heading", name="Safety check")).to_be_visible()
    assert phone.locator("input[name=yes]:checked").count() == 0, "the answers are cleared"
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="All clear")).to_be_visible()


def test_a_same_day_red_flag_says_see_a_doctor_today(phone: Page) -> None:
    answer(phone, "fever or chills")
    alert = phone.get_by_role("alert")
    expect(alert.get_by_role("heading", name=re.compile("^See a doctor today"))).to_be_visible()
    expect(alert.get_by_role("link", name="Call 111")).to_have_attribute("href", "tel:111")
    expect(alert.get_by_role("link", name="Call 999")).to_be_visible()
    expect(alert).not_to_contain_text("emergency department")


def test_after_a_stop_the_plan_and_home_pages_say_what_to_do_instead_of_a_form(phone: Page) -> None:
    answer(phone, "getting weaker")
    for path in ("/plan", "/"):
        phone.goto(path)
        expect(phone.get_by_role("heading", name="Get emergency help now")).to_be_visible()
        expect(phone.get_by_role("link", name="Call 999")).to_be_visible()
        expect(phone.get_by_role("button", name="Make my routine")).to_have_count(0)
        expect(phone.get_by_role("checkbox")).to_have_count(0)
    phone.goto("/plan?conditions=sciatica&minutes=10")
    expect(phone.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(phone.get_by_role("link", name="Answer the safety questions")).to_have_count(0)


def test_the_caution_screen_says_once_what_to_do(phone: Page) -> None:
    answer(phone, "legs or feet feel numb, tingly or weak", "lasted more than a month", "worse at night")
    card = phone.locator("main .card.caution")
    expect(card.get_by_role("heading", name="See a doctor or physiotherapist first")).to_be_visible()
    said = card.inner_text()
    assert said.lower().count("doctor or physiotherapist") == 2, said  # the heading, and what to do: once
    expect(card.get_by_role("listitem")).to_have_count(3)
    card.get_by_role("link", name="A professional has said I can stretch").click()
    expect(phone.get_by_label("A doctor or physiotherapist has told me I can stretch")).to_be_checked()
