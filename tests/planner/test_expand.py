from __future__ import annotations

from tests.content import builtin_catalog

from supple.planner.expand import BREATH_S, MOVE_S, READY_S, SWITCH_S, expand, total_seconds, work_steps

CATALOG = builtin_catalog()


def test_a_sided_hold_runs_each_rep_on_each_side_with_rests_and_a_switch() -> None:
    stretch = CATALOG.exercises["kneeling-hip-flexor-stretch"]  # 3 x 30 s each side, rest 10 s
    steps = expand(stretch, stretch.dosage, moving=True)
    assert [s.kind for s in steps] == [
        "move",
        "hold",
        "rest",
        "hold",
        "rest",
        "hold",
        "switch",
        "hold",
        "rest",
        "hold",
        "rest",
        "hold",
    ]
    assert [(s.side, s.rep) for s in steps if s.kind == "hold"] == [
        ("left", 1), ("left", 2), ("left", 3), ("right", 1), ("right", 2), ("right", 3),
    ]  # fmt: skip
    assert total_seconds(steps) == MOVE_S + 6 * 30 + 4 * 10 + SWITCH_S
    assert steps[3].cue.startswith("Left side, 2 of 3")


def test_getting_ready_is_short_in_the_same_position_and_longer_when_moving() -> None:
    stretch = CATALOG.exercises["childs-pose"]
    assert expand(stretch, stretch.dosage, moving=False)[0].seconds == READY_S
    assert expand(stretch, stretch.dosage, moving=True)[0].seconds == MOVE_S


def test_a_breath_paced_hold_counts_breaths_at_a_calm_pace() -> None:
    stretch = CATALOG.exercises["seated-leg-stretch-breaths"]  # 3 x 3 breaths each side
    holds = [s for s in work_steps(stretch, stretch.dosage) if s.kind == "breaths"]
    assert len(holds) == 6 and {s.seconds for s in holds} == {3 * BREATH_S}
    assert "breathe out" in holds[0].cue


def test_a_dynamic_move_is_paced_per_rep() -> None:
    cat_cow = CATALOG.exercises["cat-cow"]  # 8 cycles of 8 s
    steps = work_steps(cat_cow, cat_cow.dosage)
    assert [(s.kind, s.seconds) for s in steps] == [("reps", 64)]


def test_an_isometric_push_states_its_effort() -> None:
    push = CATALOG.exercises["si-joint-knee-push"]
    steps = [s for s in work_steps(push, push.dosage) if s.kind == "push"]
    assert len(steps) == 6 and "20% effort" in steps[0].cue and steps[0].seconds == 10


def test_the_tighter_side_can_get_one_extra_rep() -> None:
    stretch = CATALOG.exercises["supine-figure-four"]
    steps = work_steps(stretch, stretch.dosage, extra_reps={"right": 1})
    assert [s.side for s in steps if s.kind == "hold"].count("right") == 4
    assert [s.side for s in steps if s.kind == "hold"].count("left") == 3
