"""The figure as nodes: each limb, the trunk and the held props drawn far to near.

The body is drawn in five groups (the far leg and arm, the trunk and head, the near leg and arm),
each over the ones behind it. A group is drawn twice: its outline (every shape grown a little, in
a dark colour), then its fill, so each group shows its own outline over what is behind it.
"""

from __future__ import annotations

from collections.abc import Callable

from supple.catalog.pose import Pose
from supple.figures import shapes
from supple.figures.body import HEAD_RADIUS, RADII, TRUNK_HALF, Body, Side
from supple.figures.geometry import Vec
from supple.figures.motion import Transform
from supple.figures.muscles import TRUNK_PARTS, Region
from supple.figures.nodes import Node, group
from supple.figures.order import Spot
from supple.figures.reach import face_direction
from supple.figures.rig import BONES, BY_NAME, Bone, Pen, Rig, rotate
from supple.figures.shapes import OUTLINE

# What colour each part is: skin, shirt, trousers, socks.
PAINT = {"pelvis": "tr", "belly": "sh", "chest": "sh", "neck": "sk", "head": "sk", "thigh": "tr", "shin": "tr",
         "foot": "so", "upper-arm": "sh", "forearm": "sk", "hand": "sk"}  # fmt: skip
JOINT = {"thigh": RADII["thigh"][0], "shin": RADII["shin"][0], "foot": RADII["foot"][0],
         "upper-arm": RADII["upper-arm"][0], "forearm": RADII["forearm"][0]}  # fmt: skip
BELLY = {"thigh": 0.6, "shin": 0.7, "upper-arm": 0.3, "forearm": 0.3}
# The groups drawn one over another: a thigh may be in front of the other leg while its shin
# is behind it (a figure-four), so each limb is two groups.
GROUPS = {
    "trunk": ("pelvis", "belly", "chest", "neck", "head"),
    **{f"{s}.thigh": (f"{s}.thigh",) for s in ("near", "far")},
    **{f"{s}.leg": (f"{s}.shin", f"{s}.foot") for s in ("near", "far")},
    **{f"{s}.upper-arm": (f"{s}.upper-arm",) for s in ("near", "far")},
    **{f"{s}.arm": (f"{s}.forearm", f"{s}.hand") for s in ("near", "far")},
}

Marked = list[tuple[Region, Side | None]]
Extras = Callable[[str], list[Node]]  # more nodes for a bone, after its own (a belt round a thigh)


def _kind(bone: Bone) -> str:
    return bone.name.split(".")[-1]


def _moves(rigs: list[Rig], move: Callable[[Rig], Transform]) -> list[Transform]:
    return [move(rig) for rig in rigs]


def _joint(rigs: list[Rig], name: str) -> list[Transform]:
    def move(rig: Rig) -> Transform:
        placed = rig.bones[name]
        return (("translate", (placed.x, placed.y)), ("rotate", (placed.angle,)))

    return _moves(rigs, move)


def shape_moves(
    rigs: list[Rig], name: str, offset: Callable[[Rig], tuple[float, float]] | None = None
) -> list[Transform]:
    """A part's shapes' own transform: shortened end-on, narrowed or widened; and for a stripe on
    one face of it, moved across to that face (and shrunk away while that face looks away)."""

    def move(rig: Rig) -> Transform:
        a, b, c, d = rig.bones[name].shape
        across, shown = offset(rig) if offset else (0.0, 1.0)
        a, b, c, d = a * shown, b * shown, c * shown, d * shown
        if (round(a, 3), round(b, 3), round(c, 3), round(d, 3), round(across, 1)) == (1, 0, 0, 1, 0):
            return ()
        return (("matrix", (a, b, c, d, 0.0, across)),)

    return _moves(rigs, move)


def _shapes(bone: Bone, rigs: list[Rig], grow: float) -> list[Node]:
    """A bone's own shapes: its joint's circle and its part, or the head's."""
    kind, paint = _kind(bone), ("" if grow else PAINT[_kind(bone)])
    body = shape_moves(rigs, bone.name)
    if kind == "pelvis":
        return [Node(shapes.pelvis(grow), paint, body)]
    if kind == "belly":
        return [Node(shapes.belly(grow), paint, body)]
    if kind == "chest":
        return [Node(shapes.chest(grow), paint, body)]
    if kind == "neck":
        return [Node(shapes.neck(grow), paint, body)]
    if kind == "head":
        return _head(rigs, grow)
    if kind == "hand":
        return [Node(shapes.hand(grow), paint, body)]
    joint = Node(shapes.circle(JOINT[kind], grow=grow), "so" if kind == "foot" and not grow else paint)
    if kind == "foot":
        return [joint, Node(shapes.foot(grow), paint, body)]
    start, end = RADII[kind]
    part = Node(shapes.path(shapes.limb(bone.length, start, end, grow=grow, belly=BELLY[kind])), paint, body)
    return [joint, part]


def _head(rigs: list[Rig], grow: float) -> list[Node]:
    def detail(name: str) -> list[Transform]:
        return _moves(rigs, lambda rig: (("translate", rig.head[name][:2]), ("scale", (rig.head[name][2],))))

    nose = Node(shapes.circle(2.3, grow=grow), "" if grow else "sk", detail("nose"))
    if grow:
        return [Node(shapes.head(grow)), nose]
    hair = Node(shapes.head(), "ha", detail("hair"))
    clipped = Node("g", children=[hair], extra=' clip-path="url(#{clip})"')
    eyes = [Node(shapes.circle(1.15), "ey", detail(name)) for name in ("eye", "eye2")]
    return [nose, Node(shapes.head(), "sk"), clipped, *eyes]


Layer = Callable[[Bone], list[Node]]  # what one bone draws in one tree


def bone_tree(names: tuple[str, ...], rigs: list[Rig], layer: Layer, root: str = "pelvis") -> Node:
    """The bones named, each inside its parent's group (the others only as the frames they hang from)."""
    wanted = set(names)
    for name in names:
        parent = BY_NAME[name].parent
        while parent is not None:
            wanted.add(parent)
            parent = BY_NAME[parent].parent
    node = group(moves=_joint(rigs, root))
    if root in names:
        node.children += layer(BY_NAME[root])
    for child in (bone for bone in BONES if bone.parent == root and bone.name in wanted):
        node.children.append(bone_tree(names, rigs, layer, child.name))
    return node


def body_nodes(pen: Pen, rigs: list[Rig], still: int, extras: Extras, clip: str) -> list[tuple[list[Spot], Node]]:
    """Each group of the body, outline then fill, with the patches it covers in the picture.

    A limb's group draws each part's outline then its fill; the trunk's, being three parts that
    overlap, draws all its outlines, then its fills, then what lies on them (the highlights).
    """

    def outline(bone: Bone) -> list[Node]:
        return [group(*_trunk_shapes(bone, rigs, OUTLINE), css="o")]

    def fill(bone: Bone) -> list[Node]:
        return _trunk_shapes(bone, rigs, 0.0)

    def over(bone: Bone) -> list[Node]:
        return extras(bone.name)

    def limb(bone: Bone) -> list[Node]:
        return [group(*_shapes(bone, rigs, OUTLINE), css="o"), *_shapes(bone, rigs, 0.0), *extras(bone.name)]

    drawn = []
    for name, bones in GROUPS.items():
        if name == "trunk":
            node = group(*(bone_tree(bones, rigs, layer) for layer in (outline, fill, over)))
        else:
            node = bone_tree(bones, rigs, limb)
            node.css = "far" if name.startswith("far.") else ""
        _name_clip(node, clip)
        drawn.append((spots(pen, rigs[still], bones), node))
    return drawn


def _trunk_shapes(bone: Bone, rigs: list[Rig], grow: float) -> list[Node]:
    """A part of the trunk; the neck, which rises from behind the top of the chest, with the chest."""
    if bone.name == "neck":
        return []
    shapes_ = _shapes(bone, rigs, grow)
    if bone.name == "chest":
        neck = group(*_shapes(BY_NAME["neck"], rigs, grow), moves=_joint(rigs, "neck"))
        return [neck, *shapes_]
    return shapes_


def _name_clip(node: Node, clip: str) -> None:
    node.extra = node.extra.replace("{clip}", clip)
    for child in node.children:
        _name_clip(child, clip)


def spots(pen: Pen, rig: Rig, bones: tuple[str, ...]) -> list[Spot]:
    """Where a group's parts are in the picture, and how near: for the painter's order."""
    found = []
    body = rig.body
    for name in bones:
        bone = BY_NAME[name]
        if name == "head":
            x, y = pen.xy(body.head)
            found.append(Spot(x, y, HEAD_RADIUS, pen.camera.depth(body.head)))
            continue
        if bone.end is None:
            continue
        start, end = _point(body, bone.start), _point(body, bone.end)
        for t in (0.1, 0.5, 0.9):
            point = start.lerp(end, t)
            x, y = pen.xy(point)
            found.append(Spot(x, y, _thickness(bone, t), pen.camera.depth(point)))
    return found


def _point(body: Body, name: str) -> Vec:
    if name.startswith("spine"):
        return body.spine(int(name[-1]) / 3)
    return body.points[name]


def _thickness(bone: Bone, t: float) -> float:
    if bone.part in TRUNK_PARTS:
        return 10.0
    if bone.part == "neck":
        return RADII["neck"][0]
    start, end = RADII[bone.part or "forearm"]
    return start + (end - start) * t


def highlights(pen: Pen, rigs: list[Rig], marked: Marked) -> dict[str, list[Node]]:
    """The stretched muscles, as stripes on the faces of the parts they lie on, by bone."""
    found: dict[str, list[Node]] = {}
    for region, side in marked:
        if region.part in TRUNK_PARTS:
            # The trunk is drawn in three parts: the stripe is cut where it crosses from one to the next.
            first = 0.0 if region.part == "lower-trunk" else 0.5
            s0, s1 = first + region.start / 2, first + region.end / 2
            for index, name in enumerate(TRUNK_BONES):
                low, high = max(s0, index / 3), min(s1, (index + 1) / 3)
                if high - low > 0.01:
                    piece = Region(region.part, region.face, 3 * low - index, 3 * high - index)
                    # Run on a little into the next part, so the pieces join into one stripe.
                    ends = (low > s0 + 0.01, high < s1 - 0.01)
                    found.setdefault(name, []).append(_stripe(pen, rigs, BY_NAME[name], piece, ends))
            continue
        bone = BY_NAME[f"{side}.{region.part}"]
        found.setdefault(bone.name, []).append(_stripe(pen, rigs, bone, region))
    return found


TRUNK_BONES = ("pelvis", "belly", "chest")
HIDDEN_FACE = -0.8  # a face turned further away than this is not seen
SECTION_HALF = {"pelvis": TRUNK_HALF["pelvis"][0], "belly": TRUNK_HALF["waist"][0], "chest": TRUNK_HALF["chest"][0]}


def _stripe(pen: Pen, rigs: list[Rig], bone: Bone, region: Region, run_on: tuple[bool, bool] = (False, False)) -> Node:
    trunk = bone.part in TRUNK_PARTS
    middle = (region.start + region.end) / 2
    if trunk:
        half = 4.0
    else:
        start, end = RADII[_kind(bone)]
        half = 0.5 * (start + (end - start) * middle)
    x0, x1 = region.start * bone.length - half * run_on[0], region.end * bone.length + half * run_on[1]
    d = _capsule(x0, x1, half)

    def across(rig: Rig) -> tuple[float, float]:
        if region.face == "middle":
            return 0.0, 1.0
        side = None if trunk else ("near" if bone.side == "near" else "far")
        segment = rig.body.segment(bone.part or "", side)  # type: ignore[arg-type]
        placed = rig.bones[bone.name]
        normal = face_direction(segment, region.face, segment.start, segment.start)
        _, sideways = rotate(*pen.direction(normal), -placed.heading)
        room = placed.shape[3] * (SECTION_HALF[bone.name] - half) - 0.4 if trunk else half - 0.4
        # A face turned away from the viewer is hidden behind its own part.
        return sideways * max(room, 0.0), 0.0 if pen.toward(normal) < HIDDEN_FACE else 1.0

    return Node(shapes.path(d), "hl", shape_moves(rigs, bone.name, across))


def _capsule(x0: float, x1: float, half: float) -> str:
    """A stripe with rounded ends from x0 to x1, `half` wide each side."""
    r = min(half, (x1 - x0) / 2)
    a, b, h, rr = shapes.n(x0 + r), shapes.n(x1 - r), shapes.n(half), shapes.n(r)
    return f"M{a} -{h}L{b} -{h}A{rr} {h} 0 0 1 {b} {h}L{a} {h}A{rr} {h} 0 0 1 {a} -{h}Z"


def held_prop_extras(pose: Pose, rigs: list[Rig]) -> dict[str, list[Node]]:
    """A belt or band round the thighs or shins: a cuff across each limb it goes round."""
    cuffs: dict[str, list[Node]] = {}
    for prop in pose.props:
        if prop.kind not in ("strap", "band") or any(p.endswith(".hand") for p in prop.between):
            continue
        for point in prop.between:
            side, _, where = point.partition(".")
            spot = {"thigh": ("thigh", 0.75), "knee": ("thigh", 0.93), "shin": ("shin", 0.5), "ankle": ("shin", 0.9)}
            if where not in spot:
                continue
            part, t = spot[where]
            bone = BY_NAME[f"{side}.{part}"]
            start, end = RADII[part]
            reach = start + (end - start) * t + 1.0
            x = t * bone.length
            d = f"M{shapes.n(x - 1.8)} {shapes.n(-reach)}H{shapes.n(x + 1.8)}V{shapes.n(reach)}H{shapes.n(x - 1.8)}Z"
            cuffs.setdefault(bone.name, []).append(Node(shapes.path(d), prop.kind, shape_moves(rigs, bone.name)))
    return cuffs
