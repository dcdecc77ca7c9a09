"""The figure services the command line and the web app share."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from tests.content import builtin_catalog

from supple.config import Settings
from supple.services.context import AppContext
from supple.services.figures import exercise_figure, figure_descriptions, write_figure

BUILTIN = Path(__file__).parents[2] / "src" / "supple" / "catalog" / "data" / "exercises"


@pytest.fixture
def settings(home: Path) -> Settings:
    """The settings of the test's SUPPLE_HOME (the `context` fixture's)."""
    return Settings(home=home)


def own_exercise(home: Path, **changes: object) -> Path:
    data = yaml.safe_load((BUILTIN / "single-knee-to-chest.yaml").read_text())
    data.update(id="my-stretch", name="My stretch", easier=[], harder=[], **changes)
    folder = home / "exercises"
    folder.mkdir(exist_ok=True)
    path = folder / "my-stretch.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_figure_comes_with_its_words_and_an_etag_that_follows_the_drawing(context: AppContext) -> None:
    moving = exercise_figure(context, exercise_id="cat-cow")
    still = exercise_figure(context, exercise_id="cat-cow", animate=False)
    assert moving.description == still.description and moving.description.startswith("Side view")
    assert moving.etag != still.etag and "@keyframes" not in still.svg
    assert exercise_figure(context, exercise_id="cat-cow") == moving


def test_a_persons_own_exercise_without_a_pose_gets_the_plain_figure_of_its_position(
    home: Path, context: AppContext
) -> None:
    own_exercise(home, pose=None)
    figure = exercise_figure(context, exercise_id="my-stretch")
    assert "A person lying on their back" in figure.description


def test_editing_a_persons_own_exercise_changes_its_figure(home: Path, context: AppContext) -> None:
    path = own_exercise(home)
    before = exercise_figure(context, exercise_id="my-stretch")
    data = yaml.safe_load(path.read_text())
    data["pose"]["frames"][0]["neck"] = 30
    path.write_text(yaml.safe_dump(data) + "\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert exercise_figure(context, exercise_id="my-stretch").etag != before.etag


def test_descriptions_for_a_page_of_cards(home: Path) -> None:
    exercises = [builtin_catalog().exercises[i] for i in ("wall-calf-stretch", "pelvic-tilts")]
    words = figure_descriptions(exercises=exercises)
    assert list(words) == ["wall-calf-stretch", "pelvic-tilts"]
    assert "It moves between two positions" in words["pelvic-tilts"]


def test_write_figure_writes_the_svg_file(context: AppContext, tmp_path: Path) -> None:
    target = write_figure(context, exercise_id="butterfly-stretch", path=tmp_path / "b.svg")
    assert target.read_text(encoding="utf-8").startswith("<svg ")


def test_a_figure_for_the_left_side_is_the_mirror_image_and_kept_apart(context: AppContext) -> None:
    right = exercise_figure(context, exercise_id="wall-calf-stretch")
    left = exercise_figure(context, exercise_id="wall-calf-stretch", side="left")
    assert left.etag != right.etag and "matrix(-1 0 0 1 " in left.svg
    assert exercise_figure(context, exercise_id="wall-calf-stretch", side="left") == left
