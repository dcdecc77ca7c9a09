"""Every page, every error page and the calendar file, in both modes, in words for people (issue 16):
no command-line words, folder names, raw validation text, "(s)" plurals, "Not Found", nor ids where a
name belongs. The pages come from the app's own routes, so a new page is crawled without being
listed; the error pages are provoked as a person meets them (not found, bad form input, a safety
refusal, a bad backup, a bad routine pasted in)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from tests.clock import FakeClock
from tests.web import fuzzing
from tests.web.clinic import Clinic, form
from tests.web.plain_words import calendar_problems, page_problems, problems_in

from supple.config import Settings
from supple.web.app import create_app

# Routes that are not pages for people, and why they are not crawled.
NOT_PAGES = {
    "/openapi.json": "the API's schema, for programs",
    "/docs": "the API's documentation, for developers",
    "/health": "a load balancer's question",
    "/sw.js": "the service worker's code",
    "/export": "the backup file: data, restored by supple",
}
NOT_PAGE_ENDINGS = {
    ".pdf": "a handout's PDF, printed from the handout page's own template, which is crawled",
}
PASTED = [  # routines as a clinician might paste them, each wrong in its own way
    "exercises: []\n",
    "exercises:\n  - exercise: cat-cow\n    hold_s: abc\n",
    "exercises:\n  - exercise: pigeon\n",
    "exercises:\n  - exercise: xyzzy-stretch\n",
    "exercises:\n  - exercise: cat-cow\n    holds: 3\n",
    "exercises: [\n",
    "exercises:\n  - exercise: cat-cow\n  reps: 10\n",
    "warmup_minutes: 40\nexercises:\n  - exercise: cat-cow\n",
    "just some words",
    "exercises:\n  - exercise: cat-cow\n    hold_s: 30\n",  # a hold on a moving stretch
    "x" * 20_001,
]


@dataclass
class Crawl:
    """What the crawler read, and what was wrong with it."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)

    def check(self, label: str, response: Any) -> None:
        kind = response.headers.get("content-type", "")
        self.read.append(label)
        if kind.startswith("text/html") or kind.startswith("image/svg"):
            found = page_problems(response.text)
        elif kind.startswith("text/calendar"):
            found = calendar_problems(response.text)
        elif kind.startswith("application/json") and label.startswith("POST /api/sessions"):
            found = problems_in(str(response.json().get("detail", "")))  # the player shows it
        elif "manifest" in kind:
            found = problems_in(" ".join(str(v) for v in json.loads(response.text).values()))
        else:
            found = []
        if found:
            self.problems[f"{label} ({response.status_code})"] = found

    def assert_clean(self) -> None:
        said = "\n".join(f"{where}:\n  " + "\n  ".join(found) for where, found in self.problems.items())
        assert not self.problems, f"words for developers on {len(self.problems)} pages:\n{said}"


def page_paths(app: Any) -> list[str]:
    """Every GET route of the app that is a page (or a file) for people."""
    paths = []
    for route in iter_route_contexts(app.routes):
        path = route.path
        if "GET" not in (route.methods or ()) or path.startswith("/api/") or path in NOT_PAGES:
            continue
        if any(path.endswith(ending) for ending in NOT_PAGE_ENDINGS):
            continue
        paths.append(path)
    return sorted(set(paths))


def filled(path: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"the crawler does not know what to put in {{{name}}} of {path}: add it"
        return values[name]

    return re.sub(r"\{([a-z_]+)\}", value, path)


QUERIES = [  # the same pages, the way people reach them with a query
    "/plan?conditions=sciatica&conditions=hip-pain&minutes=10",
    "/plan?conditions=sciatica&conditions=hip-pain&minutes=10&ack_caution=1&saved=morning",
    "/plan?conditions=sciatica&conditions=hip-pain&minutes=200",
    "/plan?conditions=bogus&minutes=10",
    "/play?routine=morning",
    "/play?routine=quick",  # one exercise
    "/play?routine=nope",
    "/play?speed=fast",
    "/exercises?condition=sciatica&position=standing",
    "/exercises/pigeon",
    "/exercises/xyzzy",
    "/routines/nope/handout",
    "/settings?done=deleted",
    "/settings?done=imported-1",
    "/settings?done=imported-3",
    "/reminders.ics?days=mon&days=thu&at=07:30",
    "/reminders.ics?days=someday",
    "/reminders.ics?days=mon&at=25:99",
    "/no-such-page",
    "/login?done=signed-out",
    "/login?done=password",
    "/login?done=deleted",
    "/screening/mistake",
    "/dashboard?sort=pain&order=asc",
    "/dashboard?sort=nonsense",
    "/dashboard.csv?sort=last",
    "/progress/sessions/999999",
    "/progress/exercises/xyzzy",
]


def crawl_pages(crawl: Crawl, client: TestClient, app: Any, state: str, values: dict[str, str]) -> None:
    for path in [*page_paths(app), *QUERIES]:
        url = filled(path, values)
        crawl.check(f"{state}: GET {url}", client.get(url))
    crawl.check(f"{state}: POST /api/sessions", client.post("/api/sessions", json={"routine": "morning"}))


# --- single-person mode ------------------------------------------------------------------------


def single(tmp_path: Path, name: str) -> tuple[Any, TestClient, FakeClock]:
    clock = FakeClock()
    app = create_app(Settings(home=tmp_path / name), clock=clock)
    client = TestClient(app)
    client.__enter__()
    client.get("/")  # the form token's cookie
    return app, client, clock


def token(client: TestClient) -> str:
    value = client.cookies.get("supple_csrf")
    assert value
    return value


def post(client: TestClient, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    return client.post(path, data={"csrf_token": token(client), **(data or {})}, follow_redirects=True, **kwargs)


def play_a_session(client: TestClient, routine: str) -> None:
    """A session as the player records it: sets, a side answer, pain before and after."""
    opened = client.post("/api/sessions", json={"routine": routine, "pain_before": 5})
    assert opened.status_code == 201, opened.text
    session = opened.json()
    work = [(i, s) for i, s in enumerate(session["timeline"]) if s["work"]]
    for index, step in work[:4]:
        body = {"step": index, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"],
                "rep": step["rep"], "seconds": step["seconds"], "planned_seconds": step["seconds"]}  # fmt: skip
        assert client.post(f"/api/sessions/{session['id']}/sets", json=body).status_code == 204
    sided = next((s for _, s in work if s["sided"]), None)
    if sided is not None:
        client.post(f"/api/sessions/{session['id']}/sides", json={"exercise": sided["exercise"], "tighter": "left"})
    client.post(f"/api/sessions/{session['id']}/finish", json={"state": "finished", "pain_after": 3})


def seeded(client: TestClient, clock: FakeClock, *, apart: float = 48) -> None:
    """A person some days in: screened, two routines, sessions with pain and sides, activities;
    the sessions `apart` hours apart (in clinic mode, within a sign-in's lifetime)."""
    assert client.post("/api/screening", json={"yes": ["knee-trouble"]}).status_code == 200
    for name, conditions, minutes in (
        ("morning", ["sciatica", "hip-pain"], 10),
        ("my-hips", ["hip-pain"], 10),
        ("quick", ["sciatica"], 4),
    ):  # quick has one exercise: "1 exercise", never "1 exercises"
        saved = client.put(f"/api/routines/{name}", json={"conditions": conditions, "minutes": minutes})
        assert saved.status_code == 200, saved.text
    for _ in range(3):
        play_a_session(client, "morning")
        clock.advance(hours=apart)
    post(client, "/activities", {"activity": "putting on socks", "score": "4"})
    post(client, "/activities", {"activity": "climbing stairs"})
    post(client, "/activities/1/rate", {"score": "6"})


def bad_inputs(crawl: Crawl, client: TestClient, state: str) -> None:
    """Forms sent wrong, as a person can send them."""
    for data in ({"activity": ""}, {"activity": "x" * 201}, {"activity": "walking", "score": "eleven"}):
        crawl.check(f"{state}: POST /activities {data}", post(client, "/activities", data))
    for score in ("11", "-1", "abc", ""):
        crawl.check(f"{state}: POST /activities/1/rate {score}", post(client, "/activities/1/rate", {"score": score}))
    crawl.check(f"{state}: POST /activities/999/rate", post(client, "/activities/999/rate", {"score": "3"}))
    crawl.check(f"{state}: POST /screening bogus", post(client, "/screening", {"yes": ["bogus"]}))
    query = "conditions=sciatica&minutes=10"
    for name in ("My Morning Routine!", "!!!", "x" * 65, ""):
        crawl.check(f"{state}: POST /routines {name!r}", post(client, "/routines", {"name": name, "query": query}))
    crawl.check(f"{state}: POST /routines nothing", post(client, "/routines", {"name": "a", "query": "minutes=10"}))
    crawl.check(f"{state}: POST /delete unconfirmed", post(client, "/delete", {"confirm": "yes"}))
    crawl.check(f"{state}: POST /delete", client.post("/delete", data={"confirm": "delete"}))  # no form token


def bad_backups(crawl: Crawl, client: TestClient, state: str) -> None:
    backup = client.get("/export").text
    damaged = json.loads(backup)
    damaged["people"][0]["sessions"][0]["sets"][0]["seconds"] = "long"
    files = {
        "not JSON": b"this is not a backup",
        "another program's JSON": b'{"hello": "world"}',
        "a newer backup": backup.replace('"version": 1', '"version": 99').encode(),
        "a damaged backup": json.dumps(damaged).encode(),
        "a good backup into kept records": backup.encode(),
        "an empty file": b"",
    }
    for what, data in files.items():
        upload = {"backup": ("supple-backup.json", data, "application/json")}
        crawl.check(f"{state}: POST /import {what}", post(client, "/import", files=upload))


def answered(*yes: str, days_later: float = 0) -> Callable[[TestClient, FakeClock], None]:
    """A person some days in who has just answered the safety questions so (or long ago)."""

    def state(client: TestClient, clock: FakeClock) -> None:
        seeded(client, clock)
        if yes:
            assert client.post("/api/screening", json={"yes": list(yes)}).status_code == 200
        clock.advance(days=days_later)

    return state


STATES: dict[str, Callable[[TestClient, FakeClock], None]] = {
    "not screened yet": lambda client, clock: None,
    "all clear, a few weeks in": seeded,
    "caution": answered("hip-replacement", "pregnancy"),
    "stop, an emergency": answered("saddle-numbness", "fever-unwell"),
    "stop, a doctor today": answered("serious-fall"),
    "screened too long ago": answered(days_later=40),
}


@pytest.mark.parametrize("state", list(STATES))
def test_every_page_of_single_person_mode_is_in_words_for_people(tmp_path: Path, state: str) -> None:
    app, client, clock = single(tmp_path, "home")
    STATES[state](client, clock)
    crawl = Crawl()
    crawl_pages(crawl, client, app, state, {"exercise_id": "pigeon-pose", "name": "morning", "session_id": "1"})
    assert len(crawl.read) > 30
    crawl.assert_clean()


def test_every_error_page_of_single_person_mode_is_in_words_for_people(tmp_path: Path) -> None:
    app, client, clock = single(tmp_path, "home")
    seeded(client, clock)
    crawl = Crawl()
    bad_inputs(crawl, client, "bad input")
    bad_backups(crawl, client, "bad backup")
    crawl.assert_clean()


def test_the_calendar_file_links_to_the_app_instead_of_a_command(tmp_path: Path) -> None:
    app, client, clock = single(tmp_path, "home")
    ics = client.get("/reminders.ics", params={"days": ["mon", "thu"], "at": "07:30"})
    assert ics.status_code == 200
    assert calendar_problems(ics.text) == []
    unfolded = ics.text.replace("\r\n ", "")
    assert "http://testserver/play" in unfolded and "URL:http://testserver/play" in unfolded


# --- clinic mode -------------------------------------------------------------------------------


@pytest.fixture
def clinic_world(tmp_path: Path) -> Iterator[tuple[Clinic, dict[str, str]]]:
    """carol, a clinician, with sam, a client a few weeks in, and a routine she gave him."""
    settings = Settings(home=tmp_path / "home", database_url=f"sqlite:///{tmp_path / 'clinic.db'}", multi_user=True)
    clock = FakeClock()
    world = Clinic(create_app(settings, clock=clock, passwords=fuzzing.cheap_passwords()), clock)
    world.add("carol")
    sam = world.add("sam", clinician="carol")
    world.add("erin", clinician="carol")
    carol = world.sign_in("carol")
    sam_browser = world.sign_in("sam")
    seeded(sam_browser, clock, apart=3)
    given = form(carol, f"/clients/{sam}/routines", {"name": "From Carol", "conditions": ["sciatica"], "minutes": "10"})
    assert given.status_code == 303, given.text
    written = form(carol, f"/clients/{sam}/written-routines", {"name": "Written Mine", "text": PASTED[-2][:-13] + "\n"})
    assert written.status_code == 303, written.text
    yield world, {"client_id": str(sam), "exercise_id": "pigeon-pose", "name": "from-carol", "session_id": "1"}
    world.close()


@pytest.mark.parametrize("who", ["carol", "sam", "nobody"])
def test_every_page_of_clinic_mode_is_in_words_for_people(
    clinic_world: tuple[Clinic, dict[str, str]], who: str
) -> None:
    world, values = clinic_world
    browser = world.browser() if who == "nobody" else world.sign_in(who)
    crawl = Crawl()
    crawl_pages(crawl, browser, world.app, who, values)
    crawl.assert_clean()


def test_every_error_page_of_clinic_mode_is_in_words_for_people(clinic_world: tuple[Clinic, dict[str, str]]) -> None:
    world, values = clinic_world
    sam = values["client_id"]
    carol = world.sign_in("carol")
    crawl = Crawl()
    for text in PASTED:
        answer = carol.post(
            f"/clients/{sam}/written-routines", data={"csrf_token": token(carol), "name": "pasted", "text": text}
        )
        crawl.check(f"carol pastes {text[:40]!r}", answer)
    for name in ("", "x" * 65, "???"):
        answer = carol.post(
            f"/clients/{sam}/written-routines", data={"csrf_token": token(carol), "name": name, "text": PASTED[-2]}
        )
        crawl.check(f"carol names a routine {name[:10]!r}", answer)
    for data in ({"name": "quick", "minutes": "500", "conditions": ["sciatica"]}, {"name": "quick", "minutes": "ten"},
                 {"name": "quick", "conditions": ["bogus"]}, {"name": "quick"}):  # fmt: skip
        crawl.check(
            f"carol plans {data}", carol.post(f"/clients/{sam}/routines", data={"csrf_token": token(carol), **data})
        )
    for username, password in (
        ("Bad Name!", "a long enough password"),
        ("newbie", "short"),
        ("sam", "a long enough password"),
    ):
        crawl.check(
            f"carol adds {username}",
            carol.post("/clients", data={"csrf_token": token(carol), "username": username, "password": password}),
        )
    for url in (
        "/clients/99999",
        f"/clients/{sam}/routines/nope",
        f"/clients/{sam}/routines/nope/handout",
        "/clients/abc",
    ):
        crawl.check(f"carol GET {url}", carol.get(url))
    crawl.check(
        "carol changes her password badly",
        carol.post("/account/password", data={"csrf_token": token(carol), "current": "wrong", "new": "x"}),
    )
    bad_backups(crawl, world.sign_in("sam"), "sam's backup")
    stranger = world.browser()
    crawl.check(
        "a wrong password",
        stranger.post("/login", data={"csrf_token": token(stranger), "username": "carol", "password": "wrong"}),
    )
    sam_browser = world.sign_in("sam")
    sam_browser.post("/api/screening", json={"yes": ["bladder-bowel"]})
    crawl.check(
        "carol plans for a stopped client",
        carol.post(
            f"/clients/{sam}/routines",
            data={"csrf_token": token(carol), "name": "x", "conditions": ["sciatica"], "minutes": "10"},
        ),
    )
    crawl.check(
        "carol writes for a stopped client",
        carol.post(
            f"/clients/{sam}/written-routines", data={"csrf_token": token(carol), "name": "x", "text": PASTED[-2]}
        ),
    )
    crawl.check("carol reads a stopped client", carol.get(f"/clients/{sam}"))
    crawl.assert_clean()
