"""Contact: a figure rests on the floor or its support, passes through nothing (the floor, a prop,
its own limbs), touches each prop that is there to hold it, and its hands hold what they hold."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from supple.catalog.pose import KeyPose, Pose
from supple.figures.anatomy import Problem
from supple.figures.body import HAND_RADIUS, HEAD_RADIUS, Body, Segment, trunk_half
from supple.figures.geometry import Vec
from supple.figures.props import SUPPORTS, Block, blocks

# A part within this distance of a surface (cm, beyond its own thickness) touches it; one sunk
# deeper than this into a surface passes through it. A figure is not a body scan.
TOUCHING = 3.0
SINKING = 3.5
GRIP_REACH = 3.0  # a hand this near (cm) what it holds holds it
STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
DOWN = Vec(0.0, -1.0, 0.0)
PELVIS_BELOW = 6.0  # the buttocks reach this far (cm) below the hip joints, along the spine


@dataclass(frozen=True)
class Sample:
    """A point of the body with the thickness drawn around it."""

    name: str
    point: Vec
    radius: float


def _trunk_radius(segment: Segment, t: float, toward: Vec) -> float:
    """How far the trunk's surface is from its mid-line, that way (its cross-section is an oval)."""
    side, depth = trunk_half(segment.part, t)
    return max(math.hypot(side * toward.dot(segment.axes.z), depth * toward.dot(segment.axes.x)), 4.0)


def samples(body: Body, toward: Vec = DOWN) -> Iterator[Sample]:
    """Points along every part with its thickness (the trunk's measured `toward` a surface)."""
    for segment in body.segments:
        side = f"{segment.side} " if segment.side else ""
        name = f"{side}{segment.part.replace('-', ' ')}"
        trunk = segment.part.endswith("trunk")
        for t in STEPS:
            radius = _trunk_radius(segment, t, toward) if trunk else segment.radius(t)
            yield Sample(name, segment.start.lerp(segment.end, t), radius)
    pelvis = body.segment("lower-trunk")
    yield Sample("buttocks", pelvis.start.plus(pelvis.axes.y.scaled(-PELVIS_BELOW)), 4.0 + _lean(pelvis, toward))
    yield Sample("head", body.head, HEAD_RADIUS)
    for side in ("near", "far"):
        fore = body.segment("forearm", side)  # type: ignore[arg-type]
        fingers = fore.end.plus(fore.axes.y.scaled(-4.0))
        yield Sample(f"{side} hand", fingers, HAND_RADIUS * 0.8)


def _lean(pelvis: Segment, toward: Vec) -> float:
    """Lying down, the buttocks are as thick as the pelvis; upright, they are its bottom."""
    return max(_trunk_radius(pelvis, 0.0, toward) - 4.0, 0.0) * 0.8


def floor_problems(body: Body, where: str) -> tuple[list[Problem], bool]:
    """A part sunk into the floor is a problem; the flag says whether anything touches it."""
    lowest = min(samples(body), key=lambda s: s.point.y - s.radius)
    gap = lowest.point.y - lowest.radius
    if gap < -SINKING:
        return [(where, f"the {lowest.name} is {-gap:.0f} cm below the floor; raise `at` or change the angles")], True
    return [], gap <= TOUCHING


def prop_problems(pose: Pose, body: Body, where: str) -> tuple[list[Problem], bool]:
    """Parts passing through a prop, and support props nothing touches. The flag: a support holds the body."""
    problems: list[Problem] = []
    supported = False
    figure_x = body.points["pelvis"].x
    for index, prop in enumerate(pose.props):
        if prop.at is None or prop.kind == "mat":
            continue
        solids = [b for b in blocks(prop, figure_x) if b.solid]
        name = prop.kind.replace("-", " ")
        sunk = _deepest(body, solids)
        if sunk is not None and sunk[1] > SINKING:
            problems.append((where, f"the {sunk[0]} passes {sunk[1]:.0f} cm into the {name} (pose.props[{index}])"))
        if prop.kind in SUPPORTS:
            touched = sunk is not None and sunk[1] >= -TOUCHING
            if not touched:
                problem = f"nothing touches the {name} in {where}; move it under or beside the body"
                problems.append((f"pose.props[{index}]", problem))
            supported = supported or (touched and prop.kind != "wall")
    return problems, supported


def _deepest(body: Body, solids: list[Block]) -> tuple[str, float] | None:
    """The part that overlaps the solids most, and by how much (negative: the smallest gap)."""
    best: tuple[str, float] | None = None
    for block in solids:
        centre = block.low.lerp(block.high, 0.5)
        for sample in samples(body):
            toward = centre.minus(sample.point).unit(DOWN)
            radius = sample.radius if "trunk" not in sample.name else _toward(body, sample, toward)
            overlap = radius - block.distance(sample.point)
            if best is None or overlap > best[1]:
                best = (sample.name, overlap)
    return best


def _toward(body: Body, sample: Sample, toward: Vec) -> float:
    segment = body.segment("lower-trunk" if sample.name == "lower trunk" else "upper-trunk")
    along = sample.point.minus(segment.start).dot(segment.axes.y) / max(segment.start.minus(segment.end).length(), 1e-6)
    return _trunk_radius(segment, min(max(along, 0.0), 1.0), toward)


def grip_problems(frame: KeyPose, body: Body, where: str) -> list[Problem]:
    """Each hand that holds a part must be at it, within a few centimetres."""
    from supple.figures.reach import grip_target

    problems: list[Problem] = []
    for index, grip in enumerate(frame.holds):
        target = grip_target(body, grip, body.points[f"{grip.hand}.shoulder"])
        gap = body.points[f"{grip.hand}.hand"].minus(target).length()
        if gap > GRIP_REACH:
            held = grip.part.replace(".", " ")
            problem = f"the {grip.hand} hand is {gap:.0f} cm from the {held} it holds; "
            problems.append((f"{where}.holds[{index}]", problem + "bring the body nearer or change the angles"))
    return problems
