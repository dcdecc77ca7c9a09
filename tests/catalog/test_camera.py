"""What the camera can check of an exercise is data in the catalogue (catalog/camera.py): checked on
load like the rest, and only ever for an exercise whose pose it is worked out from."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from tests.catalog.test_models import exercise
from tests.content import builtin_catalog

from supple.catalog.models import Exercise

POSE = {"description": "A person standing.", "frames": [{"at": [0, 94]}, {"at": [0, 94], "trunk": 20}]}
KNEE = {"angle": ["near.hip", "near.knee", "near.ankle"], "within": 10, "too_small": "Straighten your leg."}


def problem(**changes: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Exercise.model_validate(exercise(**changes))
    return str(caught.value)


def test_a_camera_check_loads_with_the_pose_it_is_measured_against() -> None:
    loaded = Exercise.model_validate(exercise(pose=POSE, camera={"view": "side", "checks": [KNEE]}))
    assert loaded.camera is not None and loaded.camera.checks[0].points == ("near.hip", "near.knee", "near.ankle")


def test_an_exercise_without_a_pose_cannot_be_checked_by_camera() -> None:
    assert "worked out from the pose" in problem(camera={"view": "side", "checks": [KNEE]})


def test_the_key_pose_checked_must_be_one_of_the_pose() -> None:
    assert "has 2 key poses" in problem(pose=POSE, camera={"view": "side", "key_pose": 2, "checks": [KNEE]})


def test_a_check_measures_one_thing_and_says_what_to_correct() -> None:
    both = {**KNEE, "lean": ["pelvis", "neck"]}
    assert "either an `angle`" in problem(pose=POSE, camera={"view": "side", "checks": [both]})
    silent = {"lean": ["pelvis", "neck"], "within": 10}
    assert "says what to correct" in problem(pose=POSE, camera={"view": "side", "checks": [silent]})
    unknown = {**KNEE, "angle": ["near.hip", "near.nose", "near.ankle"]}
    assert "camera.checks.0.angle" in problem(pose=POSE, camera={"view": "side", "checks": [unknown]})


def test_the_built_in_catalogue_checks_the_first_three_from_the_side() -> None:
    checked = {e.id: e.camera for e in builtin_catalog().exercises.values() if e.camera is not None}
    assert {"kneeling-hip-flexor-stretch", "standing-quad-stretch", "wall-calf-stretch"} <= set(checked)
    assert all(camera.view in ("side", "front", "back") for camera in checked.values())
    assert checked["fire-hydrant"].view == "back", "on all fours, the knee swings out sideways seen from behind"
