"""Cue lateness and end drift of a real guided session on the real clock.

The terminal player's own loop (cli/player.py) runs a two-minute routine with time.monotonic,
hands-free as with no terminal, and records how late each cue was said. Budget (docs/architecture.md):
cues late by under 20 ms at p99, and no drift accumulating over the session.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.stats import percentile
from supple.catalog.loader import builtin_catalog
from supple.cli.player import Player
from supple.cli.voice import Quiet
from supple.session.engine import Cue, Session
from supple.session.routine import load_routine

ROUTINE = """\
warmup_minutes: 0
exercises:
  - {exercise: cat-cow, reps: 2}
  - {exercise: kneeling-hip-flexor-stretch, hold_s: 20, reps: 1}
  - {exercise: seated-leg-stretch-breaths, breaths: 3, reps: 1}
"""


def run(*, speed: float = 1.0) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routine.yaml"
        path.write_text(ROUTINE, encoding="utf-8")
        plan = load_routine(path, catalog=builtin_catalog())
    lateness: list[float] = []
    finished: list[float] = []

    def heard(cues: list[Cue], now: float) -> None:
        lateness.extend((now - cue.due) / speed for cue in cues)
        finished.extend(now for cue in cues if cue.kind == "finished")

    session = Session(plan)
    player = Player(session, clock=time.monotonic, speed=speed, speaker=Quiet(), on_cues=heard)
    started = time.monotonic()
    player.run()
    drift = finished[0] - (started + plan.total_seconds / speed)
    ms = [value * 1000 for value in lateness]
    return [
        {
            "session": f"{plan.total_seconds} s, {len(ms)} cues",
            "p50 ms": percentile(ms, 50),
            "p99 ms": percentile(ms, 99),
            "max ms": max(ms),
            "end drift ms": drift * 1000,
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
