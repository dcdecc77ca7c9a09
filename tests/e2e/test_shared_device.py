"""One phone shared by two clients of a clinic, at phone size: what one of them did is never sent as
the other's, nor dropped, and the pages the phone kept of one are never shown to the next."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Serve, Server, look
from tests.e2e.player import PHONE

from supple.services.people import create_account

PASSWORDS = {"carol": "carol's clinic password", "ann": "ann's own password", "ben": "ben's own password"}


@pytest.fixture
def clinic(serve: Serve) -> Server:
    """`supple serve --multi-user` with carol, a clinician, and two of her clients, ann and ben, each
    screened all clear with a routine of their own."""
    running = serve(multi_user=True)
    create_account(running.context, username="carol", password=PASSWORDS["carol"], role="clinician")
    for name in ("ann", "ben"):
        create_account(running.context, username=name, password=PASSWORDS[name], role="client", clinician="carol")
    return running


@pytest.fixture
def device(browser: Browser, clinic: Server) -> Iterator[BrowserContext]:
    """The shared phone: one browser, its storage and its cookies shared by every tab."""
    context = browser.new_context(base_url=clinic.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(SPEECH_SPY)
    yield context
    context.close()


def sign_in(device: BrowserContext, name: str) -> Page:
    page = device.new_page()
    page.goto("/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def ready_to_play(page: Page) -> None:
    assert page.request.post("/api/screening", data={"yes": []}).ok
    assert page.request.put("/api/routines/mine", data={"conditions": ["sciatica"], "minutes": 5}).ok


def sign_in_runs_out(clinic: Server, name: str) -> None:
    """The sign-in ends with no sign-out, as when it expires or the password is changed elsewhere."""
    with sqlite3.connect(clinic.home / "supple.db") as db:
        db.execute(
            "DELETE FROM sign_ins WHERE person_id = (SELECT person_id FROM accounts WHERE username = ?)", (name,)
        )


def sessions_of(page: Page) -> list[dict[str, object]]:
    sessions: list[dict[str, object]] = page.request.get("/api/sessions").json()
    return sessions


def waiting(page: Page, person: str) -> int:
    count: int = page.evaluate(
        f"JSON.parse(localStorage.getItem('supple-outbox:{person}') || '{{\"ops\": []}}').ops.length"
    )
    return count


def test_one_clients_sets_are_never_sent_as_anothers_and_wait_for_them(device: BrowserContext, clinic: Server) -> None:
    ann = sign_in(device, "ann")
    ready_to_play(ann)
    ann_id = ann.evaluate("document.body.dataset.outbox").split(":")[1]
    ann.goto("/play?routine=mine&speed=20")
    sign_in_runs_out(clinic, "ann")
    ann.get_by_role("button", name="Start").click()
    ann.wait_for_function("() => window.supplePlayer.engine.results.length >= 2", timeout=30_000)
    expect(ann.locator("#net")).to_contain_text("Sign in again")
    look(ann, "shared-device-ann-signed-out-phone")

    ben = sign_in(device, "ben")  # in another tab of the same phone
    ready_to_play(ben)
    ben.goto("/play?routine=mine")
    assert sessions_of(ben) == [], "ben's pages never send ann's sessions"
    # ann's tab, still open, tries again with ben's sign-in on the phone: refused, and kept
    ann.bring_to_front()
    ann.evaluate("window.dispatchEvent(new Event('focus'))")
    ann.evaluate("window.supplePlayer.outbox.flush()")
    ann.wait_for_function("() => !window.supplePlayer.outbox.busy")
    assert sessions_of(ben) == [], "nor does ann's own tab, under ben's sign-in"
    assert waiting(ben, ann_id) >= 3, "ann's session waits on the phone"

    ben.get_by_role("button", name="Sign out").click()
    ann_again = sign_in(device, "ann")
    ann_again.wait_for_function(f"() => JSON.parse(localStorage.getItem('supple-outbox:{ann_id}')).ops.length === 0")
    (session,) = sessions_of(ann_again)
    assert session["sets_done"] + session["sets_skipped"] >= 2  # type: ignore[operator]


def test_a_phone_never_shows_one_clients_kept_pages_to_the_next(device: BrowserContext, clinic: Server) -> None:
    ann = sign_in(device, "ann")
    ready_to_play(ann)
    ann.request.post("/api/activities", data={"activity": "tying my shoes", "score": 3})
    ann.goto("/progress")
    ann.evaluate("navigator.serviceWorker.ready")
    ann.reload()  # now under the service worker, which keeps the page
    assert "tying my shoes" in offline_text(ann, "/progress"), "kept for ann while her sign-in lasts"

    # her sign-in runs out while the phone has no connection: the kept pages are not shown
    ann.evaluate("""caches.open('supple-pages').then((pages) => pages.match('/__supple-pages-owner')
        .then((kept) => kept.json())
        .then((owner) => pages.put('/__supple-pages-owner',
            new Response(JSON.stringify({ ...owner, until: '2000-01-01T00:00:00+00:00' })))))""")
    shown = offline_text(ann, "/progress")
    assert "tying my shoes" not in shown and "Please sign in again" in shown
    look(ann, "shared-device-offline-after-sign-in-phone")

    # and when another client signs in, what was kept of ann goes
    ann.goto("/progress")
    assert "tying my shoes" in ann.content()
    sign_in_runs_out(clinic, "ann")
    ben = sign_in(device, "ben")
    ben.goto("/exercises")
    shown = offline_text(ben, "/progress")
    assert "tying my shoes" not in shown
    assert not re.search(r"\bann\b", shown)


def offline_text(page: Page, path: str) -> str:
    page.context.set_offline(True)
    try:
        page.goto(path)
        return page.locator("body").inner_text()
    finally:
        page.context.set_offline(False)


def test_a_set_the_server_will_not_keep_is_said_not_dropped(device: BrowserContext, clinic: Server) -> None:
    ann = sign_in(device, "ann")
    ready_to_play(ann)
    ann.goto("/play?routine=mine&speed=20")
    ann.get_by_role("button", name="Start").click()
    ann.wait_for_function(
        "() => window.supplePlayer.outbox.sessions && Object.keys(window.supplePlayer.outbox.sessions).length === 1"
    )
    session = next(iter(ann.evaluate("window.supplePlayer.outbox.sessions").values()))
    # the session is ended elsewhere meanwhile (another tab): the next set cannot be kept in it
    assert ann.request.post(f"/api/sessions/{session}/finish", data={"state": "quit"}).ok
    ann.wait_for_function("() => window.supplePlayer.outbox.refused.length >= 1", timeout=30_000)
    expect(ann.locator("#net")).to_contain_text(re.compile(r"could not be saved because the session had already ended"))
    look(ann, "refused-set-in-player-phone")
    ann.once("dialog", lambda dialog: dialog.accept())  # leaving mid-session asks first
    ann.goto("/progress")
    note = ann.locator("#outbox-note")
    expect(note).to_contain_text("could not be saved")
    note.get_by_role("button", name="I understand").click()
    expect(note).to_be_hidden()
    ann.reload()
    expect(ann.locator("#outbox-note")).to_be_hidden()
