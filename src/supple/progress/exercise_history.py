"""History in detail: what one session did with each exercise, and one exercise over every session.

Pure functions over the sessions the store hands over (progress/history.py). An exercise is
"stopped for pain" when a set of it ended with a "this hurts"; "not reached" when the routine had it
but the session ended before any of its sets; "passed over" when it has no set but a later one has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from supple.progress.history import SessionRecord
from supple.session.results import FinishedSet, Tightness

Outcome = Literal["done", "partly", "skipped", "stopped", "passed-over", "not-reached"]


@dataclass(frozen=True)
class ExerciseInSession:
    """One exercise of a session, its sets added up."""

    exercise: str
    sets_done: int = 0
    sets_skipped: int = 0
    seconds: float = 0.0  # held or worked, in the sets done
    planned_seconds: int = 0
    longest_hold: float | None = None  # the longest hold done, for an exercise held
    stopped_for_pain: bool = False
    pain: int | None = None  # the rating given at its "this hurts"
    tighter: Tightness | None = None  # the person's answer after a sided stretch
    reached: bool = True
    passed_over: bool = False  # not reached, though an exercise after it was done

    @property
    def outcome(self) -> Outcome:
        if not self.reached:
            return "passed-over" if self.passed_over else "not-reached"
        if self.stopped_for_pain:
            return "stopped"
        if not self.sets_done:
            return "skipped"
        return "partly" if self.sets_skipped else "done"

    def to_json(self) -> dict[str, object]:
        return {
            "exercise": self.exercise, "outcome": self.outcome, "sets_done": self.sets_done,
            "sets_skipped": self.sets_skipped, "seconds": round(self.seconds, 1),
            "planned_seconds": self.planned_seconds,
            "longest_hold": round(self.longest_hold, 1) if self.longest_hold is not None else None,
            "stopped_for_pain": self.stopped_for_pain, "pain": self.pain, "tighter": self.tighter,
        }  # fmt: skip


def _added_up(exercise: str, sets: Iterable[FinishedSet]) -> ExerciseInSession:
    done = [s for s in sets if not s.skipped]
    holds = [s.seconds for s in done if s.kind == "hold"]
    hurt = [s for s in sets if s.hurt]
    return ExerciseInSession(
        exercise=exercise,
        sets_done=len(done),
        sets_skipped=sum(1 for s in sets if s.skipped),
        seconds=sum(s.seconds for s in done),
        planned_seconds=sum(s.planned_seconds for s in sets),
        longest_hold=max(holds) if holds else None,
        stopped_for_pain=bool(hurt),
        pain=next((s.pain for s in reversed(hurt) if s.pain is not None), None),
    )


def _in_order(met: Sequence[str], planned: Sequence[str]) -> list[str]:
    """The routine's exercises in its order, each exercise put in during the session (an easier
    one after a "this hurts") right after the one met before it."""
    order = list(dict.fromkeys(planned))
    previous: str | None = None
    for exercise in met:
        if exercise not in order:
            order.insert(order.index(previous) + 1 if previous is not None else 0, exercise)
        previous = exercise
    return order


def exercises_in(session: SessionRecord, *, planned: Sequence[str] = ()) -> list[ExerciseInSession]:
    """Each exercise of the session in the routine's order (`planned`, its exercises), those put in
    during it included; an exercise of the routine with no set was not reached when nothing after
    it was done, and passed over otherwise."""
    grouped: dict[str, list[FinishedSet]] = {}
    for done in session.sets:
        grouped.setdefault(done.exercise, []).append(done)
    tighter = {answer.exercise: answer.tighter for answer in session.sides}  # the last answer stands
    order = _in_order(list(grouped), planned)
    last_met = max((order.index(exercise) for exercise in grouped), default=-1)
    return [
        replace(_added_up(exercise, grouped[exercise]), tighter=tighter.get(exercise))
        if exercise in grouped
        else ExerciseInSession(exercise, reached=False, passed_over=position < last_met)
        for position, exercise in enumerate(order)
    ]


@dataclass(frozen=True)
class ExerciseTime:
    """One exercise in one session: a point of its history."""

    session_id: int
    when: dt.datetime
    done: ExerciseInSession

    def to_json(self) -> dict[str, object]:
        return {"session": self.session_id, "at": self.when.isoformat(), **self.done.to_json()}


def exercise_history(sessions: Sequence[SessionRecord], exercise: str) -> list[ExerciseTime]:
    """The exercise in every session that had a set of it, oldest first."""
    found: list[ExerciseTime] = []
    for session in sessions:
        sets = [s for s in session.sets if s.exercise == exercise]
        if sets:
            tighter = next((a.tighter for a in reversed(session.sides) if a.exercise == exercise), None)
            done = replace(_added_up(exercise, sets), tighter=tighter)
            found.append(ExerciseTime(session.id, session.started_at, done))
    return found


@dataclass(frozen=True)
class ExerciseTally:
    """An exercise the person has done: in how many sessions, and when last."""

    exercise: str
    sessions: int
    last: dt.datetime
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {"exercise": self.exercise, "sessions": self.sessions, "last": self.last.isoformat(),
                "seconds": round(self.seconds, 1)}  # fmt: skip


def exercises_done(sessions: Sequence[SessionRecord]) -> list[ExerciseTally]:
    """Every exercise with at least one set done (not skipped), the most recently done first."""
    tallies: dict[str, ExerciseTally] = {}
    for session in sessions:
        seconds: dict[str, float] = {}
        for done in session.sets:
            if not done.skipped:
                seconds[done.exercise] = seconds.get(done.exercise, 0.0) + done.seconds
        for exercise, spent in seconds.items():
            before = tallies.get(exercise)
            count, total = (before.sessions, before.seconds) if before else (0, 0.0)
            last = max(session.started_at, before.last) if before else session.started_at
            tallies[exercise] = ExerciseTally(exercise, count + 1, last, total + spent)
    return sorted(tallies.values(), key=lambda t: (-t.last.timestamp(), t.exercise))
