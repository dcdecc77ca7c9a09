from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def saved(run_cli, home: Path) -> Path:
    """A screened SUPPLE_HOME with a routine saved as `morning`."""
    assert run_cli("screen", "--none").code == 0
    assert run_cli("plan", "--for", "sciatica", "--minutes", "12", "--save", "morning").code == 0
    return home
