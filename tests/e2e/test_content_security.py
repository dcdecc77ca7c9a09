"""The pages run under supple's Content-Security-Policy in Chromium with nothing blocked: every
main page in both modes, the handout and its Print button, the API's documentation with an
operation opened, and the player through its first steps (speech, the tone, the outbox, the
service worker). Chromium reports each blocked script, style or image as a
`securitypolicyviolation` event and a console error; both are collected and must stay empty."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.e2e.conftest import SPEECH_SPY, Server, look
from tests.e2e.player import routine_ready
from tests.e2e.test_clinic import CAROL, clinic_server

__all__ = ["clinic_server"]  # a fixture, for the tests in clinic mode

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""
CANARY = "window.__ran = true"  # an inline script the policy must block (Watched.assert_in_force)
CANARY_HASH = base64.b64encode(hashlib.sha256(CANARY.encode()).digest()).decode()


class Watched:
    """A browser context whose pages report what the policy blocked."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.blocked: list[str] = []
        context.add_init_script(WATCH)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.blocked.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.blocked.append(f"{self.page.url}: {message.text}")

    def visit(self, path: str) -> Page:
        self.page.goto(path)
        self.page.wait_for_load_state("load")
        self.collect()
        return self.page

    def collect(self) -> None:
        found = self.page.evaluate("window.__violations")
        self.blocked += [f"{self.page.url}: {violation}" for violation in found]

    def assert_in_force(self) -> None:
        """The policy is there to block: an inline script put in the page does not run, and is
        reported (and that report is not counted against the page)."""
        ran = self.page.evaluate(
            """(CANARY) => {
                const script = document.createElement("script");
                script.textContent = CANARY;
                document.body.append(script);
                return window.__ran === true;
            }""",
            CANARY,
        )
        assert not ran, f"{self.page.url}: an inline script ran"
        self.page.wait_for_function("() => window.__violations.some((v) => v.startsWith('script-src'))")
        self.page.evaluate("() => { window.__violations = []; }")

    def assert_nothing_blocked(self) -> None:
        blocked = [report for report in self.blocked if CANARY_HASH not in report]  # the console's word for it
        assert not blocked, "\n".join(blocked)


def test_single_person_pages_the_handout_the_docs_and_the_player_run_with_nothing_blocked(
    browser: Browser, server: Server
) -> None:
    context = browser.new_context(base_url=server.url, viewport={"width": 1024, "height": 800})
    context.add_init_script(SPEECH_SPY)
    watched = Watched(context)
    routine_ready(watched.page, minutes=5)
    watched.visit("/")
    watched.assert_in_force()
    for path in ("/", "/screening", "/plan?conditions=sciatica&minutes=10", "/exercises", "/exercises/pigeon-pose",
                 "/progress", "/settings", "/figures/pigeon-pose.svg", "/no-such-page"):  # fmt: skip
        watched.visit(path)
    plan = watched.visit("/plan?conditions=sciatica&minutes=10")
    expect(plan.locator(".figure img").first).to_be_visible()
    assert plan.evaluate("document.querySelector('.figure img').naturalWidth") > 0, "the figure is drawn"

    handout = watched.visit("/routines/mine/handout")
    expect(handout.get_by_role("heading", name="Mine", exact=True)).to_be_visible()
    assert handout.evaluate("getComputedStyle(document.querySelector('.toolbar')).display") != "inline", "styled"
    assert handout.evaluate("document.querySelector('img.figure').naturalWidth") > 0, "its data: figures load"
    handout.get_by_role("button", name="Print").click()
    assert handout.evaluate("window.__printed") == 1
    look(handout, "csp-handout")

    docs = watched.visit("/docs")
    docs.locator(".opblock-summary").first.click()
    expect(docs.locator(".opblock-body").first).to_be_visible()
    expect(docs.get_by_role("heading", name="supple")).to_be_visible()
    watched.collect()
    look(docs, "csp-docs")

    player = watched.visit("/play?routine=mine&speed=20")
    watched.assert_in_force()
    player.get_by_role("button", name="Start").click()
    expect(player.locator("#during")).to_be_visible()
    player.wait_for_function("() => window.supplePlayer.engine.index >= 3", timeout=30_000)
    player.wait_for_function("() => window.supplePlayer.outbox.ops.length === 0", timeout=10_000)
    (session,) = player.request.get("/api/sessions").json()
    assert session["sets_done"] >= 1, "sets went to the server under the policy"
    assert player.evaluate("window.__spoken.length") > 0, "the cues were spoken"
    watched.collect()
    look(player, "csp-player")
    watched.assert_nothing_blocked()
    watched.context.close()


def test_clinic_pages_run_with_nothing_blocked(browser: Browser, clinic_server: Server) -> None:
    stranger = Watched(browser.new_context(base_url=clinic_server.url))
    stranger.visit("/login")
    stranger.assert_in_force()
    stranger.assert_nothing_blocked()
    stranger.context.close()

    watched = Watched(browser.new_context(base_url=clinic_server.url))
    page = watched.page
    page.goto("/login")
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password").fill(CAROL)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your clients")).to_be_visible()
    watched.collect()
    added = page.request.post("/api/clients", data={"username": "sam", "password": "sam's first password"})
    assert added.ok, added.text()
    sam = added.json()["id"]
    given = page.request.put(f"/api/clients/{sam}/routines/morning", data={"conditions": ["sciatica"], "minutes": 5})
    assert given.ok, given.text()
    for path in ("/clients", f"/clients/{sam}", f"/clients/{sam}/progress", "/account"):
        watched.visit(path)
    routine = watched.visit(f"/clients/{sam}/routines/morning")
    expect(routine.get_by_role("heading", name=re.compile("^Morning"))).to_be_visible()
    routine.get_by_role("button", name="Print").click()
    assert routine.evaluate("window.__printed") == 1
    handout = watched.visit(f"/clients/{sam}/routines/morning/handout")
    handout.get_by_role("button", name="Print").click()
    assert handout.evaluate("window.__printed") == 1
    watched.assert_nothing_blocked()
    watched.context.close()
