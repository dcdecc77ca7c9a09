"""Figures: each exercise's stick-figure SVG, for the web app, the command line and the handout.

Kept out of `supple.services`' own imports, and importing `supple.figures` only when a figure is
drawn: commands that draw nothing (`supple plan`) never load it.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from supple.catalog.models import Exercise
from supple.config import Settings
from supple.errors import BadRequest, DataFileError
from supple.services.content import catalog_for
from supple.services.core import get_exercise


@dataclass(frozen=True)
class Figure:
    svg: str
    etag: str  # changes when the drawing does: a cache may keep the figure until then
    description: str  # the figure in words, for an `alt` attribute


def exercise_figure(*, settings: Settings, exercise_id: str, animate: bool = True) -> Figure:
    """The exercise's figure. A pose that cannot be drawn is reported against its file."""
    exercise = get_exercise(settings=settings, exercise_id=exercise_id)
    from supple.figures import PoseError

    try:
        return _draw(exercise, animate)
    except PoseError as error:
        origin = catalog_for(settings=settings).origins.get(exercise.id, f"{exercise.id}.yaml")
        raise DataFileError(origin, error.field, error.problem) from None


def figure_descriptions(*, exercises: list[Exercise]) -> dict[str, str]:
    """Each exercise's figure in words, by id: the `alt` text of a page's figures."""
    from supple.figures import describe_figure

    return {exercise.id: describe_figure(exercise) for exercise in exercises}


def write_figure(*, settings: Settings, exercise_id: str, path: Path) -> Path:
    """Write the exercise's figure to `path` as an SVG file."""
    figure = exercise_figure(settings=settings, exercise_id=exercise_id)
    try:
        path.write_text(figure.svg, encoding="utf-8")
    except OSError as error:
        raise BadRequest(f"cannot write the figure to {path}: {error.strerror or error}") from None
    return path


@functools.lru_cache(maxsize=256)
def _draw(exercise: Exercise, animate: bool) -> Figure:
    # Exercises are frozen, so an edited file is a different key: the cache never serves it stale.
    from supple.figures import describe_figure, still_svg
    from supple.figures import exercise_svg as animated_svg

    svg = animated_svg(exercise) if animate else still_svg(exercise)
    etag = hashlib.sha256(svg.encode()).hexdigest()[:20]
    return Figure(svg=svg, etag=etag, description=describe_figure(exercise))
