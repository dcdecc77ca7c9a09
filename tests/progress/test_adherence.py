from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from supple.progress.adherence import minutes_by_area, session_days, streaks, weeks

from .helpers import MONDAY, a_session

TODAY = (MONDAY + dt.timedelta(days=27)).date()  # the Sunday ending the fourth week


def test_weeks_count_sessions_and_minutes_against_the_goal() -> None:
    sessions = [a_session(d) for d in (0, 2, 4, 7, 22, 23, 24, 25)]
    result = weeks(sessions, today=TODAY, count=4)
    assert [w.start for w in result] == [(MONDAY + dt.timedelta(weeks=n)).date() for n in range(4)]
    assert [w.sessions for w in result] == [3, 1, 0, 4]
    assert [w.on_goal for w in result] == [True, False, False, True]
    assert result[0].minutes == 30


def test_a_session_where_nothing_was_done_does_not_count() -> None:
    assert weeks([a_session(0, done=False)], today=TODAY, count=4)[0].sessions == 0


def test_streaks_run_over_weeks_on_goal_and_this_week_never_breaks_one() -> None:
    on_goal_weeks = [a_session(7 * w + d) for w in range(3) for d in (0, 2, 4)]
    assert streaks(on_goal_weeks, today=TODAY) == (3, 3)  # the fourth week (today's) has none yet
    broken = on_goal_weeks + [a_session(28 + d) for d in (0, 1, 2)]
    assert streaks(broken, today=TODAY + dt.timedelta(days=7)) == (1, 3)
    assert streaks([], today=TODAY) == (0, 0)


def test_minutes_are_summed_per_body_area() -> None:
    areas = minutes_by_area({"pigeon-pose": 180.0, "cat-cow": 120.0}, {"pigeon-pose": "hips", "cat-cow": "lower-back"})
    assert areas == {"hips": 3.0, "lower-back": 2.0}


def test_the_calendar_has_the_days_with_a_session() -> None:
    assert session_days([a_session(0), a_session(3)]) == {MONDAY.date(), (MONDAY + dt.timedelta(days=3)).date()}


@given(st.lists(st.integers(0, 200), max_size=60))
def test_a_streak_is_never_longer_than_the_best(days) -> None:
    sessions = [a_session(d) for d in days]
    current, best = streaks(sessions, today=(MONDAY + dt.timedelta(days=210)).date())
    assert 0 <= current <= best
