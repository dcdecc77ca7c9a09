"""A pose is drawn only if a body could hold it: joint limits, contact, and the picture's edges."""

from __future__ import annotations

import pytest

from supple.figures import pose_problems
from supple.figures.anatomy import LIMITS

from .helpers import CHAIR, SITTING, STANDING, pose, standing


def only(problems: list[tuple[str, str]]) -> tuple[str, str]:
    assert len(problems) == 1, problems
    return problems[0]


def test_the_plain_standing_and_sitting_figures_are_drawable() -> None:
    assert pose_problems(standing()) == []
    assert pose_problems(pose(SITTING, props=[CHAIR])) == []


def test_a_knee_bent_beyond_what_a_knee_can_do_is_refused_naming_the_joint_and_its_range() -> None:
    field, problem = only(pose_problems(standing(knees=[0, 200])))
    assert field == "pose.frames[0].knees[1]"
    assert problem == "the far knee at 200° is not anatomically possible: a knee bends from -5° to 160°"


def test_a_knee_bent_backwards_is_refused_too() -> None:
    field, problem = only(pose_problems(standing(knees=[-30, 0])))
    assert (field, problem.split(" at ")[0]) == ("pose.frames[0].knees[0]", "the near knee")


@pytest.mark.parametrize("field", sorted(LIMITS))
def test_every_joint_may_reach_the_ends_of_its_range_but_not_beyond(field: str) -> None:
    low, high = LIMITS[field][:2]
    # Floating or sunk figures are beside the point here: only the joint problems count.
    for angle in (low, high):
        joints = [p for p in pose_problems(standing(**{field: angle})) if ".frames[0]." in p[0]]
        assert joints == [], (field, angle)
    for angle in (low - 1, high + 1):
        joints = [p for p in pose_problems(standing(**{field: angle})) if ".frames[0]." in p[0]]
        assert joints and all(field in path for path, _ in joints), (field, angle)


def test_a_later_key_pose_is_checked_as_well_as_the_first() -> None:
    problems = pose_problems(pose(STANDING, {"elbows": [170, 0]}))
    assert [field for field, _ in problems] == ["pose.frames[1].elbows[0]"]


def test_a_floating_figure_is_refused() -> None:
    field, problem = only(pose_problems(standing(at=[0, 104])))
    assert field == "pose.frames[0]"
    assert problem == "the figure floats 10 cm above the floor and rests on no support"


def test_a_figure_sunk_into_the_floor_is_refused() -> None:
    field, problem = only(pose_problems(standing(at=[0, 86])))
    assert field == "pose.frames[0]"
    assert problem.startswith("the ") and "cm below the floor" in problem


def test_a_figure_resting_on_its_support_does_not_float() -> None:
    # Sitting with the feet dangling: nothing is on the floor, but the chair holds the body.
    dangling = {**SITTING, "knees": 40}
    assert pose_problems(pose(dangling, props=[CHAIR])) == []
    assert "floats" in only(pose_problems(pose(dangling)))[1]


def test_a_support_nobody_touches_is_refused_naming_the_prop() -> None:
    field, problem = only(pose_problems(pose(STANDING, props=[{"kind": "chair", "at": [80, 0]}])))
    assert field == "pose.props[0]"
    assert problem == "nothing touches the chair in pose.frames[0]; move it under or beside the body"


def test_a_wall_must_be_where_the_hands_are() -> None:
    leaning = {**STANDING, "shoulders": 90}
    wall_far_away = pose(leaning, props=[{"kind": "wall", "at": [90, 0]}])
    assert "nothing touches the wall" in only(pose_problems(wall_far_away))[1]
    assert pose_problems(pose(leaning, props=[{"kind": "wall", "at": [62, 0]}])) == []


def test_a_body_passing_through_a_prop_is_refused() -> None:
    field, problem = only(pose_problems(pose(STANDING, props=[{"kind": "raised-surface", "at": [0, 0]}])))
    assert field == "pose.frames[0]"
    assert "cm into the raised surface (pose.props[0])" in problem


def test_a_figure_outside_its_picture_is_refused_naming_the_edge() -> None:
    field, problem = only(pose_problems(standing(at=[150, 94])))
    assert field == "pose.frames[0]"
    assert problem.endswith("beyond the right edge of the picture; move `at`")
    assert "top edge" in only(pose_problems(standing(shoulders=180)))[1]


def test_what_is_outside_the_picture_depends_on_the_view() -> None:
    lying_far_right = {"at": [90, 10], "trunk": -90, "neck": 10}
    assert "beyond the right edge" in only(pose_problems(pose(lying_far_right)))[1]
    assert pose_problems(pose(lying_far_right, view="front")) == []  # seen from the feet, x is depth


def test_a_strap_must_run_between_points_the_body_has() -> None:
    strap = {"kind": "strap", "between": ["near.hand", "near.tail"]}
    field, problem = only(pose_problems(pose(STANDING, props=[strap])))
    assert field == "pose.props[0].between[1]"
    assert problem.startswith("no body point 'near.tail'; valid: far.ankle, ")


def test_a_ball_needs_room_between_the_knees() -> None:
    ball = {"kind": "ball", "between": ["near.knee", "far.knee"]}
    hook_lying = {"at": [0, 10], "trunk": -90, "neck": 10, "hips": 45, "knees": 90, "ankles": -45}
    assert only(pose_problems(pose(hook_lying, props=[ball])))[1] == "the ball has 6 cm of room; it needs 12 to 36"
    apart = {**hook_lying, "hips_out": 12}
    assert pose_problems(pose(apart, props=[ball])) == []
