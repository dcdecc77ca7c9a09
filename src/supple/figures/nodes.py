"""A drawing as a tree of nodes: SVG elements whose transform (or visibility) may differ from one
key pose to the next. Writing them out turns those differences into animations (motion.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from supple.figures.motion import Motion, Transform


@dataclass
class Node:
    markup: str  # a shape, `<path d="..."/>`, or "g" for a group of the children
    css: str = ""  # its classes
    moves: list[Transform] | None = None  # its transform in each key pose
    shown: list[bool] | None = None  # whether it shows in each key pose
    children: list[Node] = field(default_factory=list)
    extra: str = ""  # more attributes, e.g. ` clip-path="url(#...)"`


def group(*children: Node, css: str = "", moves: list[Transform] | None = None) -> Node:
    return Node("g", css=css, moves=moves, children=list(children))


def write(node: Node, motion: Motion) -> str:
    """The node as SVG, its animation registered with `motion`."""
    node = _merged(node, motion)
    classes = [node.css] if node.css else []
    attributes = node.extra
    if node.moves is not None:
        name, transform = motion.transform(node.moves)
        classes += [name] if name else []
        attributes += transform
    if node.shown is not None:
        name, opacity = motion.opacity(node.shown)
        classes += [name] if name else []
        attributes += opacity
    if classes:
        attributes = f' class="{" ".join(classes)}"' + attributes
    if node.markup == "g":
        inner = "".join(write(child, motion) for child in node.children)
        if not attributes or not inner:
            return inner
        return f"<g{attributes}>{inner}</g>"
    tag_end = node.markup.index(" ") if " " in node.markup else len(node.markup) - 2
    return node.markup[:tag_end] + attributes + node.markup[tag_end:]


def _plain(node: Node) -> bool:
    return node.markup == "g" and not node.css and not node.extra and node.shown is None


def _merged(node: Node, motion: Motion) -> Node:
    """A group that only places one other group, both still: one group with both transforms."""
    while (
        _plain(node)
        and len(node.children) == 1
        and _plain(node.children[0])
        and not motion.animation(node.moves or [()])
        and not motion.animation(node.children[0].moves or [()])
    ):
        child = node.children[0]
        outer, inner = node.moves or [], child.moves or []
        count = max(len(outer), len(inner))
        moves = [(outer[i] if outer else ()) + (inner[i] if inner else ()) for i in range(count)]
        node = Node("g", moves=moves or None, children=child.children)
    return node
