"""Sessions played somewhere else (the browser's player): the client runs the clock and reports
each set as it ends; these keep what it reports, for the person whose session it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supple.config import Settings
from supple.errors import BadRequest, Conflict, NotFound
from supple.planner.plan import Plan, PlanItem
from supple.services.content import catalog_for
from supple.services.core import easier_now, report_pain
from supple.services.sessions import Clock, database, end_session, utc_now
from supple.session.engine import SetResult, SideAnswer, Tightness
from supple.session.timeline import item_steps, lay_out, timeline_json

ENDINGS = ("finished", "quit", "ended")


@dataclass(frozen=True)
class Opened:
    id: int
    timeline: list[dict[str, object]]


def open_session(
    *,
    settings: Settings,
    person_id: int,
    plan: Plan,
    pain_before: int | None,
    client_key: str | None = None,
    clock: Clock = utc_now,
) -> Opened:
    """Start keeping a session of this plan; the timeline is what the player runs. Opened again
    under the same client key (the first answer lost), it is the same session (store/resent.py)."""
    from supple.store import records

    _check_pain(pain_before)
    session_id = records.open_session(
        database(settings), person_id=person_id, plan=plan.to_json(), planned_seconds=plan.total_seconds,
        pain_before=pain_before, now=clock(), client_key=client_key,
    )  # fmt: skip
    return Opened(session_id, timeline_json(lay_out(plan)))


def _state_of_own(settings: Settings, person_id: int, session_id: int) -> str:
    """The session's state; a session that is not this person's is refused as if it did not exist."""
    from supple.store import records

    found = records.session_owner(database(settings), session_id=session_id)
    if found is None or found[0] != person_id:
        raise NotFound(f"no session {session_id}")
    return found[1]


def _running_session_of(settings: Settings, person_id: int, session_id: int) -> None:
    """Refuse a session that is not this person's, or that is already over."""
    state = _state_of_own(settings, person_id, session_id)
    if state != "running":
        raise Conflict(f"session {session_id} is over ({state}): nothing more can be added to it")


def _check_pain(pain: int | None) -> None:
    if pain is not None and not 0 <= pain <= 10:
        raise BadRequest(f"pain is rated 0 to 10, not {pain}")


def record_set(
    *,
    settings: Settings,
    person_id: int,
    session_id: int,
    result: SetResult,
    client_key: str | None = None,
    clock: Clock = utc_now,
) -> None:
    """Keep a set of the person's running session; sent again under its client key, it is kept once."""
    from supple.store import records

    _check_pain(result.pain)
    if result.exercise not in catalog_for(settings=settings).exercises:
        raise BadRequest(f"unknown exercise {result.exercise!r}")
    db = database(settings)
    kept = records.add_set_if_running(
        db, person_id=person_id, session_id=session_id, result=result, now=clock(), client_key=client_key
    )
    if not kept:
        _running_session_of(settings, person_id, session_id)  # says why: not theirs, or over
        raise Conflict(f"session {session_id} is over: nothing more can be added to it")


def record_side(
    *,
    settings: Settings,
    person_id: int,
    session_id: int,
    exercise: str,
    tighter: Tightness,
    client_key: str | None = None,
    clock: Clock = utc_now,
) -> None:
    """Keep which side felt tighter; sent again under its client key, it is kept once."""
    from supple.store import records

    _running_session_of(settings, person_id, session_id)
    answer = SideAnswer(exercise, tighter)
    records.add_side_answer(
        database(settings), session_id=session_id, answer=answer, now=clock(), person_id=person_id,
        client_key=client_key,
    )  # fmt: skip


@dataclass(frozen=True)
class Hurt:
    exercise: str
    easier: PlanItem | None
    timeline: list[dict[str, object]]  # the easier exercise's steps, ready to put in


def report_hurt(*, settings: Settings, person_id: int, session_id: int, exercise: str, item: int) -> Hurt:
    """A "this hurts" in a session: screen again before the next routine, and offer the first
    easier exercise today's precautions allow. `item` numbers the easier one's steps."""
    _running_session_of(settings, person_id, session_id)
    catalog = catalog_for(settings=settings)
    if exercise not in catalog.exercises:
        raise BadRequest(f"unknown exercise {exercise!r}")
    report_pain(settings=settings, exercise_name=catalog.exercises[exercise].name, person_id=person_id)
    easier = easier_now(settings=settings, exercise_id=exercise, person_id=person_id)
    steps = timeline_json(item_steps(item, easier)) if easier is not None else []
    return Hurt(exercise, easier, steps)


def finish_session(
    *,
    settings: Settings,
    person_id: int,
    session_id: int,
    state: str,
    pain_after: int | None,
    clock: Clock = utc_now,
) -> None:
    if state not in ENDINGS:
        raise BadRequest(f"a session ends as one of {', '.join(ENDINGS)}, not {state!r}")
    _check_pain(pain_after)
    _running_session_of(settings, person_id, session_id)
    end_session(
        settings=settings, session_id=session_id, state=state, pain_after=pain_after, clock=clock, person_id=person_id
    )


def session_detail(*, settings: Settings, person_id: int, session_id: int) -> dict[str, Any]:
    from supple.store import logbook

    _state_of_own(settings, person_id, session_id)
    record = logbook.session(database(settings), session_id=session_id)
    if record is None:  # deleted between the two reads
        raise NotFound(f"no session {session_id}")
    return record.to_json(with_sets=True)


def sessions_of(*, settings: Settings, person_id: int) -> Sequence[dict[str, Any]]:
    from supple.store import logbook

    return [s.to_json() for s in logbook.sessions(database(settings), person_id=person_id)]
