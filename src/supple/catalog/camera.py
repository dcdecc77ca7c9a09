"""What the phone's camera can check of an exercise's form: data in the catalogue (docs/camera.md).

An exercise with `camera` can be checked; one without says it cannot be. The catalogue names what
to measure (an angle at a joint, a line's lean from upright), how far from the pose it may be and
what to say when it is not; the measure the person should reach is never written here: it is
worked out from the exercise's own 3-D pose (`supple.figures.form`), so the figure and the check
agree. Point names are the pose's (`catalog/pose.py`): near is the side the step names.
"""

from __future__ import annotations

from typing import Annotated, Literal

from supple.validation import Limits, Record, record

# The points a camera sees (supple.figures.form maps each to the pose model's landmarks).
CameraPoint = Literal[
    "head", "neck", "pelvis",
    "near.shoulder", "far.shoulder", "near.elbow", "far.elbow", "near.hand", "far.hand",
    "near.hip", "far.hip", "near.knee", "far.knee", "near.ankle", "far.ankle",
    "near.heel", "far.heel", "near.toe", "far.toe",
]  # fmt: skip
# Where the phone stands: the person side-on to it, facing it, or with their back to it.
CameraView = Literal["side", "front", "back"]
Degrees = Annotated[float, Limits(gt=0, le=90, allow_inf_nan=False)]
Cue = Annotated[str, Limits(strip_whitespace=True, min_length=1, max_length=120)]


@record
class Measure(Record):
    """A measure of the body in the picture: `angle` at its middle point (from the first point round
    to the last, 180 when straight), or `lean`, the line from its first point to its second tipped
    from upright (+ toward where the person faces)."""

    angle: tuple[CameraPoint, CameraPoint, CameraPoint] | None = None
    lean: tuple[CameraPoint, CameraPoint] | None = None

    def __post_init__(self) -> None:
        if (self.angle is None) == (self.lean is None):
            raise ValueError("a check measures either an `angle` (three points) or a `lean` (two points)")

    @property
    def points(self) -> tuple[CameraPoint, ...]:
        return self.angle if self.angle is not None else self.lean or ()


@record
class FormCheck(Measure):
    """One check of the position held: said when its measure is more than `within` degrees below or
    above the pose's: `too_small`, `too_large` (left out: that way is fine)."""

    within: Degrees
    too_small: Cue | None = None
    too_large: Cue | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.too_small is None and self.too_large is None:
            raise ValueError("a check says what to correct: `too_small`, `too_large` or both")


@record
class CameraCheck(Record):
    """How the camera checks an exercise: where it stands (`side`: the person side-on to it;
    `front`: facing it; `back`: behind the person, seeing the hips and the knees), which key pose
    of the pose is the position held (counted from 0; the last by default), the checks of that
    position, the first to correct first, and for a movement the measure that swings between its
    first two key poses, counting repetitions."""

    view: CameraView
    key_pose: Annotated[int, Limits(ge=0, le=5)] | None = None
    checks: Annotated[tuple[FormCheck, ...], Limits(max_length=6)] = ()
    counts: Measure | None = None

    def __post_init__(self) -> None:
        if not self.checks and self.counts is None:
            raise ValueError("a camera check has `checks` of the position, a measure that `counts`, or both")

    @property
    def points(self) -> tuple[CameraPoint, ...]:
        counted = self.counts.points if self.counts is not None else ()
        return tuple(point for check in self.checks for point in check.points) + counted
