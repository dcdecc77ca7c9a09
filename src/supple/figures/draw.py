"""The scenery and what the body holds: the floor, the props that stand on it, the props held
between points of the body (a strap, a belt, a band, a ball), and the arrows that say which way."""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.catalog.pose import Pose, Prop
from supple.figures.body import HAND_RADIUS, RADII
from supple.figures.geometry import Vec
from supple.figures.motion import Transform
from supple.figures.nodes import Node, group
from supple.figures.order import Spot
from supple.figures.props import Block, blocks
from supple.figures.rig import Pen, Point2, Rig
from supple.figures.shapes import n

FLOOR_BEHIND = 110.0  # how far the floor runs behind the figure, seen from above
ARROW_LENGTH = (16.0, 30.0)  # shortest and longest arrow, cm
STRAP_HALF = 1.2


@dataclass(frozen=True)
class Frame:
    """The part of the picture shown: left, top, width, height (SVG units: cm, y down)."""

    x: float
    y: float
    width: float
    height: float


def convex_hull(points: list[Point2]) -> list[Point2]:
    """Andrew's monotone chain: the outline of a projected box."""
    ordered = sorted(set(points))
    if len(ordered) < 3:
        return ordered

    def half(sequence: list[Point2]) -> list[Point2]:
        chain: list[Point2] = []
        for p in sequence:
            while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain[:-1]

    return half(ordered) + half(ordered[::-1])


def _cross(o: Point2, a: Point2, b: Point2) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def polygon(points: list[Point2], css: str) -> str:
    d = "L".join(f"{n(x)} {n(y)}" for x, y in points)
    return f'<path class="{css}" d="M{d}Z"/>'


def scenery(pen: Pen, pose: Pose, rigs: list[Rig], frame: Frame) -> list[str]:
    """The floor and the props that stand on it, far to near: all behind the figure."""
    left, right, bottom = frame.x, frame.x + frame.width, frame.y + frame.height
    if pen.camera.elevation > 3:  # looking down at the floor: it runs back to a far edge behind the figure
        points = [p for rig in rigs for p in rig.body.points.values()]
        middle = Vec(sum(p.x for p in points) / len(points), 0.0, sum(p.z for p in points) / len(points))
        back = pen.camera.axes[2].scaled(-1)._replace(y=0.0).unit(Vec(0.0, 0.0, -1.0))
        across = Vec(-back.z, 0.0, back.x)
        far = middle.plus(back.scaled(FLOOR_BEHIND))
        near = middle.plus(back.scaled(-400.0))
        corners = [pen.xy(p.plus(across.scaled(s))) for p in (far, near) for s in (-500.0, 500.0)]
        elements = [polygon(convex_hull(corners), "floor-area")]
    else:
        elements = [
            f'<path class="floor-area" d="M{n(left)} 0H{n(right)}V{n(bottom)}H{n(left)}Z"/>',
            f'<path class="floor" d="M{n(left)} 0H{n(right)}"/>',
        ]
    figure_x = rigs[0].body.points["pelvis"].x
    placed: list[tuple[float, int, str]] = []
    for prop in pose.props:
        if prop.at is None:
            continue
        for index, block in enumerate(blocks(prop, figure_x)):
            placed.append((_block_depth(pen, prop, block), len(placed), _block(pen, prop, block, index)))
    return elements + [element for _, _, element in sorted(placed)]


def _block(pen: Pen, prop: Prop, block: Block, index: int) -> str:
    outline = polygon(convex_hull([pen.xy(c) for c in block.corners()]), prop.kind)
    if prop.kind not in ("raised-surface", "chair", "pillow") or pen.camera.elevation <= 3:
        return outline
    if prop.kind == "chair" and index != 0:
        return outline
    # Seen from above, a step's top, a chair's seat and a pillow's top show lighter.
    top = [Vec(x, block.high.y, z) for x in (block.low.x, block.high.x) for z in (block.low.z, block.high.z)]
    return outline + polygon(convex_hull([pen.xy(c) for c in top]), "top")


def _block_depth(pen: Pen, prop: Prop, block: Block) -> float:
    if prop.kind in ("wall", "mat"):
        return -1000.0  # always behind: the wall is a backdrop, the mat is part of the floor
    return pen.camera.depth(block.low.lerp(block.high, 0.5))


def held_props(pen: Pen, pose: Pose, rigs: list[Rig], still: int) -> list[tuple[list[Spot], Node, float]]:
    """A ball between the knees, a strap from the hands round a foot, a belt or band between the legs:
    each with where it is in the picture, and how far ahead of what it overlaps it is drawn."""
    drawn: list[tuple[list[Spot], Node, float]] = []
    body = rigs[still].body
    for prop in pose.props:
        if not prop.between:
            continue
        if prop.kind == "ball":
            middle = body.points[prop.between[0]].lerp(body.points[prop.between[1]], 0.5)
            x, y = pen.xy(middle)
            drawn.append(([Spot(x, y, 8.0, pen.camera.depth(middle))], _ball(pen, prop, rigs, still), 0.0))
            continue
        # A strap in the hands is drawn over the body; a belt or band lies where it goes round.
        lead = 6.0 if any(name.endswith(".hand") for name in prop.between) else 0.0
        for first, second in zip(prop.between, prop.between[1:], strict=False):
            ends = (_held_at(rigs[still], first), _held_at(rigs[still], second))
            spots = [
                Spot(*pen.xy(p), 2.0, pen.camera.depth(p)) for p in (ends[0].lerp(ends[1], t) for t in (0.2, 0.5, 0.8))
            ]
            drawn.append((spots, _piece(pen, rigs, first, second, prop.kind), lead))
    return drawn


def _ball(pen: Pen, prop: Prop, rigs: list[Rig], still: int) -> Node:
    def size(rig: Rig) -> tuple[Point2, float]:
        first, second = (rig.body.points[name] for name in prop.between)
        radius = max(first.minus(second).length() - 2 * RADII["thigh"][1], 8.0) / 2
        return pen.xy(first.lerp(second, 0.5)), radius

    _, kept = size(rigs[still])
    moves: list[Transform] = []
    for rig in rigs:
        (x, y), radius = size(rig)
        moves.append((("translate", (x, y)), ("scale", (radius / kept,))))
    shine = f'<circle class="shine" cx="{n(-kept * 0.35)}" cy="{n(-kept * 0.35)}" r="{n(kept * 0.28)}"/>'
    return group(Node(f'<circle r="{n(kept)}"/>', "ball"), Node(shine), moves=moves)


def _piece(pen: Pen, rigs: list[Rig], first: str, second: str, kind: str) -> Node:
    """A straight length of strap or band from one point to the next, as wide whatever its length."""
    moves: list[Transform] = []
    for rig in rigs:
        (x0, y0), (x1, y1) = pen.xy(_held_at(rig, first)), pen.xy(_held_at(rig, second))
        dx, dy = x1 - x0, y1 - y0
        size = math.hypot(dx, dy) or 1.0
        moves.append((("matrix", (dx, dy, -dy / size, dx / size, x0, y0)),))
    half = STRAP_HALF * (1.4 if kind == "band" else 1.0)
    return Node(f'<path d="M0 {n(-half)}H1V{n(half)}H0Z"/>', kind, moves)


def _held_at(rig: Rig, name: str) -> Vec:
    """Where a strap meets a point: in the palm, or under the ball of the foot."""
    point = rig.body.points[name]
    if name.endswith(".toe"):
        side = name.split(".")[0]
        return rig.body.points[f"{side}.heel"].lerp(point, 0.78)
    return point


Segment2 = tuple[Point2, Point2]


def arrows(pen: Pen, pose: Pose, rigs: list[Rig]) -> list[Node]:
    """For each key pose with arrows, one per point: the way it went to get there, shown in that pose."""
    drawn: list[Node] = []
    count = len(rigs)
    for index in range(count):
        for ends in frame_arrows(pen, pose, rigs, index):
            shown = [i == index for i in range(count)]
            drawn.append(Node("g", children=[Node(_arrow(*ends))], css="ar", shown=shown))
    return drawn


def frame_arrows(pen: Pen, pose: Pose, rigs: list[Rig], index: int) -> list[Segment2]:
    """The arrows of one key pose, start to tip. Each leads on from its point the way it went, unless
    two would meet (knees squeezing a ball): then each pushes its point from behind."""
    before = rigs[index - 1] if index else rigs[-1]
    ahead: list[Segment2] = []
    behind: list[Segment2] = []
    for name in pose.frames[index].arrows:
        ends = arrow_ends(pen, before, rigs[index], name)
        if ends is None:
            continue
        (sx, sy), (tx, ty) = ends
        (px, py) = pen.xy(rigs[index].body.points[name])
        ahead.append(ends)
        # The same arrow mirrored through its point: ending where the other began.
        behind.append(((2 * px - tx, 2 * py - ty), (2 * px - sx, 2 * py - sy)))
    if any(_near(a, b) for i, a in enumerate(ahead) for b in ahead[i + 1 :]):
        return behind
    return ahead


def _near(first: Segment2, second: Segment2) -> bool:
    """Whether two arrows come within a few centimetres of each other (their tips or their middles)."""
    points = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in (first,) for t in (0.0, 0.5, 1.0)]
    others = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in (second,) for t in (0.0, 0.5, 1.0)]
    return any(math.hypot(x0 - x1, y0 - y1) < 8.0 for x0, y0 in points for x1, y1 in others)


def arrow_ends(pen: Pen, before: Rig, after: Rig, name: str) -> Segment2 | None:
    """Where an arrow for a point's way from one key pose to the next starts and ends: from the
    surface of its part, on in the way it went; None if it hardly moved."""
    (x0, y0), (x1, y1) = pen.xy(before.body.points[name]), pen.xy(after.body.points[name])
    dx, dy = x1 - x0, y1 - y0
    moved = math.hypot(dx, dy)
    if moved < 0.5:
        return None
    ux, uy = dx / moved, dy / moved
    low, high = ARROW_LENGTH
    length = min(max(moved * 0.9, low), high)
    clear = _clearance(name) + 2.5
    sx, sy = x1 + ux * clear, y1 + uy * clear
    return (sx, sy), (sx + ux * length, sy + uy * length)


def _arrow(start: Point2, tip: Point2) -> str:
    (sx, sy), (tx, ty) = start, tip
    length = math.hypot(tx - sx, ty - sy)
    ux, uy = (tx - sx) / length, (ty - sy) / length
    head, wide = 6.0, 4.2
    bx, by = tx - ux * head, ty - uy * head
    shaft = f'd="M{n(sx)} {n(sy)}L{n(bx)} {n(by)}"'
    tip_d = f'd="M{n(tx)} {n(ty)}L{n(bx - uy * wide)} {n(by + ux * wide)}L{n(bx + uy * wide)} {n(by - ux * wide)}Z"'
    # A white halo first, so the arrow shows over the figure as well as beside it.
    return (
        f'<path class="halo" {shaft}/><path class="halo" {tip_d}/>'
        f'<path class="shaft" {shaft}/><path class="head" {tip_d}/>'
    )


def _clearance(name: str) -> float:
    """How far out from a point its part's surface is."""
    part = name.split(".")[-1]
    return {"knee": RADII["shin"][0], "thigh": RADII["thigh"][0], "hand": HAND_RADIUS, "head": 11.0,
            "ankle": RADII["shin"][1], "shin": RADII["shin"][0]}.get(part, 8.0)  # fmt: skip
