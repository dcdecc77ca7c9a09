from __future__ import annotations

from pathlib import Path

from supple.config import Settings


def test_supple_home_sets_the_data_folder(tmp_path: Path) -> None:
    settings = Settings.from_env({"SUPPLE_HOME": str(tmp_path)})
    assert settings.home == tmp_path
    assert settings.user_exercises_dir == tmp_path / "exercises"
    assert settings.database_url is None


def test_without_supple_home_the_platform_user_data_folder_is_used() -> None:
    from platformdirs import user_data_dir

    assert Settings.from_env({}).home == Path(user_data_dir("supple", appauthor=False))


def test_the_database_url_comes_from_the_environment(tmp_path: Path) -> None:
    url = "postgresql+psycopg://supple@127.0.0.1/supple"
    settings = Settings.from_env({"SUPPLE_HOME": str(tmp_path), "SUPPLE_DATABASE_URL": url})
    assert settings.database_url == url


def test_reading_settings_is_explicit_not_at_import(monkeypatch) -> None:
    monkeypatch.setenv("SUPPLE_HOME", "/first")
    first = Settings.from_env()
    monkeypatch.setenv("SUPPLE_HOME", "/second")
    assert (first.home, Settings.from_env().home) == (Path("/first"), Path("/second"))
