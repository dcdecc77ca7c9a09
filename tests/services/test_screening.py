"""The safety screening and the gate that `plan` and `go` pass first."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.clock import FakeClock

from supple.errors import UnsafeToStart
from supple.services.context import AppContext
from supple.services.screening import (
    latest_screening,
    precautions_for,
    record_screening,
    request_fresh_screening,
    require_safe_start,
    screening_staleness,
)

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    """This module's clock stands at NOW."""
    return FakeClock(NOW)


def test_the_gate_asks_for_a_screening_until_there_is_one(context: AppContext) -> None:
    with pytest.raises(UnsafeToStart, match="answer the safety questions first") as refused:
        require_safe_start(context, ack_caution=False)
    assert refused.value.topic == "unscreened"
    record_screening(context, yes=[])
    assert require_safe_start(context, ack_caution=False).verdict == "go"


def test_the_gate_uses_the_latest_screening(context: AppContext) -> None:
    record_screening(context, yes=[])
    record_screening(context, yes=["serious-fall"])
    with pytest.raises(UnsafeToStart, match="pain that began after a serious fall or accident"):
        require_safe_start(context, ack_caution=True)


def test_a_caution_passes_the_gate_only_with_acknowledgement_and_brings_its_precautions(context: AppContext) -> None:
    record_screening(context, yes=["hip-replacement"])
    with pytest.raises(UnsafeToStart, match="see a professional first") as refused:
        require_safe_start(context, ack_caution=False)
    assert refused.value.topic == "caution"
    screening = require_safe_start(context, ack_caution=True)
    # the approach not said: the limits of both ways a hip is replaced
    both = ["hip-replacement-posterior", "hip-replacement-anterior"]
    assert [p.id for p in precautions_for(context, screening=screening)] == both
    padded = precautions_for(context, screening=screening, conditions=["knee-pain"])
    assert [p.id for p in padded] == [*both, "sore-knees", "kneel-on-padding"]


def test_a_this_hurts_asks_for_a_fresh_screening_before_the_next_routine(context: AppContext) -> None:
    record_screening(context, yes=[])
    request_fresh_screening(context, reason="you reported pain during a session")
    with pytest.raises(UnsafeToStart, match="pain during a session"):
        require_safe_start(context, ack_caution=False)
    record_screening(context, yes=[])
    assert require_safe_start(context, ack_caution=False).verdict == "go"


def test_a_screening_expires_after_30_days(context: AppContext, clock: FakeClock) -> None:
    record_screening(context, yes=[])
    clock.advance(days=31)
    assert screening_staleness(context, screening=latest_screening(context))  # type: ignore[arg-type]
    with pytest.raises(UnsafeToStart, match="31 days ago"):
        require_safe_start(context, ack_caution=False)


def test_screenings_are_kept_in_the_database_with_their_invalidation(screened: AppContext, clock: FakeClock) -> None:
    clock.advance(days=1)
    record_screening(screened, yes=["pregnancy"])
    request_fresh_screening(screened, reason="you reported pain during Cat-cow")
    store = screened.store
    kept = store.screenings.all(person_id=store.people.local_person(now=screened.now()))
    assert [(s.verdict, s.answered_yes, s.invalidated) for s in kept] == [
        ("go", (), None), ("caution", ("pregnancy",), "you reported pain during Cat-cow"),
    ]  # fmt: skip


def test_a_new_data_folders_first_screening_imports_only_the_store_it_uses(tmp_path) -> None:
    # A person's first command (issue 22, the first run): the database is made from the models and
    # stamped, never migrated (no Alembic), and only the people's and the screenings' repositories
    # are imported: not the backups' validators, the clinic's accounts, nor the planner.
    import subprocess
    import sys

    code = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from supple.config import Settings\n"
        "from supple.services.context import AppContext\n"
        "from supple.services.screening import latest_screening, record_screening\n"
        "now = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)\n"
        "context = AppContext(Settings(home=Path(sys.argv[1])), clock=lambda: now)\n"
        "record_screening(context, yes=[])\n"
        "assert latest_screening(context) is not None\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    home = str(tmp_path / "new")
    ran = subprocess.run([sys.executable, "-c", code, home], check=True, capture_output=True, text=True)
    imported = set(ran.stdout.split())
    assert "supple.store.repositories.screenings" in imported
    unused = {"alembic", "supple.store.repositories.backups", "supple.store.repositories.accounts",
              "supple.store.repositories.sessions", "supple.planner.plan"}  # fmt: skip
    assert not unused & imported
