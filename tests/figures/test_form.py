"""The form check's data (figures/form.py): a key pose seen as the pose model's 33 landmarks, and each
checkable exercise's checks with the landmarks they read, its reference and what to say when a
point is out of view."""

from __future__ import annotations

from tests.content import builtin_catalog

from supple.figures.form import LANDMARKS, corrections, form_spec, held_pose, landmark_indices, pose_landmarks

CHECKED = [e for e in builtin_catalog().exercises.values() if e.camera is not None]
LEFT_KNEE, RIGHT_KNEE = 25, 26


def test_near_is_the_side_the_step_names() -> None:
    assert landmark_indices("near.knee", "right") == [RIGHT_KNEE]
    assert landmark_indices("near.knee", "left") == [LEFT_KNEE]
    assert landmark_indices("far.knee", "left") == [RIGHT_KNEE]
    assert landmark_indices("neck", "left") == [11, 12] and landmark_indices("pelvis", "right") == [23, 24]


def test_a_key_pose_is_seen_whole_inside_the_picture_as_33_landmarks() -> None:
    for exercise in CHECKED:
        marks = pose_landmarks(held_pose(exercise), view="side")
        assert len(marks) == LANDMARKS
        assert all(0 <= m.x <= 1 and 0 <= m.y <= 1 for m in marks), exercise.id
        feet, head = max(m.y for m in marks[25:]), marks[0].y
        assert head < feet, "the picture's y runs down, head above the feet"


def test_the_left_side_is_the_mirror_image_with_the_labels_swapped() -> None:
    exercise = builtin_catalog().exercises["kneeling-hip-flexor-stretch"]
    right = pose_landmarks(held_pose(exercise), view="side")
    left = pose_landmarks(held_pose(exercise), view="side", side="left")
    assert (left[LEFT_KNEE].x, left[LEFT_KNEE].y) == (right[RIGHT_KNEE].x, right[RIGHT_KNEE].y)
    turned = pose_landmarks(held_pose(exercise), view="side", turned=True)
    assert abs(turned[RIGHT_KNEE].x - (1 - right[RIGHT_KNEE].x)) < 1e-9


def test_each_checkable_exercise_gives_the_judge_all_it_needs_and_the_rest_none() -> None:
    for exercise in builtin_catalog().exercises.values():
        spec = form_spec(exercise)
        if exercise.camera is None:
            assert spec is None
            continue
        assert spec is not None and spec["view"] == exercise.camera.view
        assert len(spec["reference"]) == LANDMARKS
        counted = spec["counts"]["points"] if spec["counts"] else []
        needed = {point for check in spec["checks"] for point in check["points"]} | set(counted)
        whole = {"near.hip", "far.hip"} if spec["view"] == "back" else {"head"}  # from behind: the hips down
        assert needed | whole | {"near.ankle", "far.ankle"} == set(spec["points"]) == set(spec["unseen"])
        assert spec["unseen"]["near.ankle"] == "Step back so I can see your feet."


def test_a_sets_correction_can_only_be_what_the_judge_says_for_its_exercise() -> None:
    for exercise in builtin_catalog().exercises.values():
        spec, allowed = form_spec(exercise), corrections(exercise)
        if spec is None:
            assert allowed == frozenset()
            continue
        said = {spec["say"]["nobody"], spec["say"]["turn"], *spec["say"]["switch_sides"].values()}
        checks = {cue for check in spec["checks"] for cue in (check["too_small"], check["too_large"]) if cue}
        assert allowed == said | set(spec["unseen"].values()) | checks, exercise.id
        assert spec["say"]["in_position"] not in allowed, "in position is not a correction"
        assert bool(spec["say"]["switch_sides"]) == exercise.sided
