"""The figures in the web app: served as cacheable SVG, shown on the exercise page and the plan."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from fastapi.testclient import TestClient
from tests.content import builtin_catalog
from tests.web.conftest import screen

from supple.figures import describe_figure, exercise_svg, still_svg

BUILTIN = Path(__file__).parents[2] / "src" / "supple" / "catalog" / "data" / "exercises"


def test_a_figure_is_served_as_svg_for_a_day_with_an_etag(client: TestClient) -> None:
    response = client.get("/figures/cat-cow.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["cache-control"] == "public, max-age=86400"
    assert response.text == exercise_svg(builtin_catalog().exercises["cat-cow"])
    assert re.fullmatch(r'"[0-9a-f]{20}"', response.headers["etag"])


def test_asking_again_with_the_etag_gets_a_304_without_the_figure(client: TestClient) -> None:
    etag = client.get("/figures/pigeon-pose.svg").headers["etag"]
    again = client.get("/figures/pigeon-pose.svg", headers={"If-None-Match": f'"other", {etag}'})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert client.get("/figures/pigeon-pose.svg", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_the_still_figure_is_served_for_reduced_motion(client: TestClient) -> None:
    still = client.get("/figures/cat-cow.svg", params={"still": "true"})
    assert still.text == still_svg(builtin_catalog().exercises["cat-cow"])
    assert still.headers["etag"] != client.get("/figures/cat-cow.svg").headers["etag"]


def test_an_unknown_figure_is_a_404(client: TestClient) -> None:
    response = client.get("/figures/no-such-stretch.svg")
    assert response.status_code == 404
    assert "no exercise 'no-such-stretch'" in html.unescape(response.text).lower()


def test_a_broken_pose_in_a_users_file_is_a_400_naming_the_file(client: TestClient, home: Path) -> None:
    data = yaml.safe_load((BUILTIN / "wall-calf-stretch.yaml").read_text())
    data.update(id="my-calf", name="My calf", easier=[], harder=[])
    data["pose"]["props"][0]["at"] = [110, 0]  # the wall, out of reach of the hands
    (home / "exercises").mkdir()
    (home / "exercises" / "my-calf.yaml").write_text(yaml.safe_dump(data))
    response = client.get("/figures/my-calf.svg")
    assert response.status_code == 400
    assert "my-calf.yaml: pose.props[0]: nothing touches the wall" in html.unescape(response.text)


def test_the_exercise_page_shows_the_figure_with_its_words_and_a_still_one_for_reduced_motion(
    client: TestClient,
) -> None:
    page = client.get("/exercises/wall-calf-stretch").text
    alt = html.escape(describe_figure(builtin_catalog().exercises["wall-calf-stretch"]))
    assert f'<img src="/figures/wall-calf-stretch.svg" alt="{alt}" width="360" height="300">' in page
    assert (
        '<source media="(prefers-reduced-motion: reduce)" srcset="/figures/wall-calf-stretch.svg?still=true">' in page
    )


def test_every_card_of_a_plan_shows_its_exercise_figure(client: TestClient) -> None:
    screen(client)
    page = client.get("/plan", params={"conditions": "sciatica", "minutes": "15"}).text
    cards = re.findall(r'<li class="card exercise-card">.*?</li>', page, flags=re.S)
    assert cards
    for card in cards:
        exercise_id = re.search(r'href="/exercises/([a-z0-9-]+)"', card).group(1)  # type: ignore[union-attr]
        tag = rf'<img src="/figures/{exercise_id}.svg" alt="([^"]*)" width="180" height="150" loading="lazy">'
        image = re.search(tag, card)
        assert image is not None, card
        assert html.unescape(image.group(1)) == describe_figure(builtin_catalog().exercises[exercise_id])


def test_the_left_side_is_served_mirrored_and_cached_apart(client: TestClient) -> None:
    right = client.get("/figures/standing-quad-stretch.svg")
    left = client.get("/figures/standing-quad-stretch.svg", params={"side": "left"})
    assert left.text == exercise_svg(builtin_catalog().exercises["standing-quad-stretch"], side="left")
    assert left.headers["etag"] != right.headers["etag"]
    assert client.get("/figures/standing-quad-stretch.svg", params={"side": "up"}).status_code == 422
