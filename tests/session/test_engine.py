from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.planner.expand import BREATH_S, MOVE_S, READY_S, expand
from supple.planner.plan import PlanItem
from supple.session.engine import BACK_RESTARTS_AFTER_S, FINISHED_TEXT, PAIN_ADVICE, Session, called
from supple.session.results import FinishedSet, SideAnswer

from .conftest import make_plan

T0 = 1000.0  # a monotonic clock reads anything; never 0 in real life


def run_to_end(session: Session, *, late: float = 0.0) -> list:
    """Drive the session as a player would: wake at each due time (optionally late)."""
    cues = session.start(T0)
    while (due := session.next_due()) is not None:
        cues += session.advance(due + late)
    return cues


def test_a_session_lasts_exactly_the_plans_estimate(catalog) -> None:
    plan = make_plan(catalog, ["beta-stretch", "alpha-stretch", "gamma-lift"])
    session = Session(plan)
    assert session.total_seconds == plan.total_seconds
    cues = run_to_end(session)
    assert session.state == "finished"
    assert cues[-1].kind == "finished"
    assert cues[-1].due == T0 + plan.total_seconds


def test_nothing_finishes_early(catalog) -> None:
    plan = make_plan(catalog, ["beta-stretch"])
    session = Session(plan)
    session.start(T0)
    session.advance(T0 + plan.total_seconds - 0.01)
    assert session.state == "running"
    assert session.advance(T0 + plan.total_seconds)[-1].kind == "finished"


def test_every_cue_is_due_on_the_schedule_however_late_the_wake_ups(catalog) -> None:
    plan = make_plan(catalog, ["beta-stretch", "alpha-stretch"])
    on_time = [(c.kind, c.text, c.due) for c in run_to_end(Session(plan))]
    late = [(c.kind, c.text, c.due) for c in run_to_end(Session(plan), late=0.4)]
    assert late == on_time  # lateness never carries into the next deadline


def test_the_first_cue_says_what_comes_and_the_work_starts_after_the_lead_in(catalog) -> None:
    session = Session(make_plan(catalog, ["beta-stretch"]))
    first = session.start(T0)
    assert [(c.kind, c.text) for c in first] == [("start", "Get ready: Beta stretch.")]
    cues = session.advance(T0 + READY_S)
    assert [c.text for c in cues[:3]] == ["3", "2", "1"]
    assert cues[-1].kind == "start" and "1 of 2" in cues[-1].text
    assert session.steps[session.index].step.kind == "breaths"


def test_a_breath_paced_hold_cues_each_breath_in_and_out(catalog) -> None:
    session = Session(make_plan(catalog, ["beta-stretch"]))  # 3 breaths, 2 reps
    cues = [c for c in run_to_end(session) if c.step == 1]
    assert [(c.kind, c.due - T0 - READY_S) for c in cues] == [
        ("start", 0), ("breath-out", BREATH_S / 2),
        ("breath-in", BREATH_S), ("breath-out", 1.5 * BREATH_S),
        ("breath-in", 2 * BREATH_S), ("breath-out", 2.5 * BREATH_S),
    ]  # fmt: skip
    assert cues[2].text == "Breath 2 of 3: breathe in."


def test_a_30_second_hold_gets_halfway_ten_seconds_left_and_a_countdown(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch"]))
    hold = [c for c in run_to_end(session) if c.step == 1]
    start = hold[0].due
    assert [(c.kind, c.text, c.due - start) for c in hold] == [
        ("start", "Left side, 1 of 3: hold, breathing slowly.", 0),
        ("halfway", "Halfway.", 15),
        ("ten-left", "10 seconds left.", 20),
        ("countdown", "3", 27), ("countdown", "2", 28), ("countdown", "1", 29),
    ]  # fmt: skip


def test_paced_repetitions_speak_each_phase_in_time(catalog) -> None:
    session = Session(make_plan(catalog, ["gamma-lift"]))  # 10 reps x 3 s, phases lift / lower
    cues = [c for c in run_to_end(session) if c.step == 1]
    start = cues[0].due
    phases = [(c.text, c.due - start) for c in cues if c.kind == "phase"]
    assert phases[:4] == [("1. Lift.", 0), ("Lower.", 1.5), ("2. Lift.", 3), ("Lower.", 4.5)]
    assert len(phases) == 20


def test_switching_sides_and_rests_are_cued(catalog) -> None:
    texts = [c.text for c in run_to_end(Session(make_plan(catalog, ["alpha-stretch"]))) if c.kind == "start"]
    assert texts.count("Switch sides.") == 1
    assert texts.count("Rest and breathe.") == 4
    assert texts[0] == "Get into position: Alpha stretch."


def test_each_set_reaches_the_callback_as_it_ends(catalog) -> None:
    received: list[tuple[float, FinishedSet]] = []
    session = Session(make_plan(catalog, ["alpha-stretch"]), on_result=lambda r: received.append((now, r)))
    now = T0
    session.start(now)
    while (due := session.next_due()) is not None:
        now = due
        session.advance(now)
    assert [(r.side, r.rep, r.seconds, r.skipped) for _, r in received] == [
        (side, rep, 30, False) for side in ("left", "right") for rep in (1, 2, 3)
    ]
    first_hold_ends = T0 + MOVE_S + 30
    assert received[0][0] == first_hold_ends


def test_pausing_moves_every_deadline_by_the_pause(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch"]))
    session.start(T0)
    session.advance(T0 + 20)
    session.pause(T0 + 20)
    assert session.next_due() is None
    assert session.advance(T0 + 500) == []
    session.resume(T0 + 80)  # paused for 60 s
    assert session.next_due() == T0 + 60 + MOVE_S + 15  # the first hold's halfway


def test_skipping_a_step_keeps_it_as_skipped_with_the_seconds_done(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch"]))
    session.start(T0)
    session.advance(T0 + MOVE_S + 12)
    cues = session.skip_step(T0 + MOVE_S + 12)
    assert session.results[-1] == FinishedSet(
        exercise="alpha-stretch",
        kind="hold",
        side="left",
        rep=1,
        seconds=12.0,
        planned_seconds=30,
        skipped=True,
        step=1,
    )
    assert [(c.kind, c.text) for c in cues] == [("start", "Rest and breathe.")]
    assert session.next_due() == T0 + MOVE_S + 12 + 10 - 3  # the rest's countdown, counted from the skip


def test_skipping_an_exercise_skips_its_remaining_sets_and_goes_to_the_next(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch", "beta-stretch"]))
    session.start(T0)
    session.advance(T0 + MOVE_S + 30 + 5)  # resting after the first hold
    cues = session.skip_exercise(T0 + MOVE_S + 35)
    assert [r.skipped for r in session.results] == [False, True, True, True, True, True]
    assert cues[0].text == "Get into position: Beta stretch."


def test_back_restarts_the_step_once_under_way_and_goes_back_a_step_at_its_start(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch"]))
    session.start(T0)
    now = T0 + MOVE_S + BACK_RESTARTS_AFTER_S + 5
    session.advance(now)
    session.back(now)
    assert session.index == 1 and session.next_due() == now + 15  # the hold from the top: halfway in 15 s
    session.back(now + 1)
    assert session.index == 0  # the lead-in


def test_this_hurts_stops_the_exercise_keeps_the_pain_and_waits(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch", "beta-stretch"]))
    session.start(T0)
    now = T0 + MOVE_S + 8
    session.advance(now)
    outcome = session.hurt(now, 6)
    assert outcome.exercise.id == "alpha-stretch" and not outcome.ended
    assert outcome.cues[0].kind == "stopped"
    first = session.results[0]
    assert (first.hurt, first.pain, first.seconds, first.skipped) == (True, 6, 8.0, True)
    assert all(r.skipped and not r.hurt for r in session.results[1:])
    assert session.state == "paused"
    assert session.steps[session.index].exercise.id == "beta-stretch"
    assert [c.text for c in session.resume(now + 30)] == ["Get into position: Beta stretch."]


def test_a_second_pain_report_ends_the_session_with_advice(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch", "beta-stretch", "gamma-lift"]))
    session.start(T0)
    session.hurt(T0 + 20, 4)
    session.resume(T0 + 30)
    outcome = session.hurt(T0 + 31, 5)
    assert outcome.ended and session.state == "ended"
    assert outcome.cues[-1].text == PAIN_ADVICE
    assert session.advance(T0 + 10_000) == []


def test_a_second_pain_report_in_the_last_exercise_ends_without_a_well_done(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch", "beta-stretch"]))
    session.start(T0)
    session.hurt(T0 + 20, 4)  # alpha: the session goes on with beta, the last exercise
    session.resume(T0 + 30)
    outcome = session.hurt(T0 + 40, 6)
    assert outcome.ended and session.state == "ended"
    assert [c.kind for c in outcome.cues] == ["stopped", "ended"]
    assert FINISHED_TEXT not in [c.text for c in outcome.cues]
    assert all(r.skipped for r in session.results if r.exercise == "beta-stretch")


def test_pain_is_rated_0_to_10(catalog) -> None:
    session = Session(make_plan(catalog, ["beta-stretch"]))
    session.start(T0)
    with pytest.raises(ValueError, match="0 to 10"):
        session.hurt(T0 + 1, 11)


def test_an_easier_exercise_can_be_put_in_after_a_hurt(catalog) -> None:
    plan = make_plan(catalog, ["gamma-lift", "beta-stretch"])
    session = Session(plan)
    session.start(T0)
    session.hurt(T0 + 10, 3)
    easier = catalog.exercises["alpha-stretch"]
    item = PlanItem(easier, easier.dosage, (), tuple(expand(easier, easier.dosage, moving=True)))
    cues = session.put_in(T0 + 20, item)
    assert session.state == "paused" and cues == []
    assert [c.text for c in session.resume(T0 + 25)] == ["Get into position: Alpha stretch."]
    following = next(s for s in session.steps[session.index :] if s.exercise.id == "beta-stretch")
    assert following.step.kind == "move"  # back up from the floor: a longer lead-in
    assert session.total_seconds == plan.total_seconds + item.seconds + MOVE_S - READY_S


def test_after_a_sided_exercise_it_asks_which_side_was_tighter(catalog) -> None:
    answers: list[SideAnswer] = []
    session = Session(make_plan(catalog, ["alpha-stretch", "beta-stretch"]), on_side=answers.append)
    cues = run_to_end(session)
    asks = [c for c in cues if c.kind == "ask-side"]
    assert len(asks) == 1 and asks[0].exercise == "alpha-stretch"
    assert asks[0].text == "Which side felt tighter in the alpha stretch: left, right, or the same?"
    session.answer_side("left")
    session.answer_side("right")  # only one answer per question
    assert answers == [SideAnswer(exercise="alpha-stretch", tighter="left")]


def test_quitting_keeps_the_set_in_progress_as_cut_short(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch"]))
    session.start(T0)
    session.advance(T0 + MOVE_S + 31)
    session.quit(T0 + MOVE_S + 32)
    assert session.state == "quit"
    assert [(r.seconds, r.skipped) for r in session.results] == [(30, False)]  # the rest is not a set
    assert session.next_due() is None


def test_progress_reports_the_step_time_left_and_what_comes_next(catalog) -> None:
    session = Session(make_plan(catalog, ["alpha-stretch", "beta-stretch"]))
    session.start(T0)
    session.advance(T0 + MOVE_S + 12)
    progress = session.progress(T0 + MOVE_S + 12)
    assert progress.step.step.kind == "hold" and progress.step_left == 18
    assert progress.elapsed == MOVE_S + 12 and progress.total == session.total_seconds
    assert progress.coming is not None and progress.coming.id == "beta-stretch"


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["advance", "pause", "resume", "skip", "skip-exercise", "back", "hurt"]),
              st.floats(0, 40)),
    max_size=40,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(operations=OPERATIONS)
def test_any_sequence_of_controls_keeps_the_session_consistent(catalog, operations) -> None:
    session = Session(make_plan(catalog, ["beta-stretch", "alpha-stretch", "gamma-lift"]))
    work_steps = sum(1 for s in session.steps if s.is_work)
    now = T0
    session.start(now)
    for operation, wait in operations:
        now += wait
        if operation == "hurt":
            session.hurt(now, 5)
        else:
            {
                "advance": session.advance, "pause": session.pause, "resume": session.resume,
                "skip": session.skip_step, "skip-exercise": session.skip_exercise, "back": session.back,
            }[operation](now)  # fmt: skip
        progress = session.progress(now)
        assert 0 <= progress.elapsed <= progress.total
        assert 0 <= progress.step_left <= progress.step.step.seconds
    assert session.hurts <= 2
    assert sum(r.pain is not None for r in session.results) <= session.hurts
    if not any(op in ("back",) for op, _ in operations):
        assert len(session.results) <= work_steps  # each set kept once unless done again


def test_a_sentence_names_an_exercise_in_lower_case_but_keeps_an_initialism() -> None:
    assert called("Pigeon pose") == "the pigeon pose"
    assert called("SI joint knee push") == "the SI joint knee push"
