"""Browsing the catalogue: the built-in exercises and the person's own."""

from __future__ import annotations

from pathlib import Path

from supple.services import catalogue
from supple.services.context import AppContext


def test_a_users_catalogue_is_loaded_once_and_again_when_a_file_changes(context: AppContext) -> None:
    import shutil

    import yaml

    folder = context.settings.user_exercises_dir
    folder.mkdir(parents=True)
    source = Path(catalogue.__file__).parents[1] / "catalog" / "data" / "exercises" / "butterfly-stretch.yaml"
    data = yaml.safe_load(source.read_text()) | {"id": "my-butterfly", "easier": [], "harder": []}
    (folder / "my-butterfly.yaml").write_text(yaml.safe_dump(data))
    first = catalogue.catalog(context)
    assert catalogue.catalog(context) is first
    (folder / "my-butterfly.yaml").write_text(yaml.safe_dump(data | {"name": "Renamed butterfly"}))
    assert catalogue.catalog(context).exercises["my-butterfly"].name == "Renamed butterfly"
    shutil.rmtree(folder)
    assert "my-butterfly" not in catalogue.catalog(context).exercises
