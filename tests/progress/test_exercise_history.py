"""History in detail: each exercise of a session done, skipped, stopped for pain or not reached;
one exercise over every session; the exercises a person has done."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from tests.progress.helpers import MONDAY, a_session

from supple.progress.exercise_history import exercise_history, exercises_done, exercises_in
from supple.progress.history import SessionRecord
from supple.session.results import FinishedSet, SideAnswer


def hold(
    exercise: str, seconds: float, *, skipped: bool = False, hurt: bool = False, pain: int | None = None
) -> FinishedSet:
    return FinishedSet(exercise=exercise, kind="hold", seconds=seconds, planned_seconds=30, skipped=skipped,
                       hurt=hurt, pain=pain)  # fmt: skip


def session_of(*sets: FinishedSet, sides: tuple[SideAnswer, ...] = (), number: int = 1, day: int = 0) -> SessionRecord:
    start = MONDAY + dt.timedelta(days=day)
    return SessionRecord(number, start, start, "ended", 600, 3, 5, sets, sides)


def test_a_sessions_exercises_say_what_was_done_skipped_stopped_and_not_reached() -> None:
    session = session_of(
        hold("pigeon-pose", 30), hold("pigeon-pose", 25),
        hold("cat-cow", 0, skipped=True),
        hold("soleus-stretch", 30), hold("soleus-stretch", 0, skipped=True),
        hold("supine-figure-four", 8, hurt=True, pain=7),
        sides=(SideAnswer(exercise="pigeon-pose", tighter="left"),),
    )  # fmt: skip
    found = exercises_in(session, planned=["pigeon-pose", "cat-cow", "soleus-stretch", "supine-figure-four",
                                           "wall-calf-stretch"])  # fmt: skip
    assert [(e.exercise, e.outcome) for e in found] == [
        ("pigeon-pose", "done"), ("cat-cow", "skipped"), ("soleus-stretch", "partly"),
        ("supine-figure-four", "stopped"), ("wall-calf-stretch", "not-reached"),
    ]  # fmt: skip
    pigeon, _, soleus, figure_four, _ = found
    assert (pigeon.sets_done, pigeon.longest_hold, pigeon.seconds, pigeon.tighter) == (2, 30, 55, "left")
    assert (soleus.sets_done, soleus.sets_skipped) == (1, 1)
    assert figure_four.stopped_for_pain and figure_four.pain == 7


def test_the_exercises_follow_the_routine_and_one_put_in_comes_after_the_one_before_it() -> None:
    session = session_of(hold("pigeon-pose", 30), hold("supine-figure-four", 3, hurt=True, pain=5),
                         hold("seated-glute-stretch", 30))  # fmt: skip
    planned = ["light-cardio-warmup", "pigeon-pose", "supine-figure-four", "cat-cow", "soleus-stretch"]
    found = exercises_in(session, planned=planned)
    assert [(e.exercise, e.outcome) for e in found] == [
        ("light-cardio-warmup", "passed-over"), ("pigeon-pose", "done"), ("supine-figure-four", "stopped"),
        ("seated-glute-stretch", "done"), ("cat-cow", "not-reached"), ("soleus-stretch", "not-reached"),
    ]  # fmt: skip


def test_the_last_side_answer_of_a_session_stands() -> None:
    session = session_of(
        hold("pigeon-pose", 30),
        sides=(SideAnswer(exercise="pigeon-pose", tighter="left"), SideAnswer(exercise="pigeon-pose", tighter="same")),
    )
    assert exercises_in(session)[0].tighter == "same"


def test_an_exercise_over_time_has_each_session_with_it_oldest_first() -> None:
    sessions = [
        session_of(hold("pigeon-pose", 20), number=1, day=0),
        session_of(hold("cat-cow", 30), number=2, day=1),
        session_of(hold("pigeon-pose", 28), hold("pigeon-pose", 31), number=3, day=3),
        session_of(hold("pigeon-pose", 4, hurt=True, pain=6), number=4, day=5),
    ]
    times = exercise_history(sessions, "pigeon-pose")
    assert [(t.session_id, t.when.date().isoformat()) for t in times] == [
        (1, "2026-11-02"), (3, "2026-11-05"), (4, "2026-11-07"),
    ]  # fmt: skip
    assert [t.done.longest_hold for t in times] == [20, 31, 4]  # held 4 seconds, then it hurt
    assert times[-1].done.outcome == "stopped"
    assert times[0].to_json()["at"] == "2026-11-02T07:30:00+00:00"


def test_the_exercises_done_are_the_most_recent_first_and_skipped_ones_are_not_done() -> None:
    sessions = [
        a_session(0, exercise="pigeon-pose"),
        a_session(2, exercise="cat-cow"),
        a_session(4, exercise="pigeon-pose"),
        a_session(5, exercise="soleus-stretch", done=False),
    ]
    found = exercises_done(sessions)
    assert [(t.exercise, t.sessions, t.last.day) for t in found] == [("pigeon-pose", 2, 6), ("cat-cow", 1, 4)]


sets = st.lists(
    st.builds(
        hold,
        st.sampled_from(["pigeon-pose", "cat-cow", "soleus-stretch"]),
        st.floats(0, 120),
        skipped=st.booleans(),
        hurt=st.booleans(),
    ),  # fmt: skip
    max_size=12,
)


@given(sets, st.lists(st.sampled_from(["pigeon-pose", "cat-cow", "wall-calf-stretch"]), max_size=4))
def test_every_set_is_counted_once_and_every_planned_exercise_shows(
    done: list[FinishedSet], planned: list[str]
) -> None:
    found = exercises_in(session_of(*done), planned=planned)
    assert sum(e.sets_done + e.sets_skipped for e in found) == len(done)
    assert {e.exercise for e in found} == {s.exercise for s in done} | set(planned)
    assert len({e.exercise for e in found}) == len(found)
