"""Illustrations of the exercises, drawn as SVG from each exercise's pose.

`exercise_svg(exercise)` is the public entry point: the web app, the command line and the
printable handout all draw their figures with it.
"""

from __future__ import annotations

from typing import Literal

from supple.catalog.models import Exercise
from supple.figures.defaults import pose_for
from supple.figures.svg import exercise_document
from supple.figures.validate import PoseError, exercise_problems, pose_problems, require_drawable
from supple.figures.words import describe

__all__ = ["PoseError", "describe_figure", "exercise_problems", "exercise_svg", "pose_problems", "still_svg"]

Facing = Literal["left", "right"]


def exercise_svg(exercise: Exercise, *, side: Facing = "right") -> str:
    """The exercise's figure as a complete SVG document; the same exercise gives the same bytes.

    It eases from the start into each position and back, a gentle loop that stands still for a
    reader who asked for reduced motion. A pose shows the right side; `side="left"` mirrors it.
    An exercise without a pose (a person's own, say) gets a plain figure of its position.
    Raises PoseError, naming the field, when the pose cannot be drawn.
    """
    return exercise_document(exercise, *require_drawable(exercise), side=side)


def still_svg(exercise: Exercise, *, side: Facing = "right") -> str:
    """The same figure without motion, for print: its position, or each key pose side by side.

    For readers who asked for reduced motion, and for print, where nothing moves anyway.
    """
    return exercise_document(exercise, *require_drawable(exercise), animate=False, side=side)


def describe_figure(exercise: Exercise) -> str:
    """The figure in words, for an `alt` attribute."""
    return describe(exercise, pose_for(exercise))
