"""History in detail for the person: one session's page (each exercise done, skipped or stopped,
pain before and after, the tighter side), and one exercise over every session. A clinician reads
the same of a client through services/clinic.py, which checks the client is theirs first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supple.errors import NotFound
from supple.progress.counting import Counting, counting
from supple.progress.exercise_history import (
    ExerciseInSession,
    ExerciseTally,
    ExerciseTime,
    exercise_history,
    exercises_done,
    exercises_in,
)  # fmt: skip
from supple.progress.history import SessionRecord
from supple.services.progress import close_left_running, session_history

if TYPE_CHECKING:
    from supple.services.context import AppContext


@dataclass(frozen=True)
class SessionDetail:
    record: SessionRecord
    exercises: list[ExerciseInSession]
    counted: Counting

    def to_json(self, *, with_sets: bool = False) -> dict[str, object]:
        return self.record.to_json(with_sets=with_sets) | {
            "counts": self.counted.counts,
            "exercises": [each.to_json() for each in self.exercises],
        }


def _planned(plan: dict[str, Any] | None) -> list[str]:
    """The exercises of the routine the session played, in order (none if it does not read)."""
    items = plan.get("items") if isinstance(plan, dict) else None
    if not isinstance(items, list):
        return []
    return [item["exercise"] for item in items if isinstance(item, dict) and isinstance(item.get("exercise"), str)]


def session_detail(context: AppContext, *, session_id: int, person_id: int | None = None) -> SessionDetail:
    """One of the person's sessions; anyone else's is refused as if it did not exist."""
    person = context.mode.person(person_id)
    owner = context.store.sessions.owner(session_id=session_id)
    if owner is None or owner.person_id != person:
        raise NotFound(f"no session {session_id}")
    close_left_running(context, person_id=person)
    record = context.store.history.session(session_id=session_id)
    if record is None:  # deleted between the two reads
        raise NotFound(f"no session {session_id}")
    planned = _planned(context.store.sessions.plan(session_id=session_id))
    return SessionDetail(record, exercises_in(record, planned=planned), counting(record))


@dataclass(frozen=True)
class ExerciseDetail:
    exercise: str
    times: list[ExerciseTime]  # oldest first

    def to_json(self) -> dict[str, object]:
        return {"exercise": self.exercise, "sessions": [time.to_json() for time in self.times]}


def exercise_detail(context: AppContext, *, exercise_id: str, person_id: int | None = None) -> ExerciseDetail:
    """One exercise in each of the person's sessions that had it. An exercise neither in the
    catalogue nor in their history is refused; one in the catalogue not done yet has no times."""
    past = session_history(context, person_id=person_id)
    times = exercise_history(past, exercise_id)
    if not times and exercise_id not in context.content.catalog().exercises:
        raise NotFound(f"no exercise {exercise_id!r} in your history")
    return ExerciseDetail(exercise_id, times)


def exercises_of(context: AppContext, *, person_id: int | None = None) -> list[ExerciseTally]:
    """Every exercise the person has done, the most recently done first."""
    return exercises_done(session_history(context, person_id=person_id))


def sessions_listed(context: AppContext, *, person_id: int | None = None) -> list[SessionRecord]:
    """Every session of the person, newest first."""
    return list(reversed(session_history(context, person_id=person_id)))
