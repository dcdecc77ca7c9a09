"""Limbs that pass through each other: a shin through the other thigh, a hand through the chest.

Each limb is a tapered rod as thick as it is drawn, the trunk an oval rod, the head a ball.
Touching is fine (an ankle resting on a thigh, a thigh against the belly); sinking deeper than
contact.SINKING into another part is not. Parts joined at a joint are not checked against each
other near that joint, where they meet by nature.
"""

from __future__ import annotations

import math

from supple.figures.anatomy import Problem
from supple.figures.body import HEAD_RADIUS, Body, Segment, trunk_half
from supple.figures.contact import SINKING
from supple.figures.geometry import Vec

LIMBS = ("thigh", "shin", "foot", "upper-arm", "forearm")
TRUNK = ("lower-trunk", "upper-trunk")
# Where along a limb (from its upper end) it may first meet a part it hangs from.
FROM_JOINT = {("thigh", "lower-trunk"): 0.6, ("thigh", "upper-trunk"): 0.3, ("upper-arm", "upper-trunk"): 0.55,
              ("upper-arm", "lower-trunk"): 0.2}  # fmt: skip
CHAINS = {frozenset(("thigh", "shin")), frozenset(("shin", "foot")), frozenset(("upper-arm", "forearm"))}
HANDS_MEET = 0.6  # the two forearms may meet from here to the hands: hands clasp each other
STEPS = tuple(i / 8 for i in range(9))  # where along a limb it is checked against the trunk


def _label(segment: Segment) -> str:
    side = f"{segment.side} " if segment.side else ""
    return side + segment.part.replace("-", " ")


def limb_problems(body: Body, where: str, held: frozenset[tuple[str, str]] = frozenset()) -> list[Problem]:
    """The worst place where one part passes through another, if any.

    `held`: (a forearm's side, the part its hand holds): a forearm may lie along what its hand holds.
    """
    limbs = [s for s in body.segments if s.part in LIMBS]
    trunk = [s for s in body.segments if s.part in TRUNK]
    worst: tuple[float, str, str] | None = None
    for index, first in enumerate(limbs):
        others: list[Segment] = [s for s in limbs[index + 1 :] if not _joined(first, s)]
        for second in others:
            until = HANDS_MEET if first.part == second.part == "forearm" or _holds(first, second, held) else 1.0
            depth = _rod_overlap(first, second, until)
            worst = _worse(worst, depth, first, second)
        for part in trunk:
            worst = _worse(worst, _trunk_overlap(first, part), first, part)
        head = _head_overlap(first, body.head)
        if head > SINKING and (worst is None or head > worst[0]):
            worst = (head, _label(first), "head")
    if worst is None:
        return []
    depth, one, other = worst
    return [(where, f"the {one} passes {depth:.0f} cm into the {other}; change the angles so they only touch")]


def _worse(
    worst: tuple[float, str, str] | None, depth: float, first: Segment, second: Segment
) -> tuple[float, str, str] | None:
    if depth > SINKING and (worst is None or depth > worst[0]):
        return depth, _label(first), _label(second)
    return worst


def _holds(first: Segment, second: Segment, held: frozenset[tuple[str, str]]) -> bool:
    """Whether one of the two is a forearm whose hand holds the other."""
    for arm, part in ((first, second), (second, first)):
        if arm.part == "forearm" and (str(arm.side), f"{part.side}.{part.part}") in held:
            return True
    return False


def _joined(first: Segment, second: Segment) -> bool:
    return first.side == second.side and frozenset((first.part, second.part)) in CHAINS


def _closest(point: Vec, segment: Segment) -> float:
    """Where along the segment (0 to 1) the point is nearest."""
    axis = segment.end.minus(segment.start)
    size = axis.dot(axis)
    return 0.0 if size < 1e-9 else min(max(point.minus(segment.start).dot(axis) / size, 0.0), 1.0)


def _nearest(first: Segment, second: Segment) -> tuple[float, float, float]:
    """The two segments' nearest points: where along each (0 to 1), and how far apart they are.

    The usual closed form (Ericson, Real-Time Collision Detection, 5.1.9), in plain floats: this
    runs for every pair of limbs in every key pose each time a figure is checked.
    """
    (ax, ay, az), (bx, by, bz) = first.start, first.end
    (cx, cy, cz), (dx, dy, dz) = second.start, second.end
    ux, uy, uz = bx - ax, by - ay, bz - az
    vx, vy, vz = dx - cx, dy - cy, dz - cz
    wx, wy, wz = ax - cx, ay - cy, az - cz
    a, e = ux * ux + uy * uy + uz * uz, vx * vx + vy * vy + vz * vz
    b, c, f = ux * vx + uy * vy + uz * vz, ux * wx + uy * wy + uz * wz, vx * wx + vy * wy + vz * wz
    denominator = a * e - b * b
    s = min(max((b * f - c * e) / denominator, 0.0), 1.0) if denominator > 1e-9 else 0.0
    t = (b * s + f) / e if e > 1e-9 else 0.0
    if t < 0.0 or t > 1.0:
        t = min(max(t, 0.0), 1.0)
        s = min(max((b * t - c) / a, 0.0), 1.0) if a > 1e-9 else 0.0
    px, py, pz = wx + ux * s - vx * t, wy + uy * s - vy * t, wz + uz * s - vz * t
    return s, t, math.sqrt(px * px + py * py + pz * pz)


def _rod_overlap(first: Segment, second: Segment, until: float = 1.0) -> float:
    """How deep two tapered rods go into each other at their nearest points (negative: apart).

    `until`: beyond this far along, either rod may touch the other (two forearms, hands clasped).
    """
    s, t, gap = _nearest(first, second)
    if s > until or t > until:
        if until >= 1.0:
            return -math.inf
        # Nearest where they may meet: look again short of there, on the part that must not.
        trimmed = Segment(first.part, first.side, first.start, first.start.lerp(first.end, until), first.axes)
        s, t, gap = _nearest(trimmed, second)
        s *= until
        if t > until:
            return -math.inf
    return first.radius(s) + second.radius(t) - gap


def _trunk_overlap(limb: Segment, trunk: Segment) -> float:
    """How deep the limb goes into the trunk's oval, past where it may meet it at its own joint."""
    start = FROM_JOINT.get((limb.part, trunk.part), 0.0)
    deepest = -math.inf
    length = trunk.end.minus(trunk.start).length()
    for t in STEPS:
        if t < start:
            continue
        point = limb.start.lerp(limb.end, t)
        along = point.minus(trunk.start).dot(trunk.axes.y) / length
        if not 0.0 <= along <= 1.0:
            continue
        offset = point.minus(trunk.start.plus(trunk.axes.y.scaled(along * length)))
        side, depth = offset.dot(trunk.axes.z), offset.dot(trunk.axes.x)
        half_side, half_depth = trunk_half(trunk.part, along)
        away = math.hypot(side, depth)
        scaled = math.hypot(side / half_side, depth / half_depth)
        surface = away / scaled if scaled > 1e-9 else half_depth
        deepest = max(deepest, limb.radius(t) + surface - away)
    return deepest


def _head_overlap(limb: Segment, head: Vec) -> float:
    u = _closest(head, limb)
    return limb.radius(u) + HEAD_RADIUS - head.minus(limb.start.lerp(limb.end, u)).length()
