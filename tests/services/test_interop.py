from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle
from tests.clock import FakeClock

from supple.errors import NotFound
from supple.planner.request import PlanRequest
from supple.services.context import AppContext
from supple.services.interop import fhir_export, write_fhir
from supple.services.planning import make_plan
from supple.services.progress import end_session
from supple.services.routines import save_routine, saved_routine
from supple.services.screening import record_screening
from supple.services.terminal_session import begin_session


def a_session_that_hurt(context: AppContext, clock: FakeClock) -> str:
    """A session of the saved routine with pain 5 before, a "this hurts" at 6, and 3 after; the
    clock moves with the session."""
    _, plan = saved_routine(context)
    kept = begin_session(context, plan=plan, pain_before=5)
    session = kept.session
    session.start(0.0)
    hurting = next(step.exercise for step in session.steps if step.exercise.kind != "warmup")
    elapsed = 0.0
    while (due := session.next_due()) is not None:
        clock.advance(seconds=due - elapsed)
        elapsed = due
        session.advance(due)
        if session.steps[session.index].exercise.id == hurting.id and session.hurts == 0:
            session.hurt(due, 6)
            session.resume(due)
    end_session(context, session_id=kept.id, state=kept.session.state, pain_after=3)
    return hurting.name


def test_the_saved_routine_and_every_pain_rating_go_into_a_valid_bundle(screened, clock: FakeClock) -> None:
    plan = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=12))
    save_routine(screened, name="morning", plan=plan)
    hurt_name = a_session_that_hurt(screened, clock)
    export = fhir_export(screened)
    bundle = Bundle.model_validate(export.bundle)
    assert export.routine == "morning" and export.observations == 3
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry]
    assert kinds == ["Patient", "CarePlan", "Observation", "Observation", "Observation"]
    values = [entry.resource.valueQuantity.value for entry in bundle.entry[2:]]
    assert values == [5, 6, 3]  # before, the hurt, after: in time order
    assert hurt_name in bundle.entry[3].resource.note[0].text
    assert len(bundle.entry[1].resource.activity) == len(plan.items)


def test_a_second_export_gives_the_same_ids(screened) -> None:
    plan = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=12))
    save_routine(screened, name="morning", plan=plan)
    first, second = (fhir_export(screened).bundle for _ in range(2))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]


def test_the_export_is_a_record_so_a_stop_verdict_does_not_hold_it_back(screened, tmp_path) -> None:
    plan = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=12))
    save_routine(screened, name="morning", plan=plan)
    record_screening(screened, yes=["worsening-leg-weakness"])
    export = write_fhir(screened, path=tmp_path / "out" / "fhir.json")
    assert export.routine == "morning" and (tmp_path / "out" / "fhir.json").is_file()


def test_without_a_saved_routine_only_the_ratings_go(screened) -> None:
    export = fhir_export(screened)
    assert export.routine is None and export.observations == 0
    assert [e["resource"]["resourceType"] for e in export.bundle["entry"]] == ["Patient"]
    with pytest.raises(NotFound, match="no saved routine 'evening'"):
        fhir_export(screened, routine="evening")


def test_each_set_the_camera_checked_goes_as_an_observation_of_its_summary(screened) -> None:
    from supple.services.browser_session import open_session, record_set
    from supple.session.results import FinishedSet

    plan = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=12))
    person = screened.mode.person(None)
    opened = open_session(screened, person_id=person, plan=plan, pain_before=None)
    exercise = "wall-calf-stretch"  # the camera checks it, and "Straighten your back leg." is its correction
    held = FinishedSet(exercise=exercise, kind="hold", seconds=30.0, planned_seconds=30, in_position_s=24.0,
                       correction="Straighten your back leg.")  # fmt: skip
    moved = FinishedSet(exercise=exercise, kind="reps", seconds=40.0, planned_seconds=40, reps_counted=7)
    plain = FinishedSet(exercise=exercise, kind="hold", seconds=30.0, planned_seconds=30)
    for result in (held, moved, plain):
        record_set(screened, person_id=person, session_id=opened.id, result=result)
    export = fhir_export(screened)
    bundle = Bundle.model_validate(export.bundle)
    form = [e.resource for e in bundle.entry if e.resource.get_resource_type() == "Observation"]
    assert export.observations == 2 and len(form) == 2
    assert form[0].valueQuantity.value == 24.0 and "Straighten your back leg." in form[0].note[0].text
    assert form[1].valueInteger == 7
    assert all("not a clinical assessment" in o.note[0].text for o in form)
