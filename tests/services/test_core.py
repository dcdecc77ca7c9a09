from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from supple import services
from supple.config import Settings
from supple.errors import UnsafeToStart

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def test_the_gate_asks_for_a_screening_until_there_is_one(settings: Settings) -> None:
    with pytest.raises(UnsafeToStart, match="run `supple screen`"):
        services.require_safe_start(settings=settings, ack_caution=False, now=NOW)
    services.record_screening(settings=settings, yes=[], now=NOW)
    assert services.require_safe_start(settings=settings, ack_caution=False, now=NOW).verdict == "go"


def test_the_gate_uses_the_latest_screening(settings: Settings) -> None:
    services.record_screening(settings=settings, yes=[], now=NOW)
    services.record_screening(settings=settings, yes=["serious-fall"], now=NOW)
    with pytest.raises(UnsafeToStart, match="pain that began after a serious fall or accident"):
        services.require_safe_start(settings=settings, ack_caution=True, now=NOW)


def test_a_caution_passes_the_gate_only_with_acknowledgement_and_brings_its_precautions(settings: Settings) -> None:
    services.record_screening(settings=settings, yes=["hip-replacement"], now=NOW)
    with pytest.raises(UnsafeToStart, match="--ack-caution"):
        services.require_safe_start(settings=settings, ack_caution=False, now=NOW)
    screening = services.require_safe_start(settings=settings, ack_caution=True, now=NOW)
    assert [p.id for p in services.precautions_for(settings=settings, screening=screening)] == ["hip-replacement"]
    padded = services.precautions_for(settings=settings, screening=screening, conditions=["knee-pain"])
    assert [p.id for p in padded] == ["hip-replacement", "kneel-on-padding"]


def test_a_this_hurts_asks_for_a_fresh_screening_before_the_next_routine(settings: Settings) -> None:
    services.record_screening(settings=settings, yes=[], now=NOW)
    services.request_fresh_screening(settings=settings, reason="you reported pain during a session")
    with pytest.raises(UnsafeToStart, match="pain during a session"):
        services.require_safe_start(settings=settings, ack_caution=False, now=NOW)
    services.record_screening(settings=settings, yes=[], now=NOW)
    assert services.require_safe_start(settings=settings, ack_caution=False, now=NOW).verdict == "go"


def test_a_screening_expires_after_30_days(settings: Settings) -> None:
    services.record_screening(settings=settings, yes=[], now=NOW)
    later = NOW + dt.timedelta(days=31)
    assert services.screening_staleness(screening=services.latest_screening(settings=settings), now=later)  # type: ignore[arg-type]
    with pytest.raises(UnsafeToStart, match="31 days ago"):
        services.require_safe_start(settings=settings, ack_caution=False, now=later)


def test_a_users_catalogue_is_loaded_once_and_again_when_a_file_changes(settings: Settings) -> None:
    import shutil

    import yaml

    folder = settings.user_exercises_dir
    folder.mkdir(parents=True)
    source = Path(services.__file__).parents[1] / "catalog" / "data" / "exercises" / "butterfly-stretch.yaml"
    data = yaml.safe_load(source.read_text()) | {"id": "my-butterfly", "easier": [], "harder": []}
    (folder / "my-butterfly.yaml").write_text(yaml.safe_dump(data))
    first = services.catalog_for(settings=settings)
    assert services.catalog_for(settings=settings) is first
    (folder / "my-butterfly.yaml").write_text(yaml.safe_dump(data | {"name": "Renamed butterfly"}))
    assert services.catalog_for(settings=settings).exercises["my-butterfly"].name == "Renamed butterfly"
    shutil.rmtree(folder)
    assert "my-butterfly" not in services.catalog_for(settings=settings).exercises
