"""Which sessions count toward the goal: a real part of the routine done."""

from __future__ import annotations

from supple.progress.adherence import streaks, weeks
from supple.progress.counting import counting, counts

from .helpers import MONDAY, a_session


def test_half_of_the_planned_work_counts_and_less_does_not() -> None:
    assert counts(a_session(0, minutes=5, planned_work=600))
    assert not counts(a_session(0, minutes=4.9, planned_work=600))
    assert counting(a_session(0, minutes=1, planned_work=480)).why == "1 min of 8 min done: less than half"
    assert counting(a_session(0, minutes=6, planned_work=480)).why == "6 min of 8 min done: half or more"


def test_ten_minutes_of_work_count_in_a_long_routine() -> None:
    long = a_session(0, minutes=10, planned_work=60 * 60)
    assert counts(long) and counting(long).why == "10 min of 60 min done: 10 minutes or more"


def test_without_the_planned_work_the_routines_whole_time_is_the_measure() -> None:
    # a_session's routine takes 600 s in all
    assert counts(a_session(0, minutes=5, planned_work=None))
    assert not counts(a_session(0, minutes=4, planned_work=None))


def test_six_abandoned_attempts_in_a_day_make_no_week_on_goal() -> None:
    attempts = [a_session(0, minutes=0.5, number=n + 1) for n in range(6)]
    today = MONDAY.date()
    assert weeks(attempts, today=today, count=1)[0].sessions == 0
    assert weeks(attempts, today=today, count=1)[0].minutes == 3.0, "the minutes done still show"
    assert streaks(attempts, today=today) == (0, 0)
