"""Deleting everything clears what the browser kept too, in both modes: the Clear-Site-Data header
where browsers honour it, and a page that clears the caches and stored data itself."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.clinic import Clinic
from tests.web.conftest import csrf, screen


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
