"""The routine builder's pages without a browser's script: every change is a form post that works
on its own, refusals are said on the page, and a clinician writes, previews and gives a client's
routine, and gives templates to several clients, each getting a copy of their own."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient
from tests.web.clinic import Clinic, form
from tests.web.conftest import csrf, screen

from supple.services.people import list_accounts
from supple.services.personal_data import backup_data


def post(client: TestClient, path: str, **data: Any) -> Any:
    return client.post(path, data={"csrf_token": csrf(client), **data}, follow_redirects=False)


def start(client: TestClient, title: str = "Morning back") -> str:
    response = post(client, "/routines/new", title=title)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def exercises_on(page: str) -> list[str]:
    return re.findall(r"<h3>\d+\. ([^<]+)</h3>", page)


def test_a_person_shapes_a_routine_with_forms_alone(client: TestClient) -> None:
    screen(client)
    edit = start(client, "After my walk")
    assert edit == "/routines/after-my-walk/edit"
    base = edit.removesuffix("/edit")
    page = client.get(edit).text
    assert "After my walk" in page and 'src="/figures/cat-cow.svg"' in page and 'width="120"' in page
    for exercise in ("cat-cow", "supine-figure-four", "wall-calf-stretch"):
        assert post(client, f"{base}/add", exercise=exercise).status_code == 303
    assert exercises_on(client.get(edit).text) == ["Cat-cow", "Supine figure-four stretch", "Wall calf stretch"]
    assert post(client, f"{base}/move", index="2", to="0").status_code == 303
    assert exercises_on(client.get(edit).text)[0] == "Wall calf stretch"
    removed = post(client, f"{base}/remove", index="1")
    undo = removed.headers["location"]
    assert "undo=" in undo
    undone_page = client.get(undo).text
    assert "Removed Cat-cow" in undone_page
    undo_form = undone_page.split('id="undo"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'name="(exercise|at|dose|note)" value="([^"]*)"', undo_form))
    assert post(client, f"{base}/add", **{k: v.replace("&#34;", '"') for k, v in fields.items()}).status_code == 303
    assert exercises_on(client.get(edit).text)[1] == "Cat-cow"


def test_a_dose_out_of_range_is_refused_on_the_page_saying_the_range(client: TestClient) -> None:
    screen(client)
    base = start(client).removesuffix("/edit")
    post(client, f"{base}/add", exercise="supine-figure-four")
    refused = post(client, f"{base}/dose", index="0", hold_s="90")
    assert refused.status_code == 400
    assert "can be 10 to 60 seconds, not 90" in refused.text and 'role="alert"' in refused.text
    assert post(client, f"{base}/dose", index="0", hold_s="seven").status_code == 400
    assert post(client, f"{base}/dose", index="0", hold_s="45", reps="2").status_code == 303
    assert "2 x 45 s each side" in client.get(f"{base}/edit").text


def test_an_excluded_exercise_is_refused_for_safety_on_the_page(client: TestClient) -> None:
    screen(client, "knee-trouble")
    base = start(client).removesuffix("/edit")
    refused = post(client, f"{base}/add", exercise="childs-pose")
    assert refused.status_code == 403 and "cannot be added" in refused.text
    page = client.get(f"{base}/edit", params={"q": "child"}).text
    assert "Not for you" in page and 'aria-label="Add Child&#39;s pose"' not in page


def test_titles_show_on_home_the_list_and_the_player(client: TestClient) -> None:
    screen(client)
    base = start(client, "Évening, gently").removesuffix("/edit")
    post(client, f"{base}/add", exercise="cat-cow")
    post(client, f"{base}/routine-note", text="after your walk")
    post(client, f"{base}/note", index="0", text="slowly")
    post(client, f"{base}/favourite", favourite="1")
    for path in ("/", "/routines", f"/play?routine={base.rsplit('/', 1)[1]}"):
        assert "Évening, gently" in client.get(path).text, path
    player = client.get(f"/play?routine={base.rsplit('/', 1)[1]}").text
    assert "after your walk" in player and "slowly" in player
    steps = player.split('data-exercise="cat-cow"', 1)[1].split("</div>", 1)[0]
    assert "slowly" in steps  # in the steps the player shows during the exercise too
    handout = client.get(f"{base}/handout").text
    assert "Évening, gently" in handout and "after your walk" in handout and "slowly" in handout


def test_renaming_copying_and_deleting(client: TestClient) -> None:
    screen(client)
    base = start(client, "Morning").removesuffix("/edit")
    post(client, f"{base}/add", exercise="cat-cow")
    assert post(client, f"{base}/rename", title="  ").status_code == 400
    post(client, f"{base}/rename", title="Morning, slowly")
    copy = post(client, f"{base}/duplicate").headers["location"]
    assert "Copy of Morning, slowly" in client.get(copy).text
    assert post(client, f"{base}/delete").headers["location"] == "/routines?deleted=1"
    listing = client.get("/routines?deleted=1").text
    assert "Copy of Morning, slowly" in listing and ">Morning, slowly<" not in listing
    assert client.get(f"{base}/edit").status_code == 404


def test_a_swap_page_lists_choices_with_reasons(client: TestClient) -> None:
    screen(client)
    base = start(client).removesuffix("/edit")
    post(client, f"{base}/add", exercise="pigeon-pose")
    page = client.get(f"{base}/swap", params={"index": 0}).text
    assert "Modified pigeon" in page and "An easier way" in page
    assert post(client, f"{base}/swap", index="0", exercise="modified-pigeon").status_code == 303
    assert exercises_on(client.get(f"{base}/edit").text) == ["Modified pigeon"]
    assert client.get(f"{base}/swap", params={"index": 5}).status_code == 404


def test_routines_titles_and_notes_are_in_the_backup(client: TestClient, app: Any) -> None:
    screen(client)
    base = start(client, "Kept").removesuffix("/edit")
    post(client, f"{base}/add", exercise="cat-cow")
    post(client, f"{base}/note", index="0", text="knees on a cushion")
    post(client, f"{base}/favourite", favourite="1")
    (kept,) = backup_data(app.state.context)["people"][0]["routines"]
    assert kept["title"] == "Kept" and kept["favourite"] is True
    assert kept["plan"]["items"][0]["note"] == "knees on a cushion"


# --- clinic mode ---------------------------------------------------------------------------------


def clinic_of(clinic: Clinic) -> tuple[TestClient, TestClient, TestClient, int, int]:
    clinic.add("carol")
    alice = clinic.add("alice", clinician="carol")
    bob = clinic.add("bob", clinician="carol")
    carol, alice_browser, bob_browser = (clinic.sign_in(name) for name in ("carol", "alice", "bob"))
    alice_browser.post("/api/screening", json={"yes": []})
    bob_browser.post("/api/screening", json={"yes": ["knee-trouble"]})
    return carol, alice_browser, bob_browser, alice, bob


def test_a_clinician_writes_previews_and_gives_a_routine_the_client_sees_only_once_given(clinic: Clinic) -> None:
    carol, alice_browser, _, alice, _ = clinic_of(clinic)
    client_page = carol.get(f"/clients/{alice}").text
    assert "hold_s" in client_page and '<details id="routine-format" open>' in client_page  # the file format shown
    edit = form(carol, f"/clients/{alice}/routines/new", {"title": "After your walk"}).headers["location"]
    base = edit.removesuffix("/edit")
    form(carol, f"{base}/add", {"exercise": "cat-cow"})
    form(carol, f"{base}/note", {"index": "0", "text": "slowly, with the breath"})
    form(carol, f"{base}/routine-note", {"text": "after your walk"})
    assert "after-your-walk" not in json.dumps(alice_browser.get("/api/routines").json())  # a draft: not hers yet
    preview = carol.get(f"{base}/preview").text
    assert "slowly, with the breath" in preview and "after your walk" in preview and "Give it to alice" in preview
    assert form(carol, f"{base}/give").headers["location"].startswith(f"/clients/{alice}")
    assert alice_browser.get("/api/routines").json() == ["after-your-walk"]
    player = alice_browser.get("/play?routine=after-your-walk").text
    assert "slowly, with the breath" in player and "After your walk" in player


def test_giving_checks_the_clients_own_answers(clinic: Clinic) -> None:
    carol, _, bob_browser, _, bob = clinic_of(clinic)
    base = form(carol, f"/clients/{bob}/routines/new", {"title": "Kneeling"}).headers["location"].removesuffix("/edit")
    refused = form(carol, f"{base}/add", {"exercise": "childs-pose"})
    assert refused.status_code == 403 and "cannot be added" in refused.text
    form(carol, f"{base}/add", {"exercise": "cat-cow"})
    assert "cushion" in carol.get(f"{base}/edit").text  # bob's answers modify it: it carries its modification
    bob_browser.post("/api/screening", json={"yes": ["knee-trouble", "osteoporosis-steroids"]})
    given = form(carol, f"{base}/give")
    assert "preview?problem=" in given.headers["location"]
    assert "cannot be added" in carol.get(given.headers["location"]).text
    assert bob_browser.get("/api/routines").json() == []


def test_a_template_goes_to_several_clients_each_with_a_copy_of_their_own(clinic: Clinic) -> None:
    carol, alice_browser, bob_browser, alice, bob = clinic_of(clinic)
    base = form(carol, f"/clients/{alice}/routines/new", {"title": "Hips"}).headers["location"].removesuffix("/edit")
    form(carol, f"{base}/add", {"exercise": "supine-figure-four"})
    form(carol, f"{base}/add", {"exercise": "childs-pose"})
    assert form(carol, f"{base}/template").headers["location"] == "/templates?kept=1"
    (template_id,) = re.findall(r'action="/templates/(\d+)/give"', carol.get("/templates").text)
    given = form(carol, f"/templates/{template_id}/give", {"clients": [str(alice), str(bob)]})
    assert given.status_code == 200
    assert "Given to" in given.text and "Not given to bob" in given.text  # child's pose is not for bob's knees
    (name,) = alice_browser.get("/api/routines").json()[-1:]
    form(carol, f"/clients/{alice}/routines/{name}/remove", {"index": "0"})
    assert bob_browser.get("/api/routines").json() == []
    plans = backup_data(clinic.context, person_id=alice)["people"][0]["routines"]
    assert sorted(len(r["plan"]["items"]) for r in plans) == [1, 2]  # her copy changed; the draft did not
    carol_id = next(a.person_id for a in list_accounts(clinic.context) if a.username == "carol")
    (template,) = backup_data(clinic.context, person_id=carol_id)["people"][0]["templates"]
    assert template["title"] == "Hips" and len(template["plan"]["items"]) == 2  # in the clinician's backup
    assert backup_data(clinic.context, person_id=alice)["people"][0]["templates"] == []
