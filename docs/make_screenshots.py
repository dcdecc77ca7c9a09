"""Screenshots of the web app's main pages at phone and desktop size, into docs/screenshots/.

.venv/bin/python docs/make_screenshots.py      (needs Debian's chromium; takes about a minute)

The data folder is a demo: a screening, a saved routine and six weeks of sessions; for clinic
mode, a clinician with two clients, one of whom has the same six weeks.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.web import server  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, SPEECH_SPY, free_port  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
PAGES = {
    "welcome": "/",
    "screening": "/screening",
    "plan": "/plan?conditions=sciatica&conditions=lower-back-pain&minutes=15",
    "player": "/play?routine=morning",
    "progress": "/progress",
    "exercise": "/exercises/pigeon-pose",
    "handout": "/routines/morning/handout?person=Sam",
}
# The plan's figures load lazily; a full-page screenshot would catch them empty.
ALL_IMAGES_LOADED = """Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
}))"""
CLINICIAN, PASSWORD = "carol", "carol's demo password"


class DemoClock:
    """The demo's time: moved back to each of six weeks of sessions, then to now."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(hour=8, minute=0)

    def __call__(self) -> dt.datetime:
        return self.now


def demo_data(home: Path) -> None:
    from supple.config import Settings
    from supple.planner.request import PlanRequest
    from supple.services.context import AppContext
    from supple.services.planning import make_plan
    from supple.services.routines import save_routine
    from supple.services.screening import record_screening

    clock = DemoClock()
    context = AppContext(Settings(home=home), clock=clock)
    record_screening(context, yes=[])
    plan = make_plan(context, request=PlanRequest(conditions=("sciatica", "lower-back-pain"), minutes=15))
    save_routine(context, name="morning", plan=plan)
    six_weeks(context, clock, context.mode.person(None), plan)
    context.close()


def clinic_demo_data(home: Path) -> int:
    """Carol and her clients sam (six weeks of a routine she gave him) and bob; sam's id."""
    from supple.config import Settings
    from supple.planner.request import PlanRequest
    from supple.services import clinic
    from supple.services.context import AppContext
    from supple.services.people import create_account, create_client
    from supple.services.screening import record_screening

    clock = DemoClock()
    context = AppContext(Settings(home=home, multi_user=True), clock=clock)
    carol = create_account(context, username=CLINICIAN, password=PASSWORD, role="clinician")
    sam, _ = (create_client(context, clinician_id=carol.person_id, username=name, password=PASSWORD)
              for name in ("sam", "bob"))  # fmt: skip
    record_screening(context, yes=[], person_id=sam.person_id)
    request = PlanRequest(conditions=("sciatica", "hip-pain"), minutes=15)
    plan = clinic.assign_plan(context, clinician_id=carol.person_id, client_id=sam.person_id, name="morning",
                              request=request)  # fmt: skip
    six_weeks(context, clock, sam.person_id, plan)
    context.close()
    return sam.person_id


def six_weeks(context: Any, clock: DemoClock, person: int, plan: Any) -> None:
    from supple.services import browser_session, progress
    from supple.session.results import FinishedSet

    rng = random.Random(7)
    today = clock.now
    for days_ago in sorted((d for d in range(42) if rng.random() < 0.55), reverse=True):
        clock.now = today - dt.timedelta(days=days_ago)
        opened = browser_session.open_session(
            context, person_id=person, plan=plan, pain_before=min(8, 3 + days_ago // 10)
        )
        for index, step in enumerate(opened.timeline):
            if step["work"]:
                result = FinishedSet(
                    exercise=str(step["exercise"]), kind=step["kind"], side=step["side"], rep=step["rep"],
                    seconds=float(step["seconds"]), planned_seconds=int(str(step["seconds"])), step=index,
                )  # type: ignore[arg-type]  # fmt: skip
                browser_session.record_set(context, person_id=person, session_id=opened.id, result=result)
        clock.now += dt.timedelta(minutes=15)
        browser_session.finish_session(
            context, person_id=person, session_id=opened.id, state="finished", pain_after=max(0, 1 + days_ago // 12)
        )
    clock.now = today
    goal = progress.add_activity(context, activity="putting on socks", score=4, person_id=person)
    progress.rate_activity(context, goal_id=goal.id, score=7, person_id=person)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        home = Path(folder) / "one"
        home.mkdir()
        demo_data(home)
        with server(home, None, 1, free_port()) as url:
            shoot(browser, url, PAGES)
        clinic_home = Path(folder) / "clinic"
        clinic_home.mkdir()
        sam = clinic_demo_data(clinic_home)
        clinic_pages = {
            "clients": "/clients",
            "client": f"/clients/{sam}",
            "client-progress": f"/clients/{sam}/progress",
        }
        with server(clinic_home, None, 1, free_port(), "--multi-user") as url:
            shoot(browser, url, clinic_pages, sign_in=True)
        browser.close()


def shoot(browser: Any, url: str, pages: dict[str, str], *, sign_in: bool = False) -> None:
    for size, viewport in SIZES.items():
        context = browser.new_context(base_url=url, viewport=viewport)
        context.add_init_script(SPEECH_SPY)
        page = context.new_page()
        if sign_in:
            page.goto("/login")
            page.get_by_label("Username").fill(CLINICIAN)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("button", name="Sign out").wait_for()
        for name, path in pages.items():
            page.goto(path)
            page.evaluate(ALL_IMAGES_LOADED)
            if name == "player":
                page.get_by_role("button", name="Start").click()
                page.wait_for_timeout(2500)
                page.get_by_role("button", name="Pause").click()
            page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=size == "desktop")
        context.close()


if __name__ == "__main__":
    main()
