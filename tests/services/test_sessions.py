from __future__ import annotations

import datetime as dt

import pytest

from supple import services
from supple.config import Settings

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


@pytest.fixture
def settings(tmp_path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    services.record_screening(settings=settings, yes=[], now=NOW)
    return settings


def run_through(kept, *, hurt_exercise: str | None = None) -> None:
    session = kept.session
    session.start(0.0)
    while (due := session.next_due()) is not None:
        session.advance(due)
        if hurt_exercise and session.steps[session.index].exercise.id == hurt_exercise and session.hurts == 0:
            session.hurt(due, 6)
            session.resume(due)


def test_every_set_of_a_session_is_in_the_history(settings) -> None:
    plan = services.make_plan(settings=settings, conditions=["sciatica"], minutes=12, now=NOW)
    kept = services.begin_session(settings=settings, plan=plan, pain_before=4, clock=lambda: NOW)
    run_through(kept)
    services.end_session(settings=settings, session_id=kept.id, state=kept.session.state, pain_after=3)
    (record,) = services.history(settings=settings)
    assert (record.state, record.pain_before, record.pain_after) == ("finished", 4, 3)
    assert len(record.sets) == sum(1 for step in kept.session.steps if step.is_work)


def test_a_hurt_changes_the_next_plan(settings) -> None:
    plan = services.make_plan(settings=settings, conditions=["sciatica"], minutes=20, now=NOW)
    hurting = next(item.exercise for item in plan.items if item.exercise.easier)
    kept = services.begin_session(settings=settings, plan=plan, pain_before=2, clock=lambda: NOW)
    run_through(kept, hurt_exercise=hurting.id)
    services.end_session(settings=settings, session_id=kept.id, state=kept.session.state, pain_after=2)
    services.record_screening(settings=settings, yes=[], now=NOW)  # screened again after the hurt
    again = services.make_plan(settings=settings, conditions=["sciatica"], minutes=20, now=NOW)
    assert hurting.id not in [item.exercise.id for item in again.items]
    assert any("back to 20 s" in note for note in again.notes)
    assert all(item.dosage.hold_s in (None, 20) or item.exercise.kind != "static" for item in again.items)


def test_screenings_are_kept_in_the_database_with_their_invalidation(settings) -> None:
    from supple.store import records

    services.record_screening(settings=settings, yes=["pregnancy"], now=NOW + dt.timedelta(days=1))
    services.request_fresh_screening(settings=settings, reason="you reported pain during Cat-cow")
    db = services.database(settings)
    kept = records.screenings(db, person_id=records.local_person(db, now=NOW))
    assert [(verdict, yes, invalid) for _, verdict, yes, invalid in kept] == [
        ("go", [], None), ("caution", ["pregnancy"], "you reported pain during Cat-cow"),
    ]  # fmt: skip
