from __future__ import annotations

import datetime as dt

from supple.progress.dose import advise

from .helpers import MONDAY, a_session

HOLDS = {"pigeon-pose": 30, "soleus-stretch": 30}


def steady(weeks: int, **options) -> list:
    return [a_session(7 * w + d, **options) for w in range(weeks) for d in (0, 2, 4)]


def today_after(weeks: int) -> dt.date:
    return (MONDAY + dt.timedelta(weeks=weeks)).date()


def test_a_new_person_starts_at_20_seconds() -> None:
    assert advise([], today=MONDAY.date(), holds=HOLDS).hold_s == {"pigeon-pose": 20, "soleus-stretch": 20}


def test_holds_grow_5_seconds_a_week_on_goal_up_to_30() -> None:
    assert advise(steady(1), today=today_after(1), holds=HOLDS).hold_s["pigeon-pose"] == 25
    assert advise(steady(2), today=today_after(2), holds=HOLDS).hold_s["pigeon-pose"] == 30
    assert advise(steady(6), today=today_after(6), holds=HOLDS).hold_s["pigeon-pose"] == 30


def test_a_tight_stretch_may_grow_to_60_seconds_and_its_tight_side_gets_a_rep() -> None:
    history = steady(12, sides=(("pigeon-pose", "right"),))
    advice = advise(history, today=today_after(12), holds=HOLDS)
    assert advice.hold_s == {"pigeon-pose": 60, "soleus-stretch": 30}
    assert advice.extra_rep == {"pigeon-pose": "right"}


def test_a_hurt_brings_the_easier_version_and_shorter_holds() -> None:
    history = steady(4)
    history.append(a_session(30, hurt="soleus-stretch", number=99))
    advice = advise(history, today=today_after(5), holds=HOLDS)
    assert "soleus-stretch" in advice.avoid
    assert advice.hold_s == {"pigeon-pose": 20, "soleus-stretch": 20}


def test_pain_up_the_next_day_steps_back() -> None:
    history = steady(4, pain=(3, 2))
    history.append(a_session(29, pain=(5, 4), number=99))  # 2 after the last session, 5 the next day
    advice = advise(history, today=today_after(5), holds=HOLDS)
    assert advice.hold_s["pigeon-pose"] == 20
    assert advice.notes and "back to 20 s" in advice.notes[0]
