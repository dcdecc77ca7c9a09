"""Every exercise in the real catalogue has a figure a body could hold, in its picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from tests.content import builtin_catalog

from supple.catalog.models import Exercise
from supple.errors import DataFileError
from supple.figures import exercise_problems, exercise_svg, still_svg

CATALOG = builtin_catalog()
IDS = sorted(CATALOG.exercises)
# Equipment an exercise cannot be done without, and the prop that shows it in the figure.
PROP_FOR = {"wall": "wall", "chair": "chair", "strap": "strap", "resistance-band": "band", "ball": "ball",
            "raised-surface": "raised-surface"}  # fmt: skip


def exercise(exercise_id: str) -> Exercise:
    return CATALOG.exercises[exercise_id]


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_its_own_pose(exercise_id: str) -> None:
    assert exercise(exercise_id).pose is not None


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_pose_is_possible_touches_the_floor_or_its_support_and_fits_its_picture(exercise_id: str) -> None:
    problems = exercise_problems(exercise(exercise_id))
    if problems:  # reported the way a broken catalogue file is: the file, the field, the problem
        raise DataFileError(CATALOG.origins[exercise_id], *problems[0])


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_figure_is_a_well_formed_svg(exercise_id: str) -> None:
    root = ET.fromstring(exercise_svg(exercise(exercise_id)))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_moves_from_its_start_into_its_position_each_key_pose_named(exercise_id: str) -> None:
    ex = exercise(exercise_id)
    assert ex.pose is not None
    assert len(ex.pose.frames) >= 2, "a start and an end at least"
    assert all(frame.label for frame in ex.pose.frames), "each key pose says what it is"
    assert "@keyframes" in exercise_svg(ex) and "@keyframes" not in still_svg(ex)


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_figure_stays_small_enough_to_send_with_every_page(exercise_id: str) -> None:
    ex = exercise(exercise_id)
    for svg in (exercise_svg(ex), still_svg(ex), exercise_svg(ex, side="left")):
        assert len(svg.encode()) < 30_000


def test_the_seated_glute_stretch_shows_each_of_its_three_positions() -> None:
    ex = exercise("seated-glute-stretch")
    assert ex.pose is not None and len(ex.pose.frames) == 4  # the start, then three positions
    root = ET.fromstring(still_svg(ex))
    numbers = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert numbers == ["1", "2", "3"]  # printed side by side, numbered as the steps go


# What the steps say the hands hold, in every key pose past the start.
HELD = {
    "single-knee-to-chest": {("near", "near.knee"), ("far", "near.knee")},
    "double-knee-to-chest": {("near", "near.knee"), ("far", "far.knee")},
    "si-joint-knee-push": {("near", "near.thigh"), ("far", "near.thigh")},
    "supine-figure-four": {("near", "far.thigh"), ("far", "far.thigh")},
    "standing-quad-stretch": {("near", "near.ankle")},
    "side-lying-quad-stretch": {("near", "near.ankle")},
    "butterfly-stretch": {("near", "near.ankle"), ("far", "far.ankle")},
    "standing-hamstring-stretch": {("near", "near.shin"), ("far", "near.shin")},
    "seated-hamstring-stretch": {("near", "near.shin"), ("far", "near.shin")},
}


@pytest.mark.parametrize("exercise_id", sorted(HELD))
def test_the_hands_hold_what_the_steps_say(exercise_id: str) -> None:
    ex = exercise(exercise_id)
    assert ex.pose is not None
    final = ex.pose.frames[-1]
    assert {(grip.hand, grip.part) for grip in final.holds} == HELD[exercise_id]


def test_a_strap_runs_from_the_hands_round_the_foot_and_a_belt_round_both_thighs() -> None:
    strap = exercise("supine-hamstring-strap-stretch").pose
    belt = exercise("shotgun-belt-press").pose
    assert strap is not None and belt is not None
    assert [p.between for p in strap.props if p.between] == [("near.hand", "near.toe", "far.hand")]
    assert [p.between for p in belt.props if p.between] == [("near.thigh", "far.thigh")]


# Where the way to move is the instruction, an arrow shows it.
ARROWS = {
    "shotgun-belt-press": {"near.knee", "far.knee"},
    "knee-ball-squeeze": {"near.knee", "far.knee"},
    "pelvic-tilts": {"waist"},
    "cat-cow": {"waist"},
    "seated-glute-stretch": {"near.knee", "head"},
    "kneeling-hip-flexor-stretch": {"pelvis"},
    "supine-hamstring-strap-stretch": {"near.heel"},
}


@pytest.mark.parametrize("exercise_id", sorted(ARROWS))
def test_an_arrow_shows_the_way_where_the_way_is_the_instruction(exercise_id: str) -> None:
    ex = exercise(exercise_id)
    assert ex.pose is not None
    assert {name for frame in ex.pose.frames for name in frame.arrows} == ARROWS[exercise_id]
    assert 'class="ar' in exercise_svg(ex)


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_equipment_an_exercise_needs_is_in_its_figure(exercise_id: str) -> None:
    ex = exercise(exercise_id)
    assert ex.pose is not None
    shown = {prop.kind for prop in ex.pose.props}
    needed = {PROP_FOR[item] for item in ex.equipment.required if item in PROP_FOR}
    assert needed <= shown


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_view_is_named_in_the_words(exercise_id: str) -> None:
    # A reader of the text alternative needs to know where the figure is seen from.
    pose = exercise(exercise_id).pose
    assert pose is not None
    opening = pose.description.split(":")[0].lower()
    assert any(word in opening for word in ("view", "seen from", "facing the viewer")), pose.description


def test_the_near_limb_is_the_working_one_in_sided_stretches() -> None:
    # By convention the stretched side is nearer the viewer, drawn darker, and highlighted.
    for ex in CATALOG:
        if ex.sided and ex.pose is not None:
            assert ex.pose.stretched in (None, "near"), ex.id
