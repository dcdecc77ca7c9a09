"""The JSON API over the same services as the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.clock import FakeClock
from tests.web.conftest import csrf, save_routine, screen

from supple.config import Settings
from supple.errors import BadRequest
from supple.services.browser_session import DEVICE_CLOCK_AHEAD
from supple.services.context import AppContext
from supple.services.progress import add_activity
from supple.web.app import create_app, status_of


def open_session(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json=body)
    assert response.status_code == 201, response.text
    opened: dict[str, Any] = response.json()
    return opened


def a_set(step: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    return {
        "step": index, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"], "rep": step["rep"],
        "seconds": step["seconds"], "planned_seconds": step["seconds"],
    } | changes  # fmt: skip


def test_planning_is_refused_until_the_safety_questions_are_answered(client: TestClient) -> None:
    response = client.post("/api/plans", json={"conditions": ["sciatica"], "minutes": 10})
    assert response.status_code == 403
    assert "safety questions" in response.json()["detail"]


def test_a_stop_verdict_refuses_plans_and_sessions(client: TestClient) -> None:
    assert screen(client, "bladder-bowel") == "stop"
    assert client.post("/api/plans", json={"conditions": ["sciatica"], "minutes": 10}).status_code == 403
    assert client.post("/api/sessions", json={}).status_code == 403


def test_a_plan_fits_the_budget_and_says_why_each_exercise_is_there(client: TestClient) -> None:
    screen(client)
    plan = client.post("/api/plans", json={"conditions": ["sciatica", "hip-pain"], "minutes": 15}).json()
    assert 0.7 * 15 * 60 <= plan["total_seconds"] <= 15 * 60
    assert all(item["why"] for item in plan["items"][1:])
    assert plan["items"][0]["dose"]["words"]


def test_swapping_an_exercise_out_plans_without_it(client: TestClient) -> None:
    screen(client)
    body = {"conditions": ["sciatica"], "minutes": 15}
    first = client.post("/api/plans", json=body).json()
    gone = first["items"][1]["exercise"]
    second = client.post("/api/plans", json=body | {"without": [gone]}).json()
    assert gone not in [item["exercise"] for item in second["items"]]
    assert second["total_seconds"] <= 15 * 60


def test_bad_requests_say_what_is_valid(client: TestClient) -> None:
    screen(client)
    response = client.post("/api/plans", json={"conditions": ["back"], "minutes": 10})
    assert response.status_code == 400 and "lower-back-pain" in response.json()["detail"]
    assert client.post("/api/plans", json={"conditions": ["sciatica"], "minutes": 2}).status_code == 422
    unknown = client.post("/api/plans", json={"conditions": ["sciatica"], "minutes": 10, "without": ["nope"]})
    assert unknown.status_code == 400 and "exercise" in unknown.json()["detail"]


def test_a_session_keeps_every_set_posted_and_its_ending(client: TestClient) -> None:
    screen(client)
    save_routine(client)
    opened = open_session(client, pain_before=5)
    work = [(i, s) for i, s in enumerate(opened["timeline"]) if s["work"]]
    for index, step in work[:3]:
        assert client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index)).status_code == 204
    sided = next(s for _, s in work if s["sided"])
    assert (
        client.post(
            f"/api/sessions/{opened['id']}/sides", json={"exercise": sided["exercise"], "tighter": "left"}
        ).status_code
        == 204
    )
    finish = client.post(f"/api/sessions/{opened['id']}/finish", json={"state": "finished", "pain_after": 3})
    assert finish.status_code == 204
    kept = client.get(f"/api/sessions/{opened['id']}").json()
    assert kept["state"] == "finished" and (kept["pain_before"], kept["pain_after"]) == (5, 3)
    assert [s["step"] for s in kept["sets"]] == [i for i, _ in work[:3]]
    assert kept["sides"] == [{"exercise": sided["exercise"], "tighter": "left"}]
    assert client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(work[0][1], 0)).status_code == 409


def test_what_the_player_sends_again_under_its_key_is_kept_once(client: TestClient) -> None:
    # the player's answers were lost: it sends the open, a set and a side answer again, as its outbox does
    screen(client)
    save_routine(client)
    opened = open_session(client, pain_before=2, key="1764400000000-abc")
    assert open_session(client, pain_before=2, key="1764400000000-abc")["id"] == opened["id"]
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"] and s["sided"])
    sets, sides = f"/api/sessions/{opened['id']}/sets", f"/api/sessions/{opened['id']}/sides"
    for key in ("1764400000000-abc.1", "1764400000000-abc.1", "1764400000000-abc.2"):
        assert client.post(sets, json=a_set(step, index, key=key)).status_code == 204
    side = {"exercise": step["exercise"], "tighter": "right", "key": "1764400000000-abc.side.1"}
    assert [client.post(sides, json=side).status_code for _ in range(2)] == [204, 204]
    kept = client.get(f"/api/sessions/{opened['id']}").json()
    assert len(kept["sets"]) == 2 and len(kept["sides"]) == 1
    assert len(client.get("/api/sessions").json()) == 1
    assert client.post(sets, json=a_set(step, index, key="no spaces or slashes/")).status_code == 422


def test_a_set_recorded_after_deleting_everything_lands_on_the_new_person(database_url: str, home: Path) -> None:
    """The server remembers the local person; deleting everything must make it find the new one."""
    settings = Settings(home=home, database_url=database_url)
    app = create_app(settings)
    context: AppContext = app.state.context
    with TestClient(app) as client:
        client.get("/")  # the CSRF cookie
        screen(client)
        save_routine(client)
        before = open_session(client)
        index, work = next((i, s) for i, s in enumerate(before["timeline"]) if s["work"])
        step = a_set(work, index)
        assert client.post(f"/api/sessions/{before['id']}/sets", json=step).status_code == 204
        removed = context.store.people.find_local_person()
        client.post("/delete", data={"csrf_token": csrf(client), "confirm": "delete"})
        assert client.post(f"/api/sessions/{before['id']}/sets", json=step).status_code == 404
        screen(client)
        save_routine(client)
        after = open_session(client)
        assert client.post(f"/api/sessions/{after['id']}/sets", json=step).status_code == 204
    store = context.store
    person = store.people.find_local_person()
    assert person is not None and store.people.created_at(person_id=person)
    (kept,) = store.history.sessions(person_id=person)
    assert kept.id == after["id"] and len(kept.sets) == 1
    if removed != person:  # SQLite may give a freed id to the next person; PostgreSQL never does
        assert removed is not None and store.history.sessions(person_id=removed) == []
    context.close()


def test_the_timeline_is_the_plans_own_steps_and_cues(client: TestClient) -> None:
    screen(client)
    routine = save_routine(client)
    opened = open_session(client)
    assert sum(step["seconds"] for step in opened["timeline"]) == routine["plan"]["total_seconds"]  # type: ignore[index]
    assert all(step["cues"][0]["kind"] == "start" for step in opened["timeline"])


def test_this_hurts_asks_for_a_new_screening_and_offers_something_easier(client: TestClient) -> None:
    screen(client)
    save_routine(client, conditions=["lower-back-pain"], minutes=20)
    opened = open_session(client)
    hard = next(s for s in opened["timeline"] if s["exercise"] == "knee-to-chest" or s["work"] and s["kind"] == "hold")
    answer = client.post(f"/api/sessions/{opened['id']}/hurt", json={"exercise": hard["exercise"], "item": 50}).json()
    assert "see a physiotherapist or doctor" in answer["advice"]
    if answer["easier"] is not None:
        assert answer["timeline"] and all(step["item"] == 50 for step in answer["timeline"])
    assert client.get("/api/screening").json()["invalidated"]
    assert client.post("/api/plans", json={"conditions": ["sciatica"], "minutes": 10}).status_code == 403


def test_progress_and_activities(client: TestClient) -> None:
    made = client.post("/api/activities", json={"activity": "putting on socks", "score": 4})
    assert made.status_code == 201
    goal = made.json()
    assert client.post(f"/api/activities/{goal['id']}/ratings", json={"score": 7}).status_code == 204
    assert [r["score"] for r in client.get("/api/activities").json()[0]["ratings"]] == [4, 7]
    assert client.get("/api/progress").json()["function"]["change"] == 3
    assert client.delete(f"/api/activities/{goal['id']}").status_code == 204
    assert client.delete(f"/api/activities/{goal['id']}").status_code == 404


def test_catalogue_filters_and_unknown_ids(client: TestClient) -> None:
    chair = client.get("/api/catalog", params={"position": "seated-chair"}).json()
    assert chair and all(e["position"] == "seated-chair" for e in chair)
    assert client.get("/api/catalog/pigeon-pose").json()["sided"] is True
    missing = client.get("/api/catalog/pigeon")
    assert missing.status_code == 404 and "pigeon-pose" in missing.json()["detail"]


def test_another_persons_session_is_neither_seen_nor_changed(client: TestClient, app: Any, clock: FakeClock) -> None:
    """A session id that is not the asker's answers exactly like one that does not exist."""
    context: AppContext = app.state.context
    now = clock()
    store = context.store
    context.mode.person(None)
    other = store.sessions.open(
        person_id=_another_person(store.database.engine, now), plan={}, planned_seconds=60, pain_before=1, now=now
    )
    step = {"step": 0, "exercise": "pigeon-pose", "kind": "hold", "seconds": 30, "planned_seconds": 30}
    calls = [
        client.get(f"/api/sessions/{other}"),
        client.post(f"/api/sessions/{other}/sets", json=step),
        client.post(f"/api/sessions/{other}/sides", json={"exercise": "pigeon-pose", "tighter": "left"}),
        client.post(f"/api/sessions/{other}/hurt", json={"exercise": "pigeon-pose", "item": 1}),
        client.post(f"/api/sessions/{other}/finish", json={"state": "quit"}),
    ]
    assert [c.status_code for c in calls] == [404] * 5
    assert client.get(f"/api/sessions/{other + 1000}").status_code == 404
    assert client.get("/api/sessions").json() == []
    untouched = store.history.sessions(person_id=_person_of(context, other))[0]
    assert untouched.state == "running" and untouched.sets == () and untouched.sides == ()


def _another_person(db: Any, now: Any) -> int:
    from sqlalchemy.orm import Session

    from supple.store.database.tables import PersonRow

    with Session(db) as s, s.begin():
        person = PersonRow(name="someone else", created_at=now)
        s.add(person)
        s.flush()
        return person.id


def _person_of(context: AppContext, session_id: int) -> int:
    found = context.store.sessions.owner(session_id=session_id)
    assert found is not None
    return found.person_id


def test_a_saved_routine_read_back_is_exactly_the_schemas_shape(client: TestClient) -> None:
    from supple.web.schemas import RoutineOut

    screen(client)
    saved = save_routine(client, conditions=["sciatica", "hip-pain"], minutes=20)
    read = client.get("/api/routines/morning").json()
    assert RoutineOut.model_validate(read).model_dump(mode="json") == read, "no field missing, none extra"
    assert read == saved


def test_a_routine_read_back_follows_a_new_save_and_todays_screening(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    save_routine(client, conditions=["knee-pain"], minutes=10)
    first = client.get("/api/routines/morning").json()["plan"]
    assert first == client.get("/api/routines/morning").json()["plan"]
    # saved again at the same moment: the plan read back is still the new one
    save_routine(client, conditions=["hip-pain", "sciatica"], minutes=20)
    second = client.get("/api/routines/morning").json()["plan"]
    assert second["conditions_covered"] == ["hip-pain", "sciatica"] != first["conditions_covered"]
    assert screen(client, "hip-replacement") == "caution"
    after_surgery = client.get("/api/routines/morning").json()["plan"]
    assert len(after_surgery["items"]) < len(second["items"])
    assert any(note.startswith("Left out") for note in after_surgery["notes"])


@pytest.mark.parametrize(
    ("path", "body"),
    [("/api/sessions", {"pain_before": False}), ("/api/plans", {"conditions": ["sciatica"], "minutes": "10"}),
     ("/api/screening", {"yes": "bladder-bowel"}), ("/api/plans", {"conditions": ["sciatica"], "minutes": 10.0,
                                                                    "no_floor": "yes"})],
    ids=["false for a pain", "text for minutes", "text for a list", "text for a flag"],
)  # fmt: skip
def test_a_json_body_means_what_it_says_and_a_wrong_type_is_refused(client: TestClient, path: str, body: dict) -> None:  # type: ignore[type-arg]
    """Found by schemathesis: lax pydantic took `"pain_before": false` as a pain of 0."""
    screen(client)
    save_routine(client)
    refused = client.post(path, json=body)
    assert refused.status_code == 422, refused.text
    assert client.get("/api/sessions").json() == []


def test_a_nul_character_is_refused_on_every_database_alike(database_url: str, home: Path) -> None:
    """PostgreSQL keeps no NUL in text: its driver failed on one, a 500 (SQLite kept it)."""
    settings = Settings(home=home, database_url=database_url)
    app = create_app(settings)
    with TestClient(app) as client:
        refused = client.post("/api/activities", json={"activity": "stairs\u0000"})
        assert refused.status_code == 400 and "NUL" in refused.json()["detail"]
        assert client.get("/api/activities").json() == []
    app.state.context.close()


def test_a_lone_surrogate_is_refused_on_every_database_alike(database_url: str, home: Path) -> None:
    """JSON allows "\\ud800", a lone surrogate, which is not Unicode text and no database can keep:
    the store refuses it like a NUL, a 400 that says why, not a 500."""
    settings = Settings(home=home, database_url=database_url)
    app = create_app(settings)
    context: AppContext = app.state.context
    with TestClient(app) as client:
        body = b'{"activity": "stairs \\ud800", "score": 4}'
        refused = client.post("/api/activities", content=body, headers={"Content-Type": "application/json"})
        # the body's own check refuses it first, naming the field, as for any text that is not a string
        assert refused.status_code == 422, refused.text
        (problem,) = refused.json()["detail"]
        assert problem["loc"] == ["body", "activity"] and "unicode" in problem["msg"]
        assert client.get("/api/activities").json() == []
        # and the store refuses it as it refuses a NUL, a BadRequest the API answers with a 400
        with pytest.raises(BadRequest, match="lone surrogate") as kept:
            add_activity(context, activity="stairs \ud800", score=4)
        assert status_of(kept.value) == 400
        assert client.get("/api/activities").json() == []
    context.close()


def test_a_session_played_offline_keeps_the_devices_times_when_it_arrives_later(database_url: str, home: Path) -> None:
    clock = FakeClock()
    app = create_app(Settings(home=home, database_url=database_url), clock=clock)
    played = clock.now - dt.timedelta(days=1)  # yesterday, on the phone, with no connection
    with TestClient(app) as client:
        client.get("/")
        screen(client)
        save_routine(client)
        opened = open_session(client, started_at=played.isoformat(), key="offline-1")
        index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"])
        sets = f"/api/sessions/{opened['id']}/sets"
        ended = played + dt.timedelta(seconds=75)
        assert client.post(sets, json=a_set(step, index, ended_at=ended.isoformat())).status_code == 204
        finish = {"state": "finished", "ended_at": (played + dt.timedelta(minutes=10)).isoformat()}
        assert client.post(f"/api/sessions/{opened['id']}/finish", json=finish).status_code == 204
        kept = client.get(f"/api/sessions/{opened['id']}").json()
    context: AppContext = app.state.context
    assert dt.datetime.fromisoformat(kept["started_at"]) == played
    assert dt.datetime.fromisoformat(kept["ended_at"]) == played + dt.timedelta(minutes=10)
    with context.store.database.reading() as c:
        from sqlalchemy import select

        from supple.store.database.tables import SetRow

        assert list(c.scalars(select(SetRow.ended_at))) == [ended]
    context.close()


def test_a_device_time_in_the_future_or_before_the_session_is_refused(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    save_routine(client)
    ahead = clock.now + DEVICE_CLOCK_AHEAD + dt.timedelta(seconds=1)
    refused = client.post("/api/sessions", json={"started_at": ahead.isoformat()})
    assert refused.status_code == 400 and "in the future" in refused.json()["detail"]
    assert client.post("/api/sessions", json={"started_at": "2026-11-02T07:30:00"}).status_code == 422  # no offset
    ancient = client.post("/api/sessions", json={"started_at": "0001-01-01T00:00:00+14:00"})
    assert ancient.status_code == 400 and "more than a year ago" in ancient.json()["detail"]
    nearly = clock.now + DEVICE_CLOCK_AHEAD  # a phone's clock a little ahead is fine
    opened = open_session(client, started_at=nearly.isoformat())
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"])
    early = (nearly - dt.timedelta(seconds=1)).isoformat()
    before = client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index, ended_at=early))
    assert before.status_code == 400 and "before the session started" in before.json()["detail"]
    finish = client.post(f"/api/sessions/{opened['id']}/finish", json={"state": "quit", "ended_at": early})
    assert finish.status_code == 400 and "before the session started" in finish.json()["detail"]
    assert client.get(f"/api/sessions/{opened['id']}").json()["sets"] == []


def test_the_schema_documents_the_devices_times() -> None:
    schema = create_app(Settings(home=Path("/nonexistent"))).openapi()["components"]["schemas"]
    for body, field in (("SessionIn", "started_at"), ("SetIn", "ended_at"), ("FinishIn", "ended_at")):
        described = json.dumps(schema[body]["properties"][field])
        assert "device" in described and "5 minutes ahead" in described and "date-time" in described, body


def own_exercise(home: Path, exercise_id: str, *, from_built_in: str = "wall-calf-stretch") -> Path:
    """One of the person's own exercises: a built-in one under a new id and name."""
    from importlib.resources import files

    text = (files("supple.catalog") / "data" / "exercises" / f"{from_built_in}.yaml").read_text(encoding="utf-8")
    path = home / "exercises" / f"{exercise_id}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(f"id: {from_built_in}", f"id: {exercise_id}", 1), encoding="utf-8")
    return path


def test_a_set_is_kept_while_one_of_the_persons_own_exercise_files_is_broken(client: TestClient, home: Path) -> None:
    screen(client)
    save_routine(client)
    opened = open_session(client)
    own_exercise(home, "my-stretch").write_text("sided: [left]\n", encoding="utf-8")  # broken meanwhile
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"])
    assert client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index)).status_code == 204
    assert client.post(f"/api/sessions/{opened['id']}/hurt", json={"exercise": step["exercise"], "item": 9}).is_success
    assert len(client.get(f"/api/sessions/{opened['id']}").json()["sets"]) == 1


def test_a_set_of_an_own_exercise_whose_file_broke_after_the_session_began_is_kept(
    client: TestClient, app: Any, home: Path
) -> None:
    from supple.services.routines import save_routine as keep
    from supple.session.routine import plan_from_data

    screen(client)
    path = own_exercise(home, "my-calf-stretch")
    context: AppContext = app.state.context
    routine = {"name": "Mine", "exercises": [{"exercise": "my-calf-stretch"}]}
    keep(context, name="mine", plan=plan_from_data(routine, source="mine.yaml", catalog=context.content.catalog()))
    opened = open_session(client, routine="mine")
    path.write_text(path.read_text(encoding="utf-8").replace("sided: true", "sided: [left]"), encoding="utf-8")
    index, step = next(
        (i, s) for i, s in enumerate(opened["timeline"]) if s["work"] and s["exercise"] == "my-calf-stretch"
    )
    assert client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index)).status_code == 204
    assert (
        client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index, exercise="no-such")).status_code
        == 400
    )


def test_a_link_to_nothing_among_the_persons_exercises_breaks_no_page_and_no_set(
    client: TestClient, home: Path
) -> None:
    screen(client)
    save_routine(client)
    (home / "exercises").mkdir()
    (home / "exercises" / "gone.yaml").symlink_to(home / "nowhere.yaml")
    opened = open_session(client)
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"])
    assert client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index)).status_code == 204
    page = client.get("/exercises")
    assert page.status_code == 200 and "gone.yaml" in page.text and "the file it links to does not exist" in page.text
    for path in ("/", "/plan", "/progress", "/exercises/pigeon-pose", "/play?routine=morning"):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/catalog").status_code == 400


def test_the_same_ending_sent_again_is_kept_once_and_another_is_refused(client: TestClient) -> None:
    screen(client)
    save_routine(client)
    opened = open_session(client)
    finish = f"/api/sessions/{opened['id']}/finish"
    assert client.post(finish, json={"state": "quit", "pain_after": None}).status_code == 204
    # the page closed before the answer came: the next page sends the same ending again
    assert client.post(finish, json={"state": "quit", "pain_after": None}).status_code == 204
    assert client.post(finish, json={"state": "finished", "pain_after": 2}).status_code == 409
    assert client.get(f"/api/sessions/{opened['id']}").json()["state"] == "quit"


def test_a_session_closed_as_left_unfinished_still_takes_what_its_player_sends_late(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    save_routine(client)
    played = clock()
    opened = open_session(client, started_at=played.isoformat())
    steps = [(i, s) for i, s in enumerate(opened["timeline"]) if s["work"]]
    sets = f"/api/sessions/{opened['id']}/sets"
    assert client.post(sets, json=a_set(*steps[0][::-1], ended_at=played.isoformat())).status_code == 204
    clock.advance(hours=7)
    assert client.get("/progress").status_code == 200  # looking at progress closes what was left running
    assert client.get(f"/api/sessions/{opened['id']}").json()["state"] == "interrupted"
    # the rest of what the phone did offline arrives now, at the times it was done
    later = (played + dt.timedelta(minutes=1)).isoformat()
    assert client.post(sets, json=a_set(*steps[1][::-1], ended_at=later)).status_code == 204
    finish = {"state": "finished", "pain_after": 1, "ended_at": later}
    assert client.post(f"/api/sessions/{opened['id']}/finish", json=finish).status_code == 204
    kept = client.get(f"/api/sessions/{opened['id']}").json()
    assert kept["state"] == "finished" and len(kept["sets"]) == 2


def test_a_plan_body_says_new_to_stretching_and_pain_today(client: TestClient) -> None:
    screen(client)
    body = {"conditions": ["lower-back-pain"], "minutes": 20, "new_to_stretching": True, "pain_today": 5}
    plan = client.post("/api/plans", json=body).json()
    assert (plan["request"]["new_to_stretching"], plan["request"]["pain_today"]) == (True, 5)
    assert any(note.startswith("A gentle routine") for note in plan["notes"])
    assert all(item["reasons"] for item in plan["items"])
    for wrong in ({"pain_today": 11}, {"pain_today": "5"}, {"new_to_stretching": "yes"}):
        assert client.post("/api/plans", json=body | wrong).status_code == 422


def test_the_screening_questions_give_the_hip_replacement_follow_up(client: TestClient) -> None:
    questions = {q["id"]: q for q in client.get("/api/screening/questions").json()}
    assert [o["id"] for o in questions["hip-replacement"]["choices"]["options"]][1] == "hip-replacement-anterior"
    answered = client.post("/api/screening", json={"yes": ["hip-replacement"]}).json()
    assert answered["answered_yes"] == ["hip-replacement", "hip-replacement-approach-unknown"]
