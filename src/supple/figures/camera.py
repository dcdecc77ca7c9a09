"""The view: an orthographic camera that turns world points into picture points and depths."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from supple.catalog.pose import View
from supple.figures.geometry import Vec

NAMED_VIEWS = {"side": (0.0, 0.0), "front": (90.0, 0.0), "back": (-90.0, 0.0), "above": (0.0, 70.0)}


@dataclass(frozen=True)
class Camera:
    """Looking from `azimuth` degrees round from the near side (90: from the front) and
    `elevation` degrees above the floor."""

    azimuth: float
    elevation: float

    @classmethod
    def for_view(cls, view: View) -> Camera:
        azimuth, elevation = NAMED_VIEWS[view] if isinstance(view, str) else view
        return cls(azimuth, elevation)

    @cached_property
    def axes(self) -> tuple[Vec, Vec, Vec]:
        """The picture's right and up, and the way toward the viewer, in world directions."""
        a, e = math.radians(self.azimuth), math.radians(self.elevation)
        right = Vec(math.cos(a), 0.0, -math.sin(a))
        up = Vec(-math.sin(a) * math.sin(e), math.cos(e), -math.cos(a) * math.sin(e))
        toward = Vec(math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e))
        return right, up, toward

    def project(self, point: Vec) -> tuple[float, float]:
        """The point in the picture: x to the right, y up."""
        right, up, _ = self.axes
        return point.dot(right), point.dot(up)

    def depth(self, point: Vec) -> float:
        """How near the viewer the point is: larger is nearer, drawn later."""
        return point.dot(self.axes[2])
