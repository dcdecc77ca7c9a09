"""History and progress for the person: what `supple history`, `supple stats` and the web show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from supple.config import Settings
from supple.progress.adherence import (
    WEEKLY_GOAL,
    WEEKLY_GOAL_HIGH,
    Week,
    minutes_by_area,
    session_days,
    streaks,
    weeks,
)  # fmt: skip
from supple.progress.outcomes import (
    FunctionScore,
    PainPoint,
    PainTrend,
    function_score,
    pain_points,
    pain_trend,
    side_tally,
)  # fmt: skip
from supple.progress.outcomes import tighter_sides as sides_from
from supple.progress.records import GoalRecord, SessionRecord
from supple.services.content import catalog_for
from supple.services.sessions import database, history, person_of

AREA_WINDOW = dt.timedelta(weeks=4)


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
    function: FunctionScore
    tighter_sides: dict[str, str]
    sessions: int

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
            "minutes_by_area_4_weeks": self.minutes_by_area,
            "pain": [
                {"at": p.when.isoformat(), "before": p.before, "after": p.after, "meaningful": p.meaningful}
                for p in self.pain
            ],
            "pain_trend": {
                "first": self.pain_trend.first, "latest": self.pain_trend.latest,
                "direction": self.pain_trend.direction, "meaningful": self.pain_trend.meaningful,
            },
            "function": {
                "activities": self.function.activities, "first": self.function.first, "latest": self.function.latest,
                "change": self.function.change, "meaningful": self.function.meaningful,
            },
            "tighter_sides": self.tighter_sides,
        }  # fmt: skip


def session_history(*, settings: Settings, person_id: int | None = None) -> list[SessionRecord]:
    return history(settings=settings, person_id=person_id)


def stats(
    *, settings: Settings, today: dt.date | None = None, week_count: int = 12, person_id: int | None = None
) -> Stats:
    from supple.store import logbook, records

    today = today or dt.date.today()
    db, person = database(settings), person_of(settings, person_id)
    past = logbook.session_totals(db, person_id=person)
    catalog = catalog_for(settings=settings)
    muscles = catalog.vocabulary.muscles
    area_of = {e.id: muscles[e.targets[0]].area for e in catalog}
    since = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC) - AREA_WINDOW
    current, best = streaks(past, today=today)
    goals = records.goals(db, person_id=person)
    seconds = logbook.seconds_by_exercise(db, person_id=person, since=since)
    return Stats(
        today=today,
        weeks=weeks(past, today=today, count=week_count),
        current_streak=current,
        best_streak=best,
        days=session_days(past),
        minutes_by_area=minutes_by_area(seconds, area_of),
        pain=pain_points(past),
        pain_trend=pain_trend(past),
        function=function_score(goals),
        tighter_sides=dict(sides_from(past)),
        sessions=sum(1 for s in past if s.counts),
    )


def side_counts(*, settings: Settings, person_id: int | None = None) -> dict[str, tuple[int, int]]:
    """Per stretch, how often the left and the right side were answered tighter."""
    from supple.store import logbook

    # session totals carry the side answers without loading every set
    past = logbook.session_totals(database(settings), person_id=person_of(settings, person_id))
    return {exercise: (tally["left"], tally["right"]) for exercise, tally in side_tally(past).items()}


@dataclass(frozen=True)
class ProgressView:
    """Everything the progress page shows of a person."""

    report: Stats
    sides: dict[str, tuple[int, int]]
    activities: list[GoalRecord]
    recent: list[SessionRecord]  # the ten latest, newest first


def progress_view(*, settings: Settings, person_id: int | None = None, today: dt.date | None = None) -> ProgressView:
    return ProgressView(
        report=stats(settings=settings, today=today, person_id=person_id),
        sides=side_counts(settings=settings, person_id=person_id),
        activities=activities(settings=settings, person_id=person_id),
        recent=list(reversed(history(settings=settings, person_id=person_id)))[:10],
    )


# --- the Patient-Specific Functional Scale: activities the person finds hard ---------------------


def activities(*, settings: Settings, person_id: int | None = None) -> list[GoalRecord]:
    from supple.store import records

    return records.goals(database(settings), person_id=person_of(settings, person_id))


def add_activity(
    *, settings: Settings, activity: str, score: int | None = None, person_id: int | None = None
) -> GoalRecord:
    """Name an activity you find hard (up to three at a time), and rate it now if you like."""
    from supple.errors import BadRequest
    from supple.progress.outcomes import PSFS_MAX_ACTIVITIES
    from supple.store import records

    text = " ".join(activity.split())
    if not text or len(text) > 200:
        raise BadRequest("name the activity in 1 to 200 characters, e.g. 'putting on socks'")
    person = person_of(settings, person_id)
    current = activities(settings=settings, person_id=person)
    if len(current) >= PSFS_MAX_ACTIVITIES:
        raise BadRequest(f"you follow {PSFS_MAX_ACTIVITIES} activities already: drop one first (supple goal drop ID)")
    now = dt.datetime.now(dt.UTC)
    goal_id = records.add_goal(database(settings), person_id=person, activity=text, now=now)
    if score is not None:
        rate_activity(settings=settings, goal_id=goal_id, score=score, person_id=person)
    return next(g for g in activities(settings=settings, person_id=person) if g.id == goal_id)


def rate_activity(*, settings: Settings, goal_id: int, score: int, person_id: int | None = None) -> None:
    from supple.errors import BadRequest
    from supple.store import records

    if not 0 <= score <= 10:
        raise BadRequest("rate it from 0 (unable to do it) to 10 (able to do it as before)")
    _known(settings, goal_id, person_id)
    records.rate_goal(database(settings), goal_id=goal_id, score=score, now=dt.datetime.now(dt.UTC))


def drop_activity(*, settings: Settings, goal_id: int, person_id: int | None = None) -> None:
    from supple.store import records

    _known(settings, goal_id, person_id)
    records.retire_goal(database(settings), goal_id=goal_id, now=dt.datetime.now(dt.UTC))


def _known(settings: Settings, goal_id: int, person_id: int | None) -> None:
    """Refuse an activity that is not the person's, as if it did not exist."""
    from supple.errors import NotFound

    ids = [g.id for g in activities(settings=settings, person_id=person_id)]
    if goal_id not in ids:
        raise NotFound(f"no activity {goal_id} (yours: {', '.join(map(str, ids)) or 'none yet'})")


def reminders(*, days: str, at: str, today: dt.date | None = None, now: dt.datetime | None = None) -> bytes:
    """An iCalendar file with a weekly reminder on these days ("mon,wed,fri") at this local time."""
    from supple.export.reminders import parse_days, parse_time, reminder_calendar

    chosen, time = parse_days(days), parse_time(at)
    return reminder_calendar(days=chosen, at=time, start=today or dt.date.today(), now=now or dt.datetime.now(dt.UTC))
