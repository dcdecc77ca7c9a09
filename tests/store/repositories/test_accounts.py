"""Clinic mode's records: accounts, sign-ins, failed sign-ins; the local person is never an account
holder; backups never carry credentials, and one person's restores into their own records only."""

from __future__ import annotations

import datetime as dt

import pytest

from supple.errors import BadRequest, Conflict
from supple.planner.personal import Personal
from supple.safety.screen import Screening
from supple.store.repositories import Store
from supple.store.repositories.backups import parse_backup
from supple.store.repositories.screenings import StoredScreening

NOW = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)
GO = Screening("go", (), "fine", (), NOW)


def add(store: Store, name: str, role: str = "clinician", clinician: int | None = None) -> int:
    account = store.accounts.add(username=name, password_hash="$argon2id$x", role=role, clinician_id=clinician,
                                 now=NOW)  # fmt: skip
    return account.person_id


def test_usernames_are_unique_and_clients_belong_to_their_clinician(store) -> None:
    carol, dave = add(store, "carol"), add(store, "dave")
    sam = add(store, "sam", "client", carol)
    with pytest.raises(Conflict, match="taken"):
        add(store, "sam", "client", dave)
    assert [c.username for c in store.accounts.clients(clinician_id=carol)] == ["sam"]
    assert store.accounts.clients(clinician_id=dave) == []
    assert store.accounts.client(clinician_id=carol, client_id=sam) is not None
    assert store.accounts.client(clinician_id=dave, client_id=sam) is None
    assert store.accounts.client(clinician_id=carol, client_id=carol) is None, "a clinician is not their own client"


def test_a_sign_in_is_found_by_its_hash_until_it_expires_or_ends(store) -> None:
    carol = add(store, "carol")
    store.sign_ins.add(token_hash="a" * 64, person_id=carol, now=NOW, expires_at=NOW + dt.timedelta(hours=1))
    found = store.sign_ins.who(token_hash="a" * 64, now=NOW)
    assert found is not None and (found.username, found.role, found.password_hash) == ("carol", "clinician", "")
    assert store.sign_ins.who(token_hash="a" * 64, now=NOW + dt.timedelta(hours=1)) is None
    store.sign_ins.end(token_hash="a" * 64)
    assert store.sign_ins.who(token_hash="a" * 64, now=NOW) is None


def test_attempts_count_as_failures_per_key_in_a_window_until_one_proves_right(store) -> None:
    limits = {"user:carol": 3, "address:10.0.0.1": 20}
    since = NOW - dt.timedelta(minutes=15)
    first = store.sign_ins.begin_attempt(limits=limits, now=NOW, since=since)
    right = store.sign_ins.begin_attempt(limits=limits, now=NOW, since=since)
    assert not first.refused and [len(right.recent[key]) for key in limits] == [1, 1]
    store.sign_ins.not_a_failure(right)
    later = NOW + dt.timedelta(minutes=1)
    third = store.sign_ins.begin_attempt(limits=limits, now=later, since=since)
    assert [len(third.recent[key]) for key in limits] == [1, 1], "the right one no longer counts"
    store.sign_ins.begin_attempt(limits=limits, now=later, since=since)
    refused = store.sign_ins.begin_attempt(limits=limits, now=later, since=since)
    assert refused.refused and refused.recent["user:carol"] == [later, later, NOW], "newest first"
    assert not store.sign_ins.begin_attempt(limits={"user:dave": 3}, now=later, since=since).refused
    past_the_window = NOW + dt.timedelta(minutes=16)
    again = store.sign_ins.begin_attempt(limits=limits, now=past_the_window, since=NOW + dt.timedelta(minutes=1))
    assert not again.refused and again.recent["address:10.0.0.1"] == [], "the old ones are forgotten"


def test_the_local_person_is_never_someone_with_an_account(store) -> None:
    carol = add(store, "carol")
    me = store.people.local_person(now=NOW)
    assert me != carol and store.people.local_person(now=NOW) == me


def test_backups_carry_no_credentials_and_one_person_restores_into_their_own_records(store, tmp_path) -> None:
    carol = add(store, "carol")
    sam = add(store, "sam", "client", carol)
    store.screenings.add(person_id=sam, screening=GO)
    store.routines.save(person_id=sam, name="morning", plan={"items": []}, now=NOW)
    everyone = store.backups.export(now=NOW)
    assert "argon2" not in str(everyone) and "password" not in str(everyone)
    only_sam = store.backups.export(now=NOW, person_id=sam)
    assert [p["name"] for p in only_sam["people"]] == ["sam"]

    with pytest.raises(BadRequest, match="not empty"):
        store.backups.restore(backup=parse_backup(everyone))  # a clinic's database is never wiped by an import
    with pytest.raises(BadRequest, match="already have records"):
        store.backups.restore_person(person_id=sam, backup=parse_backup(only_sam))
    with pytest.raises(BadRequest, match="2 people"):
        store.backups.restore_person(person_id=carol, backup=parse_backup(everyone))
    assert store.backups.restore_person(person_id=carol, backup=parse_backup(only_sam)) == 0
    assert store.routines.names(person_id=carol) == ["morning"]
    assert store.routines.names(person_id=sam) == ["morning"], "sam's own are untouched"
    assert len(store.accounts.all()) == 2


def test_next_plan_advice_and_the_latest_screening_are_kept_per_person(store) -> None:
    carol, dave = add(store, "carol"), add(store, "dave")
    store.next_plans.save(person_id=carol, advice=Personal(hold_s={"cat-cow": 30}), now=NOW)
    store.next_plans.save(person_id=carol, advice=Personal(hold_s={"cat-cow": 40}), now=NOW)
    assert store.next_plans.advice(person_id=carol) == Personal(hold_s={"cat-cow": 40})
    assert store.next_plans.advice(person_id=dave) == Personal(), "none kept: no advice"
    store.screenings.add(person_id=carol, screening=GO)
    store.screenings.invalidate_latest(person_id=carol, reason="pain")
    assert store.screenings.latest(person_id=carol) == StoredScreening(NOW, "go", (), "pain")
    assert store.screenings.latest(person_id=dave) is None
