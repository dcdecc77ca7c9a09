"""History in detail and the clinician's dashboard in a real browser, at phone size (390x664) and
in landscape and on a desktop: a person reads a session's page and an exercise over time; a
clinician sorts the dashboard, downloads it, and reads a client's session."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import Server, look
from tests.e2e.test_accessibility import violations
from tests.e2e.test_clinic import CAROL, clinic_server  # noqa: F401 - the fixture

PHONE = {"width": 390, "height": 664}
SIZES = {"phone": PHONE, "landscape": {"width": 844, "height": 390}, "desktop": {"width": 1280, "height": 800}}


def play(request: Any, *, hurt_second: bool) -> tuple[int, list[str]]:
    """A session through the API, as the player sends it: the first exercise done (the left side
    tighter), the second stopped for pain (or skipped), the rest not reached."""
    assert request.post("/api/screening", data={"yes": []}).ok
    saved = request.put("/api/routines/morning", data={"conditions": ["hip-pain"], "minutes": 15})
    assert saved.ok, saved.text()
    session = request.post("/api/sessions", data={"routine": "morning", "pain_before": 5}).json()
    work = [(i, s) for i, s in enumerate(session["timeline"]) if s["work"] and s["kind"] != "warmup"]
    exercises = list(dict.fromkeys(s["exercise"] for _, s in work))
    for index, step in work:
        if step["exercise"] not in exercises[:2] or (step["exercise"] == exercises[1] and step["rep"] not in (None, 1)):
            continue
        second = step["exercise"] == exercises[1]
        body = {"step": index, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"],
                "rep": step["rep"], "seconds": (4 if hurt_second else 0) if second else step["seconds"],
                "planned_seconds": step["seconds"], "skipped": second and not hurt_second,
                "hurt": second and hurt_second, "pain": 7 if second and hurt_second else None}  # fmt: skip
        assert request.post(f"/api/sessions/{session['id']}/sets", data=body).ok
        if second:
            break
    request.post(f"/api/sessions/{session['id']}/sides", data={"exercise": exercises[0], "tighter": "left"})
    state = "ended" if hurt_second else "quit"
    assert request.post(f"/api/sessions/{session['id']}/finish", data={"state": state, "pain_after": 3}).ok
    return session["id"], exercises


def fits(page: Page, what: str) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"


def each_size(context: BrowserContext, page: Page, name: str) -> None:
    """The page as it is at each size, each kept as a screenshot; it never scrolls sideways, and
    passes the WCAG AA checks on a phone and a desktop."""
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        fits(page, f"{name} at {size}")
        if size != "landscape":
            assert violations(page) == [], f"{name} at {size}"
        look(page, f"{name}-{size}", full_page=size != "desktop")
    page.set_viewport_size(PHONE)


def test_a_person_reads_a_sessions_page_and_an_exercise_over_time_on_a_phone(browser: Browser, server: Server) -> None:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto("/")
    session, exercises = play(page.request, hurt_second=True)
    page.goto("/progress")
    recent = page.get_by_role("region", name="Recent sessions")
    expect(recent.get_by_role("link")).to_have_count(1)
    recent.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/progress/sessions/{session}$"))
    expect(page.get_by_role("heading", name=re.compile("^Session of"))).to_be_visible()
    how = page.get_by_role("region", name="How it went")
    expect(how).to_contain_text("Stopped for pain")
    expect(how).to_contain_text("5 before, 3 after")
    each_exercise = page.get_by_role("region", name="Each exercise")
    expect(each_exercise).to_contain_text("Stopped: it hurt (pain 7 of 10)")
    expect(each_exercise).to_contain_text("Tighter side: the left")
    expect(each_exercise).to_contain_text("Not reached")
    expect(each_exercise).to_contain_text("Not done")  # the warm-up, passed over
    name = page.request.get(f"/api/catalog/{exercises[0]}").json()["name"]
    link = each_exercise.get_by_role("link", name=name)
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44, "a tap target at least 44 px high"
    each_size(context, page, "history-session")
    link.click()
    expect(page).to_have_url(re.compile(rf"/progress/exercises/{exercises[0]}$"))
    expect(page.locator("svg.chart text.date")).to_have_count(1)
    expect(page.get_by_role("region", name="Each time")).to_contain_text("Done")
    each_size(context, page, "history-exercise")
    assert page.request.post("/api/activities", data={"activity": "putting on socks", "score": 4}).ok
    page.goto("/progress")
    expect(page.get_by_role("region", name="Each exercise over time").get_by_role("link")).to_have_count(2)
    expect(page.locator(".ratings li")).to_have_text(re.compile(r"^4 of 10 \w{3} \d{1,2} \w{3} \d{4}$"))  # dated
    look(page, "progress-phone", full_page=True)
    context.close()


def signed_in_phone(browser: Browser, server: Server, name: str, password: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return context, page


@pytest.mark.usefixtures("clinic_server")
def test_a_clinician_sorts_the_dashboard_downloads_it_and_reads_a_clients_session_on_a_phone(
    browser: Browser,
    clinic_server: Server,  # noqa: F811
) -> None:
    carol, page = signed_in_phone(browser, clinic_server, "carol", CAROL)
    ids = {}
    for name in ("cleo", "anna", "ben"):
        added = page.request.post("/api/clients", data={"username": name, "password": f"{name}'s first password"})
        assert added.status == 201, added.text()
        ids[name] = added.json()["id"]
    sessions = {}
    for name in ("anna", "cleo"):
        client, client_page = signed_in_phone(browser, clinic_server, name, f"{name}'s first password")
        sessions[name] = play(client_page.request, hurt_second=name == "anna")
        client.close()

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name=re.compile("^Dashboard"))).to_be_visible()
    names = page.locator("table.board tbody th[scope=row]")
    expect(names).to_have_text(["anna", "ben", "cleo"])  # a "this hurts" and no session first
    expect(page.locator("table.board tbody tr").first).to_contain_text("“This hurts” during")
    sort_by = page.get_by_role("navigation", name="Sort the clients")
    expect(sort_by).to_be_visible()  # on a phone: the columns' links above the cards
    each_size(carol, page, "dashboard")
    sort_by.get_by_role("link", name="Client").click()
    expect(names).to_have_text(["anna", "ben", "cleo"])
    sort_by.get_by_role("link", name=re.compile("^Client")).click()
    expect(page).to_have_url(re.compile(r"sort=name&order=desc"))
    expect(names).to_have_text(["cleo", "ben", "anna"])
    with page.expect_download() as downloading:
        page.get_by_role("link", name=re.compile("^Download as a spreadsheet")).click()
    download = downloading.value
    assert download.suggested_filename.startswith("supple-clients-") and download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8-sig").read()  # noqa: PTH123, SIM115
    assert [line.split(",")[0] for line in text.splitlines()] == ["Client", "cleo", "ben", "anna"]

    page.set_viewport_size(SIZES["desktop"])  # the table's own headers sort too
    page.get_by_role("columnheader", name=re.compile("^Last session")).get_by_role("link").click()
    expect(names).to_have_text(["cleo", "anna", "ben"])
    page.set_viewport_size(PHONE)

    names.filter(has_text="anna").get_by_role("link").click()
    page.get_by_role("link", name="Progress").last.click()
    session, _ = sessions["anna"]
    page.get_by_role("region", name="Recent sessions").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/clients/{ids['anna']}/sessions/{session}$"))
    expect(page.get_by_role("region", name="Each exercise")).to_contain_text("Stopped: it hurt (pain 7 of 10)")
    each_size(carol, page, "client-session")
    carol.close()
