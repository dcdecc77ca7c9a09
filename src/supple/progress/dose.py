"""Dose adaptation: how the next plan changes with the person's history.

- A steady habit without pain lets holds grow from 20 s toward 30 s, 5 s for each week on goal
  (the articles' 20-30 s holds, principle hold-times); a stretch answered tighter on one side may
  grow to 60 s (ACSM: 30-60 s for older adults and tight muscles), and that side gets one more
  repetition (principle one-side-tighter).
- A "this hurts" on an exercise: next time its easier version is offered instead, and holds are
  cut back to 20 s.
- Pain up by a meaningful amount since the end of the previous session (worse the next day):
  step back, holds to 20 s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from supple.planner.personal import Personal
from supple.progress.adherence import streaks
from supple.progress.history import SessionRecord
from supple.progress.outcomes import meaningful_pain_change, tighter_sides

START_HOLD_S = 20
STANDARD_HOLD_S = 30
TIGHT_HOLD_S = 60
STEP_S = 5


def _pain_rose(sessions: Sequence[SessionRecord]) -> bool:
    """The latest 'before' rating is meaningfully above the previous session's 'after'."""
    rated = [s for s in sessions if s.pain_before is not None or s.pain_after is not None]
    if len(rated) < 2:
        return False
    previous, latest = rated[-2], rated[-1]
    end = previous.pain_after if previous.pain_after is not None else previous.pain_before
    start = latest.pain_before
    return end is not None and start is not None and start > end and meaningful_pain_change(end, start)


def _hurt_last_time(sessions: Sequence[SessionRecord]) -> dict[str, str]:
    """Exercises whose most recent session had a "this hurts" on them."""
    latest: dict[str, bool] = {}
    for session in sessions:
        for exercise in {s.exercise for s in session.sets}:
            latest[exercise] = any(s.hurt for s in session.sets if s.exercise == exercise)
    return {e: "it hurt last time, so its easier version comes instead" for e, hurt in sorted(latest.items()) if hurt}


def advise(sessions: Sequence[SessionRecord], *, today: dt.date, holds: dict[str, int]) -> Personal:
    """`holds` maps each static stretch the person has done to its catalogue hold (seconds)."""
    avoid = _hurt_last_time(sessions)
    tight = tighter_sides(sessions)
    weeks_on_goal, _ = streaks(sessions, today=today)
    notes: list[str] = []
    if avoid or _pain_rose(sessions):
        level = 0
        notes.append("Holds are back to 20 s: your pain rose or a stretch hurt. Build up again gently.")
    else:
        level = weeks_on_goal
        if level:
            weeks = "1 week" if level == 1 else f"{level} weeks"
            notes.append(f"{weeks} on your goal without pain: holds grow by 5 s a week.")
    hold_s = {}
    for exercise, catalogue_hold in sorted(holds.items()):
        cap = TIGHT_HOLD_S if exercise in tight else STANDARD_HOLD_S
        grown = min(cap, START_HOLD_S + STEP_S * level)
        hold_s[exercise] = grown if level else min(catalogue_hold, START_HOLD_S)
    return Personal(hold_s=hold_s, avoid=avoid, extra_rep=tight, notes=tuple(notes))
