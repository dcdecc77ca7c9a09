"""The database's schema brought to the newest migration (Alembic, in migrations/), once per process
on first use. Alembic is imported only when there is work to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

HEAD_REVISION = "0004"  # the newest migration; a test checks it against Alembic's head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # a migration may rewrite a big table or build an index over it: no request's time limit
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        if _revision(connection) == HEAD_REVISION:
            return
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return config
