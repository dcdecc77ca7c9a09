"""The body's shapes, each drawn in its own part's frame: x along the part (cm from its joint),
y across it. A transform places each in the picture, so the same shape serves every key pose.

Every shape comes twice: grown by OUTLINE for the dark outline drawn first, and as it is for the
fill drawn over it, so a part shows a clean outline wherever it crosses another.
"""

from __future__ import annotations

from supple.figures.body import ANKLE_HEIGHT, HAND_RADIUS, HEAD_RADIUS, HEEL, RADII, TOE, TRUNK_HALF

OUTLINE = 0.9  # cm
NECK_SHOWN = 12.0  # how much of the neck (from the shoulders) is drawn; the head covers the rest


def n(value: float) -> str:
    """A coordinate to a millimetre, without a trailing zero or a "-0": short and always the same."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if text.startswith("0.") or text.startswith("-0."):
        text = text.replace("0.", ".", 1)
    return "0" if text in ("-0", "", "-") else text


def limb(length: float, start: float, end: float, *, grow: float = 0.0, belly: float = 0.0) -> str:
    """A tapered limb from its joint (x = 0) to the next (x = length), `belly` cm fuller a third of
    the way down (a thigh, a calf). Its ends are open: the joints' circles round them off."""
    a, b = start + grow, end + grow
    middle = a + (b - a) * 0.4 + belly
    # A quadratic curve peaks half-way to its control point: the control sits twice as far out.
    control = 2 * middle - (a + b) / 2
    x = n(length * 0.4)
    return f"M0 {n(-a)}Q{x} {n(-control)} {n(length)} {n(-b)}L{n(length)} {n(b)}Q{x} {n(control)} 0 {n(a)}Z"


def circle(radius: float, *, grow: float = 0.0, x: float = 0.0, y: float = 0.0) -> str:
    return (
        f'<circle cx="{n(x)}" cy="{n(y)}" r="{n(radius + grow)}"/>' if x or y else f'<circle r="{n(radius + grow)}"/>'
    )


def path(d: str) -> str:
    return f'<path d="{d}"/>'


SECTION = 50.0 / 3  # each of the trunk's three parts (pelvis, belly, chest) along the back, cm


def _section(x0: float, x1: float, w0: float, w1: float, e0: float, e1: float, grow: float) -> str:
    """A rounded part of the trunk: from x0 (w0 half-wide, its end e0 deep) to x1 (w1, e1)."""
    x0, x1, w0, w1 = x0 - grow, x1 + grow, w0 + grow, w1 + grow
    a, b = x0 + e0, x1 - e1
    return path(
        f"M{n(a)} {n(-w0)}L{n(b)} {n(-w1)}A{n(e1)} {n(w1)} 0 0 1 {n(b)} {n(w1)}"
        f"L{n(a)} {n(w0)}A{n(e0)} {n(w0)} 0 0 1 {n(a)} {n(-w0)}Z"
    )


def pelvis(grow: float = 0.0) -> str:
    """The hips and buttocks, as wide as the hips across; the picture's transform narrows each
    part of the trunk to the body's depth where it is seen from the side."""
    return _section(-10.0, SECTION + 6, TRUNK_HALF["pelvis"][0], 14.5, 9.0, 5.0, grow)


def belly(grow: float = 0.0) -> str:
    return _section(-5.0, SECTION + 5, 14.5, 14.0, 5.0, 5.0, grow)


def chest(grow: float = 0.0) -> str:
    """The chest, rounded over the shoulders."""
    return _section(-5.0, SECTION + 4, 14.5, TRUNK_HALF["chest"][0], 5.0, 7.0, grow)


# The foot's outline in its own side view: x forward along the sole, y up, the ankle at (0, 0).
_FOOT = [(-3.5, 1.5), (-HEEL - 3.4, -4.8), (-HEEL, -ANKLE_HEIGHT - 3.6), (14.0, -ANKLE_HEIGHT - 2.8),
         (TOE + 2.2, -ANKLE_HEIGHT - 0.8), (TOE - 0.5, -ANKLE_HEIGHT + 2.0), (7.0, -1.8), (3.2, 2.2)]  # fmt: skip
FOOT_LENGTH = (TOE**2 + ANKLE_HEIGHT**2) ** 0.5  # the ankle to the toe: the foot's bone


def _foot_local(x: float, y: float) -> tuple[float, float]:
    """A point of the foot's side view in its bone's frame: x toward the toe, y toward the sole."""
    ux, uy = TOE / FOOT_LENGTH, -ANKLE_HEIGHT / FOOT_LENGTH
    return x * ux + y * uy, x * uy - y * ux


def foot(grow: float = 0.0) -> str:
    points = [_foot_local(x, y) for x, y in _FOOT]
    cx = sum(x for x, _ in points) / len(points)
    cy = sum(y for _, y in points) / len(points)
    grown = []
    for x, y in points:
        dx, dy = x - cx, y - cy
        size = (dx * dx + dy * dy) ** 0.5 or 1.0
        grown.append((x + dx / size * grow, y + dy / size * grow))
    # A smooth closed outline: quadratic curves through the mid-points, the points as controls.
    mids = [((x0 + x1) / 2, (y0 + y1) / 2) for (x0, y0), (x1, y1) in zip(grown, grown[1:] + grown[:1], strict=True)]
    d = f"M{n(mids[-1][0])} {n(mids[-1][1])}"
    for (x, y), (mx, my) in zip(grown, mids, strict=True):
        d += f"Q{n(x)} {n(y)} {n(mx)} {n(my)}"
    return path(d + "Z")


def hand(grow: float = 0.0) -> str:
    """A hand, palm centre at (0, 0), fingers on along the forearm."""
    return f'<ellipse cx="1.5" rx="{n(5.3 + grow)}" ry="{n(HAND_RADIUS + 0.2 + grow)}"/>'


def head(grow: float = 0.0) -> str:
    return circle(HEAD_RADIUS, grow=grow)


def neck(grow: float = 0.0) -> str:
    radius = RADII["neck"][0]
    return path(limb(NECK_SHOWN, radius, radius * 0.95, grow=grow))
