"""The pose in an exercise file: its shape is checked on load, like every other field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from supple.catalog.loader import load_catalog
from supple.catalog.pose import Pose
from supple.errors import DataFileError

A_POSE: dict[str, Any] = {
    "description": "Side view: a person lying on their back.",
    "frames": [{"at": [10, 10], "trunk": -90, "neck": 10}],
}


def with_pose(catalog: Path, exercise: str, pose: dict[str, Any], **fields: Any) -> Path:
    path = catalog / "exercises" / f"{exercise}.yaml"
    data = yaml.safe_load(path.read_text())
    data.update(pose=pose, **fields)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def load_error(catalog: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_catalog(data=catalog)
    return caught.value


def test_a_pose_is_optional_and_loads_when_given(fixture_catalog: Path) -> None:
    with_pose(fixture_catalog, "alpha-stretch", A_POSE)
    catalog = load_catalog(data=fixture_catalog)
    pose = catalog.exercises["alpha-stretch"].pose
    assert pose is not None and pose.frames[0].trunk == -90 and pose.view == "side"
    assert catalog.exercises["beta-stretch"].pose is None


def test_one_number_sets_both_sides_and_a_pair_sets_near_then_far() -> None:
    frame = Pose.model_validate({**A_POSE, "frames": [{"at": [0, 94], "knees": 20, "hips": [30, -10]}]}).frames[0]
    assert (frame.knees, frame.hips, frame.elbows) == ((20, 20), (30, -10), (0, 0))


def test_a_later_key_pose_starts_from_the_one_before_it() -> None:
    frames = [{"at": [0, 50], "label": "down", "trunk": 70, "knees": 90}, {"label": "up", "hips_out": [50, 0]},
              {"knees": 80}]  # fmt: skip
    first, second, third = Pose.model_validate({**A_POSE, "frames": frames}).frames
    assert (second.at, second.trunk, second.knees, second.hips_out) == ((0, 50), 70, (90, 90), (50, 0))
    assert (third.label, third.hips_out, third.knees) == (None, (50, 0), (80, 80))  # labels are not inherited


def test_a_pose_field_with_a_typo_is_named_with_its_path(fixture_catalog: Path) -> None:
    path = with_pose(fixture_catalog, "alpha-stretch", {**A_POSE, "frames": [{"at": [0, 10], "knee": 40}]})
    error = load_error(fixture_catalog)
    assert (error.path, error.field) == (path, "pose.frames[0].knee")
    assert error.problem.startswith("unknown field")


def test_an_angle_that_is_not_an_angle_is_refused(fixture_catalog: Path) -> None:
    with_pose(fixture_catalog, "alpha-stretch", {**A_POSE, "frames": [{"at": [0, 10], "knees": [0, 720]}]})
    error = load_error(fixture_catalog)
    assert error.field == "pose.frames[0].knees[1]"
    assert error.problem == "must be 360 or less"


def test_a_floor_prop_needs_a_place_and_a_held_one_needs_body_points(fixture_catalog: Path) -> None:
    with_pose(fixture_catalog, "alpha-stretch", {**A_POSE, "props": [{"kind": "wall"}]})
    error = load_error(fixture_catalog)
    assert (error.field, error.problem) == ("pose.props[0]", "a wall needs `at`: where it stands, [x, z] in cm")
    with_pose(fixture_catalog, "alpha-stretch", {**A_POSE, "props": [{"kind": "strap", "between": ["near.hand"]}]})
    assert "a strap needs `between`" in load_error(fixture_catalog).problem


def test_a_movement_needs_two_key_poses(fixture_catalog: Path) -> None:
    # gamma-lift is a strength move paced in phases: one still picture cannot show it.
    with_pose(fixture_catalog, "gamma-lift", A_POSE)
    error = load_error(fixture_catalog)
    assert error.problem == "pose.frames: a movement needs at least two key poses, one for each end of it"
    with_pose(fixture_catalog, "gamma-lift", {**A_POSE, "frames": [*A_POSE["frames"], {"knees": 30}]})
    assert load_catalog(data=fixture_catalog).exercises["gamma-lift"].pose is not None


def test_a_pose_adds_one_key_to_the_exercise_json_and_changes_nothing_else(fixture_catalog: Path) -> None:
    before = load_catalog(data=fixture_catalog).exercises["alpha-stretch"].model_dump(mode="json")
    with_pose(fixture_catalog, "alpha-stretch", A_POSE)
    after = load_catalog(data=fixture_catalog).exercises["alpha-stretch"].model_dump(mode="json")
    assert before.pop("pose") is None
    assert after.pop("pose")["frames"][0]["trunk"] == -90
    assert after == before
