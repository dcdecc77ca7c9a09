"""What a person has done, read back: totals summed by the database, time per exercise, and pain
ratings over time."""

from __future__ import annotations

import datetime as dt

from supple.progress.counting import counts
from supple.session.results import FinishedSet

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


def test_session_totals_match_the_sets_they_sum(store) -> None:
    person = store.people.local_person(now=NOW)
    done = store.sessions.open(person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)
    first = FinishedSet(exercise="cat-cow", kind="reps", side=None, rep=1, seconds=64.0, planned_seconds=64, step=1)
    second = FinishedSet(
        exercise="cat-cow", kind="reps", side=None, rep=2, seconds=3.5, planned_seconds=64, skipped=True
    )
    store.sessions.add_set(session_id=done, result=first, now=NOW)
    store.sessions.add_set(session_id=done, result=second, now=NOW)
    skipped = store.sessions.open(person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)
    nothing = FinishedSet(
        exercise="cat-cow", kind="reps", side=None, rep=1, seconds=0.0, planned_seconds=64, skipped=True
    )
    store.sessions.add_set(session_id=skipped, result=nothing, now=NOW)
    store.sessions.open(person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)
    full, light = store.history.sessions(person_id=person), store.history.totals(person_id=person)
    assert [(s.seconds_done, counts(s)) for s in light] == [(s.seconds_done, counts(s)) for s in full]
    assert [(s.seconds_done, counts(s)) for s in light] == [(67.5, False), (0.0, False), (0.0, False)]
    assert [s.planned_work_seconds for s in light] == [None, None, None]
    assert store.history.seconds_by_exercise(person_id=person, since=NOW) == {"cat-cow": 67.5}


def test_pain_scores_come_from_sessions_and_hurts_in_time_order(store) -> None:
    person = store.people.local_person(now=NOW)
    session = store.sessions.open(person_id=person, plan={}, planned_seconds=300, pain_before=4, now=NOW)
    hurt = FinishedSet(exercise="pigeon-pose", kind="hold", side="left", rep=2, seconds=7.5, planned_seconds=30,
                       skipped=True, hurt=True, pain=6, step=5)  # fmt: skip
    unrated = FinishedSet(exercise="cat-cow", kind="reps", side=None, rep=1, seconds=3.0, planned_seconds=64,
                          skipped=True, hurt=True, pain=None, step=1)  # fmt: skip
    store.sessions.add_set(session_id=session, result=unrated, now=NOW + dt.timedelta(seconds=60))
    store.sessions.add_set(session_id=session, result=hurt, now=NOW + dt.timedelta(seconds=140))
    store.sessions.close(session_id=session, state="ended", pain_after=2, now=NOW + dt.timedelta(minutes=5))
    store.sessions.open(person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)  # no ratings
    scores = store.history.pain_scores(person_id=person)
    assert [(s.moment, s.score, s.exercise) for s in scores] == [
        ("before", 4, None), ("hurt", 6, "pigeon-pose"), ("after", 2, None)
    ]  # fmt: skip
    assert scores[1].at == NOW + dt.timedelta(seconds=140) and scores[2].at == NOW + dt.timedelta(minutes=5)
    assert store.people.created_at(person_id=person) == NOW


def test_several_peoples_totals_in_one_read_are_each_ones_own(store) -> None:
    carol = store.accounts.add(username="carol", password_hash="x", role="clinician", clinician_id=None, now=NOW)
    people = [
        store.accounts.add(username=name, password_hash="x", role="client", clinician_id=carol.person_id, now=NOW)
        for name in ("alice", "bob", "cleo")
    ]
    alice, bob, cleo = (account.person_id for account in people)
    for person, held in ((alice, (30.0, 20.0)), (bob, (12.0,)), (alice, (5.0,))):
        session = store.sessions.open(person_id=person, plan={}, planned_seconds=60, pain_before=3, now=NOW)
        for seconds in held:
            done = FinishedSet(exercise="pigeon-pose", kind="hold", seconds=seconds, planned_seconds=30)
            store.sessions.add_set(session_id=session, result=done, now=NOW)
    found = store.history.totals_of(person_ids=[alice, bob, cleo])
    assert [s.seconds_done for s in found[alice]] == [50.0, 5.0]
    assert [s.seconds_done for s in found[bob]] == [12.0] and found[cleo] == []
    for person in (alice, bob):
        alone = [(s.id, s.seconds_done, s.pain_before) for s in store.history.totals(person_id=person)]
        assert [(s.id, s.seconds_done, s.pain_before) for s in found[person]] == alone
    assert store.history.totals_of(person_ids=[]) == {}
