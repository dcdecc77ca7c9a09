"""Statements the web app runs at nearly every request, compiled once and run through the driver
itself (docs/architecture.md, "The store").

Running a statement through SQLAlchemy's Connection costs about 50 us of Python on top of SQLite's
own 3 us (the connection object, the execution context, the result), more than the rest of reading
a saved routine; on PostgreSQL about 130 us against psycopg's 35, with the autocommit a read asks
for set and reset on the way. A prepared statement keeps what SQLAlchemy compiled (the SQL, where
each value goes, how each value and column is converted) and runs it on a pooled connection of the
driver's (database/engine.py). Everything else stays SQLAlchemy's: the statement is written with
it, its types convert the values, the pool hands out the connections (with their pragmas and
settings), and a driver's error is raised as SQLAlchemy's (database/faults.py tells a full disk or
a server restarting from a bug by it). SQLite's driver takes the values by position (`?`),
psycopg's by name (`%(name)s`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import ColumnElement


@dataclass(frozen=True)
class _Compiled:
    sql: str
    construct: Callable[[Mapping[str, Any]], dict[str, Any]]  # every value, those in the statement too
    names: tuple[str, ...]  # the values the SQL takes, in its order when the driver takes them by position
    positional: bool  # SQLite's driver takes a tuple for its `?`, psycopg a dict for its `%(name)s`
    binds: tuple[Callable[[Any], Any] | None, ...]  # each value's conversion for the driver
    results: tuple[Callable[[Any], Any] | None, ...]  # each column's conversion from the driver's


class Prepared:
    """A statement (a SELECT, or a write with RETURNING), compiled for a dialect on first use."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def compiled(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = _compile(self.statement, dialect)
        return found

    def parameters(self, dialect: Dialect, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """The values as the driver takes them: converted, by position or by name as the SQL has them."""
        compiled = self.compiled(dialect)
        named = compiled.construct(values)
        converted = [
            value if convert is None else convert(value)
            for value, convert in zip((named[name] for name in compiled.names), compiled.binds, strict=True)
        ]
        return tuple(converted) if compiled.positional else dict(zip(compiled.names, converted, strict=True))

    def row(self, dialect: Dialect, row: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
        """A row from the driver, each column converted as SQLAlchemy would."""
        if row is None:
            return None
        results = self.compiled(dialect).results
        return tuple(value if convert is None else convert(value) for value, convert in zip(row, results, strict=True))


def _compile(statement: Executable, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    by_name = {compiled.bind_names[bind]: bind for bind in compiled.binds.values()}  # as the SQL names them
    names = tuple(compiled.positiontup or ()) if dialect.positional else tuple(by_name)
    if compiled.literal_execute_params or compiled.post_compile_params or compiled.escaped_bind_names:
        # a value spliced into the SQL at each run (an IN of a list, a literal_execute) needs SQLAlchemy,
        # and so does a name the driver would be given in another spelling than the statement's
        raise ValueError("a prepared statement takes its values as they are, under their own names")
    # (a type as the dialect has it: SQLite's DATETIME is a string, which the column's own type then reads)
    binds = tuple(by_name[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names)
    columns: list[ColumnElement[Any]] = list(statement.exported_columns)  # type: ignore[attr-defined]
    results = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns)
    return _Compiled(compiled.string, compiled.construct_params, names, dialect.positional, binds, results)
