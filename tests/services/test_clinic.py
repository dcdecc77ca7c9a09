"""Clinic mode's services: each person's screening and next-plan advice in the database, nothing in
SUPPLE_HOME; a client's routine planned with the client's own answers."""

from __future__ import annotations

import pytest

from supple import services
from supple.config import Settings
from supple.services import accounts, clinic
from supple.services.progress import stats
from supple.store import records
from supple.store.personal_file import personal_path
from supple.store.screening_file import screening_path

PASSWORD = "a long enough password"


@pytest.fixture
def clinic_settings(tmp_path, monkeypatch) -> Settings:
    from argon2 import PasswordHasher

    from supple.services import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: cheap)
    return Settings(home=tmp_path / "home", multi_user=True)


def people(settings: Settings) -> tuple[int, int, int]:
    carol = accounts.create_account(settings=settings, username="carol", password=PASSWORD, role="clinician")
    alice = accounts.create_client(settings=settings, clinician_id=carol.person_id, username="alice", password=PASSWORD)
    bob = accounts.create_client(settings=settings, clinician_id=carol.person_id, username="bob", password=PASSWORD)
    return carol.person_id, alice.person_id, bob.person_id


def test_each_persons_screening_and_advice_live_in_the_database(clinic_settings) -> None:
    _, alice, bob = people(clinic_settings)
    services.record_screening(settings=clinic_settings, yes=["pregnancy"], person_id=alice)
    assert services.latest_screening(settings=clinic_settings, person_id=alice).verdict == "caution"
    assert services.latest_screening(settings=clinic_settings, person_id=bob) is None
    services.report_pain(settings=clinic_settings, exercise_name="cat-cow", person_id=alice)
    assert "pain" in services.latest_screening(settings=clinic_settings, person_id=alice).invalidated
    services.record_screening(settings=clinic_settings, yes=[], person_id=bob)
    plan = services.make_plan(settings=clinic_settings, conditions=["sciatica"], minutes=10, person_id=bob)
    services.save_routine(settings=clinic_settings, name="x", plan=plan, person_id=bob)
    from supple.services import recording

    opened = recording.open_session(settings=clinic_settings, person_id=bob, plan=plan, pain_before=None)
    recording.finish_session(settings=clinic_settings, person_id=bob, session_id=opened.id, state="finished",
                             pain_after=None)  # fmt: skip
    advice = records.next_plan_advice(services.database(clinic_settings), person_id=bob)
    assert advice is not None and records.next_plan_advice(services.database(clinic_settings), person_id=alice) is None
    assert not screening_path(clinic_settings.home).exists() and not personal_path(clinic_settings.home).exists()


def test_clinic_mode_never_falls_back_to_a_local_person(clinic_settings) -> None:
    with pytest.raises(RuntimeError, match="whose records"):
        services.routine_names(settings=clinic_settings)


def test_a_clients_routine_follows_the_clients_own_precautions(clinic_settings) -> None:
    carol, alice, _ = people(clinic_settings)
    services.record_screening(settings=clinic_settings, yes=["hip-replacement"], person_id=alice)
    plan = clinic.assign_plan(settings=clinic_settings, clinician_id=carol, client_id=alice, name="hips",
                              conditions=["lower-back-pain"], minutes=10)  # fmt: skip
    assert not {"pigeon-pose", "supine-figure-four"} & {item.exercise.id for item in plan.items}
    text = "exercises:\n  - exercise: pigeon-pose\n  - exercise: cat-cow\n"
    written = clinic.assign_written_text(
        settings=clinic_settings, clinician_id=carol, client_id=alice, name="mine", text=text
    )
    assert [item.exercise.id for item in written.items if item.exercise.kind != "warmup"] == ["cat-cow"]
    assert any("Left out Pigeon" in note for note in written.notes)
    assert services.routine_names(settings=clinic_settings, person_id=alice) == ["hips", "mine"]
    assert stats(settings=clinic_settings, person_id=alice).sessions == 0
