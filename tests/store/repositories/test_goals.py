"""The activities a person finds hard, rated over time."""

from __future__ import annotations

import datetime as dt

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


def test_goals_keep_their_ratings_and_can_be_retired(store) -> None:
    person = store.people.local_person(now=NOW)
    stairs = store.goals.add(person_id=person, activity="Climbing stairs", now=NOW)
    store.goals.rate(goal_id=stairs, score=3, now=NOW)
    store.goals.rate(goal_id=stairs, score=6, now=NOW + dt.timedelta(days=14))
    socks = store.goals.add(person_id=person, activity="Putting on socks", now=NOW)
    store.goals.retire(goal_id=socks, now=NOW)
    (goal,) = store.goals.current(person_id=person)
    assert goal.activity == "Climbing stairs"
    assert [score for _, score in goal.ratings] == [3, 6]
