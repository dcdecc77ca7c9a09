"""Forward kinematics: a key pose's joint angles -> where every part of the body is, in cm.

One body for every figure (an adult of 170 cm, proportioned after the usual anthropometric
fractions of height), so figures compare with one another and with their props. Hands that hold
something (`holds`) are placed by reach.py instead of by their arm's angles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from supple.catalog.pose import KeyPose
from supple.figures.geometry import IDENTITY, Frame, Vec

Side = Literal["near", "far"]
SIDES: tuple[Side, Side] = ("near", "far")

TRUNK = 50.0  # hip joints to the shoulder line
NECK = 19.0  # shoulder line to the centre of the head
HEAD_RADIUS = 10.5
HIP_HALF_WIDTH = 9.0
SHOULDER_HALF_WIDTH = 16.0
THIGH = 42.0
SHIN = 42.0
UPPER_ARM = 30.0
FOREARM = 28.0  # elbow to the palm
ANKLE_HEIGHT = 6.5
HEEL = 5.0  # behind the ankle
TOE = 19.0  # ahead of the ankle

# How thick each limb is (cm, the radius at its upper and lower end), for drawing and for contact.
RADII: dict[str, tuple[float, float]] = {
    "thigh": (7.5, 5.2),
    "shin": (5.2, 3.6),
    "foot": (3.6, 2.4),  # heel to toe
    "upper-arm": (4.8, 3.7),
    "forearm": (3.7, 2.7),
    "neck": (4.6, 4.6),
}
HAND_RADIUS = 3.2  # the palm's half-thickness and half-width, about
# The trunk's cross-section, half across the body and half from front to back, cm: the pelvis,
# the waist and the chest under the shoulders.
TRUNK_HALF = {"pelvis": (16.0, 10.0), "waist": (13.5, 9.0), "chest": (16.5, 10.5)}
# A rounded or arched back is drawn a little deeper than its angles make it: under a broad trunk,
# the bend would otherwise hardly show.
BACK_BEND_SHOWN = 1.5


def trunk_half(part: str, t: float) -> tuple[float, float]:
    """The trunk's half-width across and front to back, `t` of the way along its lower or upper half."""
    low, high = ("pelvis", "waist") if part == "lower-trunk" else ("waist", "chest")
    (side0, depth0), (side1, depth1) = TRUNK_HALF[low], TRUNK_HALF[high]
    return side0 + (side1 - side0) * t, depth0 + (depth1 - depth0) * t


@dataclass(frozen=True)
class Segment:
    """A straight part of the body, with its own axes for placing a highlight on one face of it."""

    part: str  # thigh, shin, foot, upper-arm, forearm, lower-trunk, upper-trunk, neck
    side: Side | None  # None for the trunk and neck
    start: Vec
    end: Vec
    axes: Frame  # x: the part's front, y: up the part (toward the hip, the shoulder, the head), z: the near side

    @property
    def radii(self) -> tuple[float, float]:
        """Its radius at the start and at the end; the trunk's is front to back (its thinnest)."""
        if self.part == "lower-trunk":
            return TRUNK_HALF["pelvis"][1], TRUNK_HALF["waist"][1]
        if self.part == "upper-trunk":
            return TRUNK_HALF["waist"][1], TRUNK_HALF["chest"][1]
        return RADII[self.part]

    def radius(self, t: float) -> float:
        first, last = self.radii
        return first + (last - first) * t

    @property
    def width(self) -> float:
        """The part's thickness half-way along it, cm."""
        return 2 * self.radius(0.5)


@dataclass(frozen=True)
class Body:
    """Every named point and drawn part of one key pose."""

    points: dict[str, Vec]
    segments: tuple[Segment, ...]
    head: Vec
    face: Vec  # the way the face looks
    head_up: Vec  # the top of the head's way
    pelvis: Frame  # the pelvis's axes: x forward, y up the spine, z to the near side
    chest: Frame

    def segment(self, part: str, side: Side | None = None) -> Segment:
        return next(s for s in self.segments if s.part == part and s.side == side)

    def spine(self, s: float) -> Vec:
        """A point on the back's drawn mid-line, from the pelvis (0) to the base of the neck (1)."""
        start, end, waist = self.points["pelvis"], self.points["neck"], self.points["waist"]
        chord = start.lerp(end, 0.5)
        control = chord.plus(waist.minus(chord).scaled(2 * BACK_BEND_SHOWN))
        return start.scaled((1 - s) ** 2).plus(control.scaled(2 * s * (1 - s))).plus(end.scaled(s * s))


def _sign(side: Side) -> float:
    return 1.0 if side == "near" else -1.0


def _index(side: Side) -> int:
    return 0 if side == "near" else 1


def pelvis_frame(pose: KeyPose) -> Frame:
    # Lean first (in the picture's plane), then turn about the body's own long axis.
    return IDENTITY.turned("z", -pose.trunk).turned("y", -pose.turn)


def _spine(pose: KeyPose, pelvis: Vec, frame: Frame) -> tuple[Vec, Vec, Frame, Frame]:
    """The waist and the base of the neck, and the lower and upper trunk's axes.

    A rounded or arched back bends evenly along its length: each half of the trunk turns by a
    quarter and three quarters of the whole bend.
    """
    lower = frame.turned("z", -pose.spine / 4)
    upper = frame.turned("z", -pose.spine * 3 / 4).turned("x", pose.side_bend)
    waist = pelvis.plus(lower.y.scaled(TRUNK / 2))
    neck = waist.plus(upper.y.scaled(TRUNK / 2))
    chest = frame.turned("z", -pose.spine).turned("x", pose.side_bend).turned("y", -pose.twist)
    return waist, neck, lower, chest


def _leg(pose: KeyPose, side: Side, pelvis: Vec, frame: Frame) -> tuple[dict[str, Vec], list[Segment]]:
    i, s = _index(side), _sign(side)
    hip = pelvis.plus(frame.z.scaled(s * HIP_HALF_WIDTH))
    thigh = frame.turned("z", pose.hips[i]).turned("x", -s * pose.hips_out[i]).turned("y", -s * pose.hips_rotate[i])
    knee = hip.plus(thigh.y.scaled(-THIGH))
    shin = thigh.turned("z", -pose.knees[i])
    ankle = knee.plus(shin.y.scaled(-SHIN))
    foot = shin.turned("z", pose.ankles[i])
    heel = ankle.plus(foot.apply(Vec(-HEEL, -ANKLE_HEIGHT, 0.0)))
    toe = ankle.plus(foot.apply(Vec(TOE, -ANKLE_HEIGHT, 0.0)))
    # The foot's own axes run heel to toe (y back toward the heel, x up toward the instep).
    sole = Frame(foot.y, foot.x.scaled(-1), foot.z)
    points = {"hip": hip, "thigh": hip.lerp(knee, 0.75), "knee": knee, "shin": knee.lerp(ankle, 0.5),
              "ankle": ankle, "heel": heel, "toe": toe}  # fmt: skip
    segments = [
        Segment("thigh", side, hip, knee, thigh),
        Segment("shin", side, knee, ankle, shin),
        Segment("foot", side, heel, toe, sole),
    ]
    return points, segments


def arm_from_angles(pose: KeyPose, side: Side, shoulder: Vec, chest: Frame) -> tuple[Vec, Vec, Frame, Frame]:
    """The elbow and the palm, and the upper arm's and forearm's axes, as the angles say."""
    i, s = _index(side), _sign(side)
    upper = chest.turned("z", pose.shoulders[i]).turned("x", -s * pose.shoulders_out[i])
    elbow = shoulder.plus(upper.y.scaled(-UPPER_ARM))
    fore = upper.turned("z", pose.elbows[i])
    hand = elbow.plus(fore.y.scaled(-FOREARM))
    return elbow, hand, upper, fore


def solve(pose: KeyPose) -> Body:
    """Where everything is for this key pose (the pelvis placed at `pose.at`)."""
    from supple.figures.reach import arm_reaching, grip_target

    x, y, *rest = pose.at
    pelvis = Vec(x, y, rest[0] if rest else 0.0)
    frame = pelvis_frame(pose)
    waist, neck, lower, chest = _spine(pose, pelvis, frame)
    head_axes = chest.turned("z", -pose.neck).turned("y", -pose.neck_turn)
    head = neck.plus(head_axes.y.scaled(NECK))
    points = {"pelvis": pelvis, "waist": waist, "neck": neck, "head": head}
    segments = [
        Segment("lower-trunk", None, pelvis, waist, lower),
        Segment("upper-trunk", None, waist, neck, chest),
        Segment("neck", None, neck, neck.lerp(head, 0.55), head_axes),
    ]
    for side in SIDES:
        leg_points, leg = _leg(pose, side, pelvis, frame)
        points.update({f"{side}.{name}": point for name, point in leg_points.items()})
        segments += leg
    legs = Body(points, tuple(segments), head, head_axes.x, head_axes.y, frame, chest)
    for side in SIDES:
        shoulder = neck.plus(chest.z.scaled(_sign(side) * SHOULDER_HALF_WIDTH))
        grip = next((g for g in pose.holds if g.hand == side), None)
        if grip is None:
            elbow, hand, upper, fore = arm_from_angles(pose, side, shoulder, chest)
        else:
            elbow, hand, upper, fore = arm_reaching(shoulder, grip_target(legs, grip, shoulder), chest, side)
        points.update({f"{side}.shoulder": shoulder, f"{side}.elbow": elbow, f"{side}.hand": hand})
        segments += [Segment("upper-arm", side, shoulder, elbow, upper), Segment("forearm", side, elbow, hand, fore)]
    return Body(points, tuple(segments), head, head_axes.x, head_axes.y, frame, chest)


POINT_NAMES = frozenset(
    ["pelvis", "waist", "neck", "head"]
    + [f"{side}.{name}" for side in SIDES for name in
       ("hip", "thigh", "knee", "shin", "ankle", "heel", "toe", "shoulder", "elbow", "hand")]
)  # fmt: skip
