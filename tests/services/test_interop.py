from __future__ import annotations

import datetime as dt

import pytest
from fhir.resources.R4B.bundle import Bundle

from supple import services
from supple.config import Settings
from supple.errors import NotFound
from supple.services.interop import fhir_export, write_fhir

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


def a_session_that_hurt(settings: Settings) -> str:
    """A session of the saved routine with pain 5 before, a "this hurts" at 6, and 3 after."""
    _, plan = services.saved_routine(settings=settings, now=NOW)
    kept = services.begin_session(settings=settings, plan=plan, pain_before=5, clock=lambda: NOW)
    session = kept.session
    session.start(0.0)
    hurting = next(step.exercise for step in session.steps if step.exercise.kind != "warmup")
    while (due := session.next_due()) is not None:
        session.advance(due)
        if session.steps[session.index].exercise.id == hurting.id and session.hurts == 0:
            session.hurt(due, 6)
            session.resume(due)
    services.end_session(settings=settings, session_id=kept.id, state=kept.session.state, pain_after=3)
    return hurting.name


def test_the_saved_routine_and_every_pain_rating_go_into_a_valid_bundle(screened) -> None:
    plan = services.make_plan(settings=screened, conditions=["sciatica"], minutes=12, now=NOW)
    services.save_routine(settings=screened, name="morning", plan=plan, now=NOW)
    hurt_name = a_session_that_hurt(screened)
    export = fhir_export(settings=screened, now=NOW)
    bundle = Bundle.model_validate(export.bundle)
    assert export.routine == "morning" and export.observations == 3
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry]
    assert kinds == ["Patient", "CarePlan", "Observation", "Observation", "Observation"]
    values = [entry.resource.valueQuantity.value for entry in bundle.entry[2:]]
    assert values == [5, 6, 3]  # before, the hurt, after: in time order
    assert hurt_name in bundle.entry[3].resource.note[0].text
    assert len(bundle.entry[1].resource.activity) == len(plan.items)


def test_a_second_export_gives_the_same_ids(screened) -> None:
    plan = services.make_plan(settings=screened, conditions=["sciatica"], minutes=12, now=NOW)
    services.save_routine(settings=screened, name="morning", plan=plan, now=NOW)
    first, second = (fhir_export(settings=screened, now=NOW).bundle for _ in range(2))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]


def test_the_export_is_a_record_so_a_stop_verdict_does_not_hold_it_back(screened, tmp_path) -> None:
    plan = services.make_plan(settings=screened, conditions=["sciatica"], minutes=12, now=NOW)
    services.save_routine(settings=screened, name="morning", plan=plan, now=NOW)
    services.record_screening(settings=screened, yes=["worsening-leg-weakness"], now=NOW)
    export = write_fhir(settings=screened, path=tmp_path / "out" / "fhir.json")
    assert export.routine == "morning" and (tmp_path / "out" / "fhir.json").is_file()


def test_without_a_saved_routine_only_the_ratings_go(screened) -> None:
    export = fhir_export(settings=screened, now=NOW)
    assert export.routine is None and export.observations == 0
    assert [e["resource"]["resourceType"] for e in export.bundle["entry"]] == ["Patient"]
    with pytest.raises(NotFound, match="no saved routine 'evening'"):
        fhir_export(settings=screened, routine="evening")
