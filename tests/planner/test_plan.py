from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.content import builtin_catalog, builtin_safety
from tests.planner import properties

from supple.errors import BadRequest
from supple.planner.order import RELAXING
from supple.planner.plan import Plan, build_plan
from supple.planner.request import PlanRequest
from supple.safety.rules import active_precautions

CATALOG = builtin_catalog()
SAFETY = builtin_safety()
VOCAB = CATALOG.vocabulary
CONDITIONS = sorted(VOCAB.conditions)


def plan(
    conditions: list[str], minutes: int, answers: tuple[str, ...] = (), exercise_ids=(), **options: object
) -> Plan:
    request = PlanRequest(conditions=tuple(conditions), minutes=minutes, **options)  # type: ignore[arg-type]
    request = request.checked(VOCAB, exercise_ids=exercise_ids)
    precautions = active_precautions(SAFETY, answers=answers, conditions=request.conditions)
    return build_plan(CATALOG, request, precautions=precautions)


def exercises(result: Plan) -> list[str]:
    return [item.exercise.id for item in result.items]


def positions(result: Plan) -> list[str]:
    return [item.exercise.position for item in result.items if item.exercise.kind != "warmup"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=properties.requests, answers=properties.answers)
def test_any_request_stays_in_budget_and_respects_every_limit(options: dict[str, Any], answers: set[str]) -> None:
    """Never over budget, never an excluded exercise, positions in one stretch each (bench/properties.py
    runs 10,000 of these)."""
    result = properties.plan_within_limits(options, answers)
    assert result is None or result.items


def test_the_same_request_gives_the_same_plan() -> None:
    first = plan(["sciatica", "hip-pain"], 25).to_json()
    assert all(plan(["sciatica", "hip-pain"], 25).to_json() == first for _ in range(3))


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_gets_a_routine_that_covers_it(condition: str) -> None:
    result = plan([condition], 20)
    assert result.conditions_covered == (condition,)
    assert result.total_seconds <= 20 * 60


@pytest.mark.parametrize(
    ("conditions", "minutes"),
    [(["lower-back-pain"], 20), (["hip-pain", "sciatica"], 30), (["lower-back-pain", "knee-pain"], 45)],
)
def test_a_plan_uses_most_of_the_time_when_there_is_enough_to_do(conditions: list[str], minutes: int) -> None:
    assert plan(conditions, minutes).total_seconds >= 0.7 * minutes * 60


def test_a_warm_up_comes_first_scaled_to_the_budget() -> None:
    for minutes, warm in [(10, 300), (30, 300), (45, 480), (60, 600), (90, 600)]:
        first = plan(["lower-back-pain"], minutes).items[0]
        assert (first.exercise.kind, first.dosage.hold_s) == ("warmup", warm)


def test_short_budgets_get_a_short_warm_up_or_none_and_say_why() -> None:
    short = plan(["lower-back-pain"], 8)
    assert short.items[0].dosage.hold_s == 120 and "2-minute warm-up" in short.notes[0]
    none = plan(["lower-back-pain"], 5)
    assert none.items[0].exercise.kind != "warmup" and "No warm-up" in none.notes[0]
    warmed = plan(["lower-back-pain"], 20, warmed_up=True)
    assert warmed.items[0].exercise.kind != "warmup" and "just been active" in warmed.notes[0]


def test_a_warm_up_swapped_out_is_left_out_with_advice_to_warm_up_another_way() -> None:
    swapped = plan(["lower-back-pain"], 20, without=("light-cardio-warmup",), exercise_ids=CATALOG.exercises)
    assert all(item.exercise.kind != "warmup" for item in swapped.items)
    assert "swapped it out" in swapped.notes[0] and "5-10 minutes of light cardio" in swapped.notes[0]
    assert swapped.total_seconds >= 0.7 * 20 * 60  # the time goes to stretches instead


def test_the_doses_follow_the_stretching_guidance() -> None:
    for item in plan(["lower-back-pain", "hip-pain"], 60).items:
        dosage, exercise = item.dosage, item.exercise
        if exercise.kind == "static" and dosage.hold_s:
            assert 20 <= dosage.hold_s <= 30 and dosage.reps == 3
        if exercise.sided:
            sides = {step.side for step in item.steps if step.kind not in ("move", "ready")}
            assert sides == {"left", "right"}


def test_dynamic_moves_come_before_still_holds_in_the_same_position() -> None:
    result = plan(["lower-back-pain"], 30)
    for position in set(positions(result)):
        kinds = [i.exercise.kind for i in result.items if i.exercise.position == position]
        if "dynamic" in kinds and "static" in kinds:
            assert kinds.index("dynamic") < kinds.index("static")


def test_a_relaxing_stretch_ends_the_routine_when_it_is_in_the_last_position() -> None:
    result = plan(["lower-back-pain"], 20, avoid_positions=("seated-floor", "side-lying", "prone", "all-fours"))
    last_position = result.items[-1].exercise.position
    relaxing_there = [i for i in result.items if i.exercise.id in RELAXING and i.exercise.position == last_position]
    assert relaxing_there, exercises(result)
    assert result.items[-1].exercise.id in RELAXING


def test_no_floor_keeps_everything_standing_or_on_a_chair() -> None:
    result = plan(["hip-pain", "knee-pain"], 20, no_floor=True)
    assert set(positions(result)) <= {"standing", "seated-chair"}


def test_precautions_shape_the_plan() -> None:
    hip = plan(["hip-pain", "sciatica"], 30, answers=("hip-replacement",))
    assert not {"pigeon-pose", "modified-pigeon", "supine-figure-four", "seated-glute-stretch"} & set(exercises(hip))
    assert any("surgeon" in note for note in hip.notes)
    knees = plan(["lower-back-pain"], 30, answers=("knee-trouble",), equipment=("chair", "wall"))
    assert not {"kneels"} & {d for i in knees.items for d in i.exercise.demands}
    padded = plan(["lower-back-pain"], 30, answers=("knee-trouble",))
    kneeling = [i for i in padded.items if "kneels" in i.exercise.demands]
    assert kneeling and all("pillow" in i.modifications[0] for i in kneeling)


def test_a_request_nothing_can_satisfy_says_which_limit_excluded_what() -> None:
    with pytest.raises(BadRequest) as caught:
        plan(["si-joint-pain"], 20, no_floor=True)
    message = str(caught.value)
    assert "no exercise for SI joint pain fits your limits" in message
    assert "SI joint knee push: its position (lying on your back) is one you asked to avoid" in message


def test_too_little_time_says_so() -> None:
    # with nothing at hand, every leg-pain stretch takes a little over 3 minutes
    with pytest.raises(
        BadRequest, match="no exercise fits in 3 minutes with the warm-up: the shortest takes about 189 s"
    ):
        plan(["leg-pain"], 3, equipment=("none",))


def test_an_uncovered_condition_is_named_with_the_reason() -> None:
    result = plan(["lower-back-pain", "si-joint-pain"], 20, no_floor=True)
    assert result.conditions_uncovered == ("si-joint-pain",)
    assert any(
        "Nothing for SI joint pain could be included" in note and "asked to avoid" in note for note in result.notes
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"conditions": ("backache",), "minutes": 20}, "unknown condition 'backache'"),
        ({"conditions": ("sciatica",), "minutes": 2}, "minutes must be between 3 and 90"),
        ({"conditions": ("sciatica",), "minutes": 91}, "minutes must be between 3 and 90"),
        ({"conditions": ("sciatica",), "minutes": 20, "equipment": ("rope",)}, "unknown equipment 'rope'"),
        ({"conditions": ("sciatica",), "minutes": 20, "equipment": ("none", "wall")}, "cannot be combined"),
        ({"conditions": ("sciatica",), "minutes": 20, "avoid_positions": ("upside-down",)}, "unknown position"),
        ({"conditions": (), "minutes": 20}, "say what bothers you"),
    ],
)
def test_bad_requests_say_what_is_valid(options: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(BadRequest, match=message):
        PlanRequest(**options).checked(VOCAB)


def test_an_unknown_condition_offers_the_valid_ones_for_the_adapters_to_list() -> None:
    with pytest.raises(BadRequest) as refused:
        PlanRequest(conditions=("backache",), minutes=20).checked(VOCAB)
    assert refused.value.topic == "unknown-choice" and refused.value.choices[0] == "ankle-pain"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_the_bundled_catalogue_is_always_solved_to_proven_optimality(condition: str) -> None:
    for minutes in (10, 45, 90):
        result = plan([condition, "lower-back-pain"] if condition != "lower-back-pain" else [condition], minutes)
        assert not any("search limit" in note for note in result.notes)


def personal_plan(personal, conditions=("sciatica",), minutes=30):
    from supple.planner.personal import Personal

    request = PlanRequest(conditions=tuple(conditions), minutes=minutes).checked(VOCAB)
    return build_plan(CATALOG, request, personal=Personal(**personal))


def test_a_persons_own_hold_replaces_the_catalogue_dose_keeping_the_per_muscle_cap() -> None:
    base = plan(["sciatica"], 30)
    static = next(i for i in base.items if i.exercise.kind == "static" and i.dosage.hold_s)
    grown = personal_plan({"hold_s": {static.exercise.id: 60}})
    item = next(i for i in grown.items if i.exercise.id == static.exercise.id)
    assert item.dosage.hold_s == 60
    assert item.dosage.reps == 1  # 60 s once: about a minute per muscle, as the guidance says


def test_a_stretch_that_hurt_last_time_gives_way_to_its_easier_version() -> None:
    base = plan(["sciatica"], 30)
    hurting = next(i.exercise for i in base.items if i.exercise.easier)
    after = personal_plan({"avoid": {hurting.id: "it hurt last time, so its easier version comes instead"}})
    assert hurting.id not in exercises(after)


def test_the_tighter_side_gets_one_more_rep_and_a_note() -> None:
    base = plan(["sciatica"], 30)
    sided = next(i for i in base.items if i.exercise.sided and i.exercise.kind == "static")
    after = personal_plan({"extra_rep": {sided.exercise.id: "right"}})
    item = next(i for i in after.items if i.exercise.id == sided.exercise.id)
    holds = [(s.side, s.rep) for s in item.steps if s.kind in ("hold", "breaths")]
    assert holds.count(("right", item.dosage.reps + 1)) == 1
    assert sum(1 for side, _ in holds if side == "right") == sum(1 for side, _ in holds if side == "left") + 1
    assert any("tighter" in note for note in after.notes)
    assert after.total_seconds <= 30 * 60
