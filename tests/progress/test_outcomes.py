from __future__ import annotations

import datetime as dt

import pytest

from supple.progress.history import GoalRecord
from supple.progress.outcomes import (
    function_score,
    meaningful_pain_change,
    pain_in_sessions,
    pain_points,
    pain_trend,
    tighter_sides,
)

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


def test_the_trend_says_what_it_compares_and_the_session_change_is_shown_too() -> None:
    # pain 3 before both sessions, 2 after the latest: the level is the same, the session helped
    sessions = [a_session(0, pain=(3, None)), a_session(2, pain=(3, 2))]
    assert pain_trend(sessions).words == "Before your sessions: 3 on 2 Nov, 3 on 4 Nov: the same."
    assert pain_in_sessions(sessions).words == (
        "In your latest rated session (4 Nov): 3 before, 2 after: 1 point lower, a change you would notice."
    )


def test_one_session_rated_before_and_after_is_not_an_unknown() -> None:
    one = [a_session(0, pain=(4, 2))]
    assert pain_trend(one).words == (
        "Before your sessions: one rating so far (4 on 2 Nov); with a second, this compares them."
    )
    assert pain_in_sessions(one).words == (
        "In your latest rated session (2 Nov): 4 before, 2 after: 2 points lower, a change you would notice."
    )
    many = pain_in_sessions([a_session(0, pain=(6, 4)), a_session(1, pain=(5, 4)), a_session(2, pain=(4, 4))])
    assert many.average_change == -1.0 and many.words is not None
    assert many.words.endswith("Over 3 sessions, pain after was 1 point lower than before, on average.")
    assert pain_in_sessions([a_session(0, pain=(None, 3))]).words is None
