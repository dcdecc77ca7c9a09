"""The guided session in the browser: the player runs the clock and reports each set as it ends;
these keep what it reports, for the person whose session it is.

The player may send what it did long after (a session played offline is sent when the connection
is back), so it says when each thing happened on the device: the session's start, each set's end
and the session's end are kept at the device's time, checked against the server's clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from supple.errors import BadRequest, Conflict, DataFileError, NotFound, UnsafeToStart
from supple.figures.form import corrections
from supple.planner.plan import Plan, PlanItem
from supple.services.pain import easier_now, report_pain
from supple.services.progress import close_left_running, end_session
from supple.session.results import FinishedSet, SideAnswer, Tightness
from supple.session.routine import plan_from_data
from supple.session.timeline import item_steps, lay_out, timeline_json
from supple.store.repositories.sessions import TAKES_NEWS

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.store.repositories.sessions import SessionOwner

ENDINGS = ("finished", "quit", "ended")
# How far ahead of the server's clock a device's may be: phones set their clocks from the network,
# and a time further ahead is a wrong clock, not a session to date in the future.
DEVICE_CLOCK_AHEAD = dt.timedelta(minutes=5)
# And how long the player may keep what it did before sending it: a time older is a wrong clock too.
DEVICE_TIME_KEPT = dt.timedelta(days=366)


@dataclass(frozen=True)
class Opened:
    id: int
    timeline: list[dict[str, object]]


def open_session(
    context: AppContext,
    *,
    person_id: int,
    plan: Plan,
    pain_before: int | None,
    client_key: str | None = None,
    started_at: dt.datetime | None = None,
) -> Opened:
    """Start keeping a session of this plan; the timeline is what the player runs. Opened again
    under the same client key (the first answer lost), it is the same session
    (store/repositories/client_keys.py). `started_at` is when it began on the device. A new
    session closes the person's sessions left running (the page closed mid-way) as interrupted."""
    _check_pain(pain_before)
    session_id = context.store.sessions.open(
        person_id=person_id, plan=plan.to_json(), planned_seconds=plan.total_seconds, pain_before=pain_before,
        now=device_time(context, started_at, what="the session's start"), client_key=client_key,
        planned_work_seconds=plan.work_seconds, close_running=True,
    )  # fmt: skip
    return Opened(session_id, timeline_json(lay_out(plan)))


def device_time(
    context: AppContext, at: dt.datetime | None, *, what: str, started: dt.datetime | None = None
) -> dt.datetime:
    """When something happened, as the device says (or now, when it does not): never further ahead
    than DEVICE_CLOCK_AHEAD, nor older than DEVICE_TIME_KEPT, nor before the session `started`."""
    now = context.now()
    if at is None:
        return now
    if at.tzinfo is None:
        raise BadRequest(f"{what}: give the time with its offset from UTC, e.g. 2026-11-29T07:30:00Z")
    if at > now + DEVICE_CLOCK_AHEAD:
        raise BadRequest(f"{what} ({at.isoformat()}) is in the future: the device's clock is wrong")
    if at < now - DEVICE_TIME_KEPT:
        raise BadRequest(f"{what} ({at.isoformat()}) is more than a year ago: the device's clock is wrong")
    if started is not None and at < started:
        raise BadRequest(f"{what} ({at.isoformat()}) is before the session started ({started.isoformat()})")
    return at


def _own_session(context: AppContext, person_id: int, session_id: int) -> SessionOwner:
    """The session; a session that is not this person's is refused as if it did not exist."""
    found = context.store.sessions.owner(session_id=session_id)
    if found is None or found.person_id != person_id:
        raise NotFound(f"no session {session_id}")
    return found


def _running_session_of(context: AppContext, person_id: int, session_id: int) -> SessionOwner:
    """Refuse a session that is not this person's, or that is over (an interrupted one is not: the
    server only stopped waiting for it, and what its player sends late is still its own)."""
    found = _own_session(context, person_id, session_id)
    if found.state not in TAKES_NEWS:
        raise Conflict(f"session {session_id} is over ({found.state}): nothing more can be added to it")
    return found


def _check_exercise(context: AppContext, person_id: int, session_id: int, exercise: str) -> str:
    """The exercise's name, when it is in the catalogue or in the session's own routine: one of the
    person's own exercise files broken since the session began must not cost them what they did."""
    found = context.content.catalog().exercises.get(exercise)
    if found is not None:
        return found.name
    _own_session(context, person_id, session_id)  # whose routine it is, before saying what is in it
    items = (context.store.sessions.plan(session_id=session_id) or {}).get("items", [])
    for item in items:
        if isinstance(item, dict) and item.get("exercise") == exercise:
            return str(item.get("name") or exercise)
    raise BadRequest(f"unknown exercise {exercise!r}")


def _check_pain(pain: int | None) -> None:
    if pain is not None and not 0 <= pain <= 10:
        raise BadRequest(f"pain is rated 0 to 10, not {pain}")


def _known_correction(context: AppContext, result: FinishedSet) -> FinishedSet:
    """The set, its form correction kept only when it is one of the sentences the judge says for its
    exercise (figures/form.py): no other words reach the person's history or their clinician. Any
    other is left out rather than the set refused: a page loaded before supple's words changed
    must not lose what the person did."""
    if result.correction is None:
        return result
    exercise = context.content.catalog().exercises.get(result.exercise)
    if exercise is not None and result.correction in corrections(exercise):
        return result
    return replace(result, correction=None)


def record_set(
    context: AppContext,
    *,
    person_id: int,
    session_id: int,
    result: FinishedSet,
    client_key: str | None = None,
    ended_at: dt.datetime | None = None,
) -> None:
    """Keep a set of the person's running session, at `ended_at` (when it ended on the device);
    sent again under its client key, it is kept once."""
    _check_pain(result.pain)
    _check_exercise(context, person_id, session_id, result.exercise)
    result = _known_correction(context, result)
    at = device_time(context, ended_at, what="the set's end")
    kept = context.store.sessions.add_set_if_running(
        person_id=person_id, session_id=session_id, result=result, now=at, client_key=client_key
    )
    if not kept:  # say why: not theirs, over, or (the store checks it too) before the session started
        found = _running_session_of(context, person_id, session_id)
        device_time(context, at, what="the set's end", started=found.started_at)
        raise Conflict(f"session {session_id} is over: nothing more can be added to it")


def record_side(
    context: AppContext,
    *,
    person_id: int,
    session_id: int,
    exercise: str,
    tighter: Tightness,
    client_key: str | None = None,
) -> None:
    """Keep which side felt tighter; sent again under its client key, it is kept once."""
    _running_session_of(context, person_id, session_id)
    _check_exercise(context, person_id, session_id, exercise)
    context.store.sessions.add_side_answer(
        session_id=session_id, answer=SideAnswer(exercise=exercise, tighter=tighter), now=context.now(),
        person_id=person_id, client_key=client_key,
    )  # fmt: skip


@dataclass(frozen=True)
class Hurt:
    exercise: str
    easier: PlanItem | None
    timeline: list[dict[str, object]]  # the easier exercise's steps, ready to put in


def report_hurt(context: AppContext, *, person_id: int, session_id: int, exercise: str, item: int) -> Hurt:
    """A "this hurts" in a session: screen again before the next routine, and offer the first
    easier exercise the session's routine allows (its limits, today's precautions). `item`
    numbers the easier one's steps."""
    _running_session_of(context, person_id, session_id)
    name = _check_exercise(context, person_id, session_id, exercise)
    report_pain(context, exercise_name=name, person_id=person_id)
    plan = _session_plan(context, session_id)
    easier = easier_now(context, exercise_id=exercise, plan=plan, person_id=person_id) if plan else None
    steps = timeline_json(item_steps(item, easier)) if easier is not None else []
    return Hurt(exercise, easier, steps)


def _session_plan(context: AppContext, session_id: int) -> Plan | None:
    """The routine the session plays, as it was laid out when it began; None if it no longer reads
    (an exercise gone from the catalogue): then nothing easier is offered, and the player goes on."""
    data = context.store.sessions.plan(session_id=session_id)
    try:
        return plan_from_data(data, source=f"session {session_id}", catalog=context.content.catalog())
    except (DataFileError, UnsafeToStart):
        return None


def finish_session(
    context: AppContext,
    *,
    person_id: int,
    session_id: int,
    state: str,
    pain_after: int | None,
    ended_at: dt.datetime | None = None,
) -> None:
    """Close the session as it ended, at `ended_at` (when it ended on the device)."""
    if state not in ENDINGS:
        raise BadRequest(f"a session ends as one of {', '.join(ENDINGS)}, not {state!r}")
    _check_pain(pain_after)
    found = _own_session(context, person_id, session_id)
    if found.state == state:
        return  # the same ending sent again (its answer was lost as the page closed): kept once
    if found.state not in TAKES_NEWS:
        raise Conflict(f"session {session_id} is over ({found.state}): nothing more can be added to it")
    at = device_time(context, ended_at, what="the session's end", started=found.started_at)
    end_session(context, session_id=session_id, state=state, pain_after=pain_after, person_id=person_id, at=at)


def sessions_of(context: AppContext, *, person_id: int) -> Sequence[dict[str, Any]]:
    close_left_running(context, person_id=person_id)
    return [s.to_json() for s in context.store.history.sessions(person_id=person_id)]
