"""The figure in words: its text alternative, for a screen reader or a figure that did not load."""

from __future__ import annotations

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose
from supple.figures.muscles import WHERE

NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe(exercise: Exercise, pose: Pose, *, side: str | None = None) -> str:
    """The pose's own description, what is highlighted, the key poses, and the side shown."""
    from supple.figures.motion import moving

    sentences = [pose.description.rstrip(".") + "."]
    places = list(dict.fromkeys(WHERE[m] for m in exercise.targets if m in WHERE))
    if places and pose.stretched != "none":
        which = ", on the working side" if exercise.sided and pose.stretched != "both" else ""
        sentences.append(f"Highlighted where it is felt{which}: {_join(places)}.")
    labels = [frame.label for frame in pose.frames if frame.label]
    if len(pose.frames) > 1 and moving(exercise):
        count = NUMBERS.get(len(pose.frames), str(len(pose.frames)))
        moves = f"It moves between {count} positions"
        sentences.append(f"{moves}: {'; then '.join(labels)}." if labels else f"{moves}.")
    elif len(pose.frames) > 1 and len(labels) == len(pose.frames):
        start, *held = labels
        into = held[0] if len(held) == 1 else f"each position in turn: {'; then '.join(held)}"
        sentences.append(f"It starts {start}, then eases into {into}.")
    if side is not None:
        sentences.append(f"Shown for the {side} side.")
    return " ".join(sentences)
