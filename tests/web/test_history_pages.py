"""History in detail on the web: a session's page, an exercise over time, dated ratings; and the
clinician's dashboard, sorted by plain links and downloaded as CSV. Both modes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from tests.web import fuzzing
from tests.web.clinic import Clinic, Clock, form
from tests.web.conftest import csrf, save_routine, screen

from supple.config import Settings
from supple.web.app import create_app


def play(client: TestClient, *, routine: str = "morning", hurt_second: bool = False) -> tuple[int, list[str]]:
    """A session: the first exercise's work done, the second's first set stopped for pain (or
    skipped), the rest never reached; the left side tighter. Its id and its exercises in order."""
    opened = client.post("/api/sessions", json={"routine": routine, "pain_before": 5})
    assert opened.status_code == 201, opened.text
    session = opened.json()
    work = [(i, s) for i, s in enumerate(session["timeline"]) if s["work"] and s["kind"] != "warmup"]
    exercises = list(dict.fromkeys(s["exercise"] for _, s in work))
    first = [(i, s) for i, s in work if s["exercise"] == exercises[0]]
    for index, step in first:
        body = {"step": index, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"],
                "rep": step["rep"], "seconds": step["seconds"], "planned_seconds": step["seconds"]}  # fmt: skip
        assert client.post(f"/api/sessions/{session['id']}/sets", json=body).status_code == 204
    client.post(f"/api/sessions/{session['id']}/sides", json={"exercise": exercises[0], "tighter": "left"})
    index, step = next((i, s) for i, s in work if s["exercise"] == exercises[1])
    second = {"step": index, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"],
              "rep": step["rep"], "seconds": 4 if hurt_second else 0, "planned_seconds": step["seconds"],
              "skipped": not hurt_second, "hurt": hurt_second, "pain": 7 if hurt_second else None}  # fmt: skip
    assert client.post(f"/api/sessions/{session['id']}/sets", json=second).status_code == 204
    state = "ended" if hurt_second else "quit"
    client.post(f"/api/sessions/{session['id']}/finish", json={"state": state, "pain_after": 3})
    return session["id"], exercises


def name_of(client: TestClient, exercise: str) -> str:
    name: str = client.get(f"/api/catalog/{exercise}").json()["name"]
    return name


def test_a_persons_session_has_its_own_page_with_each_exercise_and_the_pain(client: TestClient) -> None:
    screen(client)
    save_routine(client, conditions=["hip-pain"], minutes=15)
    session, exercises = play(client, hurt_second=True)
    progress = client.get("/progress").text
    assert f'href="/progress/sessions/{session}"' in progress
    page = client.get(f"/progress/sessions/{session}")
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", page.text)
    assert "Stopped for pain" in text and "5 before, 3 after" in text
    first, second = (name_of(client, e) for e in exercises[:2])
    assert re.search(rf"{re.escape(first)}</a></h3> <p class=\"outcome\">Done", text)
    assert re.search(rf"{re.escape(second)}</a></h3> <p class=\"outcome\">Stopped: it hurt \(pain 7 of 10\)", text)
    assert "Tighter side: the left" in text and "Not reached" in text
    assert f'href="/progress/exercises/{exercises[0]}"' in text


def test_an_exercise_over_time_has_a_dated_chart_and_each_session(client: TestClient, clock: Clock) -> None:
    screen(client)
    save_routine(client, conditions=["hip-pain"], minutes=15)
    first, exercises = play(client)
    clock.advance(days=3)
    second, _ = play(client)
    progress = client.get("/progress").text
    assert f'href="/progress/exercises/{exercises[0]}"' in progress and "Each exercise over time" in progress
    page = client.get(f"/progress/exercises/{exercises[0]}").text
    assert page.count('class="bar') == 2
    assert re.findall(r'class="date"[^>]*>([^<]+)<', page) == ["2 Nov", "5 Nov"]  # the clock's days
    assert page.index(f"/progress/sessions/{second}") < page.index(f"/progress/sessions/{first}")  # newest first
    assert client.get("/progress/exercises/cat-cow").status_code == 200  # in the catalogue, not done yet
    assert client.get("/progress/exercises/no-such-stretch").status_code == 404
    assert client.get("/progress/sessions/99999").status_code == 404


def test_every_session_is_listed_when_there_are_more_than_the_recent_ones(client: TestClient, clock: Clock) -> None:
    screen(client)
    save_routine(client, conditions=["hip-pain"], minutes=15)
    ids = []
    for _ in range(11):
        ids.append(play(client)[0])
        clock.advance(hours=12)
    assert 'href="/progress/sessions">Every session (11)</a>' in client.get("/progress").text
    listed = client.get("/progress/sessions").text
    assert [int(n) for n in re.findall(r'href="/progress/sessions/(\d+)"', listed)] == ids[::-1]
    assert "11 sessions, the latest first" in listed


def test_activity_ratings_show_with_their_dates(client: TestClient, clock: Clock) -> None:
    token = csrf(client)
    client.post("/activities", data={"csrf_token": token, "activity": "putting on socks", "score": "4"})
    clock.advance(days=9)
    client.post("/activities/1/rate", data={"csrf_token": token, "score": "6"})
    text = re.sub(r"\s+", " ", client.get("/progress").text).split('<ul class="ratings">')[1].split("</ul>")[0]
    assert "<strong>6</strong> of 10 <small>Wed 11 Nov 2026</small>" in text
    assert "<strong>4</strong> of 10 <small>Mon 2 Nov 2026</small>" in text
    assert text.index("Wed 11 Nov 2026") < text.index("Mon 2 Nov 2026")  # the latest first


# --- clinic mode ---------------------------------------------------------------------------------


def world(tmp_path: Path) -> tuple[Clinic, TestClient, dict[str, Any]]:
    """carol with anna (played a session with a pain of 7 after), ben (none) and cleo (played, no pain)."""
    settings = Settings(home=tmp_path / "home", database_url=f"sqlite:///{tmp_path / 'c.db'}", multi_user=True)
    clock = Clock()
    clinic = Clinic(create_app(settings, clock=clock, passwords=fuzzing.cheap_passwords()), clock)
    clinic.add("carol")
    ids = {name: clinic.add(name, clinician="carol") for name in ("cleo", "anna", "ben")}
    for name in ("anna", "cleo"):
        browser = clinic.sign_in(name)
        screen(browser)
        save_routine(browser, conditions=["hip-pain"], minutes=15)
        session, exercises = play(browser, hurt_second=name == "anna")
        ids[f"{name}-session"], ids[f"{name}-exercise"] = session, exercises[0]
    return clinic, clinic.sign_in("carol"), ids


def rows_of(page: str) -> list[str]:
    return re.findall(r'<th scope="row" data-label="Client"><a href="/clients/\d+">([^<]+)</a>', page)


def test_the_dashboard_sorts_by_each_column_with_plain_links(tmp_path: Path) -> None:
    clinic, carol, ids = world(tmp_path)
    page = carol.get("/dashboard").text
    assert rows_of(page) == ["anna", "ben", "cleo"]  # what needs a look first: a "this hurts", no session
    assert 'href="/dashboard?sort=name"' in page and 'aria-sort="descending"' in page
    assert rows_of(carol.get("/dashboard?sort=name").text) == ["anna", "ben", "cleo"]
    by_name_back = carol.get("/dashboard?sort=name&order=desc").text
    assert (
        rows_of(by_name_back) == ["cleo", "ben", "anna"] and 'href="/dashboard?sort=name&amp;order=asc"' in by_name_back
    )
    assert rows_of(carol.get("/dashboard?sort=pain").text) == ["anna", "cleo", "ben"]  # unrated last
    assert rows_of(carol.get("/dashboard?sort=last&order=asc").text) == ["ben", "anna", "cleo"]
    text = re.sub(r"\s+", " ", page)
    assert "“This hurts” during" in text and "No session yet" in text and "0 of 3" in text
    assert f'href="/clients/{ids["anna"]}/sessions/{ids["anna-session"]}"' in text  # the last session, one tap
    mangled = carol.get("/dashboard?sort=bogus")
    assert mangled.status_code == 200 and rows_of(mangled.text) == rows_of(page)  # the default order
    clinic.clock.advance(days=7)
    later = clinic.sign_in("carol").get("/dashboard").text  # signed in again: a sign-in lasts less than a week
    assert "No session in 7 days" in later  # by the server's clock


def test_the_dashboard_downloads_as_a_csv_file(tmp_path: Path) -> None:
    _, carol, _ = world(tmp_path)
    response = carol.get("/dashboard.csv?sort=name&order=asc")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="supple-clients-2026-11-02.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["Client", "anna", "ben", "cleo"]
    assert rows[1][8] == "1" and rows[2][10] == "yes"
    assert 'href="/dashboard.csv?sort=alerts&amp;order=desc"' in carol.get("/dashboard").text


def test_a_clinician_reads_a_clients_sessions_and_exercises_like_the_client(tmp_path: Path) -> None:
    _, carol, ids = world(tmp_path)
    anna, session, exercise = ids["anna"], ids["anna-session"], ids["anna-exercise"]
    progress = carol.get(f"/clients/{anna}/progress").text
    assert f'href="/clients/{anna}/sessions/{session}"' in progress
    assert f'href="/clients/{anna}/exercises/{exercise}"' in progress
    page = re.sub(r"\s+", " ", carol.get(f"/clients/{anna}/sessions/{session}").text)
    assert "Stopped: it hurt (pain 7 of 10)" in page and "5 before, 3 after" in page and "anna" in page
    assert f'href="/clients/{anna}/exercises/{exercise}"' in page and f'href="/clients/{anna}/progress"' in page
    assert f'href="/clients/{anna}/sessions/{session}"' in carol.get(f"/clients/{anna}/sessions").text
    over_time = carol.get(f"/clients/{anna}/exercises/{exercise}").text
    assert f'href="/clients/{anna}/sessions/{session}"' in over_time and "anna" in over_time
    assert carol.get(f"/clients/{ids['ben']}/sessions/{session}").status_code == 404  # not ben's
    form(carol, "/logout")


def test_a_sets_form_summary_shows_on_the_session_page_only_where_the_camera_checked_it(app: Any) -> None:
    """The camera's summary of a set (issue 20's fields), rendered where a set carries one."""
    from types import SimpleNamespace

    from supple.progress.counting import counting
    from supple.progress.exercise_history import exercises_in
    from supple.progress.history import SessionRecord
    from supple.services.history import SessionDetail
    from supple.web.routes.pages_history import OWN

    at = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)
    checked = SimpleNamespace(
        exercise="pigeon-pose", kind="hold", side="left", seconds=30.0, planned_seconds=30, skipped=False,
        hurt=False, pain=None, in_position_s=24.4, correction="Square your hips",
    )  # fmt: skip
    plain = SimpleNamespace(exercise="cat-cow", kind="reps", side=None, seconds=20.0, planned_seconds=20,
                            skipped=False, hurt=False, pain=None)  # fmt: skip
    record = SessionRecord(1, at, at, "finished", 60, None, None, (checked, plain))  # type: ignore[arg-type]
    detail = SessionDetail(record, exercises_in(record), counting(record))
    request = SimpleNamespace(url=SimpleNamespace(path="/progress/sessions/1"), state=SimpleNamespace())
    page = app.state.templates.env.get_template("session.html").render(
        request=request, detail=detail, links=OWN, catalog=app.state.context.content.catalog()
    )
    text = re.sub(r"\s+", " ", page)
    assert "Left side: in position 24 of 30 seconds; most said: “Square your hips”" in text
    assert text.count('<ul class="form-summary">') == 1  # cat-cow had no camera


def test_the_api_gives_a_session_with_what_became_of_each_exercise(client: TestClient) -> None:
    screen(client)
    save_routine(client, conditions=["hip-pain"], minutes=15)
    session, exercises = play(client, hurt_second=True)
    found = client.get(f"/api/sessions/{session}").json()
    outcomes = {e["exercise"]: e["outcome"] for e in found["exercises"]}
    assert outcomes[exercises[0]] == "done" and outcomes[exercises[1]] == "stopped"
    assert (
        found["counts"] is False and found["sets"] and found["sides"] == [{"exercise": exercises[0], "tighter": "left"}]
    )
    assert client.get("/api/sessions").json()[0].get("exercises") is None  # the list stays light
