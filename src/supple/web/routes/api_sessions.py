"""JSON API: sessions played in the browser (each set posted as it ends), history and progress."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from supple import services
from supple.services import recording
from supple.services.progress import activities, add_activity, drop_activity, rate_activity, stats
from supple.session.engine import PAIN_ADVICE, SetResult
from supple.web.deps import PersonDep, SettingsDep
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
    SetIn,
    SideIn,
)

router = APIRouter(prefix="/api", responses=ERRORS)
NOT_YOURS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such session (or not yours)"},
    400: {"description": "the session is over"},
}


@router.post("/sessions", tags=["sessions"], status_code=201, responses={403: {"description": "refused for safety"}})
def open_session(settings: SettingsDep, person: PersonDep, body: SessionIn) -> SessionOpened:
    """Start a session of a saved routine (by default the one saved last): its timeline of steps
    and cues, for the player to run. Each set is then posted to /sets as it ends."""
    plan = services.routine_to_play(
        settings=settings, routine=body.routine, ack_caution=body.ack_caution, person_id=person
    )
    opened = recording.open_session(
        settings=settings, person_id=person, plan=plan, pain_before=body.pain_before, client_key=body.key
    )
    return SessionOpened.model_validate(
        {"id": opened.id, "total_seconds": plan.total_seconds, "plan": plan.to_json(), "timeline": opened.timeline}
    )


@router.post("/sessions/{session_id}/sets", tags=["sessions"], status_code=204, responses=NOT_YOURS)
def record_set(settings: SettingsDep, person: PersonDep, session_id: RowId, body: SetIn) -> Response:
    result = SetResult(
        body.exercise, body.kind, body.side, body.rep, body.seconds, body.planned_seconds, body.skipped,
        body.hurt, body.pain, body.step,
    )  # fmt: skip
    recording.record_set(settings=settings, person_id=person, session_id=session_id, result=result, client_key=body.key)
    return Response(status_code=204)


@router.post("/sessions/{session_id}/sides", tags=["sessions"], status_code=204, responses=NOT_YOURS)
def record_side(settings: SettingsDep, person: PersonDep, session_id: RowId, body: SideIn) -> Response:
    """Which side felt tighter, after a sided stretch."""
    recording.record_side(
        settings=settings, person_id=person, session_id=session_id, exercise=body.exercise, tighter=body.tighter,
        client_key=body.key,
    )  # fmt: skip
    return Response(status_code=204)


@router.post("/sessions/{session_id}/hurt", tags=["sessions"], responses=NOT_YOURS)
def this_hurts(settings: SettingsDep, person: PersonDep, session_id: RowId, body: HurtIn) -> HurtOut:
    """ "This hurts": the screening must be taken again before the next routine; here is an easier
    exercise today's precautions allow, if there is one (its steps ready to put in)."""
    hurt = recording.report_hurt(
        settings=settings, person_id=person, session_id=session_id, exercise=body.exercise, item=body.item
    )
    easier = PlanItemOut.model_validate(hurt.easier.to_json()) if hurt.easier is not None else None
    return HurtOut.model_validate(
        {"exercise": hurt.exercise, "easier": easier, "timeline": hurt.timeline, "advice": PAIN_ADVICE}
    )


@router.post("/sessions/{session_id}/finish", tags=["sessions"], status_code=204, responses=NOT_YOURS)
def finish(settings: SettingsDep, person: PersonDep, session_id: RowId, body: FinishIn) -> Response:
    recording.finish_session(
        settings=settings, person_id=person, session_id=session_id, state=body.state, pain_after=body.pain_after
    )
    return Response(status_code=204)


@router.get("/sessions", tags=["sessions"])
def history(settings: SettingsDep, person: PersonDep) -> list[SessionOut]:
    return [SessionOut.model_validate(s) for s in recording.sessions_of(settings=settings, person_id=person)]


@router.get("/sessions/{session_id}", tags=["sessions"], responses={404: NOT_YOURS[404]})
def session(settings: SettingsDep, person: PersonDep, session_id: RowId) -> SessionOut:
    return SessionOut.model_validate(
        recording.session_detail(settings=settings, person_id=person, session_id=session_id)
    )


@router.get("/progress", tags=["progress"])
def progress(settings: SettingsDep, person: PersonDep) -> dict[str, Any]:
    """Sessions per week against the 3-5 goal, streaks, minutes per area, pain, PSFS, sides."""
    return stats(settings=settings, person_id=person).to_json()


def activity_json(goal: Any) -> Activity:
    ratings = [{"at": when.isoformat(), "score": score} for when, score in goal.ratings]
    return Activity(id=goal.id, activity=goal.activity, ratings=ratings)


@router.get("/activities", tags=["progress"])
def list_activities(settings: SettingsDep, person: PersonDep) -> list[Activity]:
    """Activities the person finds hard (Patient-Specific Functional Scale), with their ratings."""
    return [activity_json(goal) for goal in activities(settings=settings, person_id=person)]


@router.post("/activities", tags=["progress"], status_code=201)
def new_activity(settings: SettingsDep, person: PersonDep, body: ActivityIn) -> Activity:
    return activity_json(add_activity(settings=settings, activity=body.activity, score=body.score, person_id=person))


@router.post("/activities/{goal_id}/ratings", tags=["progress"], status_code=204, responses={404: {}})
def rate(settings: SettingsDep, person: PersonDep, goal_id: RowId, body: RatingIn) -> Response:
    rate_activity(settings=settings, goal_id=goal_id, score=body.score, person_id=person)
    return Response(status_code=204)


@router.delete("/activities/{goal_id}", tags=["progress"], status_code=204, responses={404: {}})
def drop(settings: SettingsDep, person: PersonDep, goal_id: RowId) -> Response:
    drop_activity(settings=settings, goal_id=goal_id, person_id=person)
    return Response(status_code=204)
