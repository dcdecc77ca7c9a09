"""Clinic mode's services: each person's screening and next-plan advice in the database, nothing in
SUPPLE_HOME; a client's routine planned with the client's own answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.clock import FakeClock

from supple.config import Settings
from supple.planner.request import PlanRequest
from supple.services import clinic
from supple.services.browser_session import finish_session, open_session
from supple.services.context import AppContext
from supple.services.pain import report_pain
from supple.services.passwords import Passwords
from supple.services.people import create_account, create_client
from supple.services.planning import make_plan
from supple.services.progress import stats
from supple.services.routines import routine_names, save_routine
from supple.services.screening import latest_screening, record_screening
from supple.store.files.next_plan_file import next_plan_path
from supple.store.files.screening_file import screening_path

PASSWORD = "a long enough password"


@pytest.fixture
def clinic_context(tmp_path, clock: FakeClock) -> Iterator[AppContext]:
    from argon2 import PasswordHasher

    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    made = AppContext(Settings(home=tmp_path / "home", multi_user=True), clock=clock, passwords=cheap)
    yield made
    made.close()


def people(context: AppContext) -> tuple[int, int, int]:
    carol = create_account(context, username="carol", password=PASSWORD, role="clinician")
    alice = create_client(context, clinician_id=carol.person_id, username="alice", password=PASSWORD)
    bob = create_client(context, clinician_id=carol.person_id, username="bob", password=PASSWORD)
    return carol.person_id, alice.person_id, bob.person_id


def next_plan_kept(context: AppContext, person_id: int) -> bool:
    """Whether the database keeps next-plan advice for the person."""
    from sqlalchemy import select

    from supple.store.database.tables import NextPlanRow

    with context.store.database.reading() as connection:
        found = connection.execute(select(NextPlanRow.person_id).where(NextPlanRow.person_id == person_id))
        return found.first() is not None


def test_each_persons_screening_and_advice_live_in_the_database(clinic_context) -> None:
    context = clinic_context
    _, alice, bob = people(context)
    record_screening(context, yes=["pregnancy"], person_id=alice)
    assert latest_screening(context, person_id=alice).verdict == "caution"
    assert latest_screening(context, person_id=bob) is None
    report_pain(context, exercise_name="cat-cow", person_id=alice)
    assert "pain" in latest_screening(context, person_id=alice).invalidated
    record_screening(context, yes=[], person_id=bob)
    plan = make_plan(context, request=PlanRequest(conditions=("sciatica",), minutes=10), person_id=bob)
    save_routine(context, name="x", plan=plan, person_id=bob)
    opened = open_session(context, person_id=bob, plan=plan, pain_before=None)
    finish_session(context, person_id=bob, session_id=opened.id, state="finished", pain_after=None)
    assert next_plan_kept(context, bob) and not next_plan_kept(context, alice)
    home = context.settings.home
    assert not screening_path(home).exists() and not next_plan_path(home).exists()


def test_clinic_mode_never_falls_back_to_a_local_person(clinic_context) -> None:
    with pytest.raises(RuntimeError, match="whose records"):
        routine_names(clinic_context)


def test_a_clients_routine_follows_the_clients_own_precautions(clinic_context) -> None:
    context = clinic_context
    carol, alice, _ = people(context)
    record_screening(context, yes=["hip-replacement"], person_id=alice)
    request = PlanRequest(conditions=("lower-back-pain",), minutes=10)
    plan = clinic.assign_plan(context, clinician_id=carol, client_id=alice, name="hips", request=request)
    assert not {"pigeon-pose", "supine-figure-four"} & {item.exercise.id for item in plan.items}
    text = "exercises:\n  - exercise: pigeon-pose\n  - exercise: cat-cow\n"
    written = clinic.assign_written_text(context, clinician_id=carol, client_id=alice, name="mine", text=text)
    assert [item.exercise.id for item in written.items if item.exercise.kind != "warmup"] == ["cat-cow"]
    assert any("Left out Pigeon" in note for note in written.notes)
    assert routine_names(context, person_id=alice) == ["hips", "mine"]
    assert stats(context, person_id=alice).sessions == 0


def test_a_hurt_or_a_pain_of_six_or_more_is_an_alert_for_thirty_days(clinic_context, clock: FakeClock) -> None:
    from supple.services.browser_session import record_set
    from supple.session.results import FinishedSet

    context = clinic_context
    carol, alice, bob = people(context)
    for person in (alice, bob):
        record_screening(context, yes=[], person_id=person)
    plan = make_plan(context, request=PlanRequest(conditions=("sciatica",), minutes=10), person_id=alice)
    mild = open_session(context, person_id=bob, plan=plan, pain_before=5)
    finish_session(context, person_id=bob, session_id=mild.id, state="finished", pain_after=3)
    opened = open_session(context, person_id=alice, plan=plan, pain_before=4)
    hurt = FinishedSet(exercise=plan.items[1].exercise.id, kind="hold", seconds=4.0, planned_seconds=30,
                       skipped=True, hurt=True)  # fmt: skip
    record_set(context, person_id=alice, session_id=opened.id, result=hurt)  # "this hurts", not rated
    finish_session(context, person_id=alice, session_id=opened.id, state="quit", pain_after=7)
    found = clinic.alerts_of_clients(context, clinician_id=carol)
    assert list(found) == [alice], "bob's 5 and 3 are no alert"
    assert [(a.moment, a.score) for a in found[alice]] == [("after", 7), ("hurt", None)]
    assert clinic.client_alerts(context, clinician_id=carol, client_id=bob) == []
    clock.advance(days=31)
    assert clinic.alerts_of_clients(context, clinician_id=carol) == {}


def test_a_client_sees_which_routine_their_clinician_gave_and_when(clinic_context) -> None:
    from supple.services.routines import routines_listed

    context = clinic_context
    carol, alice, _ = people(context)
    request = PlanRequest(conditions=("sciatica",), minutes=10)
    clinic.assign_plan(context, clinician_id=carol, client_id=alice, name="morning", request=request)
    record_screening(context, yes=[], person_id=alice)
    save_routine(context, name="mine", plan=make_plan(context, request=request, person_id=alice), person_id=alice)
    listed = {r.name: r for r in routines_listed(context, person_id=alice)}
    assert (listed["morning"].given_by, listed["morning"].saved_at) == ("carol", context.now())
    assert listed["mine"].given_by is None
