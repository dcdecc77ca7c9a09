from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from supple.catalog.models import Dosage, Exercise


def exercise(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "test-stretch",
        "name": "Test stretch",
        "summary": "A stretch.",
        "kind": "static",
        "position": "standing",
        "sided": True,
        "targets": ["glutes"],
        "helps_with": ["hip-pain"],
        "dosage": {"hold_s": 30, "reps": 3, "per_side": True},
        "steps": ["Do it."],
        "sources": [{"title": "A Test Article", "facts": ["A fact."]}],
    }
    data.update(changes)
    return data


def error_of(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Exercise.model_validate(data)
    return str(caught.value)


def test_a_complete_static_stretch_is_valid() -> None:
    assert Exercise.model_validate(exercise()).dosage.reps == 3


def test_a_static_stretch_needs_a_hold_or_a_breath_count() -> None:
    assert "needs either dosage.hold_s or dosage.breaths" in error_of(exercise(dosage={"reps": 3, "per_side": True}))


def test_a_static_stretch_cannot_have_both_hold_and_breaths() -> None:
    assert "needs either" in error_of(exercise(dosage={"hold_s": 30, "breaths": 3, "reps": 3, "per_side": True}))


def test_a_strength_move_has_reps_and_no_hold() -> None:
    data = exercise(kind="strength", dosage={"reps": 10, "rep_s": 3, "hold_s": 5, "per_side": True})
    assert "has no use for dosage.hold_s" in error_of(data)


def test_a_strength_move_needs_a_pace() -> None:
    assert "needs dosage.rep_s" in error_of(exercise(kind="strength", dosage={"reps": 10, "per_side": True}))


def test_an_isometric_needs_hold_and_reps() -> None:
    assert "needs dosage.hold_s" in error_of(exercise(kind="isometric", dosage={"reps": 3, "per_side": True}))


def test_a_warmup_needs_a_duration_and_may_help_with_nothing() -> None:
    warmup = Exercise.model_validate(
        exercise(kind="warmup", sided=False, helps_with=[], dosage={"hold_s": 300, "reps": 1})
    )
    assert warmup.helps_with == ()


def test_only_a_warmup_may_help_with_nothing() -> None:
    assert "only a warm-up may help with no condition" in error_of(exercise(helps_with=[]))


def test_per_side_must_agree_with_sided() -> None:
    assert "must agree" in error_of(exercise(sided=False))


def test_the_hold_must_sit_inside_its_range() -> None:
    data = exercise(dosage={"hold_s": 45, "hold_range_s": [20, 30], "reps": 3, "per_side": True})
    assert "outside hold_range_s" in error_of(data)


def test_a_range_must_run_low_to_high() -> None:
    data = exercise(dosage={"hold_s": 25, "hold_range_s": [30, 20], "reps": 3, "per_side": True})
    assert "low 30 is above high 20" in error_of(data)


@pytest.mark.parametrize("bad_id", ["Hip_Flexor", "hip flexor", "-hip", "hip--flexor", "hip-"])
def test_ids_are_kebab_case(bad_id: str) -> None:
    assert "String should match pattern" in error_of(exercise(id=bad_id))


def test_unknown_fields_are_refused() -> None:
    assert "Unexpected keyword argument" in error_of(exercise(hold=30))


def test_an_exercise_cannot_be_easier_than_itself() -> None:
    assert "cannot link to itself" in error_of(exercise(easier=["test-stretch"]))


def test_equipment_cannot_be_both_required_and_optional() -> None:
    data = exercise(equipment={"required": ["strap"], "optional": ["strap"]})
    assert "both required and optional: strap" in error_of(data)


@given(
    hold=st.integers(1, 3600),
    low=st.integers(1, 3600),
    high=st.integers(1, 3600),
)
def test_a_dosage_is_valid_exactly_when_its_range_is_ordered_and_holds_the_hold(hold: int, low: int, high: int) -> None:
    ok = low <= hold <= high
    try:
        Dosage.model_validate({"hold_s": hold, "hold_range_s": (low, high), "reps": 1})
    except ValidationError:
        assert not ok
    else:
        assert ok
