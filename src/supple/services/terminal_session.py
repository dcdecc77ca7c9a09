"""The guided session in the terminal (`supple go`): every set and side answer committed to the
database as it ends, and a session a crash or a kill cut short picked up again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supple.errors import DataFileError
from supple.planner.plan import Plan
from supple.progress.history import SessionRecord
from supple.services.progress import close_left_running
from supple.session.engine import Cue, Session, rehearse
from supple.session.results import FinishedSet, SideAnswer
from supple.session.routine import plan_from_data

if TYPE_CHECKING:
    from supple.services.context import AppContext

OnKept = Callable[[FinishedSet], None]


@dataclass(frozen=True)
class KeptSession:
    id: int
    session: Session


def begin_session(
    context: AppContext, *, plan: Plan, pain_before: int | None, on_kept: OnKept | None = None
) -> KeptSession:
    """A session whose every set and side answer is committed to the database as it ends."""
    person = context.mode.person(None)
    session_id = context.store.sessions.open(
        person_id=person, plan=plan.to_json(), planned_seconds=plan.total_seconds, pain_before=pain_before,
        now=context.now(), planned_work_seconds=plan.work_seconds, close_running=True,
    )  # fmt: skip
    return KeptSession(session_id, _recorded_session(context, session_id, plan, on_kept))


def _recorded_session(context: AppContext, session_id: int, plan: Plan, on_kept: OnKept | None) -> Session:
    sessions = context.store.sessions

    def keep(result: FinishedSet) -> None:
        sessions.add_set(session_id=session_id, result=result, now=context.now())
        if on_kept is not None:
            on_kept(result)  # only once it is safely stored

    def side(answer: SideAnswer) -> None:
        sessions.add_side_answer(session_id=session_id, answer=answer, now=context.now())

    return Session(plan, on_result=keep, on_side=side)


@dataclass(frozen=True)
class Unfinished:
    record: SessionRecord
    plan: Plan
    resume_at: int  # the step of the timeline to go on from

    @property
    def sets_done(self) -> int:
        return sum(1 for s in self.record.sets if not s.skipped)


@dataclass(frozen=True)
class SetAside:
    """A session cut short whose routine no longer loads (one of its exercises is gone from the
    catalogue or from the person's own files): it cannot be picked up, so it was closed as left
    unfinished, what was done in it kept, and blocks nothing."""

    record: SessionRecord
    problem: str  # what no longer loads, in words


def unfinished_session(context: AppContext) -> Unfinished | SetAside | None:
    """The session a crash or a kill left running, if any, and where to pick it up; one begun
    longer ago than LEFT_RUNNING_AFTER is closed instead (services/progress.py), and so is one
    whose routine no longer loads (SetAside says which, for the person to be told)."""
    close_left_running(context)
    found = context.store.sessions.interrupted(person_id=context.mode.person(None))
    if found is None:
        return None
    record = found.record
    try:
        plan = plan_from_data(found.plan, source=f"session {record.id}", catalog=context.content.catalog())
    except DataFileError as error:
        set_aside_unfinished(context)
        # the first clause says what is wrong; the names it suggests typing instead are no help here
        return SetAside(record, error.problem.split("; ")[0])
    resume_at = max((s.step for s in record.sets), default=-1) + 1
    return Unfinished(record, plan, resume_at)


def resume_session(context: AppContext, *, unfinished: Unfinished, on_kept: OnKept | None = None) -> KeptSession:
    session_id = unfinished.record.id
    context.store.sessions.reopen(session_id=session_id)
    return KeptSession(session_id, _recorded_session(context, session_id, unfinished.plan, on_kept))


def set_aside_unfinished(context: AppContext) -> None:
    context.store.sessions.mark_interrupted(person_id=context.mode.person(None))


def rehearse_session(*, plan: Plan) -> list[Cue]:
    """Every cue of the plan at its time, on a simulated clock (`supple go --dry-run`)."""
    return rehearse(plan)
