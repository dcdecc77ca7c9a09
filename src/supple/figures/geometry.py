"""Small 3-D vector and rotation helpers: plain tuples, so figures need no numeric library.

World axes: x along the floor (a figure in side view faces +x), y up, z toward the viewer.
"""

from __future__ import annotations

import math
from typing import NamedTuple


class Vec(NamedTuple):
    x: float
    y: float
    z: float

    def plus(self, other: Vec) -> Vec:
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def minus(self, other: Vec) -> Vec:
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def scaled(self, factor: float) -> Vec:
        return Vec(self.x * factor, self.y * factor, self.z * factor)

    def dot(self, other: Vec) -> float:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def length(self) -> float:
        return math.sqrt(self.dot(self))

    def lerp(self, other: Vec, t: float) -> Vec:
        return self.plus(other.minus(self).scaled(t))

    def cross(self, other: Vec) -> Vec:
        return Vec(
            self.y * other.z - self.z * other.y,
            self.z * other.x - self.x * other.z,
            self.x * other.y - self.y * other.x,
        )

    def unit(self, fallback: Vec | None = None) -> Vec:
        """This direction, one unit long (`fallback`, or itself, when it has no length)."""
        size = self.length()
        if size < 1e-9:
            return fallback if fallback is not None else self
        return self.scaled(1 / size)


X = Vec(1.0, 0.0, 0.0)
Y = Vec(0.0, 1.0, 0.0)
Z = Vec(0.0, 0.0, 1.0)


class Frame(NamedTuple):
    """An orientation: where a body part's own forward (x), up (y) and near-side (z) axes point."""

    x: Vec
    y: Vec
    z: Vec

    def apply(self, local: Vec) -> Vec:
        """A direction given in this frame's axes, in world axes."""
        return self.x.scaled(local.x).plus(self.y.scaled(local.y)).plus(self.z.scaled(local.z))

    def turned(self, axis: str, degrees: float) -> Frame:
        """This frame rotated about one of its own axes ('x', 'y' or 'z'), right-handed."""
        local = _ROTATIONS[axis](math.radians(degrees))
        return Frame(self.apply(local.x), self.apply(local.y), self.apply(local.z))


IDENTITY = Frame(X, Y, Z)


def _about_x(a: float) -> Frame:
    c, s = math.cos(a), math.sin(a)
    return Frame(X, Vec(0.0, c, s), Vec(0.0, -s, c))


def _about_y(a: float) -> Frame:
    c, s = math.cos(a), math.sin(a)
    return Frame(Vec(c, 0.0, -s), Y, Vec(s, 0.0, c))


def _about_z(a: float) -> Frame:
    c, s = math.cos(a), math.sin(a)
    return Frame(Vec(c, s, 0.0), Vec(-s, c, 0.0), Z)


_ROTATIONS = {"x": _about_x, "y": _about_y, "z": _about_z}
