"""The progress page's charts carry dates under them."""

from __future__ import annotations

import datetime as dt

from supple.progress.adherence import Week
from supple.progress.exercise_history import ExerciseInSession, ExerciseTime
from supple.progress.outcomes import PainPoint
from supple.web.charts import exercise_over_time, pain_over_time, sessions_per_week

MONDAY = dt.date(2026, 9, 7)


def test_the_weeks_chart_dates_its_first_and_last_weeks_and_two_between() -> None:
    chart = sessions_per_week([Week(MONDAY + dt.timedelta(weeks=n), n % 4, 10.0) for n in range(12)])
    assert [t.text for t in chart.ticks] == ["7 Sep", "5 Oct", "26 Oct", "23 Nov"]
    assert [t.anchor for t in chart.ticks] == ["start", "middle", "middle", "end"]


def test_the_pain_chart_dates_its_sessions_once_a_day() -> None:
    at = dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC)
    same_day = pain_over_time([PainPoint(at + dt.timedelta(hours=h), 4, 2) for h in range(3)])
    assert [t.text for t in same_day.ticks] == ["3 Dec"]
    days = pain_over_time([PainPoint(at + dt.timedelta(days=d), 4, 2) for d in range(5)])
    assert [t.text for t in days.ticks] == ["3 Dec", "4 Dec", "6 Dec", "7 Dec"]
    assert pain_over_time([]).ticks == []


def test_an_exercises_chart_dates_its_sessions_and_shows_its_longest_holds() -> None:
    at = dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC)
    done = [ExerciseInSession("pigeon-pose", sets_done=2, seconds=50, longest_hold=hold) for hold in (20, 25, 31)]
    stopped = ExerciseInSession("pigeon-pose", sets_done=1, seconds=4, longest_hold=4, stopped_for_pain=True)
    times = [ExerciseTime(n, at + dt.timedelta(days=2 * n), each) for n, each in enumerate([*done, stopped])]
    chart = exercise_over_time(times)
    assert chart.holds and [bar.value for bar in chart.bars] == [20, 25, 31, 4]
    assert [t.text for t in chart.ticks] == ["3 Dec", "5 Dec", "7 Dec", "9 Dec"]
    assert [bar.on_goal for bar in chart.bars] == [True, True, True, False]  # grey: it hurt
    alone = exercise_over_time(times[:1])
    assert alone.bars[0].width <= 28, "one session is a bar, not a wall"
    reps = exercise_over_time([ExerciseTime(1, at, ExerciseInSession("cat-cow", sets_done=1, seconds=42.4))])
    assert not reps.holds and reps.bars[0].value == 42
