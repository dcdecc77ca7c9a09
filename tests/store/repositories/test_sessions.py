"""Sessions as they happen: each set and side answer kept as it ends, the session closed, one left
running found again and set aside, and a set kept only in the person's own running session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from supple.session.results import FinishedSet, SideAnswer
from supple.store.database.tables import SetRow

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


def test_a_session_keeps_each_set_and_side_answer_and_comes_back_in_order(store) -> None:
    person = store.people.local_person(now=NOW)
    assert store.people.local_person(now=NOW) == person
    session = store.sessions.open(person_id=person, plan={"items": []}, planned_seconds=300, pain_before=4, now=NOW)
    first = FinishedSet(exercise="cat-cow", kind="reps", side=None, rep=1, seconds=64.0, planned_seconds=64, step=1)
    hurt = FinishedSet(exercise="pigeon-pose", kind="hold", side="left", rep=2, seconds=7.5, planned_seconds=30,
                       skipped=True, hurt=True, pain=6, step=5)  # fmt: skip
    store.sessions.add_set(session_id=session, result=first, now=NOW + dt.timedelta(seconds=80))
    store.sessions.add_set(session_id=session, result=hurt, now=NOW + dt.timedelta(seconds=140))
    store.sessions.add_side_answer(
        session_id=session, answer=SideAnswer(exercise="pigeon-pose", tighter="right"), now=NOW
    )
    store.sessions.close(session_id=session, state="finished", pain_after=2, now=NOW + dt.timedelta(minutes=5))
    (kept,) = store.history.sessions(person_id=person)
    assert (kept.state, kept.pain_before, kept.pain_after, kept.planned_seconds) == ("finished", 4, 2, 300)
    assert kept.started_at == NOW and kept.ended_at == NOW + dt.timedelta(minutes=5)
    assert [(s.exercise, s.seconds, s.hurt, s.pain, s.step) for s in kept.sets] == [
        ("cat-cow", 64.0, False, None, 1), ("pigeon-pose", 7.5, True, 6, 5),
    ]  # fmt: skip
    # each set's end time is kept in the database, not loaded for progress
    assert not hasattr(kept.sets[1], "ended_at")
    with store.database.reading() as c:
        ends = list(c.scalars(select(SetRow.ended_at).where(SetRow.session_id == session).order_by(SetRow.id)))
    assert ends == [NOW + dt.timedelta(seconds=80), NOW + dt.timedelta(seconds=140)]
    assert [(a.exercise, a.tighter) for a in kept.sides] == [("pigeon-pose", "right")]


def test_a_session_left_running_is_found_and_can_be_set_aside(store) -> None:
    person = store.people.local_person(now=NOW)
    assert store.sessions.interrupted(person_id=person) is None
    session = store.sessions.open(person_id=person, plan={"minutes": 5}, planned_seconds=300, pain_before=None, now=NOW)
    found = store.sessions.interrupted(person_id=person)
    assert found is not None and (found.record.id, found.plan) == (session, {"minutes": 5})
    store.sessions.mark_interrupted(person_id=person)
    assert store.sessions.interrupted(person_id=person) is None
    assert store.history.sessions(person_id=person)[0].state == "interrupted"


def test_a_set_is_kept_only_in_the_persons_own_running_session(store) -> None:
    person = store.people.local_person(now=NOW)
    session = store.sessions.open(person_id=person, plan={}, planned_seconds=60, pain_before=None, now=NOW)
    done = FinishedSet(exercise="pigeon-pose", kind="hold", side=None, rep=None, seconds=30.0, planned_seconds=30,
                       pain=None, step=2)  # fmt: skip
    assert store.sessions.add_set_if_running(person_id=person, session_id=session, result=done, now=NOW)
    assert not store.sessions.add_set_if_running(person_id=person + 1, session_id=session, result=done, now=NOW)
    assert not store.sessions.add_set_if_running(person_id=person, session_id=session + 1, result=done, now=NOW)
    store.sessions.close(session_id=session, state="finished", pain_after=None, now=NOW)
    assert not store.sessions.add_set_if_running(person_id=person, session_id=session, result=done, now=NOW)
    kept = store.history.session(session_id=session)
    assert kept is not None and len(kept.sets) == 1
    only = kept.sets[0]
    assert (only.exercise, only.side, only.rep, only.step) == ("pigeon-pose", None, None, 2)


def test_a_hurt_kept_by_the_guarded_insert_reads_back_with_its_time_and_score(store) -> None:
    person = store.people.local_person(now=NOW)
    session = store.sessions.open(person_id=person, plan={}, planned_seconds=60, pain_before=None, now=NOW)
    hurt = FinishedSet(exercise="cat-cow", kind="reps", side=None, rep=2, seconds=7.5, planned_seconds=60,
                       skipped=True, hurt=True, pain=6, step=3)  # fmt: skip
    later = NOW + dt.timedelta(seconds=42)
    assert store.sessions.add_set_if_running(person_id=person, session_id=session, result=hurt, now=later)
    [score] = store.history.pain_scores(person_id=person)
    assert (score.moment, score.score, score.exercise, score.at) == ("hurt", 6, "cat-cow", later)


def test_a_set_sent_later_keeps_the_time_it_ended_but_never_one_before_its_session(store) -> None:
    # a session played offline reaches the server an hour later: its times are the device's
    person = store.people.local_person(now=NOW)
    session = store.sessions.open(person_id=person, plan={"items": []}, planned_seconds=60, pain_before=None, now=NOW)
    hold = FinishedSet(exercise="pigeon-pose", kind="hold", side="left", rep=1, seconds=30.0, planned_seconds=30)
    done = NOW + dt.timedelta(seconds=45)
    assert store.sessions.add_set_if_running(person_id=person, session_id=session, result=hold, now=done)
    early = NOW - dt.timedelta(microseconds=1)
    assert not store.sessions.add_set_if_running(person_id=person, session_id=session, result=hold, now=early)
    with store.database.reading() as c:
        ends = list(c.scalars(select(SetRow.ended_at).where(SetRow.session_id == session)))
    assert ends == [done]
    owner = store.sessions.owner(session_id=session)
    assert owner is not None and owner.started_at == NOW
