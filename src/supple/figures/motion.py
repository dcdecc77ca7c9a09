"""Motion: when the figure is in each key pose, and the CSS that moves it there.

A stretch starts in its first key pose, eases into each position in turn, holds it, and comes
back: a gentle loop. A movement goes from each of its ends to the next at the pace of one
repetition. The drawing itself holds one key pose (the stretch's first position, the movement's
first end); the animation runs only for readers who have not asked for reduced motion, and each
moving part's turns go in a @keyframes rule of its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose

Op = tuple[str, tuple[float, ...]]
Transform = tuple[Op, ...]

MOVE_S = 1.5  # easing from one key pose into the next
HOLD_S = 2.5  # staying in a stretch's position
REST_S = 1.0  # in the starting position before the next round
TURN_S = 0.4  # pausing at each end of a movement


def moving(exercise: Exercise) -> bool:
    """A movement goes back and forth between its key poses; anything else is eased into and held."""
    return exercise.kind in ("dynamic", "warmup") or bool(exercise.phases)


def reference(exercise: Exercise, pose: Pose) -> int:
    """The key pose the still drawing holds: a stretch's first position, a movement's first end."""
    return 0 if moving(exercise) or len(pose.frames) == 1 else 1


@dataclass(frozen=True)
class Timeline:
    seconds: float
    stops: tuple[tuple[float, int], ...]  # (percent of the loop, key pose) in time order

    def keyframes(self, values: list[str], prop: str) -> str:
        """One @keyframes body: each value at the stops of the key poses that have it."""
        grouped: dict[str, list[str]] = {}
        for percent, index in self.stops:
            grouped.setdefault(values[index], []).append(f"{percent:.3g}%")
        return "".join(f"{','.join(at)}{{{prop}:{value}}}" for value, at in grouped.items())


def timeline(exercise: Exercise, pose: Pose) -> Timeline | None:
    """When the figure is in each key pose; None for a figure of one key pose, which never moves."""
    count = len(pose.frames)
    if count < 2:
        return None
    if moving(exercise):
        # One repetition shared among the key poses, a short pause at each, then back to the first.
        rep = min(max(float(exercise.dosage.rep_s or 4), 2.0), 12.0)
        move, stay, first = max(rep / count - TURN_S, 0.6), TURN_S, TURN_S
    else:
        move, stay, first = MOVE_S, HOLD_S, REST_S
    times = [(0.0, 0), (first, 0)]
    now = first
    for index in range(1, count):
        now += move
        times.append((now, index))
        now += stay
        times.append((now, index))
    now += move
    times.append((now, 0))
    total = times[-1][0]
    return Timeline(total, tuple((100 * at / total, index) for at, index in times))


def _number(value: float, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    if text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    return "0" if text in ("-0", "", "-", "-.") else text


PLACES = {"translate": 1, "rotate": 1, "scale": 3, "matrix": 3}
UNITS = {"translate": "px", "rotate": "deg"}


def attribute(transform: Transform) -> str:
    """As an SVG transform attribute: what is drawn when nothing moves (and what a printer sees).

    What changes nothing is left out (a turn of 0, a scale of 1): each byte is in every figure.
    """
    parts = []
    for op, values in _folded(transform):
        if op == "matrix" and values[1:3] == (0.0, 0.0) and values[4:] == (0.0, 0.0):
            op, values = "scale", (values[0], values[3])  # a matrix that only stretches
        text = _op(op, values, " ")
        if text in ("rotate(0)", "scale(1)", "scale(1 1)", "translate(0 0)", "matrix(1 0 0 1 0 0)"):
            continue
        if op == "translate" and text.endswith(" 0)"):
            text = text[:-3] + ")"
        parts.append(text)
    return " ".join(parts)


def _folded(transform: Transform) -> Transform:
    """Translations one after another, as one."""
    folded: list[Op] = []
    for op, values in transform:
        if op == "translate" and folded and folded[-1][0] == "translate":
            x, y = folded[-1][1]
            folded[-1] = ("translate", (x + values[0], y + values[1]))
        else:
            folded.append((op, values))
    return tuple(folded)


def css(transform: Transform) -> str:
    """As a CSS transform value, for a @keyframes rule."""
    return " ".join(_op(op, values, ",", UNITS.get(op, "")) for op, values in transform) or "none"


def _op(op: str, values: tuple[float, ...], comma: str, unit: str = "") -> str:
    places = PLACES[op]
    if op == "matrix":  # its last two numbers are a translation, in user units
        parts = [_number(v, places) for v in values[:4]] + [_number(v, 1) for v in values[4:]]
    else:
        parts = [_number(v, places) + (unit if _number(v, places) != "0" else "") for v in values]
    return f"{op}({comma.join(parts)})"


class Motion:
    """Collects each moving part's turns as an animation of its own, shared by parts that move alike."""

    def __init__(self, scope: str, line: Timeline | None, still: int) -> None:
        self.scope = scope
        # The animations' names: short, and the figure's own (two figures on one page never share one).
        self.token = "k" + hashlib.sha1(scope.encode()).hexdigest()[:6]
        self.line = line
        self.still = still  # the key pose drawn when nothing moves
        self.names: dict[tuple[str, tuple[str, ...]], str] = {}
        self.written: dict[tuple[Transform, ...], str] = {}  # moves already named

    def transform(self, moves: list[Transform]) -> tuple[str, str]:
        """The class naming its animation ("" when it does not move) and its transform attribute."""
        still = attribute(moves[self.still])
        attr = f' transform="{still}"' if still else ""
        return self.animation(moves), attr

    def animation(self, moves: list[Transform]) -> str:
        """The class naming the animation of these moves, "" when they do not move."""
        if self.line is None or all(move == moves[0] for move in moves):
            return ""
        key = tuple(moves)
        if key not in self.written:
            self.written[key] = self._name("transform", tuple(css(move) for move in moves))
        return self.written[key]

    def opacity(self, shown: list[bool]) -> tuple[str, str]:
        attr = "" if shown[self.still] else ' opacity="0"'
        if self.line is None:
            return "", attr
        return self._name("opacity", tuple("1" if on else "0" for on in shown)), attr

    def _name(self, prop: str, values: tuple[str, ...]) -> str:
        """The classes of an animation: `a` (every animation's timing) and its own name."""
        if len(set(values)) == 1:
            return ""
        return "a " + self.names.setdefault((prop, values), f"m{len(self.names)}")

    def stylesheet(self) -> str:
        """The animations, for readers who have not asked for reduced motion; "" when nothing moves."""
        if self.line is None or not self.names:
            return ""
        s, token = self.scope, self.token
        rules = [f"#{s} .a{{animation:{self.line.seconds:.3g}s ease-in-out infinite}}"]
        for (prop, values), name in self.names.items():
            rules.append(f"@keyframes {token}{name}{{{self.line.keyframes(list(values), prop)}}}")
            rules.append(f"#{s} .{name}{{animation-name:{token}{name}}}")
        return "@media (prefers-reduced-motion:no-preference){" + "\n".join(rules) + "}"
