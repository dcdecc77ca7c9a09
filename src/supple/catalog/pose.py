"""An exercise's pose: a figure of a person given by joint angles in key poses, the props and the view.

Only the shape of the data is checked here (types, how many key poses, a merged key pose for
every frame). Whether a pose is anatomically possible, rests on the floor, passes through nothing
and has its hands on what they hold is for `supple.figures`, which knows the body's proportions;
the catalogue stays light to load.

Angles are in degrees. Paired joints are `[near, far]`: the near limb is the body's right, the one
nearer the viewer in the side view, and by convention the limb that is stretched or working (the
figure shows the right side; the left is its mirror image). One number sets both.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from supple.validation import Limits, Record, record

Angle = Annotated[float, Limits(ge=-360, le=360, allow_inf_nan=False)]
Length = Annotated[float, Limits(ge=-500, le=500, allow_inf_nan=False)]
Size = Annotated[float, Limits(gt=0, le=300, allow_inf_nan=False)]
Pair = tuple[Angle, Angle]
Words = Annotated[str, Limits(strip_whitespace=True, min_length=1, max_length=400)]
# A named point on the body: pelvis, neck, head, or near./far. with hip, thigh, knee, shin,
# ankle, heel, toe, shoulder, elbow, hand. supple.figures checks the name.
PointName = Annotated[str, Limits(pattern=r"^((near|far)\.)?[a-z]+$")]
# Which face of a body part a hand holds: the front of the shin, the back of the thigh...
Face = Literal["front", "back", "outer", "inner", "middle"]
View = Literal["side", "front", "back", "above"] | tuple[Angle, Angle]

PAIRED = ("hips", "hips_out", "hips_rotate", "knees", "ankles", "shoulders", "shoulders_out", "elbows")


@record
class Prop(Record):
    """Something in the picture besides the person: placed on the floor, or held by the body."""

    kind: Literal["wall", "chair", "pillow", "raised-surface", "mat", "strap", "band", "ball"]
    # Where it stands, [x, z] in cm: x along the floor (the figure faces +x in side view),
    # z across it, toward the viewer. A wall is the plane x = at[0].
    at: tuple[Length, Length] | None = None
    # [length along x, height]; each kind has a sensible default.
    size: tuple[Size, Size] | None = None
    facing: Literal["left", "right"] = "right"  # a chair: the way a person sitting on it faces
    # Body points a strap or band passes through, or the two knees a ball sits between.
    between: tuple[PointName, ...] = ()

    def __post_init__(self) -> None:
        held = self.kind in ("strap", "band", "ball")
        if held and len(self.between) < 2:
            raise ValueError(f"a {self.kind} needs `between`: at least two body points it runs between")
        if not held and self.at is None:
            raise ValueError(f"a {self.kind} needs `at`: where it stands, [x, z] in cm")
        if not held and self.between:
            raise ValueError(f"a {self.kind} stands on the floor: use `at`, not `between`")


@record
class Grip(Record):
    """A hand holding a part of the body: the arm reaches it, whatever its angles say."""

    hand: Literal["near", "far"]
    part: PointName  # the point held: near.knee, far.thigh, near.ankle...
    face: Face = "middle"  # which face of that part the palm lies on ("middle": the side the arm comes from)


@record
class KeyPose(Record):
    """One still position of the body. Every angle is 0 in upright standing, arms by the sides."""

    label: Words | None = None  # what this key pose is, for the text alternative ("back rounded")
    at: tuple[Length, Length] | tuple[Length, Length, Length]  # the pelvis: [x, height] or [x, height, z], cm
    trunk: Angle = 0  # lean of the pelvis from vertical: + forward (90 on all fours), - back (-90 lying on the back)
    turn: Angle = 0  # the body turned about its long axis: + brings the chest toward the viewer
    spine: Angle = 0  # + rounds the back (flexion), - arches it
    twist: Angle = 0  # chest turned against the pelvis, + toward the near side
    side_bend: Angle = 0  # + bends toward the near side
    neck: Angle = 0  # + chin toward the chest
    neck_turn: Angle = 0  # + face turned toward the near side
    hips: Pair = (0, 0)  # + thigh forward (flexion), - back
    hips_out: Pair = (0, 0)  # + thigh out to the side (abduction), - across
    hips_rotate: Pair = (0, 0)  # + knee turned out (external rotation)
    knees: Pair = (0, 0)  # + bent
    ankles: Pair = (0, 0)  # + toes up toward the shin, - pointed
    shoulders: Pair = (0, 0)  # + arm forward and up (flexion), - back
    shoulders_out: Pair = (0, 0)  # + arm out to the side (abduction)
    elbows: Pair = (0, 0)  # + bent
    # Hands holding the body (`hand: both` is one grip for each hand): the arms are placed to reach.
    holds: tuple[Grip, ...] = ()
    # Body points whose way from the key pose before to this one is the instruction (push the
    # knees out, lean forward): an arrow shows it.
    arrows: tuple[PointName, ...] = ()

    @classmethod
    def prepare(cls, data: Any) -> Any:
        """One number for a paired joint sets both sides; `hand: both` holds with each hand."""
        if not isinstance(data, dict):
            return data
        fields = {key: _both(value) if key in PAIRED else value for key, value in data.items()}
        if isinstance(fields.get("holds"), list):
            fields["holds"] = [grip for item in fields["holds"] for grip in _each_hand(item)]
        return fields


@record
class Pose(Record):
    """The figure of an exercise: its key poses and the props.

    A stretch's first key pose is how it starts and the later ones the positions held, in turn
    (the seated glute stretch has three); a movement's key poses are its ends, in order.
    """

    description: Words  # the pose in words: the figure's text alternative
    view: View = "side"  # or [azimuth, elevation] in degrees: [0, 0] is the side view, [90, 0] the front
    # Which side's target muscles are highlighted: near when sided, else both; none for a warm-up.
    stretched: Literal["near", "far", "both", "none"] | None = None
    props: tuple[Prop, ...] = ()
    frames: Annotated[tuple[KeyPose, ...], Limits(min_length=1, max_length=6)]

    @classmethod
    def prepare(cls, data: Any) -> Any:
        """A later key pose repeats only what changes: it starts from the one before it."""
        if not isinstance(data, dict) or not isinstance(data.get("frames"), list):
            return data
        merged: list[Any] = []
        for frame in data["frames"]:
            if merged and isinstance(frame, dict) and isinstance(merged[-1], dict):
                base = {key: value for key, value in merged[-1].items() if key != "label"}
                frame = {**base, **frame}
            merged.append(frame)
        return {**data, "frames": merged}


def _each_hand(grip: Any) -> list[Any]:
    if isinstance(grip, dict) and grip.get("hand") == "both":
        return [{**grip, "hand": "near"}, {**grip, "hand": "far"}]
    return [grip]


def _both(value: Any) -> Any:
    return [value, value] if isinstance(value, int | float) and not isinstance(value, bool) else value
