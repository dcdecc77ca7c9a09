"""Forward kinematics: a key pose's joint angles -> where every part of the body is, in cm.

One body for every figure (an adult of 170 cm, proportioned after the usual anthropometric
fractions of height), so figures compare with one another and with their props.
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
HEAD_RADIUS = 11.0
HIP_HALF_WIDTH = 9.0
SHOULDER_HALF_WIDTH = 16.0
THIGH = 42.0
SHIN = 42.0
UPPER_ARM = 30.0
FOREARM = 28.0  # elbow to the palm
ANKLE_HEIGHT = 6.5
HEEL = 5.0  # behind the ankle
TOE = 19.0  # ahead of the ankle

# How thick each part is drawn, in cm: also how far from a surface it counts as touching it.
WIDTH = {"torso": 20.0, "neck": 8.0, "thigh": 12.0, "shin": 10.0, "foot": 7.0, "upper-arm": 9.0, "forearm": 8.0}


@dataclass(frozen=True)
class Segment:
    """A straight part of a limb, with its own axes for placing a highlight on one face of it."""

    part: str  # thigh, shin, foot, upper-arm, forearm, lower-trunk, upper-trunk, neck
    side: Side | None  # None for the trunk and neck
    start: Vec
    end: Vec
    axes: Frame  # x: the part's front, z: the body's near side

    @property
    def width(self) -> float:
        return WIDTH.get(self.part, WIDTH["torso"])


@dataclass(frozen=True)
class Body:
    """Every named point and drawn part of one key pose."""

    points: dict[str, Vec]
    segments: tuple[Segment, ...]
    head: Vec
    face: Vec  # the way the face looks
    torso: tuple[Vec, ...]  # near hip, near waist, near shoulder, far shoulder, far waist, far hip

    def segment(self, part: str, side: Side | None = None) -> Segment:
        return next(s for s in self.segments if s.part == part and s.side == side)


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
    points = {"hip": hip, "thigh": hip.lerp(knee, 0.75), "knee": knee, "shin": knee.lerp(ankle, 0.5),
              "ankle": ankle, "heel": heel, "toe": toe}  # fmt: skip
    segments = [
        Segment("thigh", side, hip, knee, thigh),
        Segment("shin", side, knee, ankle, shin),
        Segment("foot", side, heel, toe, foot),
    ]
    return points, segments


def _arm(pose: KeyPose, side: Side, neck: Vec, chest: Frame) -> tuple[dict[str, Vec], list[Segment]]:
    i, s = _index(side), _sign(side)
    shoulder = neck.plus(chest.z.scaled(s * SHOULDER_HALF_WIDTH))
    upper = chest.turned("z", pose.shoulders[i]).turned("x", -s * pose.shoulders_out[i])
    elbow = shoulder.plus(upper.y.scaled(-UPPER_ARM))
    fore = upper.turned("z", pose.elbows[i])
    hand = elbow.plus(fore.y.scaled(-FOREARM))
    points = {"shoulder": shoulder, "elbow": elbow, "hand": hand}
    return points, [Segment("upper-arm", side, shoulder, elbow, upper), Segment("forearm", side, elbow, hand, fore)]


def solve(pose: KeyPose) -> Body:
    """Where everything is for this key pose (the pelvis placed at `pose.at`)."""
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
        Segment("neck", None, neck, neck.lerp(head, 0.6), head_axes),
    ]
    for side in SIDES:
        for limb, more in (_leg(pose, side, pelvis, frame), _arm(pose, side, neck, chest)):
            points.update({f"{side}.{name}": point for name, point in limb.items()})
            segments += more
    torso = _torso(points, frame, chest)
    return Body(points=points, segments=tuple(segments), head=head, face=head_axes.x, torso=torso)


def _torso(points: dict[str, Vec], pelvis: Frame, chest: Frame) -> tuple[Vec, ...]:
    half = (HIP_HALF_WIDTH + SHOULDER_HALF_WIDTH) / 2
    side = pelvis.z.plus(chest.z).scaled(0.5)
    waist = points["waist"]
    return (
        points["near.hip"], waist.plus(side.scaled(half)), points["near.shoulder"],
        points["far.shoulder"], waist.plus(side.scaled(-half)), points["far.hip"],
    )  # fmt: skip


POINT_NAMES = frozenset(
    ["pelvis", "waist", "neck", "head"]
    + [f"{side}.{name}" for side in SIDES for name in
       ("hip", "thigh", "knee", "shin", "ankle", "heel", "toe", "shoulder", "elbow", "hand")]
)  # fmt: skip
