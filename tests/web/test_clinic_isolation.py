"""Nobody reads or changes another person's data through any page or API endpoint (clinic mode).

The routes are taken from the app itself: a new endpoint without a probe here fails the first test.
Each probe lets the intruders loose on alice's data: bob (another client of alice's clinician),
erin (a client of another clinician), and for the clinic routes dave (that other clinician); and
each checks that a row that is not theirs is answered exactly like one that does not exist.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.clinic import PASSWORD, Clinic, form, login, without_ids

from supple.config import Settings
from supple.services.context import AppContext
from supple.services.people import list_accounts
from supple.services.personal_data import backup_data
from supple.services.progress import stats
from supple.services.screening import latest_screening
from supple.web.app import create_app

MISSING = 2_000_000_000  # an id no row has
SECRET_ROUTINE = "alice-secret"
SECRET_ACTIVITY = "alice-activity-zzz"
PLAN = {"conditions": ["lower-back-pain", "calf-foot-pain"], "minutes": 10}
WRITTEN = {"exercises": [{"exercise": "cat-cow"}]}


@dataclass
class World:
    clinic: Clinic
    alice_id: int
    session: int  # alice's, running
    finished: int  # alice's, over
    goal: int  # alice's activity
    carol: TestClient  # alice's and bob's clinician
    dave: TestClient  # erin's clinician
    alice: TestClient
    bob: TestClient
    erin: TestClient

    @property
    def context(self) -> AppContext:
        return self.clinic.context

    def clients_of_alice(self) -> tuple[TestClient, TestClient]:
        """The clients who must never see alice's records."""
        return self.bob, self.erin

    def alice_state(self) -> str:
        """Everything kept of alice, to compare before and after an intruder tries something."""
        who = self.alice_id
        data = backup_data(self.context, person_id=who)
        data.pop("exported_at")
        screening = latest_screening(self.context, person_id=who)
        return json.dumps([data, screening.to_json() if screening else None], sort_keys=True, default=str)

    def hidden(self, text: str) -> None:
        for marker in (SECRET_ROUTINE, SECRET_ACTIVITY, "alice"):
            assert marker not in text


@pytest.fixture
def world(clinic: Clinic) -> World:
    clinic.add("carol")
    clinic.add("dave")
    alice_id = clinic.add("alice", clinician="carol")
    clinic.add("bob", clinician="carol")
    clinic.add("erin", clinician="dave")
    browsers = {name: clinic.sign_in(name) for name in ("carol", "dave", "alice", "bob", "erin")}
    alice, erin = browsers["alice"], browsers["erin"]
    alice.post("/api/screening", json={"yes": ["hip-replacement"]})  # a caution: alice's own precautions
    erin.post("/api/screening", json={"yes": []})
    assert alice.put(f"/api/routines/{SECRET_ROUTINE}", json=PLAN | {"ack_caution": True}).status_code == 200
    finished = alice.post("/api/sessions", json={"routine": SECRET_ROUTINE, "ack_caution": True}).json()["id"]
    # the whole routine's work in one set: a session that counts toward the goal (progress/counting.py)
    whole = SET | {"seconds": 600, "planned_seconds": 600}
    assert alice.post(f"/api/sessions/{finished}/sets", json=whole).status_code == 204
    alice.post(f"/api/sessions/{finished}/finish", json={"state": "finished", "pain_after": 2})
    session = alice.post("/api/sessions", json={"routine": SECRET_ROUTINE, "ack_caution": True}).json()["id"]
    goal = alice.post("/api/activities", json={"activity": SECRET_ACTIVITY, "score": 3}).json()["id"]
    return World(clinic, alice_id, session, finished, goal, **browsers)


Probe = Callable[[World], None]
PROBES: dict[tuple[str, str], Probe] = {}


def probe(method: str, *paths: str) -> Callable[[Probe], Probe]:
    def register(function: Probe) -> Probe:
        for path in paths:
            PROBES[(method, path)] = function
        return function

    return register


def same_as_missing(client: TestClient, method: str, path: str, real: int, **body: Any) -> None:
    """A row that is someone else's (`path` with `real` for {}) is answered exactly like one that
    does not exist: a 404 with the same words. `body` is json=, data= (a form, token added) or files=."""

    def call(row: int) -> Any:
        url = path.format(row)
        if method == "FORM":
            return form(client, url, body.get("data"), **({"files": body["files"]} if "files" in body else {}))
        return client.request(method, url, **body)

    theirs, missing = call(real), call(MISSING)
    assert (theirs.status_code, missing.status_code) == (404, 404), (path, theirs.text)
    assert without_ids(said(theirs.text), real) == without_ids(said(missing.text), MISSING)


def said(text: str) -> str:
    """What a response says: a page's main part (its head and navigation are the asker's own)."""
    return text.split("<main", 1)[1].split(">", 1)[1].split("</main>")[0] if "<main" in text else text


def unchanged(world: World, attempt: Callable[[], None]) -> None:
    before = world.alice_state()
    attempt()
    assert world.alice_state() == before


# --- public and content routes: behind the sign-in (but the shell's files), no person's data ---


@probe("GET", "/sw.js", "/manifest.webmanifest", "/login", "/openapi.json", "/docs", "/health")
def public(world: World) -> None:
    for path in ("/sw.js", "/manifest.webmanifest", "/login", "/openapi.json", "/docs", "/health"):
        stranger = world.clinic.browser()
        response = stranger.get(path)
        assert response.status_code == 200
        world.hidden(response.text)


CONTENT = ["/api/catalog", "/api/catalog/cat-cow", "/api/vocabulary", "/api/screening/questions", "/exercises",
           "/exercises/cat-cow", "/screening", "/reminders.ics?days=mon", "/figures/cat-cow.svg"]  # fmt: skip


@probe("GET", "/api/catalog", "/api/catalog/{exercise_id}", "/api/vocabulary", "/api/screening/questions",
       "/exercises", "/exercises/{exercise_id}", "/screening", "/reminders.ics",
       "/figures/{exercise_id}.svg")  # fmt: skip
def content(world: World) -> None:
    stranger = world.clinic.browser()
    for path in CONTENT:
        refused = stranger.get(path, follow_redirects=False)
        assert refused.status_code == (401 if path.startswith("/api/") else 303), path
        for intruder in world.clients_of_alice():
            response = intruder.get(path)
            assert response.status_code == 200
            world.hidden(response.text)


# --- the asker's own records: the API ------------------------------------------------------------


@probe("GET", "/api/screening")
def screening(world: World) -> None:
    assert world.bob.get("/api/screening").status_code == 404  # bob has none; alice's is not his
    assert world.erin.get("/api/screening").json()["verdict"] == "go"


@probe("POST", "/api/screening", "/screening")
def screening_answered(world: World) -> None:
    def attempt() -> None:
        world.bob.post("/api/screening", json={"yes": ["bladder-bowel"]})
        form(world.erin, "/screening", {"yes": ["bladder-bowel"]})

    unchanged(world, attempt)
    assert world.alice.post("/api/plans", json=PLAN | {"ack_caution": True}).status_code == 200


@probe("POST", "/api/plans")
def plans(world: World) -> None:
    assert world.bob.post("/api/plans", json=PLAN).status_code == 403, "alice's screening does not let bob plan"
    erin_plan = world.erin.post("/api/plans", json={"conditions": ["hip-pain"], "minutes": 10}).json()
    assert not any("hip replacement" in note.lower() for note in erin_plan["notes"])


@probe("GET", "/api/routines", "/api/sessions", "/api/activities")
def own_lists(world: World) -> None:
    for intruder in world.clients_of_alice():
        for path in ("/api/routines", "/api/sessions", "/api/activities"):
            assert intruder.get(path).json() == []


@probe("PUT", "/api/routines/{name}")
@probe("POST", "/routines")
def save_routine(world: World) -> None:
    def attempt() -> None:
        assert world.erin.put(f"/api/routines/{SECRET_ROUTINE}", json=PLAN).status_code == 200
        query = "conditions=hip-pain&minutes=12"
        form(world.erin, "/routines", {"name": SECRET_ROUTINE, "query": query})

    unchanged(world, attempt)
    assert world.erin.get("/api/routines").json() == [SECRET_ROUTINE]  # her own, under the same name


@probe("GET", "/api/routines/{name}", "/play")
def routine(world: World) -> None:
    theirs, missing = world.erin.get(f"/api/routines/{SECRET_ROUTINE}"), world.erin.get("/api/routines/nothing")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json()["detail"].replace(SECRET_ROUTINE, "X") == missing.json()["detail"].replace("nothing", "X")
    assert world.bob.get(f"/api/routines/{SECRET_ROUTINE}").status_code == 403  # his own gate, first
    assert world.erin.get("/play", params={"routine": SECRET_ROUTINE}).status_code == 404
    assert world.erin.get("/play", follow_redirects=False).headers["location"] == "/plan"


@probe("GET", "/routines/{name}/handout", "/routines/{name}/handout.pdf")
def handout(world: World) -> None:
    for suffix in ("handout", "handout.pdf"):
        theirs, missing = (
            world.erin.get(f"/routines/{SECRET_ROUTINE}/{suffix}"),
            world.erin.get(f"/routines/x/{suffix}"),
        )
        assert theirs.status_code == missing.status_code == 404
        assert said(theirs.text).replace(SECRET_ROUTINE, "x") == said(missing.text)
        # reading a handout needs no fresh screening (docs/handout.md): bob, never screened, is
        # answered as about a routine that does not exist
        assert world.bob.get(f"/routines/{SECRET_ROUTINE}/{suffix}").status_code == 404
    mine = world.alice.get(f"/routines/{SECRET_ROUTINE}/handout")
    assert mine.status_code == 200 and "Alice secret" in mine.text


@probe("POST", "/api/sessions")
def open_session(world: World) -> None:
    assert world.erin.post("/api/sessions", json={"routine": SECRET_ROUTINE}).status_code == 404
    assert world.erin.post("/api/sessions", json={}).status_code == 404  # alice's saved last is not hers


SET = {"step": 0, "exercise": "cat-cow", "kind": "reps", "seconds": 30, "planned_seconds": 30}
SESSION_CALLS = {
    "sets": SET, "sides": {"exercise": "pigeon-pose", "tighter": "left"},
    "hurt": {"exercise": "cat-cow", "item": 1}, "finish": {"state": "quit"},
}  # fmt: skip


@probe("POST", *(f"/api/sessions/{{session_id}}/{kind}" for kind in SESSION_CALLS))
def session_changes(world: World) -> None:
    def attempt() -> None:
        for intruder in world.clients_of_alice():
            for kind, body in SESSION_CALLS.items():
                same_as_missing(intruder, "POST", f"/api/sessions/{{}}/{kind}", world.session, json=body)

    unchanged(world, attempt)
    assert world.alice.post(f"/api/sessions/{world.session}/sets", json=SET).status_code == 204


@probe("GET", "/api/sessions/{session_id}")
def session_detail(world: World) -> None:
    for intruder in world.clients_of_alice():
        for real in (world.session, world.finished):
            same_as_missing(intruder, "GET", "/api/sessions/{}", real)


@probe("GET", "/progress/sessions/{session_id}", "/progress/sessions")
def session_page(world: World) -> None:
    assert world.alice.get(f"/progress/sessions/{world.finished}").status_code == 200
    assert f"/progress/sessions/{world.finished}" in world.alice.get("/progress/sessions").text
    for intruder in world.clients_of_alice():
        listed = intruder.get("/progress/sessions")
        assert listed.status_code == 200 and "No sessions yet" in listed.text
        world.hidden(listed.text)
    for intruder in world.clients_of_alice():
        for real in (world.session, world.finished):
            same_as_missing(intruder, "GET", "/progress/sessions/{}", real)


@probe("GET", "/progress/exercises/{exercise_id}")
def exercise_page(world: World) -> None:
    mine = world.alice.get("/progress/exercises/cat-cow")
    assert mine.status_code == 200 and f"/progress/sessions/{world.finished}" in mine.text
    for intruder in world.clients_of_alice():
        page = intruder.get("/progress/exercises/cat-cow")
        assert page.status_code == 200 and "Not done yet" in page.text
        assert f"/sessions/{world.finished}" not in page.text
        world.hidden(page.text)


@probe("GET", "/api/progress", "/progress")
def own_progress(world: World) -> None:
    assert world.alice.get("/api/progress").json()["sessions"] == 1
    for intruder in world.clients_of_alice():
        assert intruder.get("/api/progress").json()["sessions"] == 0
        page = intruder.get("/progress")
        assert page.status_code == 200 and "No sessions yet" in page.text
        world.hidden(page.text)


@probe("POST", "/api/activities", "/activities")
def add_activity(world: World) -> None:
    def attempt() -> None:
        world.bob.post("/api/activities", json={"activity": "walking"})
        form(world.erin, "/activities", {"activity": "stairs"})

    unchanged(world, attempt)
    assert [a["activity"] for a in world.alice.get("/api/activities").json()] == [SECRET_ACTIVITY]


@probe("POST", "/api/activities/{goal_id}/ratings", "/activities/{goal_id}/rate", "/activities/{goal_id}/drop")
@probe("DELETE", "/api/activities/{goal_id}")
def activity_changes(world: World) -> None:
    def attempt() -> None:
        for intruder in world.clients_of_alice():
            same_as_missing(intruder, "POST", "/api/activities/{}/ratings", world.goal, json={"score": 9})
            same_as_missing(intruder, "DELETE", "/api/activities/{}", world.goal)
            same_as_missing(intruder, "FORM", "/activities/{}/rate", world.goal, data={"score": "9"})
            same_as_missing(intruder, "FORM", "/activities/{}/drop", world.goal)

    unchanged(world, attempt)


# --- the asker's own records: the pages ----------------------------------------------------------


@probe("GET", "/", "/settings", "/account", "/plan", "/screening/result", "/screening/mistake")
def own_pages(world: World) -> None:
    for intruder in world.clients_of_alice():
        for path in ("/", "/settings", "/account", "/plan", "/screening/result", "/screening/mistake"):
            response = intruder.get(path)
            assert response.status_code == 200, path
            world.hidden(response.text)
    assert world.bob.get("/screening/result", follow_redirects=False).headers["location"] == "/screening"
    assert world.bob.get("/screening/mistake", follow_redirects=False).headers["location"] == "/screening"
    assert world.bob.get("/plan", params={"conditions": "sciatica", "minutes": "10"}).status_code == 403


@probe("GET", "/export")
def export(world: World) -> None:
    backup = world.erin.get("/export").json()
    assert len(backup["people"]) == 1 and backup["people"][0]["name"] == "erin"
    world.hidden(json.dumps(backup))


@probe("POST", "/import")
def import_backup(world: World) -> None:
    stolen = world.alice.get("/export").content

    def attempt() -> None:
        restored = form(world.bob, "/import", files={"backup": ("b.json", stolen, "application/json")})
        assert restored.status_code == 303  # into bob's own, empty records: nobody else's
        again = form(world.bob, "/import", files={"backup": ("b.json", stolen, "application/json")})
        assert again.status_code == 400

    unchanged(world, attempt)
    assert len(list_accounts(world.context)) == 5
    assert world.erin.get("/api/routines").json() == []


@probe("POST", "/delete")
def delete(world: World) -> None:
    def attempt() -> None:
        gone = form(world.bob, "/delete", {"confirm": "delete"})
        assert gone.headers["location"] == "/login?done=deleted"

    unchanged(world, attempt)
    assert world.alice.get("/api/sessions").status_code == 200, "alice is still signed in"
    assert [a.username for a in list_accounts(world.context)] == [
        "alice", "carol", "dave", "erin"
    ]  # fmt: skip


# --- signing in and out -------------------------------------------------------------------------


@probe("POST", "/login")
def sign_in(world: World) -> None:
    stranger = world.clinic.browser()
    assert login(stranger, "alice", "bobs password is not hers").status_code == 401
    assert stranger.get("/api/sessions").status_code == 401


@probe("POST", "/logout")
def sign_out(world: World) -> None:
    assert form(world.bob, "/logout").headers["location"] == "/login?done=signed-out"
    assert world.bob.get("/api/sessions").status_code == 401
    assert world.alice.get("/api/sessions").status_code == 200


@probe("POST", "/account/password")
def change_password(world: World) -> None:
    changed = form(world.bob, "/account/password", {"current": PASSWORD, "new": "bobs brand new password"})
    assert changed.status_code == 303
    assert world.alice.get("/api/sessions").status_code == 200
    assert login(world.clinic.browser(), "alice", PASSWORD).status_code == 303


# --- the clinic: a clinician's own clients only ---------------------------------------------------

CLIENT_READS = ["/api/clients/{}", "/api/clients/{}/progress", "/api/clients/{}/sessions",
                f"/api/clients/{{}}/routines/{SECRET_ROUTINE}", "/clients/{}", "/clients/{}/progress",
                f"/clients/{{}}/routines/{SECRET_ROUTINE}", f"/clients/{{}}/routines/{SECRET_ROUTINE}/handout",
                f"/clients/{{}}/routines/{SECRET_ROUTINE}/handout.pdf"]  # fmt: skip


@probe("GET", "/api/clients/{client_id}", "/api/clients/{client_id}/progress", "/api/clients/{client_id}/sessions",
       "/api/clients/{client_id}/routines/{name}", "/clients/{client_id}", "/clients/{client_id}/progress",
       "/clients/{client_id}/routines/{name}", "/clients/{client_id}/routines/{name}/handout",
       "/clients/{client_id}/routines/{name}/handout.pdf")  # fmt: skip
def client_reads(world: World) -> None:
    for path in CLIENT_READS:
        assert world.carol.get(path.format(world.alice_id)).status_code == 200, path
        for intruder in (world.dave, world.bob, world.erin):
            same_as_missing(intruder, "GET", path, world.alice_id)


@probe("GET", "/clients/{client_id}/sessions/{session_id}", "/clients/{client_id}/exercises/{exercise_id}",
       "/clients/{client_id}/sessions")  # fmt: skip
def client_history(world: World) -> None:
    alice, finished = world.alice_id, world.finished
    reads = [f"/clients/{{}}/sessions/{finished}", "/clients/{}/exercises/cat-cow", "/clients/{}/sessions"]
    for path in reads:
        assert world.carol.get(path.format(alice)).status_code == 200, path
        for intruder in (world.dave, world.bob, world.erin):
            same_as_missing(intruder, "GET", path, alice)
    # alice's session under another of carol's clients is no session of theirs
    bob = next(c["id"] for c in world.carol.get("/api/clients").json() if c["username"] == "bob")
    same_as_missing(world.carol, "GET", f"/clients/{bob}/sessions/{{}}", finished)
    bobs_exercise = world.carol.get(f"/clients/{bob}/exercises/cat-cow")
    assert bobs_exercise.status_code == 200 and f"/sessions/{finished}" not in bobs_exercise.text


@probe("GET", "/dashboard", "/dashboard.csv")
def dashboard(world: World) -> None:
    for path in ("/dashboard", "/dashboard.csv"):
        carols = world.carol.get(path)
        assert carols.status_code == 200 and "alice" in carols.text and "bob" in carols.text
        daves = world.dave.get(path, params={"sort": "name"})
        assert daves.status_code == 200 and "erin" in daves.text
        world.hidden(daves.text)
        for client in (world.bob, world.erin):
            assert client.get(path).status_code == 404


@probe("PUT", "/api/clients/{client_id}/routines/{name}", "/api/clients/{client_id}/written-routines/{name}")
@probe("POST", "/clients/{client_id}/routines", "/clients/{client_id}/written-routines")
def client_changes(world: World) -> None:
    text = "exercises:\n  - exercise: cat-cow\n"

    def attempt() -> None:
        for intruder in (world.dave, world.bob):
            alice = world.alice_id
            same_as_missing(intruder, "PUT", f"/api/clients/{{}}/routines/{SECRET_ROUTINE}", alice, json=PLAN)
            same_as_missing(intruder, "PUT", "/api/clients/{}/written-routines/x", alice, json=WRITTEN)
            plan = {"name": "x", "conditions": "sciatica"}
            same_as_missing(intruder, "FORM", "/clients/{}/routines", alice, data=plan)
            same_as_missing(intruder, "FORM", "/clients/{}/written-routines", alice, data={"name": "x", "text": text})

    unchanged(world, attempt)
    given = world.carol.put(f"/api/clients/{world.alice_id}/written-routines/from-carol", json=WRITTEN)
    assert given.status_code == 200 and "from-carol" in world.alice.get("/api/routines").json()


@probe("GET", "/api/clients", "/clients")
def client_lists(world: World) -> None:
    assert sorted(c["username"] for c in world.carol.get("/api/clients").json()) == ["alice", "bob"]
    assert [c["username"] for c in world.dave.get("/api/clients").json()] == ["erin"]
    world.hidden(world.dave.get("/clients").text)
    for client in (world.bob, world.erin):
        assert client.get("/api/clients").status_code == 404
        assert client.get("/clients").status_code == 404


@probe("POST", "/api/clients", "/clients")
def add_client(world: World) -> None:
    assert world.dave.post("/api/clients", json={"username": "frank", "password": PASSWORD}).status_code == 201
    assert form(world.dave, "/clients", {"username": "gina", "password": PASSWORD}).status_code == 303
    assert sorted(c["username"] for c in world.carol.get("/api/clients").json()) == ["alice", "bob"]
    assert world.bob.post("/api/clients", json={"username": "mallory", "password": PASSWORD}).status_code == 404
    assert form(world.erin, "/clients", {"username": "mallory", "password": PASSWORD}).status_code == 404
    assert "mallory" not in [a.username for a in list_accounts(world.context)]


# --- the table above against the app's own routes ------------------------------------------------


def routes() -> Iterator[tuple[str, str]]:
    """Every method and path the clinic-mode app answers (through the routers it includes)."""
    from fastapi.routing import iter_route_contexts

    app = create_app(Settings(home=Path("/nonexistent"), multi_user=True))
    for route in iter_route_contexts(app.routes):
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                yield method, route.path


ROUTES = sorted(set(routes()))


def test_every_route_of_the_app_has_a_probe() -> None:
    missing = [route for route in ROUTES if route not in PROBES]
    assert missing == [], f"routes with no test that another person's data stays theirs: {missing}"
    assert len(ROUTES) > 50


# One test per probe, named for the routes it covers (several routes share one probe).
BY_PROBE = {id(p): (p, [f"{m} {path}" for (m, path), q in sorted(PROBES.items()) if q is p]) for p in PROBES.values()}


@pytest.mark.parametrize("check", [p for p, _ in BY_PROBE.values()], ids=[", ".join(r) for _, r in BY_PROBE.values()])
def test_nobody_reads_or_changes_another_persons_data(world: World, check: Probe) -> None:
    check(world)


def test_progress_views_are_the_same_for_the_client_and_their_clinician(world: World) -> None:
    theirs = stats(world.context, person_id=world.alice_id).to_json()
    assert world.carol.get(f"/api/clients/{world.alice_id}/progress").json() == theirs
