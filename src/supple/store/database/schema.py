"""The database's schema brought to the newest migration (Alembic, in migrations/), once per process
on first use. Alembic is imported only when there is work to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from supple.errors import StoreUnavailable

HEAD_REVISION = "0006"  # the newest migration; a test checks it against Alembic's head


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
        revision = _revision(connection)
        if revision == HEAD_REVISION:
            return
        from alembic import command

        config = alembic_config()
        _refuse_what_is_not_ours(connection, config, revision)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


NEWER = (
    "supple's database was made by a newer supple, which this one cannot read: nothing was changed; "
    "update supple to use it"
)
FOREIGN = (
    "the database holds another program's tables where supple's go: nothing was changed; "
    "give supple a database of its own"
)


def _refuse_what_is_not_ours(connection: Connection, config: Any, revision: str | None) -> None:
    """A revision no migration here knows (a newer supple wrote it), or tables of supple's names
    without a revision (another program's): refused before a migration fails on them halfway. Other
    tables beside supple's are no concern of supple's."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    from supple.store.database.tables import Base

    if revision is None:
        if set(inspect(connection).get_table_names()) & set(Base.metadata.tables):
            raise StoreUnavailable(FOREIGN, topic="database-foreign")
        return
    try:
        ScriptDirectory.from_config(config).get_revision(revision)
    except CommandError:
        raise StoreUnavailable(NEWER, topic="database-newer") from None


def alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return config
