"""The rig: a solved body as seen by the camera, as a tree of bones in the picture.

Each bone is a joint and a direction in the picture, placed in its parent's frame (a translation
and a turn), so a child stays on its parent's joint however the key poses between are blended:
the figure moves by turning its joints, as a body does, and never comes apart. Each bone's shapes
get one more transform of their own: how much shorter the part looks end-on (and, for the trunk,
how wide it looks from where the camera is).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.figures.body import (
    FOREARM,
    HEAD_RADIUS,
    NECK,
    SHIN,
    THIGH,
    TRUNK,
    TRUNK_HALF,
    UPPER_ARM,
    Body,
    Segment,
)
from supple.figures.camera import Camera
from supple.figures.geometry import Vec
from supple.figures.shapes import FOOT_LENGTH

Point2 = tuple[float, float]
Matrix = tuple[float, float, float, float]  # a 2x2 matrix: where x (a, b) and y (c, d) go


@dataclass(frozen=True)
class Bone:
    name: str
    parent: str | None
    start: str  # the body point it turns about
    end: str | None  # the point it runs to (None: it runs on along its parent)
    part: str | None  # the body's part (Segment.part), for its length and axes
    side: str | None
    length: float  # the part's true length, cm


def _bones() -> tuple[Bone, ...]:
    third = TRUNK / 3
    bones = [
        Bone("pelvis", None, "pelvis", "spine1", "lower-trunk", None, third),
        Bone("belly", "pelvis", "spine1", "spine2", "lower-trunk", None, third),
        Bone("chest", "belly", "spine2", "neck", "upper-trunk", None, third),
        Bone("neck", "chest", "neck", "head", "neck", None, NECK),
        Bone("head", "neck", "head", None, None, None, 1.0),
    ]
    for s in ("near", "far"):
        bones += [
            Bone(f"{s}.thigh", "pelvis", f"{s}.hip", f"{s}.knee", "thigh", s, THIGH),
            Bone(f"{s}.shin", f"{s}.thigh", f"{s}.knee", f"{s}.ankle", "shin", s, SHIN),
            Bone(f"{s}.foot", f"{s}.shin", f"{s}.ankle", f"{s}.toe", "foot", s, FOOT_LENGTH),
            Bone(f"{s}.upper-arm", "chest", f"{s}.shoulder", f"{s}.elbow", "upper-arm", s, UPPER_ARM),
            Bone(f"{s}.forearm", f"{s}.upper-arm", f"{s}.elbow", f"{s}.hand", "forearm", s, FOREARM),
            Bone(f"{s}.hand", f"{s}.forearm", f"{s}.hand", None, None, s, 1.0),
        ]
    return tuple(bones)


BONES = _bones()
BY_NAME = {bone.name: bone for bone in BONES}


@dataclass(frozen=True)
class Placed:
    """One bone in one key pose: where its joint is in its parent's frame, its turn, its shapes' matrix."""

    x: float
    y: float
    angle: float  # degrees, relative to the parent's
    shape: Matrix
    absolute: Point2  # the joint in the picture
    heading: float  # degrees, in the picture


@dataclass(frozen=True)
class Rig:
    """A key pose as drawn: every bone placed, and the head's details."""

    body: Body
    bones: dict[str, Placed]
    head: dict[str, tuple[float, float, float]]  # hair, nose, eyes: x, y and scale in the head's frame


class Pen:
    """Projects world points with the camera into the picture (SVG's y grows downward)."""

    def __init__(self, camera: Camera) -> None:
        self.camera = camera

    def xy(self, point: Vec) -> Point2:
        x, y = self.camera.project(point)
        return x, -y

    def direction(self, vector: Vec) -> Point2:
        right, up, _ = self.camera.axes
        return vector.dot(right), -vector.dot(up)

    def toward(self, vector: Vec) -> float:
        """How much a direction points at the viewer (1: straight at them)."""
        return vector.dot(self.camera.axes[2])

    def world(self, x: float, y: float) -> Vec:
        """The world direction along a picture direction."""
        right, up, _ = self.camera.axes
        return right.scaled(x).plus(up.scaled(-y))


def rotate(x: float, y: float, degrees: float) -> Point2:
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return x * c - y * s, x * s + y * c


def rig(pen: Pen, body: Body, before: Rig | None = None) -> Rig:
    """The body's bones in the picture. `before`, the key pose before, keeps each turn the short way round."""
    # The back's drawn mid-line, in three parts: it bends smoothly where the spine rounds or arches.
    points = {**body.points, "spine1": body.spine(1 / 3), "spine2": body.spine(2 / 3)}
    headings: dict[str, float] = {}
    joints: dict[str, Point2] = {}
    placed: dict[str, Placed] = {}
    for bone in BONES:
        start = pen.xy(points[bone.start])
        joints[bone.name] = start
        parent_heading = headings[bone.parent] if bone.parent else 0.0
        heading = parent_heading
        seen = 0.0
        if bone.end is not None:
            end = pen.xy(points[bone.end])
            dx, dy = end[0] - start[0], end[1] - start[1]
            seen = math.hypot(dx, dy)
            if seen > 0.3:
                heading = math.degrees(math.atan2(dy, dx))
            elif before is not None:
                heading = before.bones[bone.name].heading
        headings[bone.name] = heading
        if bone.parent is None:
            x, y, angle = start[0], start[1], heading
        else:
            px, py = joints[bone.parent]
            x, y = rotate(start[0] - px, start[1] - py, -parent_heading)
            angle = heading - parent_heading
        if before is not None:  # the short way round from the key pose before
            previous = before.bones[bone.name].angle
            angle += 360 * round((previous - angle) / 360)
        placed[bone.name] = Placed(x, y, angle, _shape(pen, body, bone, seen, heading), start, heading)
    return Rig(body, placed, _head(pen, body, headings["head"]))


def _shape(pen: Pen, body: Body, bone: Bone, seen: float, heading: float) -> Matrix:
    if bone.name == "head":
        return (1.0, 0.0, 0.0, 1.0)
    if bone.part is None:  # a hand: as long as its forearm looks, but never a sliver
        forearm = body.segment("forearm", "near" if bone.side == "near" else "far")
        (x0, y0), (x1, y1) = pen.xy(forearm.start), pen.xy(forearm.end)
        return (max(math.hypot(x1 - x0, y1 - y0) / FOREARM, 0.6), 0.0, 0.0, 1.0)
    along = seen / bone.length
    segment = body.segment(bone.part, None if bone.side is None else ("near" if bone.side == "near" else "far"))
    if bone.part in ("lower-trunk", "upper-trunk"):
        return (along, 0.0, 0.0, _trunk_width(pen, segment, TRUNK_OF[bone.name], heading))
    if bone.part == "foot":  # end on, a foot still shows as long as it is wide
        return (max(along, 0.4), 0.0, *_foot_across(pen, segment, heading))
    return (along, 0.0, 0.0, 1.0)


def _across(heading: float) -> Point2:
    """The picture direction across a bone (its own y)."""
    a = math.radians(heading)
    return -math.sin(a), math.cos(a)


TRUNK_OF = {"pelvis": "pelvis", "belly": "waist", "chest": "chest"}


def _trunk_width(pen: Pen, segment: Segment, section: str, heading: float) -> float:
    """How wide a part of the trunk looks across, as a share of its width seen from the front."""
    across = pen.world(*_across(heading))
    side, depth = TRUNK_HALF[section]
    seen = math.hypot(side * across.dot(segment.axes.z), depth * across.dot(segment.axes.x))
    return max(seen, depth * 0.8) / side


def _foot_across(pen: Pen, segment: Segment, heading: float) -> tuple[float, float]:
    """Where the foot's own across (from the ankle toward the sole) falls in the bone's frame."""
    # The foot's axes (body.py): x up toward the instep, y back toward the heel.
    up, back = segment.axes.x, segment.axes.y
    toward_sole = back.scaled(0.32).plus(up.scaled(-0.95)).unit()
    x, y = rotate(*pen.direction(toward_sole), -heading)
    wide = abs(pen.world(*_across(heading)).dot(segment.axes.z)) * 0.9
    return x, math.copysign(max(abs(y), wide, 0.45), y if y else 1.0)


def _head(pen: Pen, body: Body, heading: float) -> dict[str, tuple[float, float, float]]:
    """The hair, the nose and the eyes, placed on the head for where the face looks."""
    face, up = body.face, body.head_up
    facing = pen.toward(face)
    fx, fy = rotate(*pen.direction(face), -heading)
    ux, uy = rotate(*pen.direction(up), -heading)
    r = HEAD_RADIUS
    details = {
        # The hair covers the back and top of the head: all of it when the face looks away.
        # Seen from the front, only a cap of it shows above the face.
        "hair": (
            (-fx * 0.6 + ux * (0.55 + 0.6 * max(0.0, facing))) * r,
            (-fy * 0.6 + uy * (0.55 + 0.6 * max(0.0, facing))) * r,
            1 + 0.7 * max(0.0, -facing),
        ),
        "nose": (fx * (r - 0.6), fy * (r - 0.6), 1.0 if facing > -0.25 else 0.0),
    }
    side = face.cross(up)
    for name, sign in (("eye", 1.0), ("eye2", -1.0)):
        eye = face.scaled(0.8).plus(side.scaled(0.5 * sign)).plus(up.scaled(0.05)).unit()
        ex, ey = rotate(*pen.direction(eye), -heading)
        details[name] = (ex * r * 0.9, ey * r * 0.9, 1.0 if pen.toward(eye) > 0.2 else 0.0)
    return details
