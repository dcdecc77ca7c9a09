"""Drawing the figures: every built-in exercise's SVG, each way the app serves it, and the largest.

Budgets (docs/architecture.md): drawing all of them under 2 s; no figure over 30 KB. CPU time
(user + system) is the code's own cost; wall time swings with whatever else the machine runs.
python -m bench.figures
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from supple.catalog.loader import builtin_catalog
from supple.catalog.models import Exercise
from supple.figures import exercise_svg, still_svg

COLUMNS = ["figures", "median ms", "max ms", "CPU median ms", "runs", "largest SVG bytes", "largest"]
Draw = Callable[[Exercise], str]
WAYS: dict[str, Draw] = {
    "moving (the page and the player)": exercise_svg,
    "moving, the left side": lambda exercise: exercise_svg(exercise, side="left"),
    "still (print, reduced motion)": still_svg,
}


Timing = tuple[float, float]  # wall and CPU seconds


def time_drawing(exercises: list[Exercise], draw: Draw, runs: int) -> tuple[list[Timing], int, str]:
    """Seconds to draw them all, per run; and the largest drawing's size and exercise."""
    timings: list[Timing] = []
    largest, which = 0, ""
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        drawn = [(draw(exercise), exercise.id) for exercise in exercises]
        timings.append((time.perf_counter() - start, time.process_time() - cpu))
        for svg, exercise_id in drawn:
            if len(svg.encode()) > largest:
                largest, which = len(svg.encode()), exercise_id
    return timings, largest, which


def run(runs: int = 5) -> list[dict[str, object]]:
    exercises = list(builtin_catalog())
    rows: list[dict[str, object]] = []
    everything: list[Timing] = [(0.0, 0.0)] * runs
    biggest = (0, "")
    for name, draw in WAYS.items():
        timings, largest, which = time_drawing(exercises, draw, runs)
        everything = [(a + c, b + d) for (a, b), (c, d) in zip(everything, timings, strict=True)]
        biggest = max(biggest, (largest, which))
        rows.append(_row(f"{len(exercises)} {name}", timings, largest, which))
    rows.append(_row(f"all {len(exercises) * len(WAYS)} together", everything, *biggest))
    return rows


def _row(name: str, timings: list[Timing], largest: int, which: str) -> dict[str, object]:
    wall, cpu = [t[0] * 1000 for t in timings], [t[1] * 1000 for t in timings]
    return {"figures": name, "median": statistics.median(wall), "max": max(wall), "cpu": statistics.median(cpu),
            "runs": len(wall), "largest": largest, "which": which}  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['figures']:<40} median {row['median']:7.1f} ms   max {row['max']:7.1f} ms   "
            f"CPU {row['cpu']:7.1f} ms   largest {row['largest']:,} bytes ({row['which']})"
        )
