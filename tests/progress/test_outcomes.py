from __future__ import annotations

import datetime as dt

import pytest

from supple.progress.history import GoalRecord
from supple.progress.outcomes import function_score, meaningful_pain_change, pain_points, pain_trend, tighter_sides

from .helpers import MONDAY, a_session


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [(6, 4, True), (6, 5, False), (3, 2, True), (2, 1, True), (8, 7, False), (0, 1, False), (0, 2, True), (5, 7, True)],
)
def test_a_meaningful_pain_change_is_2_points_or_30_percent(before, after, meaningful) -> None:
    assert meaningful_pain_change(before, after) is meaningful


def test_each_sessions_pain_is_marked_when_the_change_means_something() -> None:
    points = pain_points([a_session(0, pain=(6, 3)), a_session(1, pain=(5, 4)), a_session(2)])
    assert [(p.change, p.meaningful) for p in points] == [(-3, True), (-1, False)]


def test_the_pain_trend_compares_the_first_and_latest_ratings() -> None:
    better = pain_trend([a_session(0, pain=(7, 6)), a_session(3, pain=(6, 5)), a_session(9, pain=(4, 3))])
    assert (better.first, better.latest, better.direction, better.meaningful) == (7, 4, "better", True)
    assert pain_trend([a_session(0, pain=(5, None)), a_session(2, pain=(6, None))]).direction == "steady"
    assert pain_trend([a_session(0, pain=(3, None))]).direction == "unknown"


def test_the_function_score_averages_up_to_three_activities() -> None:
    def goal(n: int, *scores: int) -> GoalRecord:
        return GoalRecord(
            n, f"activity {n}", MONDAY, tuple((MONDAY + dt.timedelta(weeks=i), s) for i, s in enumerate(scores))
        )

    score = function_score([goal(1, 3, 5, 6), goal(2, 4, 7), goal(3, 2)])
    assert (score.first, score.latest, score.change, score.meaningful) == (3.0, 5.0, 2.0, True)
    assert function_score([]).change is None


def test_the_tighter_side_is_the_one_answered_more_often() -> None:
    sessions = [
        a_session(0, sides=(("pigeon-pose", "left"), ("calf", "right"))),
        a_session(1, sides=(("pigeon-pose", "left"), ("calf", "left"))),
        a_session(2, sides=(("hamstring", "right"),)),
    ]
    assert tighter_sides(sessions) == {"pigeon-pose": "left"}  # calf is even, hamstring has one answer
