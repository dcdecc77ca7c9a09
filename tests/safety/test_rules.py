from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.content import builtin_catalog, builtin_safety

from supple.safety.models import Precaution
from supple.safety.rules import Decision, active_precautions, decide, decide_all

CATALOG = builtin_catalog()
SAFETY = builtin_safety()
QUESTION_IDS = [q.id for q in SAFETY.questions]
CONDITIONS = sorted(CATALOG.vocabulary.conditions)
EQUIPMENT = sorted(CATALOG.vocabulary.equipment)


def decisions(
    *answers: str, equipment: list[str] | None = None, conditions: tuple[str, ...] = ()
) -> dict[str, Decision]:
    active = active_precautions(SAFETY, answers=answers, conditions=conditions)
    return decide_all(CATALOG, active, equipment=equipment)


def excluded(result: dict[str, Decision]) -> set[str]:
    return {exercise for exercise, decision in result.items() if decision.status == "excluded"}


def test_without_precautions_everything_is_allowed() -> None:
    assert {d.status for d in decisions().values()} == {"allowed"}


def test_after_a_hip_replacement_no_pigeon_figure_four_crossing_deep_bending_or_inward_turning() -> None:
    result = decisions("hip-replacement")
    assert {"pigeon-pose", "modified-pigeon", "supine-figure-four"} <= excluded(result)
    for exercise in CATALOG:
        risky = {"crosses-legs", "deep-hip-flexion", "hip-internal-rotation"} & set(exercise.demands)
        assert (exercise.id in excluded(result)) == (
            bool(risky) or exercise.id in {"pigeon-pose", "modified-pigeon", "supine-figure-four"}
        )
    assert "seated-glute-stretch" in excluded(result)  # ankle over the other knee crosses the legs
    assert "supine-spinal-twist" in excluded(result)  # the top leg turns inward
    assert "wall-calf-stretch" not in excluded(result)
    reason = result["pigeon-pose"].reasons[0]
    assert "cross the legs" in reason and "right angle" in reason and "inwards" in reason


def test_sore_knees_kneel_only_on_a_pillow() -> None:
    result = decisions("knee-trouble", equipment=["pillow", "chair"])
    hip_flexor = result["kneeling-hip-flexor-stretch"]
    assert hip_flexor.status == "modified"
    assert hip_flexor.modifications == (
        "Kneel on a folded pillow or a thick cushion under the knee, and stop if the knee hurts.",
    )


def test_sore_knees_without_a_pillow_get_the_standing_alternative() -> None:
    result = decisions("knee-trouble", equipment=["chair"])
    hip_flexor = result["kneeling-hip-flexor-stretch"]
    assert hip_flexor.status == "excluded"
    assert hip_flexor.alternatives == ("standing-quad-stretch",)
    assert result["standing-quad-stretch"].status == "allowed"
    assert {e.id for e in CATALOG if "kneels" in e.demands} == excluded(result)


def test_asking_for_help_with_knee_pain_also_pads_the_knees() -> None:
    result = decisions(conditions=("knee-pain",), equipment=["pillow"])
    assert result["childs-pose"].status == "modified"


def test_in_pregnancy_nothing_lying_on_the_back_or_front() -> None:
    result = decisions("pregnancy")
    for exercise in CATALOG:
        lying = {"lies-on-back", "lies-on-front"} & set(exercise.demands)
        assert (exercise.id in excluded(result)) == bool(lying), exercise.id
    assert exercise_positions(excluded(result)) >= {"supine"}
    assert not any(CATALOG.exercises[e].position == "supine" for e in set(CATALOG.exercises) - excluded(result))


def exercise_positions(ids: set[str]) -> set[str]:
    return {CATALOG.exercises[i].position for i in ids}


def test_with_fragile_bones_no_forward_folding_or_twisting() -> None:
    result = decisions("osteoporosis-steroids")
    assert {"supine-spinal-twist", "childs-pose", "seated-hamstring-stretch", "cat-cow"} <= excluded(result)
    assert "kneeling-hip-flexor-stretch" not in excluded(result)


def test_exclusion_wins_over_modification() -> None:
    result = decisions("knee-trouble", "hip-replacement", equipment=["pillow"])
    assert result["pigeon-pose"].status == "excluded"
    assert set(result["pigeon-pose"].precautions) == {"hip-replacement"}


@pytest.mark.parametrize("precaution", SAFETY.precautions, ids=lambda p: p.id)
def test_every_precaution_cites_its_source_and_says_why(precaution: Precaution) -> None:
    assert precaution.sources and precaution.reason
    assert precaution.note or precaution.exclude_demands or precaution.modify_demands or precaution.exclude_exercises


def test_every_caution_answer_has_a_precaution() -> None:
    covered = {answer for p in SAFETY.precautions for answer in p.when_answers}
    assert {q.id for q in SAFETY.questions if q.severity in ("caution", "adjust")} <= covered


@settings(max_examples=300, deadline=None)
@given(
    answers=st.sets(st.sampled_from(QUESTION_IDS)),
    conditions=st.sets(st.sampled_from(CONDITIONS)),
    equipment=st.one_of(st.none(), st.sets(st.sampled_from(EQUIPMENT))),
)
def test_no_excluded_exercise_ever_passes_the_filter(
    answers: set[str], conditions: set[str], equipment: set[str] | None
) -> None:
    active = active_precautions(SAFETY, answers=answers, conditions=conditions)
    for exercise in CATALOG:
        decision = decide(exercise, active, equipment=equipment)
        for precaution in active:
            if exercise.id in precaution.exclude_exercises or set(precaution.exclude_demands) & set(exercise.demands):
                assert decision.status == "excluded", (exercise.id, precaution.id)
            needs = precaution.needs_equipment
            lacks_item = needs is not None and equipment is not None and needs not in equipment
            if set(precaution.modify_demands) & set(exercise.demands) and lacks_item:
                assert decision.status == "excluded", (exercise.id, precaution.id)
        if decision.status == "modified":
            assert decision.modifications


@settings(max_examples=200, deadline=None)
@given(answers=st.sets(st.sampled_from(QUESTION_IDS)), more=st.sampled_from(QUESTION_IDS))
def test_answering_yes_to_more_never_lets_an_exercise_back_in(answers: set[str], more: str) -> None:
    before = excluded(decisions(*answers, equipment=["pillow"]))
    after = excluded(decisions(*answers, more, equipment=["pillow"]))
    assert before <= after
