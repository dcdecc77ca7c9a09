"""Which sessions count toward the habit: the goal of three to five a week, and the streak.

A session counts when a real part of its routine was done: at least half of the work it planned
(the holds, breaths, repetitions and warm-up, not the rests and moves between them), or at least
10 minutes of that work, whatever the routine's length. However it ended: a session stopped for
pain or left unfinished counts if that much was done, and one stopped after a minute does not.
A session whose planned work is not known (kept before it was) is held to half of its routine's
whole time.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.progress.history import SessionRecord

SHARE_DONE = 0.5
ENOUGH_S = 10 * 60  # this much work counts on its own, even in a long routine


@dataclass(frozen=True)
class Counting:
    counts: bool
    done_s: float  # the work done
    planned_s: int  # the work planned
    why: str  # in plain words, for the progress page


def _duration(seconds: float) -> str:
    """ "40 s", "1 min 30 s", "12 min": as a person reads a time."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    if minutes >= 10 or not rest:
        return f"{round(whole / 60)} min"
    return f"{minutes} min {rest} s"


def counting(session: SessionRecord) -> Counting:
    """Whether the session counts toward the goal and the streak, and why in plain words."""
    planned = session.planned_work_seconds
    planned = session.planned_seconds if planned is None else planned
    done = session.seconds_done
    said = f"{_duration(done)} of {_duration(planned)} done"
    if planned > 0 and done >= SHARE_DONE * planned:
        return Counting(True, done, planned, f"{said}: half or more")
    if done >= ENOUGH_S:
        return Counting(True, done, planned, f"{said}: 10 minutes or more")
    return Counting(False, done, planned, f"{said}: less than half")


def counts(session: SessionRecord) -> bool:
    return counting(session).counts
