"""The content's records dump and copy as pydantic would, without pydantic, and compare, hash and
print as dataclasses would."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from tests.content import builtin_catalog, builtin_safety

from supple.catalog.models import Dosage, Equipment, Source
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


def hash_or_why_not(value: object) -> int | str:
    """A record holding a dict has no hash, as a frozen dataclass holding one has none."""
    try:
        return hash(value)
    except TypeError as error:
        return str(error)


def test_every_built_in_record_hashes_and_prints_as_its_dataclass_would() -> None:
    # Record writes these methods once, where the dataclass module would write them for each class.
    for record in every_record():
        cls = type(record)
        twin_class = dataclasses.dataclass(frozen=True, kw_only=True)(
            type(cls.__name__, (cls,), {"__qualname__": cls.__qualname__})
        )
        twin = twin_class(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.init})
        assert repr(record) == repr(twin)
        assert hash_or_why_not(record) == hash_or_why_not(twin)
        assert record != twin  # another class: unequal, as two dataclasses of different classes are


def test_records_are_equal_when_their_class_and_every_field_are() -> None:
    for record in every_record():
        again = type(record).model_validate(record.model_dump())
        assert again == record
        assert (again != record) is False  # != follows ==
        assert hash_or_why_not(again) == hash_or_why_not(record)
    source = Source(title="A", facts=("one",))
    assert source == Source(title="A", facts=("one",))
    assert source != Source(title="A", facts=("two",)) and source != Source(title="B", facts=("one",))
    assert Equipment() != Dosage() and Equipment() == Equipment()
    assert len({source, Source(title="A", facts=("one",)), Equipment()}) == 2


def test_a_record_stays_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Source(title="A", facts=("one",)).title = "B"  # type: ignore[misc]
