"""Browsing the catalogue: the exercises, one exercise, the vocabulary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.catalog.models import Catalog, Exercise, Vocabulary
from supple.catalog.query import filter_exercises, find_exercise

if TYPE_CHECKING:
    from supple.services.context import AppContext


def catalog(context: AppContext) -> Catalog:
    """The built-in catalogue, plus the person's own exercises in SUPPLE_HOME/exercises."""
    return context.content.catalog()


def vocabulary(context: AppContext) -> Vocabulary:
    return context.content.catalog().vocabulary


def list_exercises(
    context: AppContext,
    *,
    condition: str | None = None,
    position: str | None = None,
    kind: str | None = None,
    equipment: str | None = None,
) -> list[Exercise]:
    """Every exercise, or those matching all the filters given (vocabulary ids)."""
    return filter_exercises(
        context.content.catalog(), condition=condition, position=position, kind=kind, equipment=equipment
    )


def get_exercise(context: AppContext, *, exercise_id: str) -> Exercise:
    """One exercise; an unknown id is refused with the closest matches."""
    return find_exercise(context.content.catalog(), exercise_id)
