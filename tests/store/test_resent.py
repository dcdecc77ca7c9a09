"""What the browser's player sends again, because an answer was lost, is kept once."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, text

from supple.session.engine import SetResult, SideAnswer
from supple.store import logbook, records
from supple.store.db import make_engine, upgrade, writing
from supple.store.tables import Person

NOW = dt.datetime(2026, 11, 29, 7, 30, tzinfo=dt.UTC)
HOLD = SetResult("pigeon-pose", "hold", "left", 1, 30.0, 30, step=3)


@pytest.fixture
def db(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def someone(db: Engine, name: str) -> int:
    with writing(db) as s:
        person = Person(name=name, created_at=NOW)
        s.add(person)
        s.flush()
        return person.id


def open_session(db: Engine, person: int, key: str | None = None) -> int:
    return records.open_session(
        db, person_id=person, plan={"items": []}, planned_seconds=60, pain_before=None, now=NOW, client_key=key
    )


def kept_sets(db: Engine, session: int) -> int:
    found = logbook.session(db, session_id=session)
    assert found is not None
    return len(found.sets)


def test_a_set_sent_twice_under_its_key_is_kept_once_and_acknowledged_twice(db: Engine) -> None:
    person = records.local_person(db, now=NOW)
    session = open_session(db, person, "s1")
    for _ in range(2):
        assert records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW,
                                          client_key="s1.1")  # fmt: skip
    assert kept_sets(db, session) == 1
    assert records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW, client_key="s1.2")
    assert kept_sets(db, session) == 2


def test_sets_without_a_key_are_always_new(db: Engine) -> None:
    person = records.local_person(db, now=NOW)
    session = open_session(db, person)
    for _ in range(3):
        assert records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW)
    assert kept_sets(db, session) == 3


def test_a_key_names_a_set_within_its_session_only(db: Engine) -> None:
    person = records.local_person(db, now=NOW)
    first, second = open_session(db, person, "a"), open_session(db, person, "b")
    for session in (first, second):
        assert records.add_set_if_running(
            db, person_id=person, session_id=session, result=HOLD, now=NOW, client_key="1"
        )
    assert (kept_sets(db, first), kept_sets(db, second)) == (1, 1)


def test_another_persons_key_neither_acknowledges_nor_tells_anything(db: Engine) -> None:
    alice, mallory = someone(db, "alice"), someone(db, "mallory")
    session = open_session(db, alice, "x")
    assert records.add_set_if_running(db, person_id=alice, session_id=session, result=HOLD, now=NOW, client_key="k")
    # the same key sent for alice's session by someone else is refused, as any set of theirs would be
    assert not records.add_set_if_running(db, person_id=mallory, session_id=session, result=HOLD, now=NOW,
                                          client_key="k")  # fmt: skip
    assert kept_sets(db, session) == 1


def test_a_set_sent_again_after_the_session_ended_is_still_acknowledged(db: Engine) -> None:
    # the answer to the last set was lost, then the player finished the session: the set was kept
    person = records.local_person(db, now=NOW)
    session = open_session(db, person, "s")
    assert records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW, client_key="9")
    records.close_session(db, session_id=session, state="finished", pain_after=None, now=NOW)
    assert records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW, client_key="9")
    assert not records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW,
                                          client_key="10")  # fmt: skip
    assert kept_sets(db, session) == 1


def test_a_session_opened_twice_under_its_key_is_one_session_per_person(db: Engine) -> None:
    alice, bob = someone(db, "alice"), someone(db, "bob")
    first = open_session(db, alice, "morning-1")
    assert open_session(db, alice, "morning-1") == first
    assert open_session(db, bob, "morning-1") != first
    assert open_session(db, alice) != open_session(db, alice)  # no key: a new session each time
    assert len(logbook.sessions(db, person_id=alice)) == 3


def test_a_side_answer_sent_twice_under_its_key_is_kept_once(db: Engine) -> None:
    person = records.local_person(db, now=NOW)
    session = open_session(db, person, "s")
    answer = SideAnswer("pigeon-pose", "right")
    for key in ("side.1", "side.1", "side.2", None, None):
        records.add_side_answer(db, session_id=session, answer=answer, now=NOW, person_id=person, client_key=key)
    found = logbook.session(db, session_id=session)
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


def test_copies_arriving_at_the_same_moment_are_kept_once(db: Engine) -> None:
    person = records.local_person(db, now=NOW)
    for attempt in range(5):
        session = open_session(db, person, f"race-{attempt}")
        sessions = at_once(3, lambda attempt=attempt: open_session(db, person, f"race-{attempt}"))
        assert set(sessions) == {session}
        answers = at_once(3, lambda session=session: records.add_set_if_running(
            db, person_id=person, session_id=session, result=HOLD, now=NOW, client_key="1"))  # fmt: skip
        assert answers == [True, True, True]
        assert kept_sets(db, session) == 1


def test_an_older_database_takes_the_keys_with_its_rows_kept(database_url: str) -> None:
    from alembic import command

    from supple.store.db import alembic_config

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
    assert records.add_set_if_running(engine, person_id=1, session_id=1, result=HOLD, now=NOW, client_key="k") is False
    assert len(logbook.sessions(engine, person_id=1)) == 1
    engine.dispose()


def test_a_backup_keeps_what_was_done_without_the_players_keys(db: Engine, tmp_path) -> None:
    import json

    from supple.store.backup import export_data, import_data, parse_backup

    person = records.local_person(db, now=NOW)
    session = open_session(db, person, "s")
    records.add_set_if_running(db, person_id=person, session_id=session, result=HOLD, now=NOW, client_key="s.1")
    records.add_side_answer(db, session_id=session, answer=SideAnswer("pigeon-pose", "left"), now=NOW,
                            person_id=person, client_key="s.side.1")  # fmt: skip
    exported = export_data(db, now=NOW)
    assert "client_key" not in json.dumps(exported)
    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    upgrade(target)
    import_data(target, parse_backup(exported))
    assert export_data(target, now=NOW) == exported
    target.dispose()
