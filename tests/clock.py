"""A clock for the tests: the time the code under test sees, which moves only when a test says."""

from __future__ import annotations

import datetime as dt

# A fixed day, so that no test depends on the date it runs on.
START = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


class FakeClock:
    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)
