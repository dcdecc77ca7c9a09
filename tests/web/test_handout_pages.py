"""The handout of a saved routine in the web app: the print-friendly page and the PDF download."""

from __future__ import annotations

import subprocess

from fastapi.testclient import TestClient
from tests.web.conftest import save_routine, screen

from supple.config import Settings
from supple.web.app import create_app


def test_the_page_is_the_handout_with_a_toolbar_to_print_or_download(client: TestClient) -> None:
    screen(client)
    routine = save_routine(client, "morning")
    response = client.get("/routines/morning/handout", params={"person": "Sam Taylor", "paper": "letter"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    for item in routine["plan"]["items"]:  # type: ignore[index]
        assert item["name"] in page.replace("&#39;", "'")
    assert "Sam Taylor" in page and "Stop and get medical help" in page and "@page { size: letter; }" in page
    assert 'href="/routines/morning/handout.pdf?paper=letter&amp;person=Sam+Taylor"' in page
    assert 'href="/play?routine=morning"' in page  # the way back


def test_the_qr_code_links_to_the_player_at_the_address_the_page_was_reached_at(settings: Settings) -> None:
    # as `supple serve --host 0.0.0.0` runs it: reached from the local network
    with TestClient(create_app(settings, allowed_hosts=None)) as client:
        screen(client)
        save_routine(client, "morning")
        page = client.get("/routines/morning/handout", headers={"host": "192.168.1.20:8000"}).text
        assert "http://192.168.1.20:8000/play?routine=morning" in page and "Scan to follow along" in page
        on_this_machine = client.get("/routines/morning/handout", headers={"host": "127.0.0.1:8000"}).text
        assert "Scan to follow along" not in on_this_machine  # a phone could not reach 127.0.0.1


def test_the_pdf_downloads_as_a_file_on_the_chosen_paper(client: TestClient, tmp_path) -> None:
    screen(client)
    save_routine(client, "morning")
    response = client.get("/routines/morning/handout.pdf", params={"paper": "letter", "person": "Sam"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="supple-morning-handout.pdf"'
    path = tmp_path / "h.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in info


def test_an_unknown_routine_or_paper_is_refused(client: TestClient) -> None:
    screen(client)
    save_routine(client, "morning")
    missing = client.get("/routines/evening/handout")
    assert missing.status_code == 404 and "no saved routine" in missing.text.lower()
    assert client.get("/routines/morning/handout.pdf", params={"paper": "a3"}).status_code == 422


def test_a_stop_verdict_refuses_the_handout_with_advice(client: TestClient) -> None:
    screen(client)
    save_routine(client, "morning")
    screen(client, "worsening-leg-weakness")
    response = client.get("/routines/morning/handout")
    assert response.status_code == 403 and "emergency department" in response.text and 'href="tel:999"' in response.text


def test_the_player_and_the_welcome_page_link_to_the_handout(client: TestClient) -> None:
    screen(client)
    save_routine(client, "morning")
    assert 'href="/routines/morning/handout"' in client.get("/play", params={"routine": "morning"}).text
    assert 'href="/routines/morning/handout"' in client.get("/").text


def test_after_a_hurt_the_handout_is_still_there_and_a_stop_refuses_it_as_a_page(client: TestClient) -> None:
    screen(client)
    save_routine(client, "morning")
    opened = client.post("/api/sessions", json={"routine": "morning"}).json()
    exercise = opened["timeline"][-1]["exercise"]
    assert client.post(f"/api/sessions/{opened['id']}/hurt", json={"exercise": exercise, "item": 50}).status_code == 200
    assert client.get("/api/screening").json()["invalidated"], "the screening is to be answered again"
    assert client.get("/routines/morning/handout").status_code == 200
    pdf = client.get("/routines/morning/handout.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    screen(client, "worsening-leg-weakness")
    refused = client.get("/routines/morning/handout.pdf")
    assert refused.status_code == 403 and "content-disposition" not in refused.headers
    assert refused.headers["content-type"].startswith("text/html") and "No programme is handed out" in refused.text
