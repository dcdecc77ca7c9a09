"""The schema: migrations bring an empty database to the models, and the head is the constant."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from supple.store.database.engine import make_engine
from supple.store.database.schema import HEAD_REVISION, alembic_config, current_revision, upgrade
from supple.store.database.tables import Base


def test_upgrading_an_empty_database_to_head_matches_the_models(database_url) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    upgrade(engine)  # a second time does nothing
    engine.dispose()


def test_the_head_revision_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
