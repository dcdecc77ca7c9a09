"""The SVG document: the picture fitted to the figure, a stylesheet, and motion that respects
reduced motion.

The moving figure loops through its key poses (motion.py); what it draws when nothing moves, and
what a reader who asked for reduced motion sees, is its main position. The still figure, for
print, is that position alone, or each key pose side by side, numbered, where the steps go
through several (a movement's ends, the seated glute stretch's three positions).

Sides: a pose shows the right side (its near limbs are the person's right). The left side is the
mirror image: `side="left"` mirrors the picture (and only the picture: numbers stay readable).
"""

from __future__ import annotations

from html import escape
from typing import Literal

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose
from supple.figures.body import HEAD_RADIUS, SIDES, Body, Side
from supple.figures.camera import Camera
from supple.figures.draw import Frame, arrows, frame_arrows, held_props, scenery
from supple.figures.motion import Motion, moving, reference, timeline
from supple.figures.muscles import TRUNK_PARTS, Region, regions
from supple.figures.nodes import Node, write
from supple.figures.order import painter_order
from supple.figures.rig import Pen, Rig, rig
from supple.figures.scene import body_nodes, held_prop_extras, highlights
from supple.figures.shapes import n
from supple.figures.words import describe

Facing = Literal["left", "right"]
PIXELS_PER_CM = 1.5
MARGIN = 5.0  # cm of room round the figure
ASPECT = (0.8, 2.1)  # narrowest and widest picture, width over height
PANEL_GAP = 8.0
TRUNK_LEAD = -2.0  # where a limb and the trunk are about as near, the limb is drawn over it

PALETTE = """{s} .o{{fill:#26313d}}
{s} .far .o{{fill:#7f8c9b}}
{s} .sk{{fill:#e6b08c}}{s} .far .sk{{fill:#f2d4bf}}
{s} .sh{{fill:#2a8a85}}{s} .far .sh{{fill:#9ccdc8}}
{s} .tr{{fill:#3e5170}}{s} .far .tr{{fill:#a9b6c9}}
{s} .so{{fill:#383d45}}{s} .far .so{{fill:#a3a9b2}}
{s} .ha{{fill:#5a3a26}}{s} .ey{{fill:#1c2226}}
{s} .hl{{fill:#f0643c}}{s} .far .hl{{fill:#f5a68c}}
{s} .floor{{stroke:#8a8f96;stroke-width:1.2;fill:none}}{s} .floor-area{{fill:#f1eee8}}
{s} .mat{{fill:#c9e3d1;stroke:#9cc8aa;stroke-width:.8}}
{s} .wall{{fill:#e6dfd2;stroke:#b3a487;stroke-width:1.2}}
{s} .chair{{fill:#c29a6b;stroke:#7d5a38;stroke-width:1;stroke-linejoin:round}}
{s} .pillow{{fill:#d3dcea;stroke:#8fa1c0;stroke-width:2.5;stroke-linejoin:round}}
{s} .raised-surface{{fill:#d8c6a4;stroke:#9a855f;stroke-width:1.2;stroke-linejoin:round}}
{s} .top{{fill:#efe5d2;stroke:#9a855f;stroke-width:.8;stroke-linejoin:round}}
{s} .pillow + .top{{fill:#e6ecf5;stroke:#8fa1c0}}
{s} .strap{{fill:#b86f2a}}{s} .band{{fill:#2f9e5c}}
{s} .ball{{fill:#eab84a;stroke:#a87a1e;stroke-width:1.2}}{s} .shine{{fill:#fff;opacity:.55}}
{s} .ar .halo{{stroke:#fff;stroke-width:5.4;fill:#fff;stroke-linecap:round;stroke-linejoin:round}}
{s} .ar .shaft{{stroke:#1565c0;stroke-width:2.6;fill:none;stroke-linecap:round}}{s} .ar .head{{fill:#1565c0}}
{s} .num{{fill:#1f5f5b}}{s} .num text{{fill:#fff;font:bold 9px sans-serif;text-anchor:middle}}"""


def exercise_document(
    exercise: Exercise, pose: Pose, bodies: list[Body], *, animate: bool = True, side: Facing = "right"
) -> str:
    """The figure of an exercise as a standalone SVG document; `bodies`: its key poses solved.

    `animate=False`: the still figure, for print: the main position, or each key pose side by side.
    `side="left"`: the mirror image, for the left side of a sided exercise.
    """
    scope = f"fig-{exercise.id}"
    pen = Pen(Camera.for_view(pose.view))
    rigs: list[Rig] = []
    for body in bodies:
        rigs.append(rig(pen, body, rigs[-1] if rigs else None))
    frame = fit(pen, pose, rigs)
    marked = _marked(exercise, pose)
    mirrored = side == "left" and exercise.sided
    still = reference(exercise, pose)
    if animate:
        motion = Motion(scope, timeline(exercise, pose), still)
        scene = _scene(pen, pose, rigs, frame, marked, motion, scope, still, arrows(pen, pose, rigs))
        width = frame.width
        content = _placed(scene, frame, 0.0, mirrored)
    else:
        motion = Motion(scope, None, 0)
        shown = panels_shown(exercise, pose)
        step = frame.width + PANEL_GAP
        width = step * len(shown) - PANEL_GAP
        content = ""
        every = arrows(pen, pose, rigs)
        for number, index in enumerate(shown):
            # A panel's own arrows, drawn as they are: nothing moves in print.
            own = [Node("g", css="ar", children=a.children) for a in every if a.shown and a.shown[index]]
            one = _scene(pen, pose, [rigs[index]], frame, marked, motion, scope, 0, own)
            content += _placed(one, frame, number * step, mirrored)
            if len(shown) > 1:
                content += _number(frame, number * step, number + 1)
    parts = [
        _opening(scope, frame, width),
        f'<title id="{scope}-t">{escape(exercise.name)}</title>',
        f'<desc id="{scope}-d">{escape(describe(exercise, pose, side=side if exercise.sided else None))}</desc>',
        f'<defs><clipPath id="{scope}-hc"><circle r="{n(HEAD_RADIUS)}"/></clipPath></defs>',
        f"<style>{_stylesheet(scope)}{motion.stylesheet()}</style>",
        content,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def panels_shown(exercise: Exercise, pose: Pose) -> list[int]:
    """The key poses a still figure shows: a movement's ends, a stretch's positions (its start left out)."""
    if moving(exercise):
        return list(range(len(pose.frames)))
    return list(range(1, len(pose.frames))) or [0]


def _scene(
    pen: Pen,
    pose: Pose,
    rigs: list[Rig],
    frame: Frame,
    marked: list[tuple[Region, Side | None]],
    motion: Motion,
    scope: str,
    still: int,
    pointers: list[Node],
) -> str:
    stripes = highlights(pen, rigs, marked)
    cuffs = held_prop_extras(pose, rigs)

    def extras(bone: str) -> list[Node]:
        return stripes.get(bone, []) + cuffs.get(bone, [])

    parts = [(spots, node, TRUNK_LEAD if index == 0 else 0.0)
             for index, (spots, node) in enumerate(body_nodes(pen, rigs, still, extras, f"{scope}-hc"))]  # fmt: skip
    parts += held_props(pen, pose, rigs, still)
    order = painter_order([spots for spots, _, _ in parts], [lead for _, _, lead in parts])
    body = "".join(write(parts[index][1], motion) for index in order)
    return (
        '<g class="scene">' + "".join(scenery(pen, pose, rigs, frame)) + "</g>" + body
        + "".join(write(node, motion) for node in pointers)
    )  # fmt: skip


def _placed(content: str, frame: Frame, dx: float, mirrored: bool) -> str:
    if mirrored:  # about the frame's middle, within its own panel
        return f'<g transform="matrix(-1 0 0 1 {n(dx + 2 * frame.x + frame.width)} 0)">{content}</g>'
    if dx:
        return f'<g transform="translate({n(dx)} 0)">{content}</g>'
    return content


def _number(frame: Frame, dx: float, number: int) -> str:
    x, y = frame.x + dx + 7, frame.y + 7
    return (
        f'<g class="num"><circle cx="{n(x)}" cy="{n(y)}" r="5.5"/><text x="{n(x)}" y="{n(y + 3.2)}">{number}</text></g>'
    )


def _opening(scope: str, frame: Frame, width: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{scope}" role="img" aria-labelledby="{scope}-t {scope}-d" '
        f'viewBox="{n(frame.x)} {n(frame.y)} {n(width)} {n(frame.height)}" '
        f'width="{n(width * PIXELS_PER_CM)}" height="{n(frame.height * PIXELS_PER_CM)}">'
    )


def _stylesheet(scope: str) -> str:
    return PALETTE.format(s=f"#{scope}")


def _marked(exercise: Exercise, pose: Pose) -> list[tuple[Region, Side | None]]:
    stretched = pose.stretched or ("near" if exercise.sided else "both")
    if stretched == "none":
        return []
    sides: tuple[Side, ...] = SIDES if stretched == "both" else (stretched,)
    marked: list[tuple[Region, Side | None]] = []
    for region in regions(exercise.targets):
        if region.part in TRUNK_PARTS:
            marked.append((region, None))
        else:
            marked += [(region, side) for side in sides]
    return marked


def fit(pen: Pen, pose: Pose, rigs: list[Rig]) -> Frame:
    """The picture's frame: everything every key pose shows, with a margin, the floor at its foot."""
    from supple.figures.props import blocks

    xs: list[float] = []
    ys: list[float] = []

    def add(x: float, y: float, r: float) -> None:
        xs.extend((x - r, x + r))
        ys.extend((y - r, y + r))

    for one in rigs:
        body = one.body
        for segment in body.segments:
            for t in (0.0, 0.5, 1.0):
                add(*pen.xy(segment.start.lerp(segment.end, t)), segment.radius(t) + 1)
        for name in ("pelvis", "waist", "neck"):
            add(*pen.xy(body.points[name]), 17.0 * one.bones["pelvis"].shape[3] + 1)
        add(*pen.xy(body.head), HEAD_RADIUS + 3)
        for side in SIDES:
            add(*pen.xy(body.points[f"{side}.hand"]), 7.0)
            for end in ("ankle", "heel", "toe"):  # the foot is drawn fuller than its sole line
                add(*pen.xy(body.points[f"{side}.{end}"]), 6.0)
    figure_x = rigs[0].body.points["pelvis"].x
    for prop in pose.props:
        if prop.at is None or prop.kind == "mat":
            continue
        if prop.kind == "wall":  # a strip of the wall, where the body meets it
            wall = pen.xy(rigs[0].body.points["neck"]._replace(x=prop.at[0]))
            add(wall[0], wall[1], 6.0)
            continue
        for block in blocks(prop, figure_x):
            for corner in block.corners():
                add(*pen.xy(corner), 1.0)
    for index in range(len(rigs)):  # room for the arrows
        for ends in frame_arrows(pen, pose, rigs, index):
            for x, y in ends:
                add(x, y, 5.0)
    for prop in pose.props:  # and for a ball between the knees
        if prop.kind == "ball":
            for one in rigs:
                first, second = (one.body.points[name] for name in prop.between)
                add(*pen.xy(first.lerp(second, 0.5)), first.minus(second).length() / 2)
    left, right = min(xs) - MARGIN, max(xs) + MARGIN
    top, bottom = min(ys) - MARGIN, max(ys) + MARGIN
    if pen.camera.elevation <= 3:
        bottom = max(bottom, 0.0) + 4
    width, height = right - left, bottom - top
    low, high = ASPECT
    if width < height * low:  # too narrow: wider on both sides
        left -= (height * low - width) / 2
        width = height * low
    elif width > height * high:  # too wide: more sky
        top -= width / high - height
        height = width / high
    return Frame(left, top, width, height)
