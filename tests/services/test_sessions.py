from __future__ import annotations

import datetime as dt
import json

from supple import services

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


def run_through(kept, *, hurt_exercise: str | None = None) -> None:
    session = kept.session
    session.start(0.0)
    while (due := session.next_due()) is not None:
        session.advance(due)
        if hurt_exercise and session.steps[session.index].exercise.id == hurt_exercise and session.hurts == 0:
            session.hurt(due, 6)
            session.resume(due)


def test_every_set_of_a_session_is_in_the_history(screened) -> None:
    plan = services.make_plan(settings=screened, conditions=["sciatica"], minutes=12, now=NOW)
    kept = services.begin_session(settings=screened, plan=plan, pain_before=4, clock=lambda: NOW)
    run_through(kept)
    services.end_session(settings=screened, session_id=kept.id, state=kept.session.state, pain_after=3)
    (record,) = services.history(settings=screened)
    assert (record.state, record.pain_before, record.pain_after) == ("finished", 4, 3)
    assert len(record.sets) == sum(1 for step in kept.session.steps if step.is_work)


def test_a_hurt_changes_the_next_plan(screened) -> None:
    plan = services.make_plan(settings=screened, conditions=["sciatica"], minutes=20, now=NOW)
    hurting = next(item.exercise for item in plan.items if item.exercise.easier)
    kept = services.begin_session(settings=screened, plan=plan, pain_before=2, clock=lambda: NOW)
    run_through(kept, hurt_exercise=hurting.id)
    services.end_session(settings=screened, session_id=kept.id, state=kept.session.state, pain_after=2)
    services.record_screening(settings=screened, yes=[], now=NOW)  # screened again after the hurt
    again = services.make_plan(settings=screened, conditions=["sciatica"], minutes=20, now=NOW)
    assert hurting.id not in [item.exercise.id for item in again.items]
    assert any("back to 20 s" in note for note in again.notes)
    assert all(item.dosage.hold_s in (None, 20) or item.exercise.kind != "static" for item in again.items)


def test_screenings_are_kept_in_the_database_with_their_invalidation(screened) -> None:
    from supple.store import records

    services.record_screening(settings=screened, yes=["pregnancy"], now=NOW + dt.timedelta(days=1))
    services.request_fresh_screening(settings=screened, reason="you reported pain during Cat-cow")
    db = services.database(screened)
    kept = records.screenings(db, person_id=records.local_person(db, now=NOW))
    assert [(verdict, yes, invalid) for _, verdict, yes, invalid in kept] == [
        ("go", [], None), ("caution", ["pregnancy"], "you reported pain during Cat-cow"),
    ]  # fmt: skip


# --- the local person, remembered by the process ---------------------------------------------------


def test_the_local_person_is_remembered_without_asking_the_database_again(settings, monkeypatch) -> None:
    from supple.store import records

    me = services.local_person(settings)
    assert services.local_person(settings) == me  # found by a read: remembered from here on

    def no_database(*args: object, **kwargs: object) -> None:
        raise AssertionError("the database was asked again")

    monkeypatch.setattr(records, "find_local_person", no_database)
    assert services.local_person(settings) == me
    assert services.known_local_person(settings) == me


def test_deleting_everything_in_another_process_is_noticed_by_this_one(settings) -> None:
    from supple.store import records
    from supple.store.people_mark import renew_mark

    me = services.local_person(settings)
    services.local_person(settings)
    db = services.database(settings)
    # what `supple` deleting everything does, from another process: the database, then the mark
    records.delete_person(db, person_id=me)
    assert services.known_local_person(settings) == me
    renew_mark(home=settings.home)
    assert services.known_local_person(settings) is None
    again = services.local_person(settings)
    assert again == records.find_local_person(db)
    assert records.person_created_at(db, person_id=again)  # a person who exists


def test_after_deleting_everything_a_new_account_never_becomes_the_local_person(database_url, tmp_path) -> None:
    from supple.config import Settings
    from supple.services import accounts

    settings = Settings(home=tmp_path / "home", database_url=database_url)
    services.local_person(settings)
    services.local_person(settings)  # remembered
    services.delete_everything(settings=settings)
    # SQLite may give the freed id to the next person made: here, a clinician's
    made = accounts.create_account(settings=settings, username="dana", password="a long passphrase", role="clinician")
    clinician = made.person_id
    me = services.local_person(settings)
    assert me != clinician
    assert services.local_person(settings) == me


def test_a_backup_restored_replaces_the_remembered_local_person(database_url, tmp_path) -> None:
    from supple.config import Settings

    settings = Settings(home=tmp_path / "home", database_url=database_url)
    services.record_screening(settings=settings, yes=[], now=NOW)
    plan = services.make_plan(settings=settings, conditions=["sciatica"], minutes=12, now=NOW)
    services.save_routine(settings=settings, name="morning", plan=plan)
    backup = json.dumps(services.backup_data(settings=settings)).encode()
    services.delete_everything(settings=settings)
    services.local_person(settings)
    services.local_person(settings)  # the empty person made after deleting, remembered
    services.restore_backup(settings=settings, data=backup, source="the backup")
    assert services.routine_names(settings=settings) == ["morning"]


def test_this_process_forgets_the_deleted_person_even_when_the_mark_cannot_be_written(
    database_url, tmp_path, monkeypatch
) -> None:
    import errno

    import pytest

    from supple.config import Settings
    from supple.store import people_mark, records

    settings = Settings(home=tmp_path / "home", database_url=database_url)
    removed = services.local_person(settings)
    services.local_person(settings)  # remembered

    def full_disk(*, home: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(people_mark, "renew_mark", full_disk)
    with pytest.raises(OSError):
        services.delete_everything(settings=settings)
    me = services.local_person(settings)
    db = services.database(settings)
    assert me == records.find_local_person(db) and records.person_created_at(db, person_id=me)
    assert database_url.startswith("sqlite") or me != removed  # PostgreSQL never gives an id again
