"""What the browser's player sends again, because an answer was lost, is kept once."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from sqlalchemy import text

from supple.session.results import FinishedSet, SideAnswer
from supple.store.database.engine import Database, make_engine
from supple.store.database.schema import upgrade
from supple.store.database.tables import PersonRow
from supple.store.repositories import Store, open_store

NOW = dt.datetime(2026, 11, 29, 7, 30, tzinfo=dt.UTC)
HOLD = FinishedSet(exercise="pigeon-pose", kind="hold", side="left", rep=1, seconds=30.0, planned_seconds=30, step=3)


def someone(store: Store, name: str) -> int:
    with store.database.writing() as s:
        person = PersonRow(name=name, created_at=NOW)
        s.add(person)
        s.flush()
        return person.id


def open_session(store: Store, person: int, key: str | None = None) -> int:
    return store.sessions.open(
        person_id=person, plan={"items": []}, planned_seconds=60, pain_before=None, now=NOW, client_key=key
    )


def kept_sets(store: Store, session: int) -> int:
    found = store.history.session(session_id=session)
    assert found is not None
    return len(found.sets)


def test_a_set_sent_twice_under_its_key_is_kept_once_and_acknowledged_twice(store: Store) -> None:
    person = store.people.local_person(now=NOW)
    session = open_session(store, person, "s1")
    for _ in range(2):
        assert store.sessions.add_set_if_running(
            person_id=person, session_id=session, result=HOLD, now=NOW, client_key="s1.1"
        )
    assert kept_sets(store, session) == 1
    assert store.sessions.add_set_if_running(
        person_id=person, session_id=session, result=HOLD, now=NOW, client_key="s1.2"
    )
    assert kept_sets(store, session) == 2


def test_sets_without_a_key_are_always_new(store: Store) -> None:
    person = store.people.local_person(now=NOW)
    session = open_session(store, person)
    for _ in range(3):
        assert store.sessions.add_set_if_running(person_id=person, session_id=session, result=HOLD, now=NOW)
    assert kept_sets(store, session) == 3


def test_a_key_names_a_set_within_its_session_only(store: Store) -> None:
    person = store.people.local_person(now=NOW)
    first, second = open_session(store, person, "a"), open_session(store, person, "b")
    for session in (first, second):
        assert store.sessions.add_set_if_running(
            person_id=person, session_id=session, result=HOLD, now=NOW, client_key="1"
        )
    assert (kept_sets(store, first), kept_sets(store, second)) == (1, 1)


def test_another_persons_key_neither_acknowledges_nor_tells_anything(store: Store) -> None:
    alice, mallory = someone(store, "alice"), someone(store, "mallory")
    session = open_session(store, alice, "x")
    assert store.sessions.add_set_if_running(person_id=alice, session_id=session, result=HOLD, now=NOW, client_key="k")
    # the same key sent for alice's session by someone else is refused, as any set of theirs would be
    assert not store.sessions.add_set_if_running(
        person_id=mallory, session_id=session, result=HOLD, now=NOW, client_key="k"
    )
    assert kept_sets(store, session) == 1


def test_a_set_sent_again_after_the_session_ended_is_still_acknowledged(store: Store) -> None:
    # the answer to the last set was lost, then the player finished the session: the set was kept
    person = store.people.local_person(now=NOW)
    session = open_session(store, person, "s")
    assert store.sessions.add_set_if_running(person_id=person, session_id=session, result=HOLD, now=NOW, client_key="9")
    store.sessions.close(session_id=session, state="finished", pain_after=None, now=NOW)
    assert store.sessions.add_set_if_running(person_id=person, session_id=session, result=HOLD, now=NOW, client_key="9")
    assert not store.sessions.add_set_if_running(
        person_id=person, session_id=session, result=HOLD, now=NOW, client_key="10"
    )
    assert kept_sets(store, session) == 1


def test_a_session_opened_twice_under_its_key_is_one_session_per_person(store: Store) -> None:
    alice, bob = someone(store, "alice"), someone(store, "bob")
    first = open_session(store, alice, "morning-1")
    assert open_session(store, alice, "morning-1") == first
    assert open_session(store, bob, "morning-1") != first
    assert open_session(store, alice) != open_session(store, alice)  # no key: a new session each time
    assert len(store.history.sessions(person_id=alice)) == 3


def test_a_side_answer_sent_twice_under_its_key_is_kept_once(store: Store) -> None:
    person = store.people.local_person(now=NOW)
    session = open_session(store, person, "s")
    answer = SideAnswer(exercise="pigeon-pose", tighter="right")
    for key in ("side.1", "side.1", "side.2", None, None):
        store.sessions.add_side_answer(session_id=session, answer=answer, now=NOW, person_id=person, client_key=key)
    found = store.history.session(session_id=session)
    assert found is not None and len(found.sides) == 4


def at_once(times: int, action: Callable[[], object]) -> list[object]:
    """Run `action` on several threads released together, as two copies of a request arriving at once."""
    barrier, results = threading.Barrier(times), [None] * times

    def run(index: int) -> None:
        barrier.wait()
        results[index] = action()  # type: ignore[call-overload]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_copies_arriving_at_the_same_moment_are_kept_once(store: Store) -> None:
    person = store.people.local_person(now=NOW)
    for attempt in range(5):
        session = open_session(store, person, f"race-{attempt}")
        sessions = at_once(3, lambda attempt=attempt: open_session(store, person, f"race-{attempt}"))
        assert set(sessions) == {session}
        answers = at_once(3, lambda session=session: store.sessions.add_set_if_running(
            person_id=person, session_id=session, result=HOLD, now=NOW, client_key="1"))  # fmt: skip
        assert answers == [True, True, True]
        assert kept_sets(store, session) == 1


def test_an_older_database_takes_the_keys_with_its_rows_kept(database_url: str) -> None:
    from alembic import command

    from supple.store.database.schema import alembic_config

    engine = make_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(text("INSERT INTO people (id, name, created_at) VALUES (1, 'me', '2026-11-01 08:00:00')"))
        connection.execute(text(
            "INSERT INTO sessions (id, person_id, started_at, state, plan, planned_seconds) "
            "VALUES (1, 1, '2026-11-01 08:00:00', 'finished', '{}', 60)"))  # fmt: skip
    upgrade(engine)
    store = Store(Database(engine))
    assert store.sessions.add_set_if_running(person_id=1, session_id=1, result=HOLD, now=NOW, client_key="k") is False
    assert len(store.history.sessions(person_id=1)) == 1
    store.close()


def test_a_backup_keeps_what_was_done_without_the_players_keys(store: Store, tmp_path) -> None:
    import json

    from supple.store.repositories.backups import parse_backup

    person = store.people.local_person(now=NOW)
    session = open_session(store, person, "s")
    store.sessions.add_set_if_running(person_id=person, session_id=session, result=HOLD, now=NOW, client_key="s.1")
    left = SideAnswer(exercise="pigeon-pose", tighter="left")
    store.sessions.add_side_answer(session_id=session, answer=left, now=NOW, person_id=person, client_key="s.side.1")
    exported = store.backups.export(now=NOW)
    assert "client_key" not in json.dumps(exported)
    target = open_store(f"sqlite:///{tmp_path / 'restored.db'}")
    target.backups.restore(backup=parse_backup(exported))
    assert target.backups.export(now=NOW) == exported
    target.close()
