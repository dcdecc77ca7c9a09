"""The use cases that the command line and the web app share. Keyword-only, settings injected."""

from __future__ import annotations

from supple.catalog.loader import builtin_catalog, load_catalog
from supple.catalog.models import Catalog, Exercise
from supple.catalog.query import filter_exercises, find_exercise
from supple.config import Settings


def catalog_for(*, settings: Settings) -> Catalog:
    """The built-in catalogue, plus the person's own exercises in SUPPLE_HOME/exercises."""
    user_dir = settings.user_exercises_dir
    if user_dir.is_dir():
        return load_catalog(user_dir=user_dir)
    return builtin_catalog()


def list_exercises(
    *,
    settings: Settings,
    condition: str | None = None,
    position: str | None = None,
    kind: str | None = None,
    equipment: str | None = None,
) -> list[Exercise]:
    return filter_exercises(
        catalog_for(settings=settings), condition=condition, position=position, kind=kind, equipment=equipment
    )


def get_exercise(*, settings: Settings, exercise_id: str) -> Exercise:
    return find_exercise(catalog_for(settings=settings), exercise_id)
