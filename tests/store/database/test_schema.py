"""The schema: migrations bring an empty database to the models, and the head is the constant."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from supple.store.database.engine import make_engine
from supple.store.database.schema import HEAD_REVISION, alembic_config, current_revision, upgrade
from supple.store.database.tables import Base


def test_a_new_database_is_made_at_head_matching_the_models(database_url) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    upgrade(engine)  # a second time does nothing
    engine.dispose()


def schema_of(engine: Engine) -> dict[str, object]:
    """Everything the database says about each table: columns (type, nullable, default), keys,
    indexes, unique and check constraints."""
    found = inspect(engine)
    return {
        table: {
            # in any order: a migration adds a column last, the model may list it earlier
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"], c.get("default")) for c in found.get_columns(table)
            ),
            "primary key": found.get_pk_constraint(table),
            "foreign keys": sorted(map(repr, found.get_foreign_keys(table))),
            "indexes": sorted(map(repr, found.get_indexes(table))),
            "unique": sorted(map(repr, found.get_unique_constraints(table))),
            "checks": sorted(map(repr, found.get_check_constraints(table))),
        }
        for table in sorted(found.get_table_names())
    }


def test_replaying_every_migration_gives_the_schema_a_new_database_is_made_with(database_url) -> None:
    from alembic import command

    engine = make_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    migrated = schema_of(engine)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE alembic_version"))
    assert inspect(engine).get_table_names() == []
    upgrade(engine)
    assert schema_of(engine) == migrated and current_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_the_head_revision_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_sessions_kept_before_get_their_planned_work_from_their_plan(database_url) -> None:
    from alembic import command
    from sqlalchemy import text

    engine = make_engine(database_url)
    steps = [{"kind": "move", "seconds": 15}, {"kind": "hold", "seconds": 30}, {"kind": "rest", "seconds": 10},
             {"kind": "hold", "seconds": 30}]  # fmt: skip
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(text("INSERT INTO people (id, name, created_at) VALUES (1, 'me', '2026-11-02 07:30:00')"))
        insert = text(
            "INSERT INTO sessions (id, person_id, started_at, state, plan, planned_seconds) "
            "VALUES (:id, 1, '2026-11-02 07:30:00', 'finished', :plan, 85)"
        )
        connection.execute(insert, {"id": 1, "plan": json.dumps({"items": [{"steps": steps}]})})
        connection.execute(insert, {"id": 2, "plan": json.dumps({"something": "else"})})
    upgrade(engine)
    with engine.connect() as connection:
        found = dict(connection.execute(text("SELECT id, planned_work_seconds FROM sessions")).all())
    assert found == {1: 60, 2: None}
    engine.dispose()


@pytest.mark.parametrize("earlier", ["0001", "0002", "0003", "0004", "0005"])
def test_routines_kept_before_the_builder_keep_playing_untitled_and_not_favourites(database_url, earlier) -> None:
    """From every earlier schema: a routine saved before titles has none (its name is shown in
    words), is no favourite and no clinician's draft, and the clinic has no templates yet."""
    from alembic import command
    from sqlalchemy import text

    from supple.store.database.engine import Database
    from supple.store.repositories.routines import Routines

    engine = make_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, earlier)
        connection.execute(text("INSERT INTO people (id, name, created_at) VALUES (1, 'me', '2026-11-02 07:30:00')"))
        connection.execute(
            text(
                "INSERT INTO routines (id, person_id, name, plan, saved_at) VALUES (1, 1, 'my-routine', :plan, "
                "'2026-11-02 07:30:00')"
            ),  # fmt: skip
            {"plan": json.dumps({"items": []})},
        )
    upgrade(engine)
    routines = Routines(Database(engine))
    (listed,) = routines.listed(person_id=1)
    assert (listed.name, listed.title, listed.favourite, listed.draft) == ("my-routine", "My routine", False, False)
    assert routines.names(person_id=1) == ["my-routine"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM routine_templates")).scalar() == 0
    engine.dispose()


def test_a_database_a_newer_supple_migrated_is_refused_untouched(database_url) -> None:
    import pytest
    from sqlalchemy import text

    from supple.errors import StoreUnavailable

    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(StoreUnavailable, match="made by a newer supple"):
        upgrade(engine)
    assert current_revision(engine) == "0099"
    engine.dispose()


def test_another_programs_tables_of_supples_names_are_refused_and_others_left_alone(database_url) -> None:
    import pytest
    from sqlalchemy import inspect, text

    from supple.errors import StoreUnavailable

    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (number INTEGER)"))
    upgrade(engine)  # a table of another name is no concern of supple's
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()
    other = make_engine(database_url)
    with other.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    with pytest.raises(StoreUnavailable, match="another program's tables"):
        upgrade(other)
    assert "invoices" in inspect(other).get_table_names()
    other.dispose()


def test_two_processes_starting_on_a_new_database_at_once_both_find_it_made(tmp_path) -> None:
    # `supple serve --workers 2` on a new data folder: each worker opens the store at the same moment
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'supple.db'}"
    code = (
        "import sys; from supple.store.database.engine import make_engine; "
        "from supple.store.database.schema import upgrade; upgrade(make_engine(sys.argv[1]))"
    )
    starts = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE) for _ in range(4)]
    for start in starts:
        _, error = start.communicate(timeout=60)
        assert start.returncode == 0, error.decode()
    engine = make_engine(url)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
