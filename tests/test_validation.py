"""The content's records dump and copy as pydantic would, without pydantic."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from tests.content import builtin_catalog, builtin_safety

from supple.catalog.models import Dosage
from supple.validation import Record


def every_record() -> list[Record]:
    catalog, safety = builtin_catalog(), builtin_safety()
    return [*catalog, catalog.vocabulary, catalog.principles, *safety.questions, *safety.precautions]


@pytest.mark.parametrize("mode", ["python", "json"])
def test_every_built_in_record_dumps_as_pydantic_dumps_it(mode: Any) -> None:
    for record in every_record():
        assert record.model_dump(mode=mode) == TypeAdapter(type(record)).dump_python(record, mode=mode), record


@given(low=st.integers(1, 60), extra=st.integers(0, 60), reps=st.none() | st.integers(1, 10), side=st.booleans())
def test_a_dose_dumps_every_field_in_order(low: int, extra: int, reps: int | None, side: bool) -> None:
    dosage = Dosage.model_validate({"hold_s": low, "hold_range_s": (low, low + extra), "reps": reps, "per_side": side})
    ours, theirs = dosage.model_dump(mode="json"), TypeAdapter(Dosage).dump_python(dosage, mode="json")
    assert list(ours.items()) == list(theirs.items())


def test_a_copy_is_checked_like_a_new_record() -> None:
    dosage = Dosage.model_validate({"hold_s": 30, "hold_range_s": (20, 30), "reps": 3})
    assert dosage.model_copy(update={"hold_s": 20}).hold_s == 20
    with pytest.raises(ValueError, match="outside hold_range_s"):
        dosage.model_copy(update={"hold_s": 40})


def test_a_dumped_record_validates_back_to_itself() -> None:
    for record in every_record():
        assert type(record).model_validate(record.model_dump(mode="json")) == record


def test_validation_errors_are_pydantics_own() -> None:
    with pytest.raises(ValidationError, match="greater than 0"):
        Dosage.model_validate({"hold_s": 0, "reps": 1})
