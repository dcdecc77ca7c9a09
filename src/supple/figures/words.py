"""The figure in words: its text alternative, for a screen reader or a figure that did not load."""

from __future__ import annotations

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose
from supple.figures.muscles import WHERE

NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe(exercise: Exercise, pose: Pose) -> str:
    """The pose's own description, what is highlighted, and the key poses of a movement."""
    sentences = [pose.description.rstrip(".") + "."]
    places = list(dict.fromkeys(WHERE[m] for m in exercise.targets if m in WHERE))
    if places and pose.stretched != "none":
        which = ", on the working side" if exercise.sided and pose.stretched != "both" else ""
        sentences.append(f"Highlighted where it is felt{which}: {_join(places)}.")
    labels = [frame.label for frame in pose.frames if frame.label]
    if len(pose.frames) > 1:
        count = NUMBERS.get(len(pose.frames), str(len(pose.frames)))
        moves = f"It moves between {count} positions"
        sentences.append(f"{moves}: {'; then '.join(labels)}." if labels else f"{moves}.")
    return " ".join(sentences)
