"""A "this hurts": the easier exercise offered keeps to what the routine keeps to."""

from __future__ import annotations

from supple.planner.request import PlanRequest
from supple.services.browser_session import open_session, report_hurt
from supple.services.context import AppContext
from supple.services.pain import easier_now
from supple.services.planning import make_plan
from supple.services.routines import save_routine, saved_routine
from supple.session.routine import plan_from_data

NO_FLOOR_BACK = PlanRequest(
    conditions=("lower-back-pain", "sciatica"), minutes=15, no_floor=True, without=("couch-quad-stretch",)
)


def test_no_floor_keeps_the_floor_out_of_the_easier_choice(screened: AppContext) -> None:
    # the standing quad stretch comes in for the couch one; its easier version lies on the floor
    save_routine(screened, name="back", plan=make_plan(screened, request=NO_FLOOR_BACK))
    _, plan = saved_routine(screened, name="back")
    assert "standing-quad-stretch" in [item.exercise.id for item in plan.items]
    assert plan.request is not None and plan.request.no_floor and "side-lying" in plan.request.avoid_positions
    assert easier_now(screened, exercise_id="standing-quad-stretch", plan=plan) is None


def test_without_limits_the_easier_version_is_offered(screened: AppContext) -> None:
    request = PlanRequest(conditions=("groin-pain",), minutes=10)  # the standing quad stretch, not the side-lying one
    plan = make_plan(screened, request=request)
    easier = easier_now(screened, exercise_id="standing-quad-stretch", plan=plan)
    assert easier is not None and easier.exercise.id == "side-lying-quad-stretch"


def test_an_exercise_swapped_out_or_in_the_routine_already_is_not_offered(screened: AppContext) -> None:
    swapped = make_plan(screened, request=PlanRequest(conditions=("knee-pain",), minutes=15,
                                                      without=("side-lying-quad-stretch",)))  # fmt: skip
    assert easier_now(screened, exercise_id="standing-quad-stretch", plan=swapped) is None
    plan = make_plan(screened, request=PlanRequest(conditions=("lower-back-pain",), minutes=30))
    ids = [item.exercise.id for item in plan.items]
    for item in plan.items:
        easier = easier_now(screened, exercise_id=item.exercise.id, plan=plan)
        assert easier is None or easier.exercise.id not in ids


def test_the_browser_reads_the_limits_from_the_session_it_plays(screened: AppContext) -> None:
    save_routine(screened, name="back", plan=make_plan(screened, request=NO_FLOOR_BACK))
    _, plan = saved_routine(screened, name="back")
    person = screened.mode.person(None)
    opened = open_session(screened, person_id=person, plan=plan, pain_before=None)
    hurt = report_hurt(screened, person_id=person, session_id=opened.id, exercise="standing-quad-stretch", item=9)
    assert hurt.easier is None and hurt.timeline == []


def test_a_written_routine_allows_the_positions_of_its_own_exercises(screened: AppContext) -> None:
    written = {"warmup_minutes": 0, "exercises": [{"exercise": "standing-quad-stretch"},
                                                  {"exercise": "seated-glute-stretch"}]}  # fmt: skip
    catalog = screened.content.catalog()
    save_routine(screened, name="standing", plan=plan_from_data(written, source="written", catalog=catalog))
    _, plan = saved_routine(screened, name="standing")
    assert plan.request is not None and set(plan.request.avoid_positions) >= {"side-lying", "supine", "kneeling"}
    assert easier_now(screened, exercise_id="standing-quad-stretch", plan=plan) is None
    # the same routine with a floor exercise in it allows the floor's positions it uses
    written["exercises"].append({"exercise": "supine-figure-four"})
    save_routine(screened, name="floor", plan=plan_from_data(written, source="written", catalog=catalog))
    _, floor = saved_routine(screened, name="floor")
    assert floor.request is not None and "supine" not in floor.request.avoid_positions
