"""Each set the camera checked keeps a short form summary (docs/camera.md): the seconds in position and
the correction said most, and nothing else. It is kept with the set, shown in the person's history
(and to their clinician, on the same page), and travels in the backup."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from tests.web.clinic import Clinic, form
from tests.web.conftest import csrf, save_routine, screen
from tests.web.test_api import a_set, open_session

CORRECTION = "Shift your hips forward, keeping the trunk tall."
CHECKED = "kneeling-hip-flexor-stretch"
CHECKED_ROUTINE = {"conditions": ["hip-pain", "knee-pain"], "minutes": 20, "equipment": ["wall", "chair", "pillow"],
                   "warmed_up": True}  # fmt: skip


def a_checked_session(client: TestClient, **summary: Any) -> tuple[dict[str, Any], int]:
    """A session with the kneeling hip flexor stretch, which the camera checks, and one of its sets sent."""
    screen(client)
    save_routine(client, **CHECKED_ROUTINE)
    opened = open_session(client, pain_before=2)
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"] and s["exercise"] == CHECKED)
    sent = client.post(f"/api/sessions/{opened['id']}/sets", json=a_set(step, index, **summary))
    return step, sent.status_code


def test_a_checked_set_keeps_its_summary_and_the_history_shows_it(client: TestClient) -> None:
    step, status = a_checked_session(client, in_position_s=12.5, correction=CORRECTION)
    assert status == 204
    [kept] = client.get("/api/sessions").json()
    [done] = client.get(f"/api/sessions/{kept['id']}").json()["sets"]
    assert (done["in_position_s"], done["correction"]) == (12.5, CORRECTION)
    page = client.get("/progress").text
    assert "Form checked by camera" in page
    assert f"In position 12 of {round(step['seconds'])} seconds" in page and CORRECTION in page


def test_a_sessions_page_shows_each_checked_sets_summary_and_the_repetitions_counted(client: TestClient) -> None:
    step, status = a_checked_session(client, in_position_s=12.5, correction=CORRECTION)
    assert status == 204
    [kept] = client.get("/api/sessions").json()
    page = client.get(f"/progress/sessions/{kept['id']}").text
    position = "in position" if step.get("side") else "In position"
    assert f"{position} 12 of {round(step['seconds'])} seconds" in page and CORRECTION in page

    client.post("/delete", data={"csrf_token": csrf(client), "confirm": "delete"})
    _, status = a_checked_session(client, reps_counted=7)
    assert status == 204
    [kept] = client.get("/api/sessions").json()
    page = client.get(f"/progress/sessions/{kept['id']}").text
    assert "Form checked by camera" in page and "7 repetitions counted" in page


def test_a_set_the_camera_did_not_check_shows_no_form(client: TestClient) -> None:
    _, status = a_checked_session(client)
    assert status == 204
    assert "Form checked by camera" not in client.get("/progress").text


def test_a_set_cannot_be_in_position_longer_than_it_lasted_nor_carry_anything_else(client: TestClient) -> None:
    step, status = a_checked_session(client, in_position_s=10_000.0)
    assert status == 422
    landmarks = {"landmarks": [{"x": 0.5, "y": 0.5, "visibility": 0.9}]}
    _, status = a_checked_session(client, **landmarks)
    assert status == 422, "a landmark is never taken"


def test_the_summary_travels_in_the_backup(client: TestClient) -> None:
    a_checked_session(client, in_position_s=9.0, correction=CORRECTION)
    backup = client.get("/export")
    [person] = backup.json()["people"]
    [session] = person["sessions"]
    assert (session["sets"][0]["in_position_s"], session["sets"][0]["correction"]) == (9.0, CORRECTION)
    client.post("/delete", data={"csrf_token": csrf(client), "confirm": "delete"})
    restored = client.post(
        "/import", data={"csrf_token": csrf(client)}, files={"backup": ("b.json", backup.content, "application/json")},
        follow_redirects=False,
    )  # fmt: skip
    assert restored.status_code == 303
    [kept] = client.get("/api/sessions").json()
    [done] = client.get(f"/api/sessions/{kept['id']}").json()["sets"]
    assert (done["in_position_s"], done["correction"]) == (9.0, CORRECTION)


def test_the_clinician_sees_the_form_summary_of_their_clients_sets_and_no_one_else_does(clinic: Clinic) -> None:
    clinic.add("carol")
    clinic.add("dana")
    carol = clinic.sign_in("carol")
    added = form(carol, "/clients", {"username": "Sam", "password": "sams first password"})
    sam_id = int(added.headers["location"].rsplit("/", 1)[1])
    routine = {"name": "Morning", "conditions": ["hip-pain", "knee-pain"], "minutes": "20",
               "equipment": ["wall", "chair", "pillow"], "warmed_up": "true"}  # fmt: skip
    form(carol, f"/clients/{sam_id}/routines", routine)
    sam = clinic.sign_in("sam", "sams first password")
    sam.post("/api/screening", json={"yes": []})
    opened = sam.post("/api/sessions", json={"routine": "morning", "pain_before": 3}).json()
    index, step = next((i, s) for i, s in enumerate(opened["timeline"]) if s["work"] and s["exercise"] == CHECKED)
    sent = a_set(step, index, in_position_s=float(step["seconds"]), correction=CORRECTION)
    assert sam.post(f"/api/sessions/{opened['id']}/sets", json=sent).status_code == 204

    assert CORRECTION in carol.get(f"/clients/{sam_id}/progress").text
    assert CORRECTION in sam.get("/progress").text
    other = clinic.sign_in("dana")
    assert CORRECTION not in other.get(f"/clients/{sam_id}/progress").text
    assert CORRECTION not in other.get("/progress").text


def test_a_correction_is_kept_only_when_it_is_the_form_checks_own_words_for_the_exercise(client: TestClient) -> None:
    sent = {
        "Call me on 555 0100 for a better price.": None,  # words the judge never says
        "Press your back heel down to the floor.": None,  # another exercise's correction
        "Turn side-on to the camera.": "Turn side-on to the camera.",
        "Step back so I can see your feet.": "Step back so I can see your feet.",
        CORRECTION: CORRECTION,
    }
    for said, kept in sent.items():
        client.post("/delete", data={"csrf_token": csrf(client), "confirm": "delete"})
        _, status = a_checked_session(client, in_position_s=3.0, correction=said)
        assert status == 204, "the set itself is kept either way"
        [session] = client.get("/api/sessions").json()
        [done] = client.get(f"/api/sessions/{session['id']}").json()["sets"]
        assert (done["in_position_s"], done["correction"]) == (3.0, kept), said
