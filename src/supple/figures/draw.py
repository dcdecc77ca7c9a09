"""Drawing: a solved body, its highlights and the props, as SVG elements in painter's order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supple.catalog.pose import Pose, Prop
from supple.figures.body import HEAD_RADIUS, WIDTH, Body, Segment, Side
from supple.figures.camera import BOX_LEFT, BOX_RIGHT, Camera
from supple.figures.geometry import Vec
from supple.figures.muscles import TRUNK_PARTS, Region
from supple.figures.props import Block, blocks

Point2 = tuple[float, float]
NEAR_FIRST = {"far": 0, None: 1, "near": 2}
FLOOR_MARGIN = 14.0
BACK_BEND_SHOWN = 1.7


@dataclass(frozen=True)
class Drawable:
    depth: float
    order: int  # breaks ties: far limbs, then the trunk, then near limbs
    element: str


def num(value: float) -> str:
    """A coordinate rounded to a millimetre, never "-0.0": the same pose gives the same bytes."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


class Pen:
    """Projects world points with the camera and writes SVG (y grows downward in SVG)."""

    def __init__(self, camera: Camera) -> None:
        self.camera = camera

    def xy(self, point: Vec) -> Point2:
        x, y = self.camera.project(point)
        return x, -y

    def at(self, point: Vec) -> str:
        x, y = self.xy(point)
        return f"{num(x)} {num(y)}"

    def line(self, start: Vec, end: Vec, css: str, width: float) -> str:
        return f'<path class="{css}" stroke-width="{num(width)}" d="M{self.at(start)}L{self.at(end)}"/>'

    def polyline(self, points: Iterable[Vec], css: str, width: float) -> str:
        d = "L".join(self.at(p) for p in points)
        return f'<path class="{css}" stroke-width="{num(width)}" d="M{d}"/>'

    def circle(self, centre: Vec, radius: float, css: str) -> str:
        x, y = self.xy(centre)
        return f'<circle class="{css}" cx="{num(x)}" cy="{num(y)}" r="{num(radius)}"/>'

    def hull(self, points: Iterable[Vec], css: str) -> str:
        outline = convex_hull([self.xy(p) for p in points])
        d = "L".join(f"{num(x)} {num(y)}" for x, y in outline)
        return f'<path class="{css}" d="M{d}Z"/>'


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


def body_drawables(pen: Pen, body: Body, highlights: list[tuple[Region, Side | None]]) -> list[Drawable]:
    depth = pen.camera.depth
    items = [_torso(pen, body)]
    for segment in body.segments:
        if segment.part in TRUNK_PARTS:
            continue
        css = f"limb {segment.side or 'mid'}"
        middle = depth(segment.start.lerp(segment.end, 0.5))
        items.append(
            Drawable(middle, NEAR_FIRST[segment.side], pen.line(segment.start, segment.end, css, segment.width))
        )
    items.append(Drawable(depth(body.head), 1, pen.circle(body.head, HEAD_RADIUS, "head")))
    items.append(_nose(pen, body))
    for region, side in highlights:
        items += _highlight(pen, body, region, side)
    return items


def _torso(pen: Pen, body: Body) -> Drawable:
    hip_n, waist_n, shoulder_n, shoulder_f, waist_f, hip_f = body.torso
    bend_n = _through(hip_n, waist_n, shoulder_n)
    bend_f = _through(shoulder_f, waist_f, hip_f)
    d = f"M{pen.at(hip_n)}Q{pen.at(bend_n)} {pen.at(shoulder_n)}L{pen.at(shoulder_f)}Q{pen.at(bend_f)} {pen.at(hip_f)}Z"
    depth = pen.camera.depth(body.points["waist"])
    return Drawable(depth, 1, f'<path class="torso" stroke-width="{num(WIDTH["torso"])}" d="{d}"/>')


def _through(start: Vec, middle: Vec, end: Vec) -> Vec:
    """The control point of a quadratic curve from start to end that passes near middle.

    The bend is drawn a little deeper than the joint angles make it: under a thick trunk, a
    rounded or arched back would otherwise hardly show.
    """
    chord = start.lerp(end, 0.5)
    return chord.plus(middle.minus(chord).scaled(2 * BACK_BEND_SHOWN))


def _nose(pen: Pen, body: Body) -> Drawable:
    """A small nose shows which way the face looks; facing the viewer, it shrinks to nothing."""
    tip = body.head.plus(body.face.scaled(HEAD_RADIUS + 1.5))
    base = body.head.plus(body.face.scaled(HEAD_RADIUS - 2))
    return Drawable(pen.camera.depth(tip), 1, pen.line(base, tip, "nose", 4.5))


def _highlight(pen: Pen, body: Body, region: Region, side: Side | None) -> list[Drawable]:
    segment = body.segment(region.part, None if region.part in TRUNK_PARTS else side)
    depth = pen.camera.depth(segment.start.lerp(segment.end, 0.5)) + 0.01
    if region.part in TRUNK_PARTS:
        # Along the drawn curve of the back, hugging one face of the broad trunk.
        share = 0.38
        offset = _face(segment, region).scaled(segment.width * (0.5 - share / 2))
        first = 0.0 if region.part == "lower-trunk" else 0.5
        steps = [first + (region.start + (region.end - region.start) * i / 6) / 2 for i in range(7)]
        points = [p.plus(offset) for p in _spine_curve(body, steps)]
        return [Drawable(depth, 1, pen.polyline(points, "hl", segment.width * share))]
    share = 0.56
    offset = _face(segment, region).scaled(segment.width * (0.5 - share / 2))
    start = segment.start.lerp(segment.end, region.start).plus(offset)
    end = segment.start.lerp(segment.end, region.end).plus(offset)
    return [Drawable(depth, NEAR_FIRST[segment.side], pen.line(start, end, "hl", segment.width * share))]


def _spine_curve(body: Body, steps: list[float]) -> list[Vec]:
    """Points along the drawn mid-line of the trunk, pelvis (0) to neck (1)."""
    start, end = body.points["pelvis"], body.points["neck"]
    control = _through(start, body.points["waist"], end)
    return [start.scaled((1 - t) ** 2).plus(control.scaled(2 * t * (1 - t))).plus(end.scaled(t * t)) for t in steps]


def _face(segment: Segment, region: Region) -> Vec:
    outward = segment.axes.z.scaled(-1.0 if segment.side == "far" else 1.0)
    return {
        "front": segment.axes.x,
        "back": segment.axes.x.scaled(-1),
        "outer": outward,
        "inner": outward.scaled(-1),
        "middle": Vec(0.0, 0.0, 0.0),
    }[region.face]


def held_prop_drawables(pen: Pen, pose: Pose, body: Body) -> list[Drawable]:
    items: list[Drawable] = []
    for prop in pose.props:
        if not prop.between:
            continue
        points = [body.points[name] for name in prop.between]
        front = max(pen.camera.depth(p) for p in points) + 0.5
        if prop.kind == "ball":
            first, second = points
            radius = max(first.minus(second).length() - WIDTH["thigh"], 4.0) / 2
            middle = first.lerp(second, 0.5)
            items.append(Drawable(pen.camera.depth(middle), 1, pen.circle(middle, radius, "ball")))
        else:
            items.append(Drawable(front, 3, pen.polyline(points, prop.kind, 3.0 if prop.kind == "band" else 2.2)))
            items += _cuffs(pen, body, prop, front)
    return items


def _cuffs(pen: Pen, body: Body, prop: Prop, depth: float) -> list[Drawable]:
    """A band or belt around a thigh or shin shows as a short strip across the limb."""
    items = []
    for name in prop.between:
        side, _, part = name.partition(".")
        if part in ("thigh", "shin"):
            segment = body.segment(part, "near" if side == "near" else "far")
            across = segment.axes.x.scaled(segment.width / 2 + 1.5)
            centre = body.points[name]
            items.append(Drawable(depth, 3, pen.line(centre.minus(across), centre.plus(across), prop.kind, 3.5)))
    return items


def scenery(pen: Pen, pose: Pose, bodies: list[Body]) -> list[str]:
    """The floor and the props that stand on it, far to near (drawn behind the figure)."""
    camera = pen.camera
    if camera.elevation > 5:
        # Seen from above, a line would not run under every part on the floor: show the patch
        # of floor the figure takes up instead, like a mat under it.
        points = [p for body in bodies for p in body.points.values()]
        xs, zs = tuple(p.x for p in points), tuple(p.z for p in points)
        xs = (min(xs) - FLOOR_MARGIN, max(xs) + FLOOR_MARGIN)
        zs = (min(zs) - FLOOR_MARGIN, max(zs) + FLOOR_MARGIN)
        elements = [pen.hull([Vec(x, 0.0, z) for x in xs for z in zs], "floor-area")]
    else:
        across = camera.right().scaled(BOX_RIGHT - BOX_LEFT)
        elements = [pen.line(across.scaled(-1), across, "floor", 1.6)]
    figure_x = bodies[0].points["pelvis"].x
    placed: list[tuple[float, int, str]] = []
    for prop in pose.props:
        if prop.at is None:
            continue
        for block in blocks(prop, figure_x):
            placed.append((_block_depth(camera, prop, block), len(placed), pen.hull(block.corners(), prop.kind)))
    return elements + [element for _, _, element in sorted(placed)]


def _block_depth(camera: Camera, prop: Prop, block: Block) -> float:
    if prop.kind in ("wall", "mat"):
        return -1000.0  # always behind: the wall is a backdrop, the mat is part of the floor
    return camera.depth(block.low.lerp(block.high, 0.5))
