"""Every exercise in the real catalogue has a figure a body could hold, in its picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from tests.content import builtin_catalog

from supple.catalog.models import Exercise
from supple.errors import DataFileError
from supple.figures import exercise_problems, exercise_svg

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
def test_a_movement_shows_each_end_of_it_and_a_still_stretch_one_pose(exercise_id: str) -> None:
    ex = exercise(exercise_id)
    assert ex.pose is not None
    moving = ex.kind == "dynamic" or bool(ex.phases)
    assert (len(ex.pose.frames) >= 2) == moving
    assert ("@keyframes" in exercise_svg(ex)) == moving
    if moving:
        assert all(frame.label for frame in ex.pose.frames), "each key pose says what it is"


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
