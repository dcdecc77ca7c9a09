"""Whether this process can serve, and telling a fault of the store from a bug, for the adapters.

A load balancer's health check asks `database_answers` of each process (GET /health): the database
reached, at the newest schema (the first use migrates it). A full disk, a read-only database or a
database server restarting is a fault of the store (`store_fault`): the web answers 503 and the
command line says it in one line; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from supple.store.database.engine import POOL_SIZE
from supple.store.database.faults import fault_types, store_fault

if TYPE_CHECKING:
    from supple.services.context import AppContext

# A request needs one database connection: the web server runs as many at once as the pool holds.
CONCURRENT_REQUESTS = POOL_SIZE
__all__ = ["CONCURRENT_REQUESTS", "database_answers", "fault_types", "store_fault"]


def database_answers(context: AppContext) -> bool:
    try:
        return context.store.database.answers()
    except SQLAlchemyError:  # the first use could not reach it to migrate; the next call tries again
        return False
