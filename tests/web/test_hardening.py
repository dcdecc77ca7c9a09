"""Issue 17's hardening, as an attacker and a careless hand tried it: passwords of spaces or from
the common lists, usernames probed through "add a client", side answers for exercises that do not
exist, reminder days that are not days, and backups that claim a version of `true` or follow more
activities than anyone can."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.clinic import PASSWORD, Clinic, form

from supple.progress.outcomes import PSFS_MAX_ACTIVITIES
from supple.services.people import FAILURE_WINDOW, NAMING_LIMIT

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


# --- passwords -------------------------------------------------------------------------------------


@SQLITE
@pytest.mark.parametrize(
    ("password", "words"),
    [
        (" " * 12, "cannot be only spaces"),
        ("\t \u00a0" * 4, "cannot be only spaces"),
        ("password123", "one of the most common"),
        ("QwertyUiop", "one of the most common"),
        ("Pass Word 123", "one of the most common"),  # the same without its spaces and capitals
        ("iloveyou12", "one of the most common"),
    ],
)
def test_a_new_password_of_spaces_or_from_the_common_lists_is_refused(
    clinic: Clinic, password: str, words: str
) -> None:
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    added = carol.post("/api/clients", json={"username": "sam", "password": password})
    assert added.status_code == 400 and words in added.json()["detail"]
    if password.strip():
        assert password not in added.text
    changed = form(carol, "/account/password", {"current": PASSWORD, "new": password})
    assert changed.status_code == 400 and words in changed.text
    assert carol.get("/api/clients").json() == [], "nobody added"
    assert clinic.sign_in("carol").get("/clients").status_code == 200, "the password is still the old one"


@SQLITE
def test_a_long_password_of_ones_own_is_still_welcome(clinic: Clinic) -> None:
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    for password in ("my knees and the garden gate", "  spaces around are fine  ", "correct horse battery"):
        name = f"client{len(password)}"
        assert carol.post("/api/clients", json={"username": name, "password": password}).status_code == 201
        assert clinic.sign_in(name, password).get("/").status_code == 200


# --- usernames, probed through "add a client" ------------------------------------------------------


@SQLITE
def test_a_clinician_cannot_tell_whose_a_username_is_from_adding_a_client(clinic: Clinic) -> None:
    """alice is dave's client. Whether carol asks for alice, for dave, or for her own client bob,
    she is answered in the same words (the name cannot be given, with a way to make it her
    client's own), never that it is taken or by whom."""
    clinic.add("carol")
    clinic.add("dave")
    clinic.add("alice", clinician="dave")
    clinic.add("bob", clinician="carol")
    carol = clinic.sign_in("carol")
    refusals = {}
    for name in ("alice", "dave", "bob"):
        answer = carol.post("/api/clients", json={"username": name, "password": "a long new password"})
        assert answer.status_code == 409
        refusals[name] = answer.json()["detail"].replace(repr(name), "NAME").replace(name, "NAME")
    assert len(set(refusals.values())) == 1, refusals
    (said,) = set(refusals.values())
    assert "taken" not in said and "client" not in said.split(":")[0]
    assert "NAME.t or NAME2" in said
    page = form(carol, "/clients", {"username": "alice", "password": "a long new password"})
    assert page.status_code == 400 and "cannot be given" in page.text and 'value="alice"' in page.text
    assert [c["username"] for c in carol.get("/api/clients").json()] == ["bob"]


@SQLITE
def test_a_clinician_refused_name_after_name_waits_before_trying_more(clinic: Clinic) -> None:
    """Going through a list of names to learn who is a client is slowed to a crawl; one clinician's
    refusals do not make another wait."""
    clinic.add("carol")
    clinic.add("dave")
    for n in range(NAMING_LIMIT):
        clinic.add(f"person{n}", clinician="dave")
    carol = clinic.sign_in("carol")
    for n in range(NAMING_LIMIT):
        assert carol.post("/api/clients", json={"username": f"person{n}", "password": PASSWORD}).status_code == 409
    waits = carol.post("/api/clients", json={"username": "somebody-new", "password": PASSWORD})
    assert waits.status_code == 429 and "too many usernames refused" in waits.json()["detail"]
    assert int(waits.headers["retry-after"]) > 0
    assert (
        clinic.sign_in("dave").post("/api/clients", json={"username": "erin", "password": PASSWORD}).status_code == 201
    )
    clinic.clock.advance(seconds=FAILURE_WINDOW.total_seconds() + 1)
    assert carol.post("/api/clients", json={"username": "somebody-new", "password": PASSWORD}).status_code == 201


# --- a session's side answers -------------------------------------------------------------------------


def test_a_side_answer_for_an_exercise_that_does_not_exist_is_refused_like_a_set(client: TestClient) -> None:
    assert client.post("/api/screening", json={"yes": []}).status_code == 200
    assert client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 10}).status_code == 200
    session = client.post("/api/sessions", json={"routine": "morning"}).json()["id"]
    a_set = {"step": 0, "exercise": "no-such-stretch", "kind": "hold", "seconds": 30, "planned_seconds": 30}
    refused_set = client.post(f"/api/sessions/{session}/sets", json=a_set)
    refused_side = client.post(
        f"/api/sessions/{session}/sides", json={"exercise": "no-such-stretch", "tighter": "left"}
    )
    assert refused_side.status_code == refused_set.status_code == 400
    assert refused_side.json()["detail"] == refused_set.json()["detail"]
    assert (
        client.post(f"/api/sessions/{session}/sides", json={"exercise": "pigeon-pose", "tighter": "left"}).status_code
        == 204
    )
    assert [answer["exercise"] for answer in client.get(f"/api/sessions/{session}").json()["sides"]] == ["pigeon-pose"]


# --- reminders -------------------------------------------------------------------------------------


def test_a_reminder_day_that_is_not_a_day_is_refused_in_words(client: TestClient) -> None:
    """ "monkey" began with "mon" and was taken for Monday."""
    refused = client.get("/reminders.ics", params={"days": ["mon", "monkey"], "at": "07:30"})
    assert refused.status_code == 400 and "days of the week" in refused.text and "monkey" in refused.text
    for days in (["mon", "thu"], ["Monday", "Thursday"], ["tues", "thurs"]):
        ics = client.get("/reminders.ics", params={"days": days, "at": "07:30"})
        assert ics.status_code == 200, days
    assert "BYDAY=TU,TH" in client.get("/reminders.ics", params={"days": ["tues", "thurs"]}).text


def test_supple_remind_refuses_it_too(run_cli, tmp_path: Path) -> None:
    refused = run_cli("remind", "--days", "monkey", "--at", "07:30", "--ics", str(tmp_path / "r.ics"))
    assert refused.code == 2 and "--days:" in refused.err and "'monkey'" in refused.err
    assert not (tmp_path / "r.ics").exists()


# --- backups ---------------------------------------------------------------------------------------


def a_backup(client: TestClient) -> dict[str, object]:
    assert client.post("/api/screening", json={"yes": []}).status_code == 200
    backup: dict[str, object] = client.get("/export").json()
    return backup


def restore(client: TestClient, backup: object) -> object:
    files = {"backup": ("supple-backup.json", json.dumps(backup).encode(), "application/json")}
    token = {"csrf_token": client.cookies["supple_csrf"]}
    return client.post("/import", data=token, files=files, follow_redirects=False)


def activities(count: int) -> list[dict[str, object]]:
    return [{"activity": f"activity {n}", "created_at": "2026-10-01T08:00:00Z", "ratings": []} for n in range(count)]


def test_a_backup_whose_version_is_true_is_refused_as_damaged(client: TestClient, tmp_path: Path) -> None:
    """JSON's true is Python's True, which equals 1, the version supple reads."""
    backup = a_backup(client)
    client.post("/delete", data={"csrf_token": client.cookies["supple_csrf"], "confirm": "delete"})
    refused = restore(client, {**backup, "version": True})
    assert refused.status_code == 400 and "damaged and cannot be restored" in refused.text
    assert client.get("/api/screening").status_code == 404, "nothing restored"


def test_a_backup_cannot_follow_more_activities_than_the_app_allows(
    client: TestClient, run_cli, tmp_path: Path
) -> None:
    backup = a_backup(client)
    client.post("/delete", data={"csrf_token": client.cookies["supple_csrf"], "confirm": "delete"})
    people = backup["people"]
    assert isinstance(people, list)
    too_many = {**backup, "people": [{**people[0], "goals": activities(PSFS_MAX_ACTIVITIES + 1)}]}
    refused = restore(client, too_many)
    assert refused.status_code == 400 and "damaged and cannot be restored" in refused.text
    assert client.get("/api/activities").json() == []
    path = tmp_path / "too-many.json"
    path.write_text(json.dumps(too_many))
    by_command = run_cli("import", str(path))
    assert by_command.code == 2 and f"{PSFS_MAX_ACTIVITIES + 1} activities followed at once" in by_command.err
    allowed = {**backup, "people": [{**people[0], "goals": activities(PSFS_MAX_ACTIVITIES)}]}
    assert restore(client, allowed).status_code == 303
    assert len(client.get("/api/activities").json()) == PSFS_MAX_ACTIVITIES
