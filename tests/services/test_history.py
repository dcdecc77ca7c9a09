"""History in detail and the clinician's dashboard, through the services: one session's page, one
exercise over time, and each client's row, on the context's clock ("this week", "7 days")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from tests.clock import FakeClock

from supple.config import Settings
from supple.errors import BadRequest, NotFound
from supple.planner.request import PlanRequest
from supple.services import clinic, dashboard, history
from supple.services.browser_session import finish_session, open_session, record_set, record_side
from supple.services.context import AppContext
from supple.services.passwords import Passwords
from supple.services.people import create_account, create_client
from supple.services.planning import make_plan
from supple.services.screening import record_screening
from supple.session.results import FinishedSet

PASSWORD = "a long enough password"


@pytest.fixture
def clinic_context(tmp_path, clock: FakeClock) -> Iterator[AppContext]:
    from argon2 import PasswordHasher

    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    made = AppContext(Settings(home=tmp_path / "home", multi_user=True), clock=clock, passwords=cheap)
    yield made
    made.close()


def people(context: AppContext) -> tuple[int, int, int, int]:
    """carol with alice and bob; dave with erin."""
    carol = create_account(context, username="carol", password=PASSWORD, role="clinician")
    dave = create_account(context, username="dave", password=PASSWORD, role="clinician")
    alice = create_client(context, clinician_id=carol.person_id, username="alice", password=PASSWORD)
    bob = create_client(context, clinician_id=carol.person_id, username="bob", password=PASSWORD)
    create_client(context, clinician_id=dave.person_id, username="erin", password=PASSWORD)
    return carol.person_id, dave.person_id, alice.person_id, bob.person_id


def a_session(
    context: AppContext, person: int, *, pain: tuple[int | None, int | None] = (None, None), hurt: bool = False
) -> int:
    """A session of the person's plan: its first exercise held twice (the left side tighter), its
    second skipped, or stopped for pain; the rest never reached."""
    record_screening(context, yes=[], person_id=person)
    plan = make_plan(context, request=PlanRequest(conditions=("hip-pain",), minutes=15), person_id=person)
    first, second = plan.items[1].exercise.id, plan.items[2].exercise.id  # after the warm-up
    opened = open_session(context, person_id=person, plan=plan, pain_before=pain[0])
    for seconds in (30, 28):
        done = FinishedSet(exercise=first, kind="hold", seconds=seconds, planned_seconds=30)
        record_set(context, person_id=person, session_id=opened.id, result=done)
    record_side(context, person_id=person, session_id=opened.id, exercise=first, tighter="left")
    last = FinishedSet(exercise=second, kind="hold", seconds=5 if hurt else 0, planned_seconds=30,
                       skipped=not hurt, hurt=hurt, pain=7 if hurt else None)  # fmt: skip
    record_set(context, person_id=person, session_id=opened.id, result=last)
    state = "ended" if hurt else "quit"
    finish_session(context, person_id=person, session_id=opened.id, state=state, pain_after=pain[1])
    return opened.id


def test_a_sessions_page_says_what_was_done_skipped_or_stopped_with_the_pain(clinic_context) -> None:
    context = clinic_context
    _, _, alice, _ = people(context)
    session = a_session(context, alice, pain=(4, 2), hurt=True)
    detail = history.session_detail(context, session_id=session, person_id=alice)
    outcomes = [e.outcome for e in detail.exercises]  # the warm-up: no set, though later ones have some
    assert outcomes[:3] == ["passed-over", "done", "stopped"] and set(outcomes[3:]) == {"not-reached"}
    assert detail.exercises[1].tighter == "left" and detail.exercises[1].longest_hold == 30
    assert detail.exercises[2].pain == 7
    assert (detail.record.pain_before, detail.record.pain_after, detail.record.state) == (4, 2, "ended")
    assert detail.to_json()["exercises"][2]["outcome"] == "stopped"


def test_someone_elses_session_is_refused_as_if_it_did_not_exist(clinic_context) -> None:
    context = clinic_context
    carol, dave, alice, bob = people(context)
    session = a_session(context, alice)
    with pytest.raises(NotFound) as theirs:
        history.session_detail(context, session_id=session, person_id=bob)
    with pytest.raises(NotFound) as missing:
        history.session_detail(context, session_id=session + 1000, person_id=bob)
    assert str(theirs.value).replace(str(session), "N") == str(missing.value).replace(str(session + 1000), "N")
    assert clinic.client_session(context, clinician_id=carol, client_id=alice, session_id=session).record.id == session
    with pytest.raises(NotFound):
        clinic.client_session(context, clinician_id=dave, client_id=alice, session_id=session)
    with pytest.raises(NotFound):  # carol's client, but the session is alice's
        clinic.client_session(context, clinician_id=carol, client_id=bob, session_id=session)


def test_an_exercise_over_time_has_each_of_the_persons_sessions_with_it(clinic_context, clock: FakeClock) -> None:
    context = clinic_context
    carol, dave, alice, bob = people(context)
    first = a_session(context, alice)
    clock.advance(days=2)
    second = a_session(context, alice)
    a_session(context, bob)
    exercise = history.session_detail(context, session_id=first, person_id=alice).exercises[1].exercise
    times = history.exercise_detail(context, exercise_id=exercise, person_id=alice).times
    assert [t.session_id for t in times] == [first, second]
    assert (times[1].when - times[0].when).days == 2
    assert [t.exercise for t in history.exercises_of(context, person_id=alice)][0] == exercise
    assert clinic.client_exercise(context, clinician_id=carol, client_id=alice, exercise_id=exercise).times == times
    assert history.exercise_detail(context, exercise_id="cat-cow", person_id=bob).times == []  # known, not done
    with pytest.raises(NotFound):
        history.exercise_detail(context, exercise_id="no-such-stretch", person_id=alice)
    with pytest.raises(NotFound):
        clinic.client_exercises(context, clinician_id=dave, client_id=alice)


def test_the_dashboard_has_only_the_clinicians_clients_on_the_clock(clinic_context, clock: FakeClock) -> None:
    context = clinic_context
    carol, dave, alice, bob = people(context)
    a_session(context, alice, pain=(7, 5))  # a pain of 7: an alert
    board = dashboard.dashboard(context, clinician_id=carol, sort="name", descending=False)
    assert [row.name for row in board.rows] == ["alice", "bob"]
    alice_row, bob_row = board.rows
    assert alice_row.last_session == clock.now and len(alice_row.alerts) == 1 and not alice_row.idle
    assert bob_row.idle and bob_row.last_session is None
    clock.advance(days=7)
    later = dashboard.dashboard(context, clinician_id=carol, sort="alerts", descending=True)
    assert [row.name for row in later.rows] == ["alice", "bob"] and later.rows[0].idle
    assert [row.name for row in dashboard.dashboard(context, clinician_id=dave).rows] == ["erin"]


def test_the_dashboards_csv_is_named_for_today_with_the_clinicians_clients_only(clinic_context) -> None:
    context = clinic_context
    carol, dave, alice, _ = people(context)
    a_session(context, alice, pain=(3, 2))
    name, data = dashboard.dashboard_file(context, clinician_id=carol, sort="name", descending=False)
    assert name == "supple-clients-2026-11-02.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Client", "Last session", "Days since the last session", "Sessions this week"]
    assert [row[0] for row in rows[1:]] == ["alice", "bob"]
    assert rows[1][5:8] == ["3", "3", ""] and rows[2][-1] == "yes"
    _, theirs = dashboard.dashboard_file(context, clinician_id=dave)
    assert [row[0] for row in csv.reader(io.StringIO(theirs.decode("utf-8-sig")))][1:] == ["erin"]


def test_an_unknown_column_is_refused_in_words() -> None:
    assert dashboard.sort_key(None) == "alerts" and dashboard.sort_key("pain") == "pain"
    with pytest.raises(BadRequest, match="sort by one of name, last, week, pain, alerts"):
        dashboard.sort_key("=1+1")
