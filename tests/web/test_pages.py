"""The server-rendered pages: forms, CSRF, the host guard, settings (backup, deleting everything)."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import csrf, save_routine, screen

from supple.config import Settings
from supple.web.app import create_app

FORMS = [
    ("/screening", {}),
    ("/routines", {"name": "x", "query": "conditions=sciatica&minutes=10"}),
    ("/activities", {"activity": "walking"}),
    ("/activities/1/rate", {"score": "3"}),
    ("/activities/1/drop", {}),
    ("/delete", {"confirm": "delete"}),
]


@pytest.mark.parametrize(
    "path", ["/", "/screening", "/plan", "/progress", "/exercises", "/exercises/cat-cow", "/settings"]
)
def test_every_page_renders_with_the_safety_footer(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "does not diagnose or treat" in response.text
    assert '<html lang="en">' in response.text


@pytest.mark.parametrize(("path", "form"), FORMS)
def test_a_form_post_without_the_token_is_refused(client: TestClient, path: str, form: dict[str, str]) -> None:
    assert client.post(path, data=form).status_code == 403
    assert client.post(path, data=form | {"csrf_token": "forged"}).status_code == 403


def test_the_form_token_comes_with_the_page_and_is_accepted(client: TestClient) -> None:
    page = client.get("/screening").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token and token.group(1) == csrf(client)
    response = client.post("/screening", data={"csrf_token": token.group(1)}, follow_redirects=False)
    assert response.status_code == 303


def test_a_loopback_server_refuses_other_host_names(settings: Settings) -> None:
    """DNS rebinding: a page on evil.example renamed to 127.0.0.1 still sends its own Host."""
    with TestClient(create_app(settings), base_url="http://evil.example") as client:
        assert client.get("/api/screening").status_code == 400
    with TestClient(create_app(settings, allowed_hosts=None), base_url="http://clinic.lan") as client:
        assert client.get("/").status_code == 200


def test_the_stop_verdict_page_sends_for_emergency_help_and_offers_no_plan(client: TestClient) -> None:
    client.post("/screening", data={"csrf_token": csrf(client), "yes": ["saddle-numbness"]})
    page = client.get("/screening/result").text
    assert "Get emergency help now" in page and 'href="/plan' not in page.split("<main")[1]
    assert 'href="tel:999"' in page and 'href="tel:911"' in page and 'href="tel:112"' in page
    refused = client.get("/plan", params={"conditions": "sciatica", "minutes": "10"})
    assert refused.status_code == 403 and "Get emergency help now" in refused.text
    assert "Answer the safety questions" not in refused.text, "a stop is not put right by answering again"
    form = client.get("/plan")
    assert form.status_code == 200 and "Make my routine" not in form.text and 'href="tel:999"' in form.text


def test_a_same_day_stop_says_see_a_doctor_today_with_the_urgent_numbers_too(client: TestClient) -> None:
    client.post("/screening", data={"csrf_token": csrf(client), "yes": ["fever-unwell"]})
    page = client.get("/screening/result").text
    assert "See a doctor today" in page and 'href="tel:111"' in page and 'href="tel:999"' in page
    assert "Get emergency help now" not in page


def test_answered_by_mistake_is_a_second_step_before_the_questions_again(client: TestClient) -> None:
    client.post("/screening", data={"csrf_token": csrf(client), "yes": ["bladder-bowel"]})
    result = client.get("/screening/result").text
    assert 'href="/screening/mistake"' in result and 'href="/screening"' not in result
    again = client.get("/screening/mistake").text
    assert "new difficulty controlling the bladder or bowels" in again and 'href="/screening?again=1"' in again
    assert client.get("/api/screening").json()["verdict"] == "stop", "nothing cleared until answered again"


def test_a_caution_needs_the_person_to_say_they_understand(client: TestClient) -> None:
    assert screen(client, "hip-replacement") == "caution"
    assert client.get("/plan", params={"conditions": "hip-pain", "minutes": "10"}).status_code == 403
    accepted = client.get("/plan", params={"conditions": "hip-pain", "minutes": "10", "ack_caution": "1"})
    assert accepted.status_code == 200 and "exercise-card" in accepted.text


def test_a_bad_plan_request_shows_the_problem_on_the_form(client: TestClient) -> None:
    screen(client)
    response = client.get("/plan", params={"conditions": "sciatica", "minutes": "200"})
    assert response.status_code == 400 and 'role="alert"' in response.text


def test_saving_plans_again_from_the_request_and_starts_the_player(client: TestClient) -> None:
    screen(client)
    page = client.get("/plan", params={"conditions": "sciatica", "minutes": "10"}).text
    query = html.unescape(re.search(r'name="query" value="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    saved = client.post(
        "/routines", data={"csrf_token": csrf(client), "name": "Evening Stretch", "query": query, "start": "1"},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.headers["location"] == "/play?routine=evening-stretch"
    player = client.get(saved.headers["location"]).text
    data = json.loads(html.unescape(re.search(r'id="player-data">(.*?)</script>', player, re.S).group(1)))  # type: ignore[union-attr]
    assert data["routine"] == "evening-stretch" and data["timeline"]
    assert client.get("/api/routines").json() == ["evening-stretch"]


def test_the_swap_link_plans_without_that_exercise(client: TestClient) -> None:
    screen(client)
    page = client.get("/plan", params={"conditions": "sciatica", "minutes": "10"}).text
    link = html.unescape(re.search(r'href="(/plan\?[^"]*without=([a-z-]+)[^"]*)"', page).group(1))  # type: ignore[union-attr]
    swapped_out = re.search(r"without=([a-z-]+)", link).group(1)  # type: ignore[union-attr]
    again = client.get(link).text
    assert f'href="/exercises/{swapped_out}"' not in again.split('id="routine-title"')[1]


def test_the_player_without_a_saved_routine_goes_to_the_plan_form(client: TestClient) -> None:
    screen(client)
    assert client.get("/play", follow_redirects=False).headers["location"] == "/plan"
    assert client.get("/play", params={"routine": "nope"}).status_code == 404


def test_export_delete_and_import_round_trip(client: TestClient) -> None:
    screen(client)
    save_routine(client)
    backup = client.get("/export")
    assert backup.headers["content-disposition"].startswith("attachment")
    refused = client.post("/delete", data={"csrf_token": csrf(client), "confirm": "yes"})
    assert refused.status_code == 400
    client.post("/delete", data={"csrf_token": csrf(client), "confirm": "delete"})
    assert client.get("/api/routines").json() == []
    assert client.get("/api/screening").status_code == 404
    restored = client.post(
        "/import", data={"csrf_token": csrf(client)}, files={"backup": ("b.json", backup.content, "application/json")},
        follow_redirects=False,
    )  # fmt: skip
    assert restored.status_code == 303
    assert client.get("/api/routines").json() == ["morning"]
    again = client.post(
        "/import", data={"csrf_token": csrf(client)}, files={"backup": ("b.json", backup.content, "application/json")}
    )
    assert again.status_code == 400 and "not empty" in again.text


def test_reminders_download_as_a_calendar(client: TestClient) -> None:
    response = client.get("/reminders.ics", params=[("days", "mon"), ("days", "thu"), ("at", "07:30")])
    assert response.headers["content-type"].startswith("text/calendar")
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,TH" in response.text
    assert client.get("/reminders.ics", params={"days": "someday"}).status_code == 400


def test_the_api_documentation_is_served_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/sessions/{session_id}/sets"]


def test_the_service_worker_keeps_every_module_of_the_player(client: TestClient) -> None:
    # a module missing from the worker's shell is not there offline, and the player would not start
    from supple.web.paths import STATIC

    served = client.get("/sw.js").text
    modules = sorted((STATIC / "player").glob("*.js"))
    assert modules, "the player is in static/player"
    assert re.search(r'const STATIC = "/static/[0-9a-f]{16}/";', served), "the files under their version's name"
    for module in modules:
        assert f'"player/{module.name}"' in served, module.name
    kind = client.get("/static/player/main.js").headers["content-type"]
    assert kind.split(";")[0] in ("text/javascript", "application/javascript"), "modules need a script's type"


def test_the_service_workers_cache_is_named_after_the_static_files(client: TestClient, tmp_path) -> None:
    # The worker serves the static files from its cache; a new supple's files must reach browsers
    # that cached the old ones, which happens only when the worker's own text changes.
    import shutil

    from supple.web.paths import STATIC
    from supple.web.routes.pages_account import service_worker_text

    served = client.get("/sw.js")
    assert served.status_code == 200 and served.headers["cache-control"] == "no-cache"
    name = re.search(r'const CACHE = "(supple-[0-9a-f]{16})";', served.text)
    assert name is not None, "the cache has a name made from the files"
    same, upgraded = tmp_path / "same" / "static", tmp_path / "upgraded" / "static"
    for copy in (same, upgraded):
        shutil.copytree(STATIC, copy)
    assert service_worker_text(same) == served.text
    engine = upgraded / "player" / "engine.js"
    engine.write_text(engine.read_text() + "\n// a new version\n")
    changed = service_worker_text(upgraded)
    assert changed != served.text and name.group(1) not in changed


def test_every_page_names_the_one_persons_outbox(client: TestClient) -> None:
    # what a session played offline left waiting is sent from any page: each names the outbox
    for path in ("/", "/exercises", "/settings", "/plan"):
        assert '<body data-outbox="supple-outbox">' in client.get(path).text, path


def test_the_plan_form_asks_if_new_to_stretching_and_pain_today_and_keeps_them_in_swaps_and_saves(
    client: TestClient,
) -> None:
    screen(client)
    form = client.get("/plan").text
    # the pain scale: 0 to 10, or not said
    assert 'name="new_to_stretching"' in form and form.count('type="radio" id="pain_today-') == 12
    params = {"conditions": "lower-back-pain", "minutes": "20", "new_to_stretching": "1", "pain_today": "6"}
    page = client.get("/plan", params=params).text
    assert "A gentle routine, because you are new to stretching" in page
    assert 'id="pain_today-6" name="pain_today" value="6" checked' in page
    query = html.unescape(re.search(r'name="query" value="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    assert "new_to_stretching=1" in query and "pain_today=6" in query
    swap = html.unescape(re.search(r'href="(/plan\?[^"]*without=[^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert "new_to_stretching=1" in swap and "pain_today=6" in swap
    wrong = client.get("/plan", params=params | {"pain_today": "12"})
    assert wrong.status_code == 400 and "Your pain today must be 10 or less" in wrong.text


def test_the_plan_page_says_why_each_exercise_is_there_and_the_warm_up_can_be_swapped(client: TestClient) -> None:
    screen(client)
    page = html.unescape(client.get("/plan", params={"conditions": "sciatica", "minutes": "15"}).text)
    assert "Sciatica: it stretches the hamstrings." in page and "sciatic nerve" in page
    assert "Warm up my own way" in page and "without=light-cardio-warmup" in page


def test_the_screening_form_asks_which_way_a_hip_was_replaced(client: TestClient) -> None:
    form = client.get("/screening").text
    assert 'name="choice-hip-replacement" value="hip-replacement-anterior"' in form
    answered = client.post(
        "/screening",
        data={
            "csrf_token": csrf(client),
            "yes": "hip-replacement",
            "choice-hip-replacement": "hip-replacement-anterior",
        },
        follow_redirects=False,
    )
    assert answered.status_code == 303
    assert client.get("/api/screening").json()["answered_yes"] == ["hip-replacement", "hip-replacement-anterior"]
    # the follow-up alone, its question unticked, is no answer
    client.post("/screening", data={"csrf_token": csrf(client), "choice-hip-replacement": "hip-replacement-anterior"})
    assert client.get("/api/screening").json()["answered_yes"] == []


def test_the_catalogue_and_exercise_pages_give_the_level_in_plain_words(client: TestClient) -> None:
    assert "Deep · Static stretch" in html.unescape(client.get("/exercises").text)
    page = client.get("/exercises/pigeon-pose").text
    assert "<strong>Deep.</strong> A strong or demanding position" in page
