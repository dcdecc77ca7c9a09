"""Reaching: an arm placed so its hand holds a part of the body (the knee, the back of the thigh).

The steps say what the hands hold; the pose says so with `holds`, and the arm is worked out from
where the hand must be (two-bone inverse kinematics: the shoulder turns, the elbow bends), so no
one has to find the angles that put a hand on a knee. A part out of reach leaves the hand as near
as the arm goes, and validate.py reports the gap.
"""

from __future__ import annotations

import math

from supple.catalog.pose import Grip
from supple.figures.body import FOREARM, HAND_RADIUS, UPPER_ARM, Body, Segment, Side, trunk_half
from supple.figures.geometry import Frame, Vec

# The part each point belongs to, and where along it the point is (0 at its start, 1 at its end).
PLACES: dict[str, tuple[str, float]] = {
    "hip": ("thigh", 0.0), "thigh": ("thigh", 0.75), "knee": ("shin", 0.0), "shin": ("shin", 0.5),
    "ankle": ("shin", 1.0), "heel": ("foot", 0.0), "toe": ("foot", 1.0),
    "pelvis": ("lower-trunk", 0.0), "waist": ("upper-trunk", 0.0), "neck": ("upper-trunk", 1.0),
}  # fmt: skip
# A palm rests this far (cm) from the surface it holds, centre to surface: half its thickness.
PALM_GAP = HAND_RADIUS * 0.6


def held_part(body: Body, name: str) -> tuple[Segment, float]:
    """The part a point of the body lies on, and where along it."""
    side, _, point = name.rpartition(".")
    part, t = PLACES[point]
    return body.segment(part, None if part.endswith("trunk") else ("near" if side == "near" else "far")), t


def face_direction(segment: Segment, face: str, toward: Vec, point: Vec, side: str | None = None) -> Vec:
    """The outward direction of a face of a part; "middle" is the side facing `toward`.

    The trunk's outer face is on the side of `side` (the hand that holds it).
    """
    outward = segment.axes.z.scaled(-1.0 if (segment.side or side) == "far" else 1.0)
    named = {"front": segment.axes.x, "back": segment.axes.x.scaled(-1), "outer": outward, "inner": outward.scaled(-1)}
    if face in named:
        return named[face]
    along = segment.axes.y
    offset = toward.minus(point)
    across = offset.minus(along.scaled(offset.dot(along)))
    return across.unit(segment.axes.x)


def grip_target(body: Body, grip: Grip, shoulder: Vec) -> Vec:
    """Where the palm's centre goes to hold the part: on its surface, on the face named."""
    segment, t = held_part(body, grip.part)
    point = body.points[grip.part]
    normal = face_direction(segment, grip.face, shoulder, point, grip.hand)
    if segment.side is None:  # the trunk is an oval, wider across than from front to back
        across, depth = trunk_half(segment.part, t)
        radius = math.hypot(across * normal.dot(segment.axes.z), depth * normal.dot(segment.axes.x))
    else:
        radius = segment.radius(t)
    return point.plus(normal.scaled(radius + PALM_GAP))


def arm_reaching(shoulder: Vec, target: Vec, chest: Frame, side: Side) -> tuple[Vec, Vec, Frame, Frame]:
    """The elbow and the palm, and the upper arm's and forearm's axes, reaching for `target`.

    The elbow points out to the side and a little back and down, as elbows do when the hands
    hold something in front of the body.
    """
    outward = chest.z.scaled(1.0 if side == "near" else -1.0)
    toward = target.minus(shoulder)
    distance = min(max(toward.length(), abs(UPPER_ARM - FOREARM) + 1.0), UPPER_ARM + FOREARM - 0.01)
    axis = toward.unit(chest.x)
    # The elbow's distance along the shoulder-to-hand line, and out from it (the law of cosines).
    along = (UPPER_ARM**2 - FOREARM**2 + distance**2) / (2 * distance)
    out = math.sqrt(max(UPPER_ARM**2 - along**2, 0.0))
    pole = outward.plus(chest.x.scaled(-0.4)).plus(chest.y.scaled(-0.5))
    bend = pole.minus(axis.scaled(pole.dot(axis))).unit(outward)
    elbow = shoulder.plus(axis.scaled(along)).plus(bend.scaled(out))
    hand = shoulder.plus(axis.scaled(distance))
    return elbow, hand, _limb_axes(shoulder, elbow, chest), _limb_axes(elbow, hand, chest)


def _limb_axes(start: Vec, end: Vec, chest: Frame) -> Frame:
    """Axes for a part running from start to end: y back along it, x as near the chest's front as can be."""
    y = start.minus(end).unit(chest.y)
    x = chest.x.minus(y.scaled(chest.x.dot(y))).unit(chest.z.cross(y))
    return Frame(x, y, x.cross(y))
