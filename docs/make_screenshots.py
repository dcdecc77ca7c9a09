"""Screenshots of the web app's main pages at phone and desktop size, into docs/screenshots/.

.venv/bin/python docs/make_screenshots.py      (needs Debian's chromium; takes about a minute)

The data folder is a demo: a screening, a saved routine and six weeks of sessions.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, SPEECH_SPY, Server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
PAGES = {
    "welcome": "/",
    "screening": "/screening",
    "plan": "/plan?conditions=sciatica&conditions=lower-back-pain&minutes=15",
    "player": "/play?routine=morning",
    "progress": "/progress",
    "exercise": "/exercises/pigeon-pose",
}


def demo_data(home: Path) -> None:
    from supple import services
    from supple.config import Settings
    from supple.services import progress, recording
    from supple.session.engine import SetResult

    settings = Settings(home=home)
    services.record_screening(settings=settings, yes=[])
    plan = services.make_plan(settings=settings, conditions=["sciatica", "lower-back-pain"], minutes=15)
    services.save_routine(settings=settings, name="morning", plan=plan)
    person = services.local_person(settings)
    rng = random.Random(7)
    today = dt.datetime.now(dt.UTC).replace(hour=8, minute=0)
    for days_ago in sorted((d for d in range(42) if rng.random() < 0.55), reverse=True):
        when = today - dt.timedelta(days=days_ago)
        opened = recording.open_session(
            settings=settings, person_id=person, plan=plan, pain_before=min(8, 3 + days_ago // 10),
            clock=lambda when=when: when,
        )  # fmt: skip
        for index, step in enumerate(opened.timeline):
            if step["work"]:
                result = SetResult(str(step["exercise"]), str(step["kind"]), step["side"], step["rep"],  # type: ignore[arg-type]
                                   float(step["seconds"]), int(str(step["seconds"])), step=index)  # fmt: skip
                recording.record_set(settings=settings, person_id=person, session_id=opened.id, result=result,
                                     clock=lambda when=when: when)  # fmt: skip
        recording.finish_session(
            settings=settings, person_id=person, session_id=opened.id, state="finished",
            pain_after=max(0, 1 + days_ago // 12), clock=lambda when=when: when + dt.timedelta(minutes=15),
        )  # fmt: skip
    goal = progress.add_activity(settings=settings, activity="putting on socks", score=4)
    progress.rate_activity(settings=settings, goal_id=goal.id, score=7)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        demo_data(home)
        server = Server(home)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for size, viewport in SIZES.items():
                    context = browser.new_context(base_url=server.url, viewport=viewport)  # type: ignore[arg-type]
                    context.add_init_script(SPEECH_SPY)
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(path)
                        if name == "player":
                            page.get_by_role("button", name="Start").click()
                            page.wait_for_timeout(2500)
                            page.get_by_role("button", name="Pause").click()
                        page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=size == "desktop")
                    context.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
