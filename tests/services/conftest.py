from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.clock import START, FakeClock

from supple.config import Settings
from supple.services.context import AppContext
from supple.services.screening import record_screening

SCREENED_AT = START


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fresh SUPPLE_HOME, not yet screened."""
    return Settings(home=tmp_path / "home")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(SCREENED_AT)


@pytest.fixture
def context(settings: Settings, clock: FakeClock) -> Iterator[AppContext]:
    """The application context of that SUPPLE_HOME, on a clock the test moves."""
    made = AppContext(settings, clock=clock)
    yield made
    made.close()


@pytest.fixture
def screened(context: AppContext) -> AppContext:
    """The context after a screening (all clear) taken at SCREENED_AT, the clock's time."""
    record_screening(context, yes=[])
    return context
