"""A pose is drawn only if a body could hold it: joint limits, contact, and the picture's edges."""

from __future__ import annotations

import pytest

from supple.figures import pose_problems
from supple.figures.anatomy import LIMITS
from supple.figures.body import RADII, solve
from supple.figures.contact import GRIP_REACH

from .helpers import CHAIR, HOOK_LYING, SITTING, STANDING, pose, standing


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


def test_a_strap_must_run_between_points_the_body_has() -> None:
    strap = {"kind": "strap", "between": ["near.hand", "near.tail"]}
    field, problem = only(pose_problems(pose(STANDING, props=[strap])))
    assert field == "pose.props[0].between[1]"
    assert problem.startswith("no body point 'near.tail'; valid: far.ankle, ")


def test_a_ball_needs_room_between_the_knees() -> None:
    ball = {"kind": "ball", "between": ["near.knee", "far.knee"]}
    together = {**HOOK_LYING, "hips_out": 0}
    assert only(pose_problems(pose(together, props=[ball])))[1] == "the ball has 8 cm of room; it needs 12 to 36"
    apart = {**HOOK_LYING, "hips_out": 12}
    assert pose_problems(pose(apart, props=[ball])) == []


def test_a_limb_passing_through_another_is_refused_naming_both() -> None:
    # The near knee swung across the body drives the near thigh through the other one.
    crossed = {**HOOK_LYING, "hips_out": [-30, 6], "hips_rotate": [-40, 0]}
    field, problem = only(pose_problems(pose(crossed)))
    assert (field, problem) == (
        "pose.frames[0]",
        "the near thigh passes 10 cm into the far thigh; change the angles so they only touch",
    )


def test_an_ankle_resting_on_the_other_thigh_only_touches_it() -> None:
    figure_four = {**HOOK_LYING, "hips": [86.8, 44.7], "hips_out": [33.3, 6], "hips_rotate": [62, 0],
                   "knees": [122.2, 90.3], "ankles": [0, -47.1]}  # fmt: skip
    assert pose_problems(pose(figure_four)) == []


def test_a_limb_through_the_trunk_is_refused() -> None:
    field, problem = only(pose_problems(standing(shoulders_out=[-30, 0], shoulders=[30, 0], elbows=[120, 0])))
    assert (field, problem.split(" passes ")[0]) == ("pose.frames[0]", "the near upper arm")
    assert problem.endswith("into the upper trunk; change the angles so they only touch")


def test_a_hand_holds_what_the_pose_says_within_a_few_centimetres() -> None:
    hug = {**HOOK_LYING, "hips": [125, 44.7], "knees": [110, 90.3], "ankles": [0, -47.1],
           "holds": [{"hand": "both", "part": "near.knee", "face": "front"}]}  # fmt: skip
    assert pose_problems(pose(hug)) == []
    body = solve(pose(hug).frames[0])
    for side in ("near", "far"):
        gap = body.points[f"{side}.hand"].minus(body.points["near.knee"]).length()
        assert gap < RADII["shin"][0] + 3 + GRIP_REACH, side  # on the knee's surface, not in the air


def test_a_hand_that_cannot_reach_what_it_holds_is_refused_naming_the_grip() -> None:
    reach = standing(holds=[{"hand": "near", "part": "near.ankle"}])
    field, problem = only(pose_problems(reach))
    assert field == "pose.frames[0].holds[0]"
    assert problem.startswith("the near hand is ") and "cm from the near ankle it holds" in problem


def test_a_hand_holds_a_leg_or_the_trunk_not_the_other_hand() -> None:
    field, problem = only(pose_problems(standing(holds=[{"hand": "near", "part": "far.hand"}])))
    assert field == "pose.frames[0].holds[0].part"
    assert problem.startswith("a hand holds one of: ")


def test_no_point_of_a_limb_may_go_below_the_floor() -> None:
    # Standing, with one foot pointed down through the floor: only the toes go under it.
    field, problem = only(pose_problems(standing(ankles=[-40, 0])))
    assert (field, problem.split(" is ")[0]) == ("pose.frames[0]", "the near foot")
    assert problem.endswith("below the floor; raise `at` or change the angles")
