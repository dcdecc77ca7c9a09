"""Painter's order: which group of the drawing (a limb, the trunk, a held prop) goes over which.

Two groups are compared only where they overlap in the picture, by which is nearer the viewer
there: a raised knee is in front of a chest it overlaps, whatever the average depths of the two.
Groups that never overlap keep the order of their average depth.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spot:
    """A round patch of a group in the picture, and how near the viewer it is there."""

    x: float
    y: float
    radius: float
    depth: float


def painter_order(spots: list[list[Spot]], bias: list[float]) -> list[int]:
    """The groups' indices, back to front. `bias` nudges a group forward (+) or back where it overlaps."""
    count = len(spots)
    votes = [[0.0] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            vote = _vote(spots[i], spots[j], bias[j] - bias[i])
            votes[i][j], votes[j][i] = vote, -vote
    average = [sum(s.depth for s in group) / len(group) + bias[index] if group else 0.0
               for index, group in enumerate(spots)]  # fmt: skip
    placed: list[int] = []
    left = set(range(count))
    while left:
        # Those nothing left must go under, the one furthest back first; a cycle takes the furthest back.
        ready = [i for i in left if all(votes[j][i] <= 0 for j in left if j != i)] or list(left)
        first = min(ready, key=lambda i: (average[i], i))
        placed.append(first)
        left.remove(first)
    return placed


def _vote(first: list[Spot], second: list[Spot], lead: float) -> float:
    """How much the second group is in front of the first where they overlap (negative: behind)."""
    total = 0.0
    for a in first:
        for b in second:
            overlap = a.radius + b.radius - ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5
            if overlap > 0:
                ahead = b.depth + lead - a.depth
                total += overlap * (1.0 if ahead > 0 else -1.0)
    return total
