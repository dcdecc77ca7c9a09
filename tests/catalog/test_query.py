from __future__ import annotations

from pathlib import Path

import pytest

from supple.catalog.loader import load_catalog
from supple.catalog.models import Catalog, Exercise
from supple.catalog.query import filter_exercises, find_exercise
from supple.errors import BadRequest

FIXTURE = Path(__file__).parents[1] / "data" / "catalog"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(data=FIXTURE)


def ids(exercises: list[Exercise]) -> list[str]:
    return [exercise.id for exercise in exercises]


def test_no_filter_lists_everything_in_id_order(catalog: Catalog) -> None:
    assert ids(filter_exercises(catalog)) == ["alpha-stretch", "beta-stretch", "gamma-lift"]


def test_filters_combine(catalog: Catalog) -> None:
    assert ids(filter_exercises(catalog, condition="hip-pain", position="standing")) == ["beta-stretch", "gamma-lift"]
    assert ids(filter_exercises(catalog, condition="hip-pain", kind="strength")) == ["gamma-lift"]
    assert ids(filter_exercises(catalog, condition="lower-back-pain")) == ["beta-stretch"]
    assert ids(filter_exercises(catalog, equipment="strap")) == ["alpha-stretch"]


def test_a_filter_can_match_nothing(catalog: Catalog) -> None:
    assert filter_exercises(catalog, condition="lower-back-pain", position="supine") == []


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [
        ("condition", "back", "valid: hip-pain, lower-back-pain"),
        ("position", "sitting", "valid: standing, supine"),
        ("kind", "yoga", "valid: dynamic, isometric, static, strength, warmup"),
        ("equipment", "rope", "valid: strap, wall"),
    ],
)
def test_an_unknown_filter_value_lists_the_valid_ones(catalog: Catalog, option: str, value: str, valid: str) -> None:
    with pytest.raises(BadRequest, match=f"^unknown {option} '{value}'$") as refused:
        filter_exercises(catalog, **{option: value})
    assert (refused.value.topic, "valid: " + ", ".join(refused.value.choices)) == ("unknown-choice", valid)


def test_find_returns_the_exercise(catalog: Catalog) -> None:
    assert find_exercise(catalog, "beta-stretch").name == "Beta stretch"


def test_a_mistyped_id_offers_close_ids(catalog: Catalog) -> None:
    with pytest.raises(BadRequest, match="^no exercise 'beta-strech'$") as refused:
        find_exercise(catalog, "beta-strech")
    assert refused.value.topic == "unknown-exercise" and refused.value.choices[0] == "beta-stretch"


def test_a_name_or_alias_finds_the_id(catalog: Catalog) -> None:
    with pytest.raises(BadRequest) as refused:
        find_exercise(catalog, "standing-beta")
    assert refused.value.choices == ("beta-stretch",)


def test_a_hopeless_id_offers_nothing_close(catalog: Catalog) -> None:
    """The command line then points to the whole catalogue; the web links to it."""
    with pytest.raises(BadRequest) as refused:
        find_exercise(catalog, "xyzzy")
    assert refused.value.choices == ()
