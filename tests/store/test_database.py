from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from supple.session.engine import SetResult, SideAnswer
from supple.store import logbook, records
from supple.store.db import HEAD_REVISION, alembic_config, current_revision, make_engine, upgrade
from supple.store.tables import Base

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


@pytest.fixture
def db(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def test_upgrading_an_empty_database_to_head_matches_the_models(database_url) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    upgrade(engine)  # a second time does nothing
    engine.dispose()


def test_the_head_revision_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_session_keeps_each_set_and_side_answer_and_comes_back_in_order(db) -> None:
    person = records.local_person(db, now=NOW)
    assert records.local_person(db, now=NOW) == person
    session = records.open_session(
        db, person_id=person, plan={"items": []}, planned_seconds=300, pain_before=4, now=NOW
    )
    first = SetResult("cat-cow", "reps", None, 1, 64.0, 64, step=1)
    hurt = SetResult("pigeon-pose", "hold", "left", 2, 7.5, 30, skipped=True, hurt=True, pain=6, step=5)
    records.add_set(db, session_id=session, result=first, now=NOW + dt.timedelta(seconds=80))
    records.add_set(db, session_id=session, result=hurt, now=NOW + dt.timedelta(seconds=140))
    records.add_side_answer(db, session_id=session, answer=SideAnswer("pigeon-pose", "right"), now=NOW)
    records.close_session(db, session_id=session, state="finished", pain_after=2, now=NOW + dt.timedelta(minutes=5))
    (kept,) = logbook.sessions(db, person_id=person)
    assert (kept.state, kept.pain_before, kept.pain_after, kept.planned_seconds) == ("finished", 4, 2, 300)
    assert kept.started_at == NOW and kept.ended_at == NOW + dt.timedelta(minutes=5)
    assert [(s.exercise, s.seconds, s.hurt, s.pain, s.step) for s in kept.sets] == [
        ("cat-cow", 64.0, False, None, 1), ("pigeon-pose", 7.5, True, 6, 5),
    ]  # fmt: skip
    assert kept.sets[1].ended_at is None  # kept in the database, not loaded for progress
    assert [(a.exercise, a.tighter) for a in kept.sides] == [("pigeon-pose", "right")]


def test_a_session_left_running_is_found_and_can_be_set_aside(db) -> None:
    person = records.local_person(db, now=NOW)
    assert records.interrupted_session(db, person_id=person) is None
    session = records.open_session(
        db, person_id=person, plan={"minutes": 5}, planned_seconds=300, pain_before=None, now=NOW
    )
    found, plan = records.interrupted_session(db, person_id=person)
    assert (found.id, plan) == (session, {"minutes": 5})
    records.mark_interrupted(db, person_id=person)
    assert records.interrupted_session(db, person_id=person) is None
    assert logbook.sessions(db, person_id=person)[0].state == "interrupted"


def test_goals_keep_their_ratings_and_can_be_retired(db) -> None:
    person = records.local_person(db, now=NOW)
    stairs = records.add_goal(db, person_id=person, activity="Climbing stairs", now=NOW)
    records.rate_goal(db, goal_id=stairs, score=3, now=NOW)
    records.rate_goal(db, goal_id=stairs, score=6, now=NOW + dt.timedelta(days=14))
    socks = records.add_goal(db, person_id=person, activity="Putting on socks", now=NOW)
    records.retire_goal(db, goal_id=socks, now=NOW)
    (goal,) = records.goals(db, person_id=person)
    assert goal.activity == "Climbing stairs"
    assert [score for _, score in goal.ratings] == [3, 6]


def test_times_must_carry_a_timezone(db) -> None:
    with pytest.raises(Exception, match="timezone-aware"):
        records.local_person(db, now=dt.datetime(2026, 1, 1))  # noqa: DTZ001


def test_session_totals_match_the_sets_they_sum(db) -> None:
    person = records.local_person(db, now=NOW)
    done = records.open_session(db, person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)
    records.add_set(db, session_id=done, result=SetResult("cat-cow", "reps", None, 1, 64.0, 64, step=1), now=NOW)
    records.add_set(db, session_id=done, result=SetResult("cat-cow", "reps", None, 2, 3.5, 64, skipped=True), now=NOW)
    skipped = records.open_session(db, person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)
    records.add_set(
        db, session_id=skipped, result=SetResult("cat-cow", "reps", None, 1, 0.0, 64, skipped=True), now=NOW
    )
    records.open_session(db, person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)
    full, light = logbook.sessions(db, person_id=person), logbook.session_totals(db, person_id=person)
    assert [(s.seconds_done, s.counts) for s in light] == [(s.seconds_done, s.counts) for s in full]
    assert [(s.seconds_done, s.counts) for s in light] == [(67.5, True), (0.0, False), (0.0, False)]
    assert logbook.seconds_by_exercise(db, person_id=person, since=NOW) == {"cat-cow": 67.5}


def test_a_set_is_kept_only_in_the_persons_own_running_session(db) -> None:
    person = records.local_person(db, now=NOW)
    session = records.open_session(db, person_id=person, plan={}, planned_seconds=60, pain_before=None, now=NOW)
    done = SetResult("pigeon-pose", "hold", None, None, 30.0, 30, pain=None, step=2)
    assert records.add_set_if_running(db, person_id=person, session_id=session, result=done, now=NOW)
    assert not records.add_set_if_running(db, person_id=person + 1, session_id=session, result=done, now=NOW)
    assert not records.add_set_if_running(db, person_id=person, session_id=session + 1, result=done, now=NOW)
    records.close_session(db, session_id=session, state="finished", pain_after=None, now=NOW)
    assert not records.add_set_if_running(db, person_id=person, session_id=session, result=done, now=NOW)
    kept = logbook.session(db, session_id=session)
    assert kept is not None and len(kept.sets) == 1
    only = kept.sets[0]
    assert (only.exercise, only.side, only.rep, only.step) == ("pigeon-pose", None, None, 2)


def test_a_hurt_kept_by_the_guarded_insert_reads_back_with_its_time_and_score(db) -> None:
    person = records.local_person(db, now=NOW)
    session = records.open_session(db, person_id=person, plan={}, planned_seconds=60, pain_before=None, now=NOW)
    hurt = SetResult("cat-cow", "reps", None, 2, 7.5, 60, skipped=True, hurt=True, pain=6, step=3)
    later = NOW + dt.timedelta(seconds=42)
    assert records.add_set_if_running(db, person_id=person, session_id=session, result=hurt, now=later)
    [score] = logbook.pain_scores(db, person_id=person)
    assert (score.moment, score.score, score.exercise, score.at) == ("hurt", 6, "cat-cow", later)


def test_pain_scores_come_from_sessions_and_hurts_in_time_order(db) -> None:
    person = records.local_person(db, now=NOW)
    session = records.open_session(db, person_id=person, plan={}, planned_seconds=300, pain_before=4, now=NOW)
    hurt = SetResult("pigeon-pose", "hold", "left", 2, 7.5, 30, skipped=True, hurt=True, pain=6, step=5)
    unrated = SetResult("cat-cow", "reps", None, 1, 3.0, 64, skipped=True, hurt=True, pain=None, step=1)
    records.add_set(db, session_id=session, result=unrated, now=NOW + dt.timedelta(seconds=60))
    records.add_set(db, session_id=session, result=hurt, now=NOW + dt.timedelta(seconds=140))
    records.close_session(db, session_id=session, state="ended", pain_after=2, now=NOW + dt.timedelta(minutes=5))
    records.open_session(db, person_id=person, plan={}, planned_seconds=300, pain_before=None, now=NOW)  # no ratings
    scores = logbook.pain_scores(db, person_id=person)
    assert [(s.moment, s.score, s.exercise) for s in scores] == [
        ("before", 4, None), ("hurt", 6, "pigeon-pose"), ("after", 2, None)
    ]  # fmt: skip
    assert scores[1].at == NOW + dt.timedelta(seconds=140) and scores[2].at == NOW + dt.timedelta(minutes=5)
    assert records.person_created_at(db, person_id=person) == NOW


def test_a_write_of_one_statement_is_kept_when_it_leaves(db) -> None:
    from supple.store.db import one_statement

    person = records.local_person(db, now=NOW)
    with one_statement(db) as c:
        c.execute(text("UPDATE people SET name = 'kept' WHERE id = :id"), {"id": person})
    with db.connect() as other:
        assert other.execute(text("SELECT name FROM people")).scalar() == "kept"


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_on_postgresql_a_write_of_one_statement_is_committed_as_the_server_answers(db) -> None:
    """Its own transaction: one round trip, no BEGIN nor COMMIT."""
    from supple.store.db import one_statement

    person = records.local_person(db, now=NOW)
    with one_statement(db) as c:
        c.execute(text("UPDATE people SET name = 'kept' WHERE id = :id"), {"id": person})
        with db.connect() as other:
            assert other.execute(text("SELECT name FROM people")).scalar() == "kept"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_on_sqlite_a_write_of_one_statement_is_rolled_back_on_an_error(db) -> None:
    from supple.store.db import one_statement

    person = records.local_person(db, now=NOW)
    with pytest.raises(RuntimeError), one_statement(db) as c:
        c.execute(text("UPDATE people SET name = 'lost' WHERE id = :id"), {"id": person})
        raise RuntimeError("after the statement")
    with db.connect() as other:
        assert other.execute(text("SELECT name FROM people")).scalar() == records.LOCAL_PERSON


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_read_on_postgresql_leaves_no_transaction_open(db) -> None:
    """No BEGIN before it and so no ROLLBACK when the connection goes back to the pool: two round
    trips of three. The next user of the connection still gets transactions as usual."""
    from psycopg.pq import TransactionStatus

    from supple.store.db import reading

    with reading(db) as c:
        assert c.execute(text("SELECT 1")).scalar() == 1
        assert c.connection.dbapi_connection.info.transaction_status == TransactionStatus.IDLE
    with db.connect() as c:
        c.execute(text("SELECT 1"))
        assert c.connection.dbapi_connection.info.transaction_status == TransactionStatus.INTRANS
