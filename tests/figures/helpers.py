"""Tiny poses for the mechanics: a person standing upright, then changed one field at a time."""

from __future__ import annotations

from typing import Any

from supple.catalog.pose import Pose

# Standing upright, soles on the floor: the plain standing figure.
STANDING: dict[str, Any] = {"at": [0, 94]}
# Sitting upright on a chair whose seat is under the pelvis, hands on the thighs.
SITTING: dict[str, Any] = {"at": [0, 55.5], "hips": 95, "knees": 95, "shoulders": 20, "elbows": 60}
# Lying on the back, knees bent and feet flat on the floor.
HOOK_LYING: dict[str, Any] = {"at": [10, 10.5], "trunk": -90, "neck": 1.5, "hips": 44.7, "hips_out": 6, "knees": 90.3,
                              "ankles": -47.1, "shoulders": -13, "elbows": 12.5}  # fmt: skip
CHAIR = {"kind": "chair", "at": [-8, 0]}


def pose(frame: dict[str, Any] | None = None, *more: dict[str, Any], **fields: Any) -> Pose:
    """A pose of one key pose (standing unless given) and any later ones, plus pose fields."""
    frames = [frame if frame is not None else STANDING, *more]
    return Pose.model_validate({"description": "A test figure.", "frames": frames, **fields})


def standing(**changes: Any) -> Pose:
    return pose({**STANDING, **changes})
