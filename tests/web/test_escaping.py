"""What a person types is never markup on any page (issue 17): markup and script in every text a
person or a clinician can type or send (activities, routine names and notes, usernames, a pasted
routine, a backup, a handout's name, the address's query), then every page of the app read back,
in both modes. A payload that comes back as markup would run in the next person's browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.clock import FakeClock
from tests.web import fuzzing
from tests.web.clinic import Clinic, form
from tests.web.test_plain_words import QUERIES, filled, page_paths, post, seeded, single

from supple.config import Settings
from supple.web.app import create_app

# Each payload, and what of it must never come back as it was sent.
PAYLOADS = {
    "<script>window.__hacked=1</script>": "<script>window.__hacked",
    '"><img src=x onerror=window.__hacked=1>': "<img src=x onerror",
    "'><svg onload=window.__hacked=1>": "<svg onload",
    "</textarea><script>window.__hacked=2</script>": "</textarea><script>",
    "javascript:window.__hacked=3": 'href="javascript:',
}
LEAKS = [re.compile(re.escape(raw), re.IGNORECASE) for raw in PAYLOADS.values()]


def leaks_in(text: str) -> list[str]:
    return [leak.pattern for leak in LEAKS if leak.search(text)]


class Read:
    """Every page read back, and those where a payload came back as markup."""

    def __init__(self) -> None:
        self.pages = 0
        self.leaks: dict[str, list[str]] = {}

    def check(self, label: str, response: Any) -> None:
        self.pages += 1
        kind = response.headers.get("content-type", "")
        if not (kind.startswith("text/html") or kind.startswith("image/svg")):
            return
        found = leaks_in(response.text)
        if found:
            self.leaks[f"{label} ({response.status_code})"] = found

    def assert_clean(self) -> None:
        assert not self.leaks, f"markup came back on {len(self.leaks)} pages: {self.leaks}"


def hostile_queries() -> list[str]:
    """The address's query and path, where pages may say back what they were given."""
    found = []
    for payload in PAYLOADS:
        value = quote(payload, safe="")
        found += [
            f"/plan?conditions={value}&minutes=10", f"/plan?conditions=sciatica&minutes={value}",
            f"/plan?conditions=sciatica&minutes=10&without={value}", f"/play?routine={value}",
            f"/exercises/{value}", f"/exercises?condition={value}", f"/routines/morning/handout?person={value}",
            f"/routines/{value}/handout", f"/login?next={value}", f"/{value}", f"/settings?done={value}",
        ]  # fmt: skip
    return found


def read_everything(read: Read, client: TestClient, app: Any, who: str, values: dict[str, str]) -> None:
    for path in [*page_paths(app), *QUERIES, *hostile_queries()]:
        url = filled(path, values)
        read.check(f"{who}: GET {url}", client.get(url))


def hostile_single_person(client: TestClient, clock: FakeClock) -> None:
    seeded(client, clock)
    for payload in PAYLOADS:
        post(client, "/activities", {"activity": payload[:200], "score": "3"})
        client.post("/api/activities", json={"activity": payload[:200], "score": 2})
        post(client, "/routines", {"name": payload, "query": "conditions=sciatica&minutes=10"})
        client.put(f"/api/routines/{quote(payload, safe='')}", json={"conditions": ["sciatica"], "minutes": 5})
    backup = json.loads(client.get("/export").text)
    text = json.dumps(backup)
    for payload in PAYLOADS:  # a backup carrying markup where it carries text, restored
        text = text.replace("putting on socks", payload.replace('"', "'"), 1)
    upload = {"backup": ("supple-backup.json", text.encode(), "application/json")}
    post(client, "/import", files=upload)


def test_nothing_a_person_types_comes_back_as_markup_in_single_person_mode(tmp_path: Path) -> None:
    app, client, clock = single(tmp_path, "home")
    hostile_single_person(client, clock)
    read = Read()
    read_everything(
        read, client, app, "one person", {"exercise_id": "pigeon-pose", "name": "morning", "session_id": "1"}
    )
    for payload in PAYLOADS:  # and the pages that say a form back
        read.check(f"activity {payload!r}", post(client, "/activities", {"activity": payload, "score": "eleven"}))
        read.check(f"routine {payload!r}", post(client, "/routines", {"name": "a", "query": payload}))
        read.check(f"screening {payload!r}", post(client, "/screening", {"yes": [payload]}))
    assert read.pages > 100
    read.assert_clean()


@pytest.fixture
def clinic(tmp_path: Path) -> Any:
    settings = Settings(home=tmp_path / "home", database_url=f"sqlite:///{tmp_path / 'clinic.db'}", multi_user=True)
    clock = FakeClock()
    world = Clinic(create_app(settings, clock=clock, passwords=fuzzing.cheap_passwords()), clock)
    yield world
    world.close()


def test_nothing_a_clinician_or_client_types_comes_back_as_markup_in_clinic_mode(clinic: Clinic) -> None:
    clinic.add("carol")
    sam = clinic.add("sam", clinician="carol")
    carol, sam_browser = clinic.sign_in("carol"), clinic.sign_in("sam")
    seeded(sam_browser, clinic.clock, apart=3)
    read = Read()
    for payload in PAYLOADS:
        quoted = json.dumps(payload)
        routine = f"exercises:\n  - exercise: cat-cow\n    note: {quoted}\nnotes: [{quoted}]\n"
        attempts = {
            "client": ("/clients", {"username": payload, "password": "a long password"}),
            "written": (f"/clients/{sam}/written-routines", {"name": "mine", "text": routine}),
            "pasted": (f"/clients/{sam}/written-routines", {"name": "mine", "text": payload}),
            "named": (f"/clients/{sam}/routines", {"name": payload, "conditions": ["sciatica"], "minutes": "10"}),
        }
        for what, (path, data) in attempts.items():
            read.check(f"{what} {payload!r}", form(carol, path, data))
        post(sam_browser, "/activities", {"activity": payload[:200], "score": "3"})
        read.check(f"login {payload!r}", clinic.browser().post("/login", data={"username": payload, "password": "x"}))
    values = {"client_id": str(sam), "exercise_id": "pigeon-pose", "name": "morning", "session_id": "1"}
    for who, browser in (("carol", carol), ("sam", sam_browser), ("nobody", clinic.browser())):
        read_everything(read, browser, clinic.app, who, values)
    assert read.pages > 100
    read.assert_clean()
