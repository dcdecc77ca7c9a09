"""Settings: where supple keeps its data. Read from the environment when asked, never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "supple"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where supple keeps its data and which database it uses (SUPPLE_HOME, SUPPLE_DATABASE_URL)."""

    home: Path
    database_url: str | None = None
    # Clinic mode (`supple serve --multi-user`): accounts, and each person's screening and next-plan
    # advice in the database instead of SUPPLE_HOME's files. Only the web app turns it on.
    multi_user: bool = False

    @property
    def store_url(self) -> str:
        """The database supple keeps its records in: SUPPLE_DATABASE_URL, else SQLite in SUPPLE_HOME."""
        return self.database_url or f"sqlite:///{self.home / 'supple.db'}"

    @property
    def user_exercises_dir(self) -> Path:
        return self.home / "exercises"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = env.get("SUPPLE_HOME")
        if home:
            path = Path(home).expanduser()
        else:
            # platformdirs is only needed when SUPPLE_HOME is unset; keep it off the hot path.
            from platformdirs import user_data_dir

            path = Path(user_data_dir(APP_NAME, appauthor=False))
        return cls(home=path, database_url=env.get("SUPPLE_DATABASE_URL") or None)
