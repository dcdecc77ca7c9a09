"""Landmark sequences for the form check's judge, made from the catalogue's own 3-D poses.

Each checkable exercise's held key pose is seen by the camera (figures/form.py's pose_landmarks),
with the model's jitter added frame by frame, and then done wrong on purpose: a joint bent or the
trunk leaning (the key pose changed before it is seen), the wrong side, or the feet out of the
picture. Each sequence says what the judge should make of it.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Any, Literal

from supple.catalog.camera import CameraView, Measure
from supple.catalog.models import Exercise
from supple.catalog.pose import KeyPose
from supple.figures.form import Landmark, held_pose, pose_landmarks

FRAMES = 15
JITTER = 0.004  # the model's wobble from frame to frame, as a share of the picture (about 2 degrees)


@dataclass(frozen=True)
class Sequence:
    exercise: str
    name: str
    side: Literal["left", "right"]  # the step's side, as the player tells the judge
    frames: list[list[dict[str, float]]]
    state: str  # what the judge should say: in-position, adjust, wrong-side, unseen, counting
    cue: str | None = None  # and the words, when they matter
    reps: int | None = None  # a movement's repetitions, counted

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def jittered(marks: list[Landmark], rng: random.Random, *, shift: float = 0.0) -> list[dict[str, float]]:
    return [
        Landmark(
            x=mark.x + rng.gauss(0, JITTER),
            y=mark.y + shift + rng.gauss(0, JITTER),
            z=mark.z,
            visibility=min(1.0, 0.9 + rng.random() * 0.1),
        ).to_json()
        for mark in marks
    ]


def seen(
    exercise: Exercise,
    pose: KeyPose,
    *,
    seed: int,
    side: Literal["left", "right"] = "right",
    turned: bool = False,
    shift: float = 0.0,
) -> list[list[dict[str, float]]]:
    assert exercise.camera is not None
    marks = pose_landmarks(pose, view=exercise.camera.view, side=side, turned=turned)
    rng = random.Random(seed)
    return [jittered(marks, rng, shift=shift) for _ in range(FRAMES)]


# Done wrong on purpose: the key pose's change, and what the judge should then say first.
MISTAKES: dict[str, list[tuple[str, dict[str, Any], str]]] = {
    "kneeling-hip-flexor-stretch": [
        ("trunk leaning over the front thigh", {"trunk": 35}, "Lift your chest and stand your trunk up tall."),
        ("hips not shifted forward", {"hips": (15, 87.6)}, "Shift your hips forward, keeping the trunk tall."),
        ("front foot too close", {"knees": (70, 135)}, "Move your front foot further forward."),
    ],
    "standing-quad-stretch": [
        ("trunk leaning forward", {"trunk": 35}, "Stand tall rather than leaning forward."),
        ("bent knee pointing forward", {"hips": (40, 0)}, "Bring your bent knee down beside the other one."),
        ("heel far from the buttock", {"knees": (90, 0)}, "Draw your heel closer to your buttock."),
    ],
    "wall-calf-stretch": [
        ("back knee bent", {"knees": (35, 61.3)}, "Straighten your back leg."),
        ("back heel lifted", {"ankles": (-30, 35)}, "Press your back heel down to the floor."),
    ],
    # movements: counted, not held (their failing sequences stop half-way: `counted`)
    "cat-cow": [],
    "side-lying-leg-raise": [],
    "fire-hydrant": [],
}
FEET_UNSEEN = "Step back so I can see your feet."
PHONE_BEHIND = "Put the phone behind you, so it sees your hips and knees."


def between(start: KeyPose, end: KeyPose, t: float) -> KeyPose:
    """A key pose `t` of the way from `start` to `end` (every angle and the pelvis's place)."""

    def lerp(a: Any, b: Any) -> Any:
        if isinstance(a, tuple):
            return tuple(lerp(x, y) for x, y in zip(a, b, strict=True))
        return a + (b - a) * t if isinstance(a, int | float) and not isinstance(a, bool) else a

    changed = {f.name: lerp(getattr(start, f.name), getattr(end, f.name)) for f in dataclasses.fields(KeyPose)}
    return dataclasses.replace(start, **changed)


def moving(exercise: Exercise, *, reach: float, reps: int, seed: int, side: Literal["left", "right"] = "right",
           shift: float = 0.0, view: CameraView | None = None) -> list[list[dict[str, float]]]:  # fmt: skip
    """`reps` repetitions from the first key pose `reach` of the way to the second and back, a few
    frames at each step of the way (seen from the exercise's view, or from `view`)."""
    assert exercise.pose is not None and exercise.camera is not None
    start, end = exercise.pose.frames[:2]
    rng = random.Random(seed)
    frames: list[list[dict[str, float]]] = []
    for t in [0.0] * 3 + [reach * k / 4 for k in (1, 2, 3, 4, 4, 3, 2, 1, 0)] * reps:
        marks = pose_landmarks(between(start, end, t), view=view or exercise.camera.view, side=side)
        frames.append(jittered(marks, rng, shift=shift))
    return frames


def counted(exercise: Exercise) -> list[Sequence]:
    """A movement's: whole repetitions counted on either side, half ones not, none out of view."""
    made = [
        Sequence(exercise.id, "three whole repetitions", "right", moving(exercise, reach=1, reps=3, seed=1),
                 "counting", reps=3),
        Sequence(exercise.id, "movements that stop half-way", "right", moving(exercise, reach=0.45, reps=3, seed=2),
                 "counting", reps=0),
        Sequence(exercise.id, "the feet below the picture", "right",
                 moving(exercise, reach=1, reps=2, seed=3, shift=0.4), "unseen", FEET_UNSEEN, reps=0),
    ]  # fmt: skip
    if exercise.sided:
        left = moving(exercise, reach=1, reps=2, seed=4, side="left")
        made.append(Sequence(exercise.id, "the left side", "left", left, "counting", reps=2))
    if exercise.sided and tells_sides_apart(exercise.camera.counts):
        wrong = moving(exercise, reach=1, reps=2, seed=5)
        made.append(Sequence(exercise.id, "the left side asked, the right done", "left", wrong, "wrong-side",
                             "Switch sides: this one is for your left side.", reps=0))  # fmt: skip
    if exercise.camera.view == "back":
        for number, view in enumerate(("front", "side")):
            facing = moving(exercise, reach=1, reps=2, seed=6 + number, view=view)
            made.append(Sequence(exercise.id, f"the phone seeing the {view}", "right", facing, "turn", PHONE_BEHIND,
                                 reps=0))  # fmt: skip
    return made


def tells_sides_apart(measure: Measure | None) -> bool:
    """Whether a counting measure differs with near and far swapped (the knee's angle at its own hip
    does; the angle between the two ankles does not: either side measures the same)."""
    assert measure is not None

    def swap(point: str) -> str:
        which, _, part = point.partition(".")
        return {"near": f"far.{part}", "far": f"near.{part}"}.get(which, point)

    swapped = tuple(swap(point) for point in measure.points)
    same = {measure.points, measure.points[::-1]} if measure.angle is not None else {measure.points}
    return swapped not in same


def sequences(exercise: Exercise) -> list[Sequence]:
    """The passing sequences (either side, seen either way round) and the failing ones."""
    assert exercise.camera is not None
    if not exercise.camera.checks:
        return counted(exercise)
    held = held_pose(exercise)
    sided = exercise.sided
    made = [
        Sequence(exercise.id, "held as the pose shows", "right", seen(exercise, held, seed=1), "in-position"),
        Sequence(exercise.id, "seen from the other side", "right", seen(exercise, held, seed=2, turned=True),
                 "in-position"),
        Sequence(exercise.id, "the feet below the picture", "right", seen(exercise, held, seed=3, shift=0.3),
                 "unseen", FEET_UNSEEN),
    ]  # fmt: skip
    if sided:
        made += [
            Sequence(exercise.id, "the left side", "left", seen(exercise, held, seed=4, side="left"), "in-position"),
            Sequence(exercise.id, "the left side asked, the right done", "left", seen(exercise, held, seed=5),
                     "wrong-side", "Switch sides: this one is for your left side."),
        ]  # fmt: skip
    for number, (name, change, cue) in enumerate(MISTAKES.get(exercise.id, [])):
        wrong = dataclasses.replace(held, **change)
        made.append(Sequence(exercise.id, name, "right", seen(exercise, wrong, seed=10 + number), "adjust", cue))
    return made
