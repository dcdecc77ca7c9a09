from __future__ import annotations

import datetime as dt

import pytest
from tests.content import builtin_safety

from supple.errors import BadRequest
from supple.safety.models import Question
from supple.safety.screen import Screening, fresh_screening_needed, screen

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
DIAGNOSES = ("cauda equina", "syndrome", "fracture", "infection", "tumour", "you have ", "sciatica", "disc")


def run(*yes: str) -> Screening:
    return screen(builtin_safety(), yes, now=NOW)


def test_no_yes_answers_means_go() -> None:
    result = run()
    assert (result.verdict, result.reasons) == ("go", ())
    assert "never into pain" in result.advice


@pytest.mark.parametrize(
    "question", [q for q in builtin_safety().questions if q.severity == "stop"], ids=lambda q: q.id
)
def test_each_red_flag_gives_stop_naming_it(question: Question) -> None:
    result = run(question.id)
    assert result.verdict == "stop"
    assert result.reasons == (question.reason,)
    assert result.urgency == question.urgency and question.action in result.advice


def test_a_cauda_equina_sign_is_an_emergency_and_the_other_red_flags_are_for_today() -> None:
    for sign in ("bladder-bowel", "saddle-numbness", "worsening-leg-weakness"):
        assert (run(sign).urgency, run(sign).heading) == ("emergency", "Get emergency help now")
    for sign in ("fever-unwell", "serious-fall"):
        assert run(sign).urgency == "today" and "today" in (run(sign).heading or "")


def test_an_emergency_says_only_what_to_do_now() -> None:
    """With an emergency and a same-day answer, the advice is the emergency's, said once."""
    result = run("saddle-numbness", "fever-unwell")
    assert result.urgency == "emergency" and len(result.reasons) == 2
    assert "emergency department" in result.advice and "Contact a doctor today" not in result.advice
    assert result.advice.count("emergency department") == 1


def test_a_caution_says_once_to_see_a_professional() -> None:
    result = run("leg-numbness-tingling", "persistent-pain", "night-pain")
    assert result.advice.lower().count("doctor or physiotherapist") == 1, result.advice


@pytest.mark.parametrize(
    "question", [q for q in builtin_safety().questions if q.severity == "caution"], ids=lambda q: q.id
)
def test_each_warning_gives_caution_naming_it(question: Question) -> None:
    result = run(question.id)
    assert result.verdict == "caution"
    assert result.reasons == (question.reason,)
    assert "doctor or physiotherapist before you start" in result.advice


def test_an_adjust_answer_still_goes_and_says_what_changes() -> None:
    result = run("knee-trouble")
    assert result.verdict == "go"
    assert "pillow" in result.advice


def test_a_stop_outranks_cautions_and_names_only_the_urgent_reasons() -> None:
    result = run("pregnancy", "fever-unwell", "bladder-bowel")
    assert result.verdict == "stop"
    assert result.reasons == (
        "new difficulty controlling the bladder or bowels",
        "back pain with a fever or feeling unwell",
    )
    assert result.answered_yes == ("bladder-bowel", "fever-unwell", "pregnancy")


def test_several_cautions_are_all_named_once() -> None:
    result = run("pregnancy", "night-pain", "pregnancy")
    assert result.reasons == ("pregnancy", "pain that is worse at night and not eased by rest")


def test_an_unknown_question_id_is_refused_listing_the_valid_ones() -> None:
    with pytest.raises(BadRequest, match="unknown question 'fever'") as refused:
        run("fever")
    assert refused.value.choices[:2] == ("bladder-bowel", "saddle-numbness")


@pytest.mark.parametrize("question", builtin_safety().questions, ids=lambda q: q.id)
def test_the_advice_never_diagnoses(question: Question) -> None:
    advice = run(question.id).advice.lower()
    assert not [word for word in DIAGNOSES if word in advice]


def test_a_screening_counts_for_30_days() -> None:
    result = run()
    assert fresh_screening_needed(result, now=NOW + dt.timedelta(days=30)) is None
    stale = fresh_screening_needed(result, now=NOW + dt.timedelta(days=31))
    assert stale == "your last screening was 31 days ago (it counts for 30 days)"


def test_a_this_hurts_in_a_session_asks_for_a_fresh_screening() -> None:
    result = run().invalidate("you reported pain during a session")
    assert fresh_screening_needed(result, now=NOW) == "you reported pain during a session"


def test_a_screening_survives_a_json_round_trip() -> None:
    result = run("pregnancy").invalidate("pain")
    assert Screening.from_json(result.to_json()) == result


def test_a_stored_screening_with_an_unknown_verdict_is_refused() -> None:
    data = run().to_json() | {"verdict": "maybe"}
    with pytest.raises(ValueError, match="unknown verdict 'maybe'"):
        Screening.from_json(data)


def test_a_stop_kept_before_urgency_was_reads_as_an_emergency() -> None:
    kept = run("fever-unwell").to_json()
    assert Screening.from_json(kept).urgency == "today"
    del kept["urgency"]
    assert Screening.from_json(kept).urgency == "emergency"
    assert Screening.from_json(run().to_json()).urgency is None


def test_severe_pain_now_sends_the_person_to_a_doctor_straight_away() -> None:
    result = run("severe-pain")
    assert (result.verdict, result.urgency, result.heading) == (
        "stop",
        "today",
        "See a doctor today, before any stretching",
    )
    assert "See a doctor straight away" in result.advice
    with_emergency = run("severe-pain", "bladder-bowel")  # the more urgent decides the heading
    assert with_emergency.urgency == "emergency" and "See a doctor straight away" not in with_emergency.advice


def test_a_hip_replacement_yes_is_kept_with_the_way_it_was_done() -> None:
    assert run("hip-replacement", "hip-replacement-anterior").answered_yes == (
        "hip-replacement",
        "hip-replacement-anterior",
    )
    # no way said: "I don't know"; the way said alone: a yes to the question
    assert run("hip-replacement").answered_yes == ("hip-replacement", "hip-replacement-approach-unknown")
    assert run("hip-replacement-posterior").answered_yes == ("hip-replacement", "hip-replacement-posterior")
    assert run("hip-replacement-posterior").reasons == ("a hip replacement",)


def test_two_ways_of_one_hip_replacement_are_refused() -> None:
    with pytest.raises(BadRequest, match="choose one answer to 'which way did the surgeon reach your hip'") as refused:
        run("hip-replacement-posterior", "hip-replacement-anterior")
    assert refused.value.choices == (
        "hip-replacement-posterior", "hip-replacement-anterior", "hip-replacement-approach-unknown",
    )  # fmt: skip


def test_the_numbness_question_is_in_supples_own_words() -> None:
    question = builtin_safety().question("leg-numbness-tingling")
    assert question.text == "Do your legs or feet feel numb, tingly or weak?"


def test_pregnancy_and_the_weeks_after_a_birth_are_asked_apart() -> None:
    assert builtin_safety().question("pregnancy").text == "Are you pregnant?"
    assert run("recent-birth").reasons == ("a recent birth",)
