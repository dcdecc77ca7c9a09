from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.catalog.pose import PAIRED, KeyPose
from supple.figures.anatomy import LIMITS
from supple.figures.body import (
    FOREARM,
    HEEL,
    HIP_HALF_WIDTH,
    NECK,
    SHIN,
    SHOULDER_HALF_WIDTH,
    THIGH,
    TOE,
    TRUNK,
    UPPER_ARM,
    solve,
)
from supple.figures.camera import Camera
from supple.figures.geometry import Vec


def _angle(field: str) -> st.SearchStrategy[float]:
    low, high = LIMITS[field][:2]
    return st.floats(min_value=low, max_value=high, allow_nan=False)


@st.composite
def key_poses(draw: st.DrawFn, *, symmetric: bool = False, sagittal: bool = False) -> KeyPose:
    """Any key pose whose joints are all within their limits, anywhere and at any orientation."""
    fields: dict[str, object] = {
        "at": [draw(st.floats(-100, 100)), draw(st.floats(0, 150)), draw(st.floats(-50, 50))],
        "trunk": draw(st.floats(-180, 180)),
        "turn": 0 if sagittal else draw(st.floats(-180, 180)),
    }
    for field in LIMITS:
        if sagittal and field in ("twist", "side_bend", "neck_turn", "hips_out", "hips_rotate", "shoulders_out"):
            continue
        if field in PAIRED:
            near = draw(_angle(field))
            fields[field] = [near, near if symmetric else draw(_angle(field))]
        else:
            fields[field] = draw(_angle(field))
    return KeyPose.model_validate(fields)


def distance(a: Vec, b: Vec) -> float:
    return a.minus(b).length()


@settings(max_examples=300)
@given(key_poses())
def test_every_segment_keeps_its_length_whatever_the_angles(pose: KeyPose) -> None:
    body = solve(pose)
    p = body.points
    for side in ("near", "far"):
        assert math.isclose(distance(p[f"{side}.hip"], p[f"{side}.knee"]), THIGH, abs_tol=1e-6)
        assert math.isclose(distance(p[f"{side}.knee"], p[f"{side}.ankle"]), SHIN, abs_tol=1e-6)
        assert math.isclose(distance(p[f"{side}.heel"], p[f"{side}.toe"]), HEEL + TOE, abs_tol=1e-6)
        assert math.isclose(distance(p[f"{side}.shoulder"], p[f"{side}.elbow"]), UPPER_ARM, abs_tol=1e-6)
        assert math.isclose(distance(p[f"{side}.elbow"], p[f"{side}.hand"]), FOREARM, abs_tol=1e-6)
    assert math.isclose(distance(p["pelvis"], p["waist"]) + distance(p["waist"], p["neck"]), TRUNK, abs_tol=1e-6)
    assert math.isclose(distance(p["neck"], p["head"]), NECK, abs_tol=1e-6)
    assert math.isclose(distance(p["near.hip"], p["far.hip"]), 2 * HIP_HALF_WIDTH, abs_tol=1e-6)
    assert math.isclose(distance(p["near.shoulder"], p["far.shoulder"]), 2 * SHOULDER_HALF_WIDTH, abs_tol=1e-6)


@given(key_poses())
def test_the_pelvis_is_where_the_pose_puts_it(pose: KeyPose) -> None:
    assert tuple(solve(pose).points["pelvis"]) == tuple(pose.at)


@given(key_poses(symmetric=True, sagittal=True))
def test_the_same_angles_on_both_sides_mirror_the_near_limbs_onto_the_far(pose: KeyPose) -> None:
    points = solve(pose).points
    centre = points["pelvis"].z
    for name in ("knee", "ankle", "toe", "elbow", "hand"):
        near, far = points[f"near.{name}"], points[f"far.{name}"]
        assert math.isclose(near.x, far.x, abs_tol=1e-6) and math.isclose(near.y, far.y, abs_tol=1e-6)
        assert math.isclose(near.z - centre, centre - far.z, abs_tol=1e-6)


@given(key_poses(), st.floats(-180, 180), st.floats(-90, 90))
def test_no_part_looks_longer_in_the_picture_than_it_is(pose: KeyPose, azimuth: float, elevation: float) -> None:
    camera = Camera(azimuth, elevation)
    for segment in solve(pose).segments:
        (x0, y0), (x1, y1) = camera.project(segment.start), camera.project(segment.end)
        assert math.hypot(x1 - x0, y1 - y0) <= distance(segment.start, segment.end) + 1e-6


def test_an_upright_figure_is_as_tall_as_an_adult_with_the_joints_at_their_usual_heights() -> None:
    body = solve(KeyPose.model_validate({"at": [0, 90.5]}))
    p = body.points
    assert math.isclose(p["near.heel"].y, 0.0, abs_tol=1e-6)
    assert 168 <= body.head.y + 11 <= 172  # the top of the head
    assert 45 <= p["near.knee"].y <= 52 and 135 <= p["near.shoulder"].y <= 145
    assert p["near.toe"].x > p["near.heel"].x  # the feet point the way the figure faces


def test_bending_a_joint_moves_the_limb_the_way_its_name_says() -> None:
    forward = solve(KeyPose.model_validate({"at": [0, 90], "hips": [90, 0], "shoulders": [90, 0]})).points
    assert forward["near.knee"].x > 40 and math.isclose(forward["far.knee"].x, 0, abs_tol=1e-6)
    assert forward["near.hand"].x > 50
    bent = solve(KeyPose.model_validate({"at": [0, 90], "knees": [90, 0], "elbows": [90, 0]})).points
    assert bent["near.ankle"].x < -40  # a knee bends the shin back
    assert bent["near.hand"].x > 20  # an elbow bends the forearm forward
    out = solve(KeyPose.model_validate({"at": [0, 90], "hips_out": [45, 45]})).points
    assert out["near.knee"].z > 30 and out["far.knee"].z < -30
    lying = solve(KeyPose.model_validate({"at": [0, 10], "trunk": -90})).points
    assert lying["head"].x < -60 and math.isclose(lying["head"].y, 10, abs_tol=1e-6)


@settings(max_examples=150)
@given(key_poses(), st.sampled_from(["near.knee", "far.thigh", "near.ankle", "waist", "far.shin"]),
       st.sampled_from(["front", "back", "outer", "inner", "middle"]))  # fmt: skip
def test_an_arm_reaching_for_what_its_hand_holds_keeps_its_length(pose: KeyPose, part: str, face: str) -> None:
    holding = KeyPose.model_validate({**pose.model_dump(mode="json"), "holds": [{"hand": "near", "part": part,
                                                                                   "face": face}]})  # fmt: skip
    p = solve(holding).points
    assert math.isclose(distance(p["near.shoulder"], p["near.elbow"]), UPPER_ARM, abs_tol=1e-6)
    assert math.isclose(distance(p["near.elbow"], p["near.hand"]), FOREARM, abs_tol=1e-6)


def test_a_hand_holding_a_knee_in_reach_is_on_the_knee() -> None:
    lying = {"at": [10, 10.5], "trunk": -90, "hips": [125, 45], "knees": [110, 90]}
    held = solve(KeyPose.model_validate({**lying, "holds": [{"hand": "near", "part": "near.knee", "face": "front"}]}))
    free = solve(KeyPose.model_validate(lying))
    knee = held.points["near.knee"]
    assert distance(held.points["near.hand"], knee) < 8 < distance(free.points["near.hand"], knee)
