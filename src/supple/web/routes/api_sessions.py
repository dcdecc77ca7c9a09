"""JSON API: sessions played in the browser (each set posted as it ends), history and progress."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from supple.progress.history import GoalRecord
from supple.services import browser_session, routines
from supple.services.history import session_detail
from supple.services.progress import activities, add_activity, drop_activity, rate_activity, stats
from supple.session.engine import PAIN_ADVICE
from supple.web.deps import ContextDep, PersonDep
from supple.web.schemas import (
    ERRORS,
    Activity,
    ActivityIn,
    FinishIn,
    HurtIn,
    HurtOut,
    PlanItemOut,
    RatingIn,
    RowId,
    SessionIn,
    SessionOpened,
    SessionOut,
    SideIn,
)

router = APIRouter(prefix="/api", responses=ERRORS)
NOT_YOURS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such session (or not yours)"},
    400: {"description": "the session is over"},
}


@router.post("/sessions", tags=["sessions"], status_code=201, responses={403: {"description": "refused for safety"}})
def open_session(context: ContextDep, person: PersonDep, body: SessionIn) -> SessionOpened:
    """Start a session of a saved routine (by default the one saved last): its timeline of steps
    and cues, for the player to run. Each set is then posted to /sets as it ends. A player that
    sends what it did later (offline) gives the device's times: `started_at` here, `ended_at` for
    each set and the finish."""
    plan = routines.routine_to_play(context, routine=body.routine, ack_caution=body.ack_caution, person_id=person)
    opened = browser_session.open_session(
        context, person_id=person, plan=plan, pain_before=body.pain_before, client_key=body.key,
        started_at=body.started_at,
    )  # fmt: skip
    return SessionOpened.model_validate(
        {"id": opened.id, "total_seconds": plan.total_seconds, "plan": plan.to_json(), "timeline": opened.timeline}
    )


@router.post("/sessions/{session_id}/sides", tags=["sessions"], status_code=204, responses=NOT_YOURS)
def record_side(context: ContextDep, person: PersonDep, session_id: RowId, body: SideIn) -> Response:
    """Which side felt tighter, after a sided stretch."""
    browser_session.record_side(
        context, person_id=person, session_id=session_id, exercise=body.exercise, tighter=body.tighter,
        client_key=body.key,
    )  # fmt: skip
    return Response(status_code=204)


@router.post("/sessions/{session_id}/hurt", tags=["sessions"], responses=NOT_YOURS)
def this_hurts(context: ContextDep, person: PersonDep, session_id: RowId, body: HurtIn) -> HurtOut:
    """ "This hurts": the screening must be taken again before the next routine; here is an easier
    exercise today's precautions allow, if there is one (its steps ready to put in)."""
    hurt = browser_session.report_hurt(
        context, person_id=person, session_id=session_id, exercise=body.exercise, item=body.item
    )
    easier = PlanItemOut.model_validate(hurt.easier.to_json()) if hurt.easier is not None else None
    return HurtOut.model_validate(
        {"exercise": hurt.exercise, "easier": easier, "timeline": hurt.timeline, "advice": PAIN_ADVICE}
    )


@router.post("/sessions/{session_id}/finish", tags=["sessions"], status_code=204, responses=NOT_YOURS)
def finish(context: ContextDep, person: PersonDep, session_id: RowId, body: FinishIn) -> Response:
    browser_session.finish_session(
        context, person_id=person, session_id=session_id, state=body.state, pain_after=body.pain_after,
        ended_at=body.ended_at,
    )  # fmt: skip
    return Response(status_code=204)


@router.get("/sessions", tags=["sessions"])
def history(context: ContextDep, person: PersonDep) -> list[SessionOut]:
    return [SessionOut.model_validate(s) for s in browser_session.sessions_of(context, person_id=person)]


@router.get("/sessions/{session_id}", tags=["sessions"], responses={404: NOT_YOURS[404]})
def session(context: ContextDep, person: PersonDep, session_id: RowId) -> SessionOut:
    """One session with its sets, side answers, and what became of each exercise of its routine."""
    detail = session_detail(context, session_id=session_id, person_id=person)
    return SessionOut.model_validate(detail.to_json(with_sets=True))


@router.get("/progress", tags=["progress"])
def progress(context: ContextDep, person: PersonDep) -> dict[str, Any]:
    """Sessions per week against the 3-5 goal, streaks, minutes per area, pain, PSFS, sides."""
    return stats(context, person_id=person).to_json()


def activity_json(goal: GoalRecord) -> Activity:
    ratings = [{"at": when.isoformat(), "score": score} for when, score in goal.ratings]
    return Activity(id=goal.id, activity=goal.activity, ratings=ratings)


@router.get("/activities", tags=["progress"])
def list_activities(context: ContextDep, person: PersonDep) -> list[Activity]:
    """Activities the person finds hard (Patient-Specific Functional Scale), with their ratings."""
    return [activity_json(goal) for goal in activities(context, person_id=person)]


@router.post("/activities", tags=["progress"], status_code=201)
def new_activity(context: ContextDep, person: PersonDep, body: ActivityIn) -> Activity:
    return activity_json(add_activity(context, activity=body.activity, score=body.score, person_id=person))


@router.post("/activities/{goal_id}/ratings", tags=["progress"], status_code=204, responses={404: {}})
def rate(context: ContextDep, person: PersonDep, goal_id: RowId, body: RatingIn) -> Response:
    rate_activity(context, goal_id=goal_id, score=body.score, person_id=person)
    return Response(status_code=204)


@router.delete("/activities/{goal_id}", tags=["progress"], status_code=204, responses={404: {}})
def drop(context: ContextDep, person: PersonDep, goal_id: RowId) -> Response:
    drop_activity(context, goal_id=goal_id, person_id=person)
    return Response(status_code=204)
