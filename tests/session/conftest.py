from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from supple.catalog.loader import load_catalog
from supple.catalog.models import Catalog
from supple.planner.expand import expand
from supple.planner.plan import Plan, PlanItem

FIXTURE = Path(__file__).parents[1] / "data" / "catalog"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(data=FIXTURE)


def make_plan(catalog: Catalog, ids: Sequence[str]) -> Plan:
    """A plan of these fixture exercises, in order, with their catalogue doses."""
    items, position = [], "standing"
    for exercise_id in ids:
        exercise = catalog.exercises[exercise_id]
        steps = expand(exercise, exercise.dosage, moving=exercise.position != position)
        position = exercise.position
        items.append(PlanItem(exercise, exercise.dosage, tuple(exercise.helps_with), tuple(steps)))
    return Plan(minutes=10, items=tuple(items), conditions_covered=(), conditions_uncovered=(), notes=())
