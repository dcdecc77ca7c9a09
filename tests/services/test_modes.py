"""Single-person mode's one person, remembered by the process: found again whenever the people
were replaced (everything deleted, a backup restored), in this process or another."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.clock import FakeClock

from supple.config import Settings
from supple.planner.request import PlanRequest
from supple.services.context import AppContext
from supple.services.modes import Asker
from supple.services.people import create_account
from supple.services.personal_data import backup_data, delete_everything, restore_backup
from supple.services.planning import make_plan
from supple.services.routines import routine_names, save_routine
from supple.services.screening import record_screening


@pytest.fixture
def on_each_database(database_url: str, tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    """The context of a SUPPLE_HOME whose records are in an empty database of each kind."""
    made = AppContext(Settings(home=tmp_path / "home", database_url=database_url), clock=clock)
    yield made
    made.close()


def test_the_local_person_is_remembered_without_asking_the_database_again(context: AppContext, monkeypatch) -> None:
    me = context.mode.person(None)
    assert context.mode.person(None) == me  # found by a read: remembered from here on

    def no_database(*args: object, **kwargs: object) -> None:
        raise AssertionError("the database was asked again")

    monkeypatch.setattr(context.store.people, "find_local_person", no_database)
    assert context.mode.person(None) == me
    assert context.mode.remembered_asker("") == Asker(me, "", "self")


def test_deleting_everything_in_another_process_is_noticed_by_this_one(
    settings: Settings, clock: FakeClock, context: AppContext
) -> None:
    from supple.store.files.people_version import renew_people_version

    me = context.mode.person(None)
    context.mode.person(None)
    # what `supple` deleting everything does, from another process: the database, then the version
    other = AppContext(settings, clock=clock)
    try:
        other.store.people.delete(person_id=me)
    finally:
        other.close()
    remembered = context.mode.remembered_asker("")
    assert remembered is not None and remembered.person_id == me
    renew_people_version(home=settings.home)
    assert context.mode.remembered_asker("") is None
    again = context.mode.person(None)
    people = context.store.people
    assert again == people.find_local_person()
    assert people.created_at(person_id=again)  # a person who exists


def test_after_deleting_everything_a_new_account_never_becomes_the_local_person(
    on_each_database: AppContext,
) -> None:
    context = on_each_database
    context.mode.person(None)
    context.mode.person(None)  # remembered
    delete_everything(context)
    # SQLite may give the freed id to the next person made: here, a clinician's
    made = create_account(context, username="dana", password="a long passphrase", role="clinician")
    clinician = made.person_id
    me = context.mode.person(None)
    assert me != clinician
    assert context.mode.person(None) == me


def test_a_backup_restored_replaces_the_remembered_local_person(on_each_database: AppContext) -> None:
    context = on_each_database
    record_screening(context, yes=[])
    plan = make_plan(context, request=PlanRequest(conditions=("sciatica",), minutes=12))
    save_routine(context, name="morning", plan=plan)
    backup = json.dumps(backup_data(context)).encode()
    delete_everything(context)
    context.mode.person(None)
    context.mode.person(None)  # the empty person made after deleting, remembered
    restore_backup(context, data=backup, source="the backup")
    assert routine_names(context) == ["morning"]


def test_this_process_forgets_the_deleted_person_even_when_the_mark_cannot_be_written(
    on_each_database: AppContext, database_url: str, monkeypatch
) -> None:
    import errno

    from supple.store.files import people_version

    context = on_each_database
    removed = context.mode.person(None)
    context.mode.person(None)  # remembered

    def full_disk(*, home: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(people_version, "renew_people_version", full_disk)
    with pytest.raises(OSError):
        delete_everything(context)
    me = context.mode.person(None)
    people = context.store.people
    assert me == people.find_local_person() and people.created_at(person_id=me)
    assert database_url.startswith("sqlite") or me != removed  # PostgreSQL never gives an id again
