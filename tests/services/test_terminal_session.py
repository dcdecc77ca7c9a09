"""The guided session in the terminal (`supple go`): every set kept as it ends."""

from __future__ import annotations

from importlib.resources import files

import yaml

from supple.planner.request import PlanRequest
from supple.services.context import AppContext
from supple.services.planning import make_plan
from supple.services.progress import end_session, session_history
from supple.services.screening import record_screening
from supple.services.terminal_session import KeptSession, SetAside, Unfinished, begin_session, unfinished_session
from supple.session.routine import plan_from_data

CAT_COW = (files("supple.catalog") / "data" / "exercises" / "cat-cow.yaml").read_text(encoding="utf-8")


def run_through(kept: KeptSession, *, hurt_exercise: str | None = None) -> None:
    session = kept.session
    session.start(0.0)
    while (due := session.next_due()) is not None:
        session.advance(due)
        if hurt_exercise and session.steps[session.index].exercise.id == hurt_exercise and session.hurts == 0:
            session.hurt(due, 6)
            session.resume(due)


def test_every_set_of_a_session_is_in_the_history(screened: AppContext) -> None:
    plan = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=12))
    kept = begin_session(screened, plan=plan, pain_before=4)
    run_through(kept)
    end_session(screened, session_id=kept.id, state=kept.session.state, pain_after=3)
    (record,) = session_history(screened)
    assert (record.state, record.pain_before, record.pain_after) == ("finished", 4, 3)
    assert len(record.sets) == sum(1 for step in kept.session.steps if step.is_work)


def test_a_hurt_changes_the_next_plan(screened: AppContext) -> None:
    plan = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=20))
    hurting = next(item.exercise for item in plan.items if item.exercise.easier)
    kept = begin_session(screened, plan=plan, pain_before=2)
    run_through(kept, hurt_exercise=hurting.id)
    end_session(screened, session_id=kept.id, state=kept.session.state, pain_after=2)
    record_screening(screened, yes=[])  # screened again after the hurt
    again = make_plan(screened, request=PlanRequest(conditions=("sciatica",), minutes=20))
    assert hurting.id not in [item.exercise.id for item in again.items]
    assert any("back to 20 s" in note for note in again.notes)
    assert all(item.dosage.hold_s in (None, 20) or item.exercise.kind != "static" for item in again.items)


def test_a_cut_short_session_whose_routine_no_longer_loads_is_set_aside(screened: AppContext) -> None:
    """One of its exercises was the person's own, and its file is gone: the session cannot be picked
    up, so it is closed as interrupted (what was done in it kept) instead of refusing every `go`."""
    own = screened.settings.user_exercises_dir / "my-stretch.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(CAT_COW.replace("id: cat-cow", "id: my-stretch"), encoding="utf-8")
    routine = "warmup_minutes: 0\nexercises:\n  - {exercise: my-stretch, reps: 2}\n  - {exercise: cat-cow, reps: 2}\n"
    plan = plan_from_data(yaml.safe_load(routine), source="r.yaml", catalog=screened.content.catalog())
    kept = begin_session(screened, plan=plan, pain_before=3)
    kept.session.start(0.0)
    kept.session.advance(kept.session.next_due() or 0.0)  # a step or so, then the process is killed
    assert isinstance(unfinished_session(screened), Unfinished), "while it loads, it can be picked up"
    own.unlink()
    fresh = AppContext(screened.settings, clock=screened.clock)  # the next `supple go`
    try:
        set_aside = unfinished_session(fresh)
        assert isinstance(set_aside, SetAside) and set_aside.record.id == kept.id
        assert set_aside.problem == "unknown exercise 'my-stretch'"
        assert unfinished_session(fresh) is None, "it blocks nothing any more"
        assert [record.state for record in session_history(fresh)] == ["interrupted"]
    finally:
        fresh.close()
