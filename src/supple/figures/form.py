"""The form check's data: an exercise's pose as the camera's pose model would see it.

The pose model in the browser (MediaPipe Pose, docs/camera.md) reports 33 landmarks, each a point in
the picture (x, y from 0 to 1, y down) with a visibility. Here a key pose of the catalogue becomes
those 33 landmarks (`pose_landmarks`), and an exercise's `camera` checks become what the player's
judge needs (`form_spec`): the checks, the landmarks of the position held as the reference they
are measured against, which landmarks each named point is for either side, and what to say when a
point is out of view. The judging itself is written once, in the browser (static/form/judge.js);
tests feed it landmark sequences made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from supple.catalog.camera import CameraCheck, CameraPoint, CameraView
from supple.catalog.models import Exercise
from supple.catalog.pose import KeyPose
from supple.figures.body import HEAD_RADIUS, Body, solve
from supple.figures.camera import Camera
from supple.figures.geometry import Vec

Side = Literal["left", "right"]
LANDMARKS = 33
# The pose model's landmarks (its documented order): index by (point, the person's side).
_PAIRED = {
    "eye.inner": (1, 4), "eye": (2, 5), "eye.outer": (3, 6), "ear": (7, 8), "mouth": (9, 10),
    "shoulder": (11, 12), "elbow": (13, 14), "wrist": (15, 16), "pinky": (17, 18), "index": (19, 20),
    "thumb": (21, 22), "hip": (23, 24), "knee": (25, 26), "ankle": (27, 28), "heel": (29, 30),
    "toe": (31, 32),
}  # fmt: skip
NOSE = 0
# The catalogue's names for the points the camera sees, as landmarks of the person's (left, right).
_CAMERA_PART = {"hand": "wrist"}
# What the judge says besides the catalogue's own checks: here alone, sent in the form spec, so the
# server can hold a set's correction to them (`corrections`).
# Said when a point the checks need is out of the picture or the model is unsure of it.
FEET_UNSEEN = "Step back so I can see your feet."
BODY_UNSEEN = "Step back so I can see all of you."
NOBODY = "I cannot see you. Stand where the camera can see all of you."
IN_POSITION = "In position. Hold it there."
# Said when the person is the wrong way round to the camera, by the view the exercise is checked from.
# Seen from behind (on all fours, the head would hide the hips from the front), the person is told
# where the phone goes rather than which way to turn.
PHONE_BEHIND = "Put the phone behind you, so it sees your hips and knees."
TURN = {"side": "Turn side-on to the camera.", "front": "Face the camera.", "back": PHONE_BEHIND}
SWITCH_SIDES = {side: f"Switch sides: this one is for your {side} side." for side in ("left", "right")}
_LOWER = ("knee", "ankle", "heel", "toe")
WHOLE_BODY: tuple[CameraPoint, ...] = ("head", "near.ankle", "far.ankle")
# Seen from behind, the head is hidden by the back: the hips down to the feet are what must show.
FROM_BEHIND: tuple[CameraPoint, ...] = ("near.hip", "far.hip", "near.ankle", "far.ankle")
# The reference is fitted into a square picture with this margin.
_FILL = 0.8


@dataclass(frozen=True)
class Landmark:
    x: float
    y: float
    z: float
    visibility: float

    def to_json(self) -> dict[str, float]:
        return {"x": round(self.x, 5), "y": round(self.y, 5), "z": round(self.z, 5), "visibility": self.visibility}


def landmark_indices(point: CameraPoint, side: Side) -> list[int]:
    """Which landmarks a named point is, when the step's side is `side` (near is that side).
    The neck and the pelvis are half-way between the shoulders and between the hips."""
    if point == "head":
        return [NOSE]
    if point == "neck":
        return list(_PAIRED["shoulder"])
    if point == "pelvis":
        return list(_PAIRED["hip"])
    which, part = point.split(".")
    left, right = _PAIRED[_CAMERA_PART.get(part, part)]
    near_is_left = side == "left"
    return [left if (which == "near") == near_is_left else right]


def _body_points(body: Body) -> dict[int, Vec]:
    """The 33 landmarks' places in the world for a body whose near side is the person's right."""
    points = body.points
    head, face, up = body.head, body.face, body.head_up
    across = face.cross(up)  # toward the near side
    r = HEAD_RADIUS

    def on_head(forward: float, upward: float, sideways: float) -> Vec:
        return head.plus(face.scaled(forward * r)).plus(up.scaled(upward * r)).plus(across.scaled(sideways * r))

    found: dict[int, Vec] = {NOSE: on_head(1.0, -0.1, 0.0)}
    for name, (left, right) in _PAIRED.items():
        for index, sign, side in ((right, 1.0, "near"), (left, -1.0, "far")):
            if name.startswith("eye"):
                spread = {"eye.inner": 0.2, "eye": 0.35, "eye.outer": 0.5}[name]
                found[index] = on_head(0.8, 0.2, sign * spread)
            elif name == "ear":
                found[index] = on_head(0.0, 0.1, sign * 0.95)
            elif name == "mouth":
                found[index] = on_head(0.85, -0.45, sign * 0.25)
            elif name in ("pinky", "index", "thumb"):
                found[index] = points[f"{side}.hand"]
            else:
                found[index] = points[f"{side}.{'hand' if name == 'wrist' else name}"]
    return found


def pose_landmarks(pose: KeyPose, *, view: CameraView, side: Side = "right", turned: bool = False) -> list[Landmark]:
    """The key pose as the pose model reports it: 33 landmarks fitted into a square picture.

    `side`: the pose shows the right side (its near limb is the person's right); "left" is the
    person doing it with the left, the mirror image. `turned`: seen from the other side (a side
    view with the person facing the picture's left)."""
    body = solve(pose)
    world = _body_points(body)
    if side == "left":  # the mirror image: the near limb is now the person's left
        world = {_mirror_index(index): Vec(p.x, p.y, -p.z) for index, p in world.items()}
    camera = Camera.for_view(view)
    flat = {index: camera.project(p) for index, p in world.items()}
    depth = {index: camera.depth(p) for index, p in world.items()}
    xs, ys = [x for x, _ in flat.values()], [y for _, y in flat.values()]
    scale = _FILL / max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    flip = -1.0 if turned else 1.0
    return [
        Landmark(
            x=0.5 + flip * (flat[i][0] - cx) * scale,
            y=0.5 - (flat[i][1] - cy) * scale,
            z=-depth[i] * scale * flip,
            visibility=0.99,
        )
        for i in range(LANDMARKS)
    ]


def _mirror_index(index: int) -> int:
    for left, right in _PAIRED.values():
        if index in (left, right):
            return right if index == left else left
    return index


def held_pose(exercise: Exercise) -> KeyPose:
    """The key pose the camera checks against: the one the catalogue names, or the last."""
    assert exercise.pose is not None and exercise.camera is not None
    chosen = exercise.camera.key_pose
    return exercise.pose.frames[-1 if chosen is None else chosen]


def form_spec(exercise: Exercise) -> dict[str, Any] | None:
    """What the player's judge needs to check the exercise (docs/camera.md), or None when the
    camera cannot check it."""
    camera = exercise.camera
    if camera is None or exercise.pose is None:
        return None
    unseen = _unseen(camera)
    reference = pose_landmarks(held_pose(exercise), view=camera.view)
    counts = None
    if camera.counts is not None:
        ends = [pose_landmarks(frame, view=camera.view) for frame in exercise.pose.frames[:2]]
        counts = {
            "measure": "angle" if camera.counts.angle is not None else "lean",
            "points": list(camera.counts.points),
            "ends": [[[round(mark.x, 5), round(mark.y, 5)] for mark in end] for end in ends],
        }
    return {
        "view": camera.view,
        "checks": [
            {
                "measure": "angle" if check.angle is not None else "lean",
                "points": list(check.points),
                "within": check.within,
                "too_small": check.too_small,
                "too_large": check.too_large,
            }
            for check in camera.checks
        ],
        "counts": counts,
        "points": {name: {side: landmark_indices(name, side) for side in ("left", "right")} for name in unseen},
        "unseen": unseen,
        "say": _say(camera, sided=exercise.sided),
        "reference": [[round(mark.x, 5), round(mark.y, 5)] for mark in reference],
        "body": {"nose": NOSE, "ears": list(_PAIRED["ear"]), "shoulders": list(_PAIRED["shoulder"]),
                 "hips": list(_PAIRED["hip"])},
    }  # fmt: skip


def _unseen(camera: CameraCheck) -> dict[CameraPoint, str]:
    """What to say when each point the judge needs is out of view, by point. The whole body must be
    in the picture, head to feet (from behind, hips to feet), whatever the checks measure."""
    names = sorted(set(camera.points) | set(FROM_BEHIND if camera.view == "back" else WHOLE_BODY))
    return {name: FEET_UNSEEN if name.endswith(_LOWER) else BODY_UNSEEN for name in names}


def _say(camera: CameraCheck, *, sided: bool) -> dict[str, Any]:
    """The judge's own sentences for the exercise: nobody seen, the wrong way round to the camera, in
    position, and for a sided one the wrong side."""
    nobody = PHONE_BEHIND if camera.view == "back" else NOBODY
    switch = SWITCH_SIDES if sided else {}
    return {"nobody": nobody, "turn": TURN[camera.view], "in_position": IN_POSITION, "switch_sides": switch}


def corrections(exercise: Exercise) -> frozenset[str]:
    """Every correction the judge can say for the exercise (none when the camera cannot check it):
    what a set's form summary may carry as the correction said most."""
    camera = exercise.camera
    if camera is None or exercise.pose is None:
        return frozenset()
    said = _say(camera, sided=exercise.sided)
    checks = [cue for check in camera.checks for cue in (check.too_small, check.too_large) if cue]
    return frozenset([said["nobody"], said["turn"], *said["switch_sides"].values(), *_unseen(camera).values(), *checks])
