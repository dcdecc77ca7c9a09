"""Plain figures for exercises without a pose of their own (a person's own exercises): one still
pose per position, so every exercise still gets a picture of how it starts."""

from __future__ import annotations

import functools
from typing import Any

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose

_PLAIN: dict[str, dict[str, Any]] = {
    "standing": {"description": "A person standing upright, arms by the sides.", "frames": [{"at": [0, 94]}]},
    "seated-chair": {
        "description": "A person sitting upright on a chair, feet flat on the floor.",
        "props": [{"kind": "chair", "at": [-8, 0]}],
        "frames": [{"at": [0, 55.5], "hips": 95, "knees": 95, "shoulders": 20, "elbows": 60}],
    },
    "kneeling": {
        "description": "A person kneeling upright on both knees.",
        "frames": [{"at": [0, 48], "knees": 95, "ankles": -50}],
    },
    "all-fours": {
        "description": "A person on hands and knees.",
        "frames": [{"at": [0, 48.2], "trunk": 74, "hips": 74, "knees": 98, "ankles": -38, "shoulders": 74}],
    },
    "seated-floor": {
        "description": "A person sitting on the floor with the legs straight ahead, hands beside the hips.",
        "frames": [{"at": [-30, 10.2], "trunk": -5, "hips": 85, "ankles": 10, "shoulders": -20}],
    },
    "supine": {
        "description": "A person lying on their back, legs long and arms by the sides.",
        "frames": [{"at": [10, 10], "trunk": -90, "neck": 10}],
    },
    "side-lying": {
        "description": "A person lying on one side, facing the viewer, legs straight and stacked.",
        "frames": [{"at": [-20, 29.4], "trunk": 90, "turn": 90, "shoulders_out": [10, 170], "elbows": [0, 30]}],
    },
    "prone": {
        "description": "A person lying face down, forehead resting on the folded arms.",
        "frames": [{"at": [0, 19.5], "trunk": 90, "neck": 10, "ankles": -50, "shoulders": 150, "elbows": 130}],
    },
}


@functools.cache
def plain_pose(position: str) -> Pose:
    """The plain figure for a position (standing for one supple has no figure for)."""
    return Pose.model_validate(_PLAIN.get(position, _PLAIN["standing"]))


def pose_for(exercise: Exercise) -> Pose:
    """The exercise's own pose, or the plain one for its position."""
    return exercise.pose if exercise.pose is not None else plain_pose(exercise.position)
