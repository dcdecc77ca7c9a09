"""Plain figures for exercises without a pose of their own: one still pose per position."""

from __future__ import annotations

from typing import Any

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose

_PLAIN: dict[str, dict[str, Any]] = {
    "standing": {"description": "A person standing upright, arms by the sides.", "frames": [{"at": [0, 90.5]}]},
}


def pose_for(exercise: Exercise) -> Pose:
    """The exercise's own pose, or a plain one for its position."""
    if exercise.pose is not None:
        return exercise.pose
    return Pose.model_validate(_PLAIN.get(exercise.position, _PLAIN["standing"]))
