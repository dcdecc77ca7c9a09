"""Deleting everything clears what the browser kept too, in both modes: the Clear-Site-Data header
where browsers honour it, and a page that clears the caches and stored data itself."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from tests.web.clinic import Clinic
from tests.web.conftest import csrf, screen

from supple.services.people import SIGN_IN_LIFETIME
from supple.web.deps import FOR_PERSON


def test_deleting_everything_tells_the_browser_to_forget_this_sites_data(client: TestClient) -> None:
    screen(client)
    response = client.post("/delete", data={"confirm": "delete", "csrf_token": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/settings?done=deleted"
    assert response.headers["clear-site-data"] == '"cache", "storage"'
    assert "data-forget-device" in client.get(response.headers["location"]).text
    assert "data-forget-device" not in client.get("/settings").text


def test_in_clinic_mode_the_sign_in_page_after_deleting_clears_the_device(clinic: Clinic) -> None:
    clinic.add("carol")
    clinic.add("sam", clinician="carol")
    sam = clinic.sign_in("sam")
    response = sam.post("/delete", data={"confirm": "delete", "csrf_token": csrf(sam)}, follow_redirects=False)
    assert response.headers["location"] == "/login?done=deleted" and "clear-site-data" in response.headers
    assert "data-forget-device" in sam.get("/login?done=deleted").text


def test_each_page_tells_the_device_whose_it_is_and_until_when_the_sign_in_lasts(clinic: Clinic) -> None:
    # the service worker keeps one person's pages, and none past their sign-in (static/sw.js)
    clinic.add("carol")
    sam_id = clinic.add("sam", clinician="carol")
    sam = clinic.sign_in("sam")
    page = sam.get("/progress")
    assert page.headers["x-supple-person"] == str(sam_id)
    until = dt.datetime.fromisoformat(page.headers["x-supple-until"])
    assert until - clinic.clock() == SIGN_IN_LIFETIME
    assert "x-supple-person" not in sam.get("/api/sessions").headers, "only pages, which the device keeps"
    assert clinic.browser().get("/login").headers["x-supple-person"] == "", "the sign-in page is nobody's"
    signed_out = clinic.browser().get("/progress")  # sent to sign in: the same
    assert signed_out.url.path == "/login" and signed_out.headers["x-supple-person"] == ""


def test_in_single_person_mode_every_page_is_the_one_persons(client: TestClient) -> None:
    screen(client)
    for path in ("/", "/progress", "/exercises"):
        response = client.get(path)
        assert response.headers["x-supple-person"] == "local" and "x-supple-until" not in response.headers


def test_what_was_kept_for_one_person_is_refused_under_anothers_sign_in(clinic: Clinic) -> None:
    clinic.add("carol")
    sam_id = clinic.add("sam", clinician="carol")
    bob_id = clinic.add("bob", clinician="carol")
    bob = clinic.sign_in("bob")
    bob.post("/api/screening", json={"yes": []})
    # sam's tab, still open on a shared device where bob has signed in since, sends sam's session
    refused = bob.post("/api/sessions", json={"routine": "x"}, headers={FOR_PERSON: str(sam_id)})
    assert refused.status_code == 401 and "someone else" in refused.json()["detail"]
    assert bob.get("/api/sessions").json() == []
    mine = bob.put(
        "/api/routines/mine", json={"conditions": ["sciatica"], "minutes": 5}, headers={FOR_PERSON: str(bob_id)}
    )
    assert mine.status_code == 200
