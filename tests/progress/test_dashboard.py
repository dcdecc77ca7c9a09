"""A clinician's dashboard: each client's last session, sessions this week, pain trend and what
needs a look, sorted by any column; "this week" and "7 days" from the clock given."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from tests.progress.helpers import MONDAY, a_session

from supple.progress.dashboard import SORT_KEYS, ClientRow, client_row, sort_rows
from supple.progress.history import PainReport


def row_of(name: str, days: list[int], *, now: dt.datetime, person_id: int = 1, alerts: int = 0,
           pain: list[int] | None = None) -> ClientRow:  # fmt: skip
    ratings = pain or [None] * len(days)  # type: ignore[list-item]
    sessions = [
        a_session(day, pain=(score, None), number=i + 1)
        for i, (day, score) in enumerate(zip(days, ratings, strict=True))
    ]
    reports = [PainReport(person_id, now - dt.timedelta(days=n), 7, "before") for n in range(alerts)]
    return client_row(person_id=person_id, name=name, sessions=sessions, alerts=reports, now=now, today=now.date())


def test_this_week_counts_the_sessions_since_monday_by_the_clock_given() -> None:
    sunday = MONDAY + dt.timedelta(days=6, hours=12)
    row = row_of("alice", [-3, 0, 2, 4], now=sunday)  # the Friday before does not count
    assert (row.this_week, row.goal, row.on_goal) == (3, 3, True)
    next_monday = row_of("alice", [-3, 0, 2, 4], now=sunday + dt.timedelta(days=1))
    assert (next_monday.this_week, next_monday.on_goal) == (0, False)


def test_no_session_in_7_days_needs_a_look_and_so_does_none_yet() -> None:
    six_days_on = MONDAY + dt.timedelta(days=6, hours=23)
    assert not row_of("alice", [0], now=six_days_on).idle
    assert row_of("alice", [0], now=MONDAY + dt.timedelta(days=7)).idle
    fresh = row_of("bob", [], now=MONDAY)
    assert fresh.idle and fresh.last_session is None and fresh.needs_a_look == 1


def test_the_pain_trend_compares_the_first_and_latest_ratings_before_a_session() -> None:
    row = row_of("alice", [0, 2, 4], now=MONDAY + dt.timedelta(days=5), pain=[6, 5, 3])
    assert (row.pain.first, row.pain.latest, row.pain.direction) == (6, 3, "better")


def test_alerts_are_newest_first_and_each_needs_a_look() -> None:
    now = MONDAY + dt.timedelta(days=1)
    row = row_of("alice", [0], now=now, alerts=3)
    assert [a.at for a in row.alerts] == sorted((a.at for a in row.alerts), reverse=True)
    assert row.needs_a_look == 3


def test_each_column_sorts_both_ways_and_ties_keep_the_names_in_order() -> None:
    now = MONDAY + dt.timedelta(days=6)
    rows = [
        row_of("Carl", [0, 1, 2], now=now, pain=[5, 5, 2], person_id=1),
        row_of("anna", [5], now=now, pain=[8], alerts=2, person_id=2),
        row_of("Ben", [], now=now, person_id=3),
        row_of("dora", [0, 1, 2], now=now, pain=[4, 4, 4], person_id=4),
    ]
    names = lambda by, descending=False: [r.name for r in sort_rows(rows, by=by, descending=descending)]  # noqa: E731
    assert names("name") == ["anna", "Ben", "Carl", "dora"]
    assert names("last", True) == ["anna", "Carl", "dora", "Ben"]
    assert names("last") == ["Ben", "Carl", "dora", "anna"]
    assert names("week", True) == ["Carl", "dora", "anna", "Ben"]
    assert names("pain", True) == ["anna", "dora", "Carl", "Ben"]
    assert names("alerts", True) == ["anna", "Ben", "Carl", "dora"]


@given(st.lists(st.tuples(st.text(min_size=1, max_size=5), st.lists(st.integers(-20, 6), max_size=4)), max_size=6),
       st.sampled_from(SORT_KEYS), st.booleans())  # fmt: skip
def test_sorting_keeps_every_client_once(clients: list[tuple[str, list[int]]], by: str, descending: bool) -> None:
    now = MONDAY + dt.timedelta(days=6)
    rows = [row_of(name, sorted(days), now=now, person_id=i) for i, (name, days) in enumerate(clients)]
    ordered = sort_rows(rows, by=by, descending=descending)  # type: ignore[arg-type]
    assert sorted(r.person_id for r in ordered) == list(range(len(rows)))
