"""Sessions left running are closed, and only sessions with a real part done count."""

from __future__ import annotations

from tests.clock import FakeClock

from supple.planner.request import PlanRequest
from supple.services.browser_session import open_session, record_set
from supple.services.context import AppContext
from supple.services.planning import make_plan
from supple.services.progress import progress_view, session_history, stats
from supple.session.results import FinishedSet

REQUEST = PlanRequest(conditions=("sciatica",), minutes=10)


def test_a_new_session_closes_the_one_left_running(screened: AppContext) -> None:
    plan = make_plan(screened, request=REQUEST)
    person = screened.mode.person(None)
    first = open_session(screened, person_id=person, plan=plan, pain_before=None)
    second = open_session(screened, person_id=person, plan=plan, pain_before=None)
    states = {s.id: s.state for s in session_history(screened)}
    assert states == {first.id: "interrupted", second.id: "running"}


def test_a_session_left_running_for_six_hours_is_closed(screened: AppContext, clock: FakeClock) -> None:
    plan = make_plan(screened, request=REQUEST)
    person = screened.mode.person(None)
    open_session(screened, person_id=person, plan=plan, pain_before=None)
    clock.advance(hours=5, minutes=59)
    assert [s.state for s in session_history(screened)] == ["running"]
    clock.advance(minutes=2)
    assert [s.state for s in session_history(screened)] == ["interrupted"]


def test_only_sessions_with_half_the_work_done_count_and_the_page_says_why(screened: AppContext) -> None:
    plan = make_plan(screened, request=REQUEST)
    person = screened.mode.person(None)
    first_work = next(step for item in plan.items for step in item.steps if step.kind == "warmup")
    for seconds in (30.0, plan.work_seconds * 0.6):
        opened = open_session(screened, person_id=person, plan=plan, pain_before=None)
        done = FinishedSet(exercise=plan.items[0].exercise.id, kind="warmup", seconds=seconds,
                           planned_seconds=first_work.seconds)  # fmt: skip
        record_set(screened, person_id=person, session_id=opened.id, result=done)
    report = stats(screened)
    assert (report.sessions, report.sessions_kept) == (1, 2)
    recent = progress_view(screened).recent
    assert [c.counts for _, c in recent] == [True, False]
    assert recent[1][1].why.endswith("less than half") and recent[1][0].planned_work_seconds == plan.work_seconds
