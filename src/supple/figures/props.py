"""The props: their solid blocks (for contact checks) and the shapes that draw them.

Floor props (wall, chair, pillow, raised surface, mat) stand where the pose puts them; held props
(strap, band, ball) run between points of the body and move with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.catalog.pose import Prop
from supple.figures.geometry import Vec

DEFAULT_SIZE = {"chair": (42.0, 45.0), "pillow": (36.0, 9.0), "raised-surface": (40.0, 45.0), "mat": (180.0, 1.0)}
WIDTH_ACROSS = {"chair": 42.0, "pillow": 34.0, "raised-surface": 50.0, "mat": 60.0}
CHAIR_BACK_HEIGHT = 88.0
WALL_THICKNESS = 10.0
WALL_HEIGHT = 230.0
SUPPORTS = ("wall", "chair", "pillow", "raised-surface")
# Held props' points: a ball sits between two knees; these gaps (cm, between the limbs' surfaces)
# are what a ball about the size of a basketball, squeezed, can fill.
BALL_GAP = (12.0, 36.0)


@dataclass(frozen=True)
class Block:
    """An axis-aligned solid, cm: the body may rest on it but not pass through it."""

    low: Vec
    high: Vec
    solid: bool = True

    def distance(self, point: Vec) -> float:
        """From the point to the block's surface: negative inside, by how deep."""
        dx = max(self.low.x - point.x, 0.0, point.x - self.high.x)
        dy = max(self.low.y - point.y, 0.0, point.y - self.high.y)
        dz = max(self.low.z - point.z, 0.0, point.z - self.high.z)
        if dx or dy or dz:
            return math.sqrt(dx * dx + dy * dy + dz * dz)
        inside = (point.x - self.low.x, self.high.x - point.x, point.y - self.low.y, self.high.y - point.y,
                  point.z - self.low.z, self.high.z - point.z)  # fmt: skip
        return -min(inside)

    def corners(self) -> list[Vec]:
        return [Vec(x, y, z) for x in (self.low.x, self.high.x) for y in (self.low.y, self.high.y)
                for z in (self.low.z, self.high.z)]  # fmt: skip


def _block(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, *, solid: bool = True) -> Block:
    return Block(Vec(min(x0, x1), y0, min(z0, z1)), Vec(max(x0, x1), y1, max(z0, z1)), solid)


def prop_size(prop: Prop) -> tuple[float, float]:
    return prop.size if prop.size is not None else DEFAULT_SIZE.get(prop.kind, (40.0, 40.0))


def blocks(prop: Prop, figure_x: float) -> list[Block]:
    """The solids a floor prop is made of. `figure_x` says which side of a wall the person is on."""
    assert prop.at is not None
    x, z = prop.at
    if prop.kind == "wall":
        away = WALL_THICKNESS if figure_x <= x else -WALL_THICKNESS
        return [_block(x, x + away, 0.0, WALL_HEIGHT, z - 200, z + 200)]
    length, height = prop_size(prop)
    half, across = length / 2, WIDTH_ACROSS[prop.kind] / 2
    if prop.kind == "chair":
        return _chair(x, z, half, across, height, 1.0 if prop.facing == "right" else -1.0)
    if prop.kind == "mat":
        return [_block(x - half, x + half, -height, 0.0, z - across, z + across, solid=False)]
    return [_block(x - half, x + half, 0.0, height, z - across, z + across)]


def _chair(x: float, z: float, half: float, across: float, seat: float, facing: float) -> list[Block]:
    back = x - facing * half
    parts = [
        _block(x - half, x + half, seat - 4, seat, z - across, z + across),
        _block(back, back - facing * 3, seat, CHAIR_BACK_HEIGHT, z - across, z + across),
    ]
    for lx in (x - half + 2, x + half - 2):
        for lz in (z - across + 2, z + across - 2):
            parts.append(_block(lx - 1.5, lx + 1.5, 0.0, seat - 4, lz - 1.5, lz + 1.5, solid=False))
    return parts


def ball_gap(first: Vec, second: Vec, widths: float) -> float:
    """The room between two limbs for a ball, cm: centre distance less the limbs' half-widths."""
    return first.minus(second).length() - widths
