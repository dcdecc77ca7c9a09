"""The database's schema brought to the newest migration (Alembic, in migrations/), once per process
on first use. A new, empty database is made from the models in one step and stamped with the
newest revision, as Alembic's `stamp` would: replaying every migration costs a person's first
command most of its time (bench/startup.py), and tests/store/database/test_schema.py checks that
both ways give the same schema, on SQLite and PostgreSQL. Alembic is imported only to migrate a
database made by an older supple."""

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
        if connection.dialect.name == "sqlite":
            # Python's sqlite3 runs CREATE and ALTER outside any transaction, each synced to disk on
            # its own (a new database's first command waited a second for it); one transaction, the
            # write lock taken first, so a second process starting at once waits and finds it done.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            revision = _revision(connection)
            if revision == HEAD_REVISION:
                return
        if revision is None and not set(inspect(connection).get_table_names()) & _table_names():
            create_at_head(connection)
            return
        from alembic import command

        config = alembic_config()
        _refuse_what_is_not_ours(connection, config, revision)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _table_names() -> set[str]:
    from supple.store.database.tables import Base

    return set(Base.metadata.tables)


def create_at_head(connection: Connection) -> None:
    """Make every table from the models and record the newest revision, in the version table Alembic
    itself makes (alembic/runtime/migration.py: `version_num`, 32 characters, its primary key named
    `alembic_version_pkc`)."""
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table

    from supple.store.database.tables import Base

    # None of them is there (upgrade looked, holding the write lock): not asked of each table again.
    Base.metadata.create_all(connection, checkfirst=False)
    version = Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    version.create(connection)
    connection.execute(version.insert().values(version_num=HEAD_REVISION))


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
