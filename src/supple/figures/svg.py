"""The SVG document: one group per key pose, a stylesheet, and motion that respects reduced motion.

A still exercise is one figure. A movement shows its first key pose with the others as faint
ghosts: that is what prints, and what a reader who asked for reduced motion sees. Otherwise the
key poses take turns, fading into one another at the pace of one repetition.
"""

from __future__ import annotations

from html import escape

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose
from supple.figures.body import SIDES, Body, Side, solve
from supple.figures.camera import BOX_BOTTOM, BOX_LEFT, BOX_RIGHT, BOX_TOP, Camera
from supple.figures.draw import Pen, body_drawables, held_prop_drawables, num, scenery
from supple.figures.muscles import TRUNK_PARTS, Region, regions
from supple.figures.words import describe

PIXELS_PER_CM = 1.5
GHOST_OPACITY = 0.3

STYLE = """{s} path,{s} circle{{stroke-linecap:round;stroke-linejoin:round}}
{s} .floor{{stroke:#8a8f96;fill:none}}
{s} .floor-area{{fill:#f1eee8;stroke:none}}
{s} .mat{{fill:#cfe6d6;stroke:#a9cdb5;stroke-width:1}}
{s} .wall{{fill:#e6dfd2;stroke:#b3a487;stroke-width:1.5}}
{s} .chair{{fill:#c29a6b;stroke:#8a6440;stroke-width:1.2}}
{s} .pillow{{fill:#d3dcea;stroke:#95a6c2;stroke-width:3}}
{s} .raised-surface{{fill:#dccdb2;stroke:#a8946f;stroke-width:1.5}}
{s} .limb{{fill:none}}
{s} .near{{stroke:#2c3a4a}}
{s} .far{{stroke:#9aa8b7}}
{s} .mid,{s} .torso{{stroke:#46586b}}
{s} .torso{{fill:#46586b}}
{s} .head{{fill:#46586b;stroke:none}}
{s} .nose{{stroke:#46586b}}
{s} .hl{{stroke:#f0643c;fill:none;opacity:.92}}
{s} .strap{{stroke:#b5793b;fill:none}}
{s} .band{{stroke:#2f9e5c;fill:none}}
{s} .ball{{fill:#eab84a;stroke:#b8862a;stroke-width:1.2}}"""


def exercise_document(exercise: Exercise, pose: Pose, *, animate: bool = True) -> str:
    """The figure of an exercise as a standalone SVG document.

    `animate=False` leaves out the motion: a movement's first key pose with the others as ghosts.
    """
    scope = f"fig-{exercise.id}"
    pen = Pen(Camera.for_view(pose.view))
    bodies = [solve(frame) for frame in pose.frames]
    marked = _marked(exercise, pose)
    parts = [
        _opening(scope),
        f'<title id="{scope}-t">{escape(exercise.name)}</title>',
        f'<desc id="{scope}-d">{escape(describe(exercise, pose))}</desc>',
        f"<style>{_stylesheet(scope, exercise, pose, animate=animate)}</style>",
        '<g class="scene">' + "".join(scenery(pen, pose, bodies)) + "</g>",
        # The first key pose, then the others as ghosts over it: where they overlap (cat-cow's
        # two backs), both shapes still show.
        *(_key_pose(pen, pose, bodies[index], index, marked) for index in range(len(bodies))),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _opening(scope: str) -> str:
    width, height = BOX_RIGHT - BOX_LEFT, BOX_TOP - BOX_BOTTOM
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{scope}" role="img" aria-labelledby="{scope}-t {scope}-d" '
        f'viewBox="{num(BOX_LEFT)} {num(-BOX_TOP)} {num(width)} {num(height)}" '
        f'width="{num(width * PIXELS_PER_CM)}" height="{num(height * PIXELS_PER_CM)}">'
    )


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


def _key_pose(pen: Pen, pose: Pose, body: Body, index: int, marked: list[tuple[Region, Side | None]]) -> str:
    drawables = body_drawables(pen, body, marked) + held_prop_drawables(pen, pose, body)
    drawables.sort(key=lambda d: (round(d.depth, 3), d.order))
    ghost = f' opacity="{GHOST_OPACITY}"' if index else ""
    css = f"kp kp{index}" + (" ghost" if index else "")
    return f'<g class="{css}"{ghost}>' + "".join(d.element for d in drawables) + "</g>"


def _stylesheet(scope: str, exercise: Exercise, pose: Pose, *, animate: bool) -> str:
    css = STYLE.format(s=f"#{scope}")
    count = len(pose.frames)
    if count < 2 or not animate:
        return css
    # One repetition's time, as the guided session paces it, shared among the key poses.
    cycle = min(max(float(exercise.dosage.rep_s or 4), 2.0), 12.0)
    share = 100 / count
    fade = min(8.0, share / 4)
    delays = "".join(
        f"#{scope} .kp{i}{{animation-delay:{num(i * cycle / count - cycle)}s}}" for i in range(1, count)
    )  # fmt: skip
    return (
        f"{css}\n@keyframes {scope}-turns{{0%{{opacity:1}}{num(share - fade)}%{{opacity:1}}{num(share)}%{{opacity:0}}"
        f"{num(100 - fade)}%{{opacity:0}}100%{{opacity:1}}}}\n"
        f"@media (prefers-reduced-motion:no-preference){{#{scope} .kp{{animation:{scope}-turns {num(cycle)}s "
        f"linear infinite both}}{delays}}}"
    )
