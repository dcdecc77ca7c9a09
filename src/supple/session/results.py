"""What a session leaves behind: each finished set, and which side felt tighter.

One type each, from the engine that ends a set, through the store that keeps it and the API that
receives it from the browser's player, to the progress that reads it back (docs/architecture.md,
"One value per concept"). The limits on the fields are what the API accepts; pydantic reads them
from the annotations when it validates a body, and nothing here imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Annotated, Literal

from supple.planner.expand import Side
from supple.validation import Limits

Tightness = Literal["left", "right", "same"]
SetKind = Literal["hold", "breaths", "reps", "push", "warmup"]
ExerciseId = Annotated[str, Limits(min_length=1, max_length=64)]
# Strict: a body means what it says (pydantic took `"pain": false` as 0 and "5" as 5 once).
Pain = Annotated[int, Limits(ge=0, le=10, strict=True)]
# A set lasts at most an hour; the session's timeline has at most ten thousand steps.
SetSeconds = Annotated[float, Limits(ge=0, le=3600, allow_inf_nan=False, strict=True)]
PlannedSeconds = Annotated[int, Limits(ge=0, le=3600, strict=True)]
Flag = Annotated[bool, Limits(strict=True)]
# The form check's main correction for a set: one of the player's cues, in words (docs/camera.md).
Correction = Annotated[str, Limits(strip_whitespace=True, min_length=1, max_length=120)]


@dataclass(frozen=True, kw_only=True)
class FinishedSet:
    """One set (a hold, a push, a set of repetitions) as it ended."""

    step: Annotated[int, Limits(ge=0, le=10_000, strict=True)] = 0  # its place in the timeline, to resume after
    exercise: ExerciseId
    kind: SetKind
    side: Side | None = None
    rep: Annotated[int, Limits(ge=1, le=100, strict=True)] | None = None
    seconds: SetSeconds  # held or worked
    planned_seconds: PlannedSeconds
    skipped: Flag = False
    hurt: Flag = False
    pain: Pain | None = None
    # When the camera checked the form (docs/camera.md): the seconds in position (a movement: the
    # repetitions counted), and the correction said most. Only this summary is kept: never a picture or a landmark.
    in_position_s: SetSeconds | None = None
    correction: Correction | None = None
    reps_counted: Annotated[int, Limits(ge=0, le=1000, strict=True)] | None = None  # a movement's, as seen

    def __post_init__(self) -> None:
        if self.in_position_s is not None and self.in_position_s > self.seconds:
            raise ValueError("in_position_s: a set cannot be in position longer than it lasted")


SET_FIELDS = tuple(field.name for field in fields(FinishedSet))


@dataclass(frozen=True, kw_only=True)
class SideAnswer:
    """After a sided stretch: which side felt tighter."""

    exercise: ExerciseId
    tighter: Tightness
