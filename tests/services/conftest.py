from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from supple import services
from supple.config import Settings

SCREENED_AT = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fresh SUPPLE_HOME, not yet screened."""
    return Settings(home=tmp_path / "home")


@pytest.fixture
def screened(settings: Settings) -> Settings:
    """A SUPPLE_HOME whose screening (all clear) was taken at SCREENED_AT."""
    services.record_screening(settings=settings, yes=[], now=SCREENED_AT)
    return settings
