"""A routine's version beside the latest screening, read in one statement (clinic mode's start of the
player): the same answers as the two repositories give apart, whichever of them is missing."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from supple.safety.screen import Screening
from supple.store.database.tables import PersonRow
from supple.store.repositories import Store

START = dt.datetime(2026, 11, 2, 7, 30, 15, 250_000, tzinfo=dt.UTC)
NAMES = ("morning", "evening")

# what a person may have done, in order: save a routine (or a clinician's draft of it), be screened
steps = st.lists(
    st.one_of(
        st.tuples(st.just("routine"), st.sampled_from(NAMES), st.booleans()),
        st.tuples(st.just("screening"), st.sampled_from(("go", "caution", "stop")), st.booleans()),
    ),
    max_size=6,
)


def new_person(store: Store) -> int:
    with store.database.engine.begin() as c:
        return int(
            c.execute(insert(PersonRow).values(name="someone", created_at=START).returning(PersonRow.id)).scalar_one()
        )


def apart(store: Store, person: int, name: str | None) -> tuple[object, object]:
    return store.routines.version(person_id=person, name=name), store.screenings.latest(person_id=person)


def test_a_person_with_nothing_yet_has_neither(store: Store) -> None:
    person = store.people.local_person(now=START)
    for name in (None, "morning"):
        assert store.routines.version_and_latest_screening(person_id=person, name=name) == (None, None)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(done=steps)
def test_one_statement_finds_what_the_two_repositories_find_apart(
    store: Store, done: list[tuple[str, str, bool]]
) -> None:
    person, other = new_person(store), new_person(store)
    for n, (kind, what, flag) in enumerate(done):
        now = START + dt.timedelta(minutes=n)
        if kind == "routine":
            store.routines.save(person_id=person, name=what, plan={"items": []}, now=now, draft=flag)
        else:
            store.screenings.add(person_id=person, screening=Screening(what, (), "", ("q1",), now))
            if flag:
                store.screenings.invalidate_latest(person_id=person, reason="this hurts")
    # another person's records are never the answer
    store.routines.save(person_id=other, name="morning", plan={"items": []}, now=START + dt.timedelta(days=1))
    store.screenings.add(person_id=other, screening=Screening("go", (), "", (), START + dt.timedelta(days=1)))
    for name in (None, *NAMES):
        together = store.routines.version_and_latest_screening(person_id=person, name=name)
        assert together == apart(store, person, name)
