"""Clinic mode's records: accounts, sign-ins, failed sign-ins; the local person is never an account
holder; backups never carry credentials, and one person's restores into their own records only."""

from __future__ import annotations

import datetime as dt

import pytest

from supple.errors import BadRequest, Conflict
from supple.safety.screen import Screening
from supple.store import accounts, records
from supple.store.backup import export_data, import_data, import_person, parse_backup
from supple.store.db import make_engine, upgrade

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)
GO = Screening("go", (), "fine", (), NOW)


@pytest.fixture
def db(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def add(db, name: str, role: str = "clinician", clinician: int | None = None) -> int:
    return accounts.add_account(db, username=name, password_hash="$argon2id$x", role=role, clinician_id=clinician,
                                now=NOW)  # fmt: skip


def test_usernames_are_unique_and_clients_belong_to_their_clinician(db) -> None:
    carol, dave = add(db, "carol"), add(db, "dave")
    sam = add(db, "sam", "client", carol)
    with pytest.raises(Conflict, match="taken"):
        add(db, "sam", "client", dave)
    assert [c.username for c in accounts.clients(db, clinician_id=carol)] == ["sam"]
    assert accounts.clients(db, clinician_id=dave) == []
    assert accounts.client(db, clinician_id=carol, client_id=sam) is not None
    assert accounts.client(db, clinician_id=dave, client_id=sam) is None
    assert accounts.client(db, clinician_id=carol, client_id=carol) is None, "a clinician is not their own client"


def test_a_sign_in_is_found_by_its_hash_until_it_expires_or_ends(db) -> None:
    carol = add(db, "carol")
    accounts.add_sign_in(db, token_hash="a" * 64, person_id=carol, now=NOW, expires_at=NOW + dt.timedelta(hours=1))
    found = accounts.signed_in(db, token_hash="a" * 64, now=NOW)
    assert found is not None and (found.username, found.role, found.password_hash) == ("carol", "clinician", "")
    assert accounts.signed_in(db, token_hash="a" * 64, now=NOW + dt.timedelta(hours=1)) is None
    accounts.end_sign_in(db, token_hash="a" * 64)
    assert accounts.signed_in(db, token_hash="a" * 64, now=NOW) is None


def test_failures_are_counted_per_key_in_a_window_and_old_ones_forgotten(db) -> None:
    keys = ("user:carol", "address:10.0.0.1")
    for minute in range(3):
        at = NOW + dt.timedelta(minutes=minute)
        accounts.add_failure(db, keys=keys, now=at, forget_before=at - dt.timedelta(minutes=15))
    recent = accounts.recent_failures(db, keys=keys, since=NOW)
    assert [len(recent[k]) for k in keys] == [2, 2]
    assert recent["user:carol"][0] == NOW + dt.timedelta(minutes=2), "newest first"
    accounts.clear_failures(db, key="user:carol")
    assert accounts.recent_failures(db, keys=keys, since=NOW - dt.timedelta(1))["user:carol"] == []
    later = NOW + dt.timedelta(hours=1)
    accounts.add_failure(db, keys=("user:x",), now=later, forget_before=later - dt.timedelta(minutes=15))
    assert accounts.recent_failures(db, keys=keys, since=NOW - dt.timedelta(1))["address:10.0.0.1"] == []


def test_the_local_person_is_never_someone_with_an_account(db) -> None:
    carol = add(db, "carol")
    me = records.local_person(db, now=NOW)
    assert me != carol and records.local_person(db, now=NOW) == me


def test_backups_carry_no_credentials_and_one_person_restores_into_their_own_records(db, tmp_path) -> None:
    carol = add(db, "carol")
    sam = add(db, "sam", "client", carol)
    records.add_screening(db, person_id=sam, screening=GO)
    records.save_routine(db, person_id=sam, name="morning", plan={"items": []}, now=NOW)
    everyone = export_data(db, now=NOW)
    assert "argon2" not in str(everyone) and "password" not in str(everyone)
    only_sam = export_data(db, now=NOW, person_id=sam)
    assert [p["name"] for p in only_sam["people"]] == ["sam"]

    with pytest.raises(BadRequest, match="not empty"):
        import_data(db, parse_backup(everyone))  # a clinic's database is never wiped by an import
    with pytest.raises(BadRequest, match="already have records"):
        import_person(db, person_id=sam, backup=parse_backup(only_sam))
    with pytest.raises(BadRequest, match="2 people"):
        import_person(db, person_id=carol, backup=parse_backup(everyone))
    assert import_person(db, person_id=carol, backup=parse_backup(only_sam)) == 0
    assert records.routine_names(db, person_id=carol) == ["morning"]
    assert records.routine_names(db, person_id=sam) == ["morning"], "sam's own are untouched"
    assert len(accounts.accounts(db)) == 2


def test_next_plan_advice_and_the_latest_screening_are_kept_per_person(db) -> None:
    carol, dave = add(db, "carol"), add(db, "dave")
    records.save_next_plan_advice(db, person_id=carol, advice={"hold_s": {"cat-cow": 30}}, now=NOW)
    records.save_next_plan_advice(db, person_id=carol, advice={"hold_s": {"cat-cow": 40}}, now=NOW)
    assert records.next_plan_advice(db, person_id=carol) == {"hold_s": {"cat-cow": 40}}
    assert records.next_plan_advice(db, person_id=dave) is None
    records.add_screening(db, person_id=carol, screening=GO)
    records.invalidate_latest_screening(db, person_id=carol, reason="pain")
    assert records.latest_screening(db, person_id=carol) == (NOW, "go", [], "pain")
    assert records.latest_screening(db, person_id=dave) is None
