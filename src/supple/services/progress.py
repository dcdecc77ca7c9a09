"""History and progress for the person: what `supple history`, `supple stats` and the web show;
the activities they follow; and what a session that ends changes in their next plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from supple.errors import BadRequest, NotFound
from supple.export.reminders import parse_days, parse_time, reminder_calendar
from supple.planner.personal import Personal
from supple.progress.adherence import (
    WEEKLY_GOAL,
    WEEKLY_GOAL_HIGH,
    Week,
    minutes_by_area,
    session_days,
    streaks,
    weeks,
)  # fmt: skip
from supple.progress.counting import Counting, counting, counts
from supple.progress.dose import advise
from supple.progress.history import GoalRecord, SessionRecord
from supple.progress.outcomes import (
    PSFS_MAX_ACTIVITIES,
    FunctionScore,
    PainInSessions,
    PainPoint,
    PainTrend,
    function_score,
    pain_in_sessions,
    pain_points,
    pain_trend,
    side_tally,
)  # fmt: skip
from supple.progress.outcomes import tighter_sides as sides_from
from supple.store.files.atomic import write_file

if TYPE_CHECKING:
    from supple.services.context import AppContext

AREA_WINDOW = dt.timedelta(weeks=4)
# A session still running this long after it began was left mid-way (the page closed, the terminal
# killed): the longest routine is 90 minutes, so even one paused for hours is over by then. It is
# closed as interrupted; whether it counts toward the goal is progress/counting.py's rule.
LEFT_RUNNING_AFTER = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Stats:
    today: dt.date
    weeks: list[Week]
    current_streak: int
    best_streak: int
    days: set[dt.date]
    minutes_by_area: dict[str, float]  # the last four weeks
    pain: list[PainPoint]
    pain_trend: PainTrend
    pain_in_sessions: PainInSessions
    function: FunctionScore
    tighter_sides: dict[str, str]
    sessions: int  # those that count toward the goal (progress/counting.py)
    sessions_kept: int  # all of them, however far they went

    def to_json(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "goal_per_week": [WEEKLY_GOAL, WEEKLY_GOAL_HIGH],
            "weeks": [
                {"start": w.start.isoformat(), "sessions": w.sessions, "minutes": w.minutes, "on_goal": w.on_goal}
                for w in self.weeks
            ],
            "streak": {"current_weeks": self.current_streak, "best_weeks": self.best_streak},
            "sessions": self.sessions,
            "sessions_kept": self.sessions_kept,
            "minutes_by_area_4_weeks": self.minutes_by_area,
            "pain": [
                {"at": p.when.isoformat(), "before": p.before, "after": p.after, "meaningful": p.meaningful}
                for p in self.pain
            ],
            "pain_trend": {
                "compares": "the ratings before the first and the latest session",
                "first": self.pain_trend.first, "latest": self.pain_trend.latest,
                "first_at": _when(self.pain_trend.first_at), "latest_at": _when(self.pain_trend.latest_at),
                "direction": self.pain_trend.direction, "meaningful": self.pain_trend.meaningful,
                "words": self.pain_trend.words,
            },
            "pain_in_sessions": {
                "compares": "the ratings before and after each session rated both times",
                "sessions": self.pain_in_sessions.sessions,
                "average_change": self.pain_in_sessions.average_change,
                "words": self.pain_in_sessions.words,
            },
            "function": {
                "activities": self.function.activities, "first": self.function.first, "latest": self.function.latest,
                "change": self.function.change, "meaningful": self.function.meaningful,
            },
            "tighter_sides": self.tighter_sides,
        }  # fmt: skip


def _when(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def close_left_running(context: AppContext, *, person_id: int | None = None) -> int:
    """Close the person's sessions begun more than LEFT_RUNNING_AFTER ago and still running, as
    interrupted; how many were."""
    person = context.mode.person(person_id)
    return context.store.sessions.close_left_running(
        person_id=person, started_before=context.now() - LEFT_RUNNING_AFTER
    )


def session_history(context: AppContext, *, person_id: int | None = None) -> list[SessionRecord]:
    """Every session of the person, oldest first, with its sets and side answers."""
    close_left_running(context, person_id=person_id)
    return context.store.history.sessions(person_id=context.mode.person(person_id))


def stats(context: AppContext, *, week_count: int = 12, person_id: int | None = None) -> Stats:
    today, history, person = context.today(), context.store.history, context.mode.person(person_id)
    close_left_running(context, person_id=person)
    past = history.totals(person_id=person)
    catalog = context.content.catalog()
    muscles = catalog.vocabulary.muscles
    area_of = {e.id: muscles[e.targets[0]].area for e in catalog}
    since = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC) - AREA_WINDOW
    current, best = streaks(past, today=today)
    seconds = history.seconds_by_exercise(person_id=person, since=since)
    return Stats(
        today=today,
        weeks=weeks(past, today=today, count=week_count),
        current_streak=current,
        best_streak=best,
        days=session_days(past),
        minutes_by_area=minutes_by_area(seconds, area_of),
        pain=pain_points(past),
        pain_trend=pain_trend(past),
        pain_in_sessions=pain_in_sessions(past),
        function=function_score(context.store.goals.current(person_id=person)),
        tighter_sides=dict(sides_from(past)),
        sessions=sum(1 for s in past if counts(s)),
        sessions_kept=len(past),
    )


def side_counts(context: AppContext, *, person_id: int | None = None) -> dict[str, tuple[int, int]]:
    """Per stretch, how often the left and the right side were answered tighter."""
    # session totals carry the side answers without loading every set
    past = context.store.history.totals(person_id=context.mode.person(person_id))
    return {exercise: (tally["left"], tally["right"]) for exercise, tally in side_tally(past).items()}


@dataclass(frozen=True)
class ProgressView:
    """Everything the progress page shows of a person."""

    report: Stats
    sides: dict[str, tuple[int, int]]
    activities: list[GoalRecord]
    # the ten latest, newest first, each with whether it counts toward the goal and why
    recent: list[tuple[SessionRecord, Counting]]


def progress_view(context: AppContext, *, person_id: int | None = None) -> ProgressView:
    latest = list(reversed(session_history(context, person_id=person_id)))[:10]
    return ProgressView(
        report=stats(context, person_id=person_id),
        sides=side_counts(context, person_id=person_id),
        activities=activities(context, person_id=person_id),
        recent=[(session, counting(session)) for session in latest],
    )


def end_session(
    context: AppContext,
    *,
    session_id: int,
    state: str,
    pain_after: int | None,
    person_id: int | None = None,
    at: dt.datetime | None = None,
) -> Personal:
    """Close the session (at `at`, when it ended, or now), and work out what the person's whole
    history now changes in their next plan."""
    ended = at if at is not None else context.now()
    context.store.sessions.close(session_id=session_id, state=state, pain_after=pain_after, now=ended)
    return update_next_plan(context, person_id=person_id)


def update_next_plan(context: AppContext, *, person_id: int | None = None) -> Personal:
    """The next plan's adjustments from the whole history, kept for planning (services/modes.py)."""
    past = session_history(context, person_id=person_id)
    catalog = context.content.catalog()
    holds = {
        done.exercise: catalog.exercises[done.exercise].dosage.hold_s or 0
        for session in past
        for done in session.sets
        if done.kind == "hold" and done.exercise in catalog.exercises
    }
    advice = advise(past, today=context.today(), holds=holds)
    context.mode.keep_next_plan_advice(person_id, advice)
    return advice


# --- the Patient-Specific Functional Scale: activities the person finds hard ---------------------


def activities(context: AppContext, *, person_id: int | None = None) -> list[GoalRecord]:
    return context.store.goals.current(person_id=context.mode.person(person_id))


def add_activity(
    context: AppContext, *, activity: str, score: int | None = None, person_id: int | None = None
) -> GoalRecord:
    """Name an activity you find hard (up to three at a time), and rate it now if you like."""
    text = " ".join(activity.split())
    if not text or len(text) > 200:
        raise BadRequest("name the activity in 1 to 200 characters, e.g. 'putting on socks'")
    person = context.mode.person(person_id)
    if len(activities(context, person_id=person)) >= PSFS_MAX_ACTIVITIES:
        raise BadRequest(f"you follow {PSFS_MAX_ACTIVITIES} activities already: drop one first")
    goal_id = context.store.goals.add(person_id=person, activity=text, now=context.now())
    if score is not None:
        rate_activity(context, goal_id=goal_id, score=score, person_id=person)
    return next(g for g in activities(context, person_id=person) if g.id == goal_id)


def rate_activity(context: AppContext, *, goal_id: int, score: int, person_id: int | None = None) -> None:
    if not 0 <= score <= 10:
        raise BadRequest("rate it from 0 (unable to do it) to 10 (able to do it as before)")
    _known(context, goal_id, person_id)
    context.store.goals.rate(goal_id=goal_id, score=score, now=context.now())


def drop_activity(context: AppContext, *, goal_id: int, person_id: int | None = None) -> None:
    _known(context, goal_id, person_id)
    context.store.goals.retire(goal_id=goal_id, now=context.now())


def _known(context: AppContext, goal_id: int, person_id: int | None) -> None:
    """Refuse an activity that is not the person's, as if it did not exist."""
    ids = [g.id for g in activities(context, person_id=person_id)]
    if goal_id not in ids:
        raise NotFound(f"no activity {goal_id} (yours: {', '.join(map(str, ids)) or 'none yet'})")


# --- reminders -----------------------------------------------------------------------------------


def reminders(context: AppContext, *, days: str, at: str, app_url: str | None = None) -> bytes:
    """An iCalendar file with a weekly reminder on these days ("mon,wed,fri") at this local time;
    with the web app's address, the reminder links to the player."""
    chosen, time = parse_days(days), parse_time(at)
    return reminder_calendar(days=chosen, at=time, start=context.today(), now=context.now(), app_url=app_url)


def write_reminders(context: AppContext, *, days: str, at: str, path: Path) -> tuple[list[str], dt.time]:
    """Write the reminders to an .ics file; the days and the time, as understood."""
    write_file(path, reminders(context, days=days, at=at))
    return parse_days(days), parse_time(at)
