"""Contact: a figure rests on the floor or its support, passes through nothing, and touches
each prop that is there to hold it (a wall the hands lean on, a chair it sits on)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from supple.catalog.pose import Pose
from supple.figures.anatomy import Problem
from supple.figures.body import HEAD_RADIUS, WIDTH, Body
from supple.figures.geometry import Vec
from supple.figures.props import SUPPORTS, Block, blocks

# A part within this distance of a surface (cm, beyond its own thickness) touches it; one sunk
# deeper than this into a surface passes through it. A stick figure is not a body scan.
TOUCHING = 3.0
SINKING = 3.5
STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Sample:
    """A point of the body with the thickness drawn around it."""

    name: str
    point: Vec
    radius: float


def samples(body: Body) -> Iterator[Sample]:
    for segment in body.segments:
        side = f"{segment.side} " if segment.side else ""
        name = f"{side}{segment.part.replace('-', ' ')}"
        for t in STEPS:
            yield Sample(name, segment.start.lerp(segment.end, t), segment.width / 2)
    torso = WIDTH["torso"] / 2
    for corner, name in zip(body.torso, ("near hip", "near waist", "near shoulder", "far shoulder", "far waist",
                                         "far hip"), strict=True):  # fmt: skip
        yield Sample(name, corner, torso)
    for t in STEPS:
        yield Sample("trunk", body.points["pelvis"].lerp(body.points["neck"], t), torso)
    yield Sample("head", body.head, HEAD_RADIUS)


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
    for sample in samples(body):
        for block in solids:
            overlap = sample.radius - block.distance(sample.point)
            if best is None or overlap > best[1]:
                best = (sample.name, overlap)
    return best
