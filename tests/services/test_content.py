"""The content cache gives exactly what validating the files gives, and never a stale catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from supple import services
from supple.catalog.loader import builtin_catalog
from supple.config import Settings
from supple.errors import DataFileError
from supple.safety.loader import builtin_safety
from supple.services import content

BUTTERFLY = Path(content.__file__).parents[1] / "catalog" / "data" / "exercises" / "butterfly-stretch.yaml"


def cold_start() -> None:
    """Forget what this process has loaded, as a new command would."""
    content._builtin_content.cache_clear()
    content._user_catalog.cache_clear()
    content._parse_cache.cache_clear()


@pytest.fixture(autouse=True)
def _forget_between_tests() -> None:
    cold_start()


def test_the_kept_content_equals_the_freshly_validated_content(settings: Settings) -> None:
    services.catalog_for(settings=settings)
    assert (settings.cache_dir / "builtin-content.pickle").is_file()
    cold_start()
    kept_catalog = services.catalog_for(settings=settings)
    kept_safety = content.safety_for(settings=settings)
    fresh_catalog, fresh_safety = builtin_catalog(), builtin_safety()
    assert kept_catalog is not fresh_catalog  # it did come from the cache
    assert kept_catalog == fresh_catalog
    assert kept_safety == fresh_safety


def test_a_plan_from_the_kept_content_is_the_plan_from_the_files(screened: Settings) -> None:
    def plan() -> object:
        return services.make_plan(settings=screened, conditions=["sciatica", "hip-pain"], minutes=30).to_json()

    fresh = plan()
    cold_start()
    assert (screened.cache_dir / "builtin-content.pickle").is_file()
    assert plan() == fresh


def own_butterfly(settings: Settings, **changes: object) -> Path:
    folder = settings.user_exercises_dir
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(BUTTERFLY.read_text()) | {"id": "my-butterfly", "easier": [], "harder": []} | changes
    path = folder / "my-butterfly.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_an_own_exercise_edited_between_commands_is_seen_by_the_next_one(settings: Settings) -> None:
    path = own_butterfly(settings)
    assert services.catalog_for(settings=settings).exercises["my-butterfly"].name == "Butterfly stretch"
    cold_start()
    path.write_text(path.read_text().replace("name: Butterfly stretch", "name: My own butterfly"))
    assert services.catalog_for(settings=settings).exercises["my-butterfly"].name == "My own butterfly"


def test_an_own_exercise_broken_after_it_was_kept_is_reported(settings: Settings) -> None:
    path = own_butterfly(settings)
    services.catalog_for(settings=settings)
    cold_start()
    path.write_text(path.read_text().replace("kind: static", "kind: stretchy"))
    with pytest.raises(DataFileError, match="my-butterfly.yaml"):
        services.catalog_for(settings=settings)


def test_own_exercises_removed_leave_the_built_in_catalogue(settings: Settings) -> None:
    own_butterfly(settings)
    assert "my-butterfly" in services.catalog_for(settings=settings).exercises
    cold_start()
    shutil.rmtree(settings.user_exercises_dir)
    assert "my-butterfly" not in services.catalog_for(settings=settings).exercises
