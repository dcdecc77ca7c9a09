"""Clinic mode end to end through the app: a clinician adds a client and gives them routines, the
client screens and plays, the clinician follows; the safety rules stay the client's own."""

from __future__ import annotations

import json
import re

from tests.store.backups import a_backup
from tests.web.clinic import Clinic, form


def test_a_clinician_gives_a_client_a_routine_and_follows_their_progress(clinic: Clinic) -> None:
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    added = form(carol, "/clients", {"username": "Sam", "password": "sams first password"})
    assert added.status_code == 303
    sam_id = int(added.headers["location"].rsplit("/", 1)[1])
    assert "sam" in carol.get("/clients").text

    given = form(carol, f"/clients/{sam_id}/routines", {"name": "Morning", "conditions": ["sciatica"], "minutes": "10"})
    assert given.headers["location"] == f"/clients/{sam_id}/routines/morning"
    printable = carol.get(given.headers["location"])
    assert printable.status_code == 200 and "exercise-card" in printable.text

    sam = clinic.sign_in("sam", "sams first password")
    assert sam.get("/api/routines").json() == ["morning"]
    assert sam.post("/api/sessions", json={"routine": "morning"}).status_code == 403  # not screened yet
    sam.post("/api/screening", json={"yes": []})
    opened = sam.post("/api/sessions", json={"routine": "morning", "pain_before": 3}).json()
    for number, step in enumerate(opened["timeline"]):  # every set played through
        if not step["work"]:
            continue
        done = {"step": number, "exercise": step["exercise"], "kind": step["kind"], "side": step["side"],
                "rep": step["rep"], "seconds": step["seconds"], "planned_seconds": step["seconds"]}  # fmt: skip
        assert sam.post(f"/api/sessions/{opened['id']}/sets", json=done).status_code == 204
    assert (
        sam.post(f"/api/sessions/{opened['id']}/finish", json={"state": "finished", "pain_after": 1}).status_code == 204
    )

    assert carol.get(f"/api/clients/{sam_id}/progress").json()["sessions"] == 1
    assert sam.get("/api/progress").json() == carol.get(f"/api/clients/{sam_id}/progress").json()
    page = carol.get(f"/clients/{sam_id}/progress").text
    assert "sam's progress" in page and re.search(r"<td>finished</td>", page)
    assert 'action="/activities' not in page, "the clinician reads the client's progress, never changes it"
    assert carol.get("/api/sessions").json() == [], "the clinician's own records are their own"


def test_a_client_s_stop_verdict_stops_that_client_only_and_no_clinician_can_lift_it(clinic: Clinic) -> None:
    clinic.add("carol")
    for name in ("alice", "bob"):
        clinic.add(name, clinician="carol")
    carol, alice, bob = clinic.sign_in("carol"), clinic.sign_in("alice"), clinic.sign_in("bob")
    alice_id = next(c["id"] for c in carol.get("/api/clients").json() if c["username"] == "alice")
    bob.post("/api/screening", json={"yes": []})
    assert alice.post("/api/screening", json={"yes": ["bladder-bowel"]}).json()["verdict"] == "stop"

    plan = {"conditions": ["sciatica"], "minutes": 10}
    assert bob.post("/api/plans", json=plan).status_code == 200, "one client's red flag stops nobody else"
    assert alice.post("/api/plans", json=plan).status_code == 403
    refused = carol.put(f"/api/clients/{alice_id}/routines/anyway", json=plan | {"ack_caution": True})
    assert refused.status_code == 403 and "doctor" in refused.json()["detail"]
    written = {"exercises": [{"exercise": "cat-cow"}]}
    assert carol.put(f"/api/clients/{alice_id}/written-routines/anyway", json=written).status_code == 403
    assert alice.get("/api/routines").json() == []


def test_an_empty_written_routine_gets_a_page_saying_what_to_fill_in(clinic: Clinic) -> None:
    clinic.add("carol")
    carol = clinic.sign_in("carol")
    sam_id = int(form(carol, "/clients", {"username": "sam", "password": "sams first password"}).headers["location"]
                 .rsplit("/", 1)[1])  # fmt: skip
    refused = form(carol, f"/clients/{sam_id}/written-routines", {"name": "morning", "text": ""})
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("text/html")
    assert "Please fill in the routine." in refused.text
    assert carol.get(f"/api/clients/{sam_id}").json()["routines"] == []


def test_each_person_has_an_outbox_of_their_own_and_nobody_signed_out_has_one(clinic: Clinic) -> None:
    # a shared device must never send one person's offline session as another's
    clinic.add("carol")
    sam_id = clinic.add("sam", clinician="carol")
    bob_id = clinic.add("bob", clinician="carol")
    for name, person in (("sam", sam_id), ("bob", bob_id)):
        page = clinic.sign_in(name).get("/exercises").text
        assert f'<body data-outbox="supple-outbox:{person}">' in page
    assert "data-outbox" not in clinic.browser().get("/login").text


def test_a_backup_with_two_routines_of_the_same_name_is_refused_as_damaged_not_a_500(clinic: Clinic) -> None:
    """On SQLite and PostgreSQL: a person keeps one routine of a name, and the database said so with a 500."""
    clinic.add("carol")
    clinic.add("sam", clinician="carol")
    sam = clinic.sign_in("sam")
    backup = a_backup()
    backup["people"][0]["routines"] *= 2
    upload = {"backup": ("sams-backup.json", json.dumps(backup).encode(), "application/json")}
    refused = form(sam, "/import", files=upload)
    assert refused.status_code == 400
    assert "it holds two routines named &#39;morning&#39;" in refused.text and "sams-backup.json" in refused.text
    kept = [sam.get(f"/api/{what}").json() for what in ("routines", "sessions", "activities")]
    assert kept == [[], [], []], "nothing restored"
