"""Browsing the catalogue: the exercises, one exercise, the vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from supple.catalog.models import Catalog, Exercise, FileProblem, Vocabulary
from supple.catalog.query import filter_exercises, find_exercise
from supple.errors import DataFileError

if TYPE_CHECKING:
    from supple.services.context import AppContext


def catalog(context: AppContext) -> Catalog:
    """The built-in catalogue, plus the person's own exercises in SUPPLE_HOME/exercises."""
    return context.content.catalog()


def own_files_left_out(context: AppContext) -> tuple[FileProblem, ...]:
    """The person's own exercise files that do not load, and why: left out of everything else."""
    return context.content.catalog().left_out


def _refuse(problem: FileProblem) -> DataFileError:
    return DataFileError(problem.path, problem.field, problem.problem)


def vocabulary(context: AppContext) -> Vocabulary:
    return context.content.catalog().vocabulary


def list_exercises(
    context: AppContext,
    *,
    condition: str | None = None,
    position: str | None = None,
    kind: str | None = None,
    equipment: str | None = None,
    own_files_must_load: bool = False,
) -> list[Exercise]:
    """Every exercise, or those matching all the filters given (vocabulary ids). A person's own file
    that does not load is left out, or with `own_files_must_load` refused, naming the file, the
    field and the problem (for the listings a person checks their files with)."""
    found = context.content.catalog()
    if own_files_must_load and found.left_out:
        raise _refuse(found.left_out[0])
    return filter_exercises(found, condition=condition, position=position, kind=kind, equipment=equipment)


def get_exercise(context: AppContext, *, exercise_id: str) -> Exercise:
    """One exercise; an unknown id is refused with the closest matches, and one whose own file does
    not load with what is wrong in it."""
    found = context.content.catalog()
    if exercise_id not in found.exercises:
        for problem in found.left_out:
            if Path(problem.path).name == f"{exercise_id}.yaml":
                raise _refuse(problem)
    return find_exercise(found, exercise_id)
