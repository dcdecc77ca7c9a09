"""What travels over the network: compressed for a browser that takes it, the static files kept a
year under their version's name, and the plan page not planned again while nothing changed."""

from __future__ import annotations

import gzip
import re

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import screen

from supple.services import planning
from supple.web.paths import STATIC
from supple.web.static_files import static_version

GZIP = {"Accept-Encoding": "gzip"}
PLAN = "/plan?conditions=sciatica&minutes=20"


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/", "text/html"), ("/api/catalog", "application/json"), ("/static/style.css", "text/css"),
     ("/static/player/view.js", "text/javascript"), ("/figures/pigeon-pose.svg", "image/svg+xml")],
)  # fmt: skip
def test_pages_json_scripts_styles_and_figures_are_gzipped_for_a_browser_that_takes_it(
    client: TestClient, path: str, kind: str
) -> None:
    compressed = client.get(path, headers=GZIP)
    assert compressed.status_code == 200 and compressed.headers["content-type"].startswith(kind)
    assert compressed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in compressed.headers["vary"].lower()
    assert int(compressed.headers["content-length"]) < len(compressed.content), "smaller on the wire"
    assert compressed.headers["content-security-policy"] and compressed.headers["x-content-type-options"] == "nosniff"
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == compressed.content


def test_the_player_page_is_a_fraction_of_its_size_on_the_wire(client: TestClient) -> None:
    screen(client)
    client.put("/api/routines/morning", json={"conditions": ["sciatica"], "minutes": 20})
    page = client.get("/play?routine=morning", headers={"Accept-Encoding": "identity"})
    assert page.status_code == 200
    assert len(gzip.compress(page.content, 6)) < len(page.content) / 3
    assert client.get("/play?routine=morning", headers=GZIP).headers["content-encoding"] == "gzip"


def test_pages_ask_for_the_static_files_under_their_version_which_are_kept_a_year(client: TestClient) -> None:
    version = static_version(STATIC)
    page = client.get("/").text
    named = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert named and all(name.startswith(f"/static/{version}/") for name in named), named
    for name in named:
        kept = client.get(name)
        assert kept.status_code == 200 and kept.headers["cache-control"] == "public, max-age=31536000, immutable"
    module = client.get(f"/static/{version}/player/main.js")
    assert module.status_code == 200 and "immutable" in module.headers["cache-control"]


def test_a_static_file_under_its_plain_or_an_old_name_is_asked_for_again_and_answered_304(client: TestClient) -> None:
    for name in ("/static/style.css", "/static/0123456789abcdef/style.css"):
        first = client.get(name)
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        etag = first.headers["etag"]
        assert etag.startswith('W/"'), "weak: the bytes sent may be compressed"
        again = client.get(name, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.headers["etag"] == etag
    assert client.get(f"/static/{static_version(STATIC)}/no-such-file.css").status_code == 404


def test_the_plan_page_is_not_planned_again_while_the_request_and_the_data_are_the_same(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen(client)
    made = []
    real = planning.build_plan
    monkeypatch.setattr(planning, "build_plan", lambda *a, **k: made.append(1) or real(*a, **k))
    acknowledged = PLAN + "&ack_caution=1"
    first = client.get(acknowledged)
    again = client.get(acknowledged)
    assert first.status_code == again.status_code == 200 and len(made) == 1
    client.get(PLAN.replace("20", "25"))  # another request
    assert len(made) == 2
    screen(client, "pregnancy")  # new answers, the same request: a precaution now applies
    changed = client.get(acknowledged)
    assert changed.status_code == 200 and len(made) == 3
