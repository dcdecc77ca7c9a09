"""Figures: each exercise's figure as SVG, for the web app, the player, the command line and the handout."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from supple.catalog.models import Exercise
from supple.errors import BadRequest, DataFileError
from supple.figures import PoseError, describe_figure, exercise_svg, still_svg
from supple.figures.form import form_spec
from supple.services.catalogue import get_exercise

if TYPE_CHECKING:
    from supple.services.context import AppContext


@dataclass(frozen=True)
class Figure:
    svg: str
    etag: str  # changes when the drawing does: a cache may keep the figure until then
    description: str  # the figure in words, for an `alt` attribute


def exercise_figure(
    context: AppContext, *, exercise_id: str, animate: bool = True, side: Literal["left", "right"] = "right"
) -> Figure:
    """The exercise's figure: moving gently into its position, or still (`animate=False`: its
    position alone, or each key pose side by side, for print); showing the right side, or
    mirrored for the left. A pose that cannot be drawn is reported against its file."""
    exercise = get_exercise(context, exercise_id=exercise_id)
    # Exercises are frozen, so an edited file is a different key: the cache never serves it stale.
    key = (exercise, animate, side)
    found = context.figures_drawn.get(key)
    if found is not None:
        return found
    try:
        drawn = _draw(exercise, animate, side)
    except PoseError as error:
        origin = context.content.catalog().origins.get(exercise.id, f"{exercise.id}.yaml")
        raise DataFileError(origin, error.field, error.problem) from None
    context.figures_drawn.put(key, drawn)
    return drawn


def figure_descriptions(*, exercises: list[Exercise]) -> dict[str, str]:
    """Each exercise's figure in words, by id: the `alt` text of a page's figures."""
    return {exercise.id: describe_figure(exercise) for exercise in exercises}


def form_checks(*, exercises: list[Exercise]) -> dict[str, dict[str, Any]]:
    """What the player's form check needs for each exercise the camera can check, by id
    (figures/form.py); an exercise left out cannot be checked by camera."""
    specs = {exercise.id: form_spec(exercise) for exercise in exercises}
    return {exercise_id: spec for exercise_id, spec in specs.items() if spec is not None}


def write_figure(context: AppContext, *, exercise_id: str, path: Path) -> Path:
    """Write the exercise's figure to `path` as an SVG file."""
    figure = exercise_figure(context, exercise_id=exercise_id)
    try:
        path.write_text(figure.svg, encoding="utf-8")
    except OSError as error:
        raise BadRequest(f"cannot write the figure to {path}: {error.strerror or error}") from None
    return path


def _draw(exercise: Exercise, animate: bool, side: Literal["left", "right"]) -> Figure:
    svg = exercise_svg(exercise, side=side) if animate else still_svg(exercise, side=side)
    etag = hashlib.sha256(svg.encode()).hexdigest()[:20]
    return Figure(svg=svg, etag=etag, description=describe_figure(exercise))
