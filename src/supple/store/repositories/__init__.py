"""Every kind of record supple keeps, one repository each, over one database.

`open_store(url)` makes the engine and brings the schema to the newest migration; the application
context (services/context.py) opens one on first use, so commands that never touch the database
(`supple plan`) never import SQLAlchemy. Each repository's module is imported when the repository
is first asked for: a person's first command keeps a screening, and has no use for the backups'
validators (pydantic) or the clinic's accounts (docs/architecture.md, "Budgets", the first run).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from supple.store.database.engine import Database, make_engine
from supple.store.database.schema import upgrade

if TYPE_CHECKING:
    from supple.store.repositories.accounts import Accounts
    from supple.store.repositories.backups import Backups
    from supple.store.repositories.goals import Goals
    from supple.store.repositories.history import History
    from supple.store.repositories.next_plans import NextPlans
    from supple.store.repositories.people import People
    from supple.store.repositories.routines import Routines
    from supple.store.repositories.screenings import Screenings
    from supple.store.repositories.sessions import Sessions
    from supple.store.repositories.sign_ins import SignIns
    from supple.store.repositories.templates import Templates


class Store:
    """One of each repository over one database. A repository holds no records of its own, so two
    threads making the same one at once (cached_property takes no lock) make the same thing."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @cached_property
    def people(self) -> People:
        from supple.store.repositories.people import People

        return People(self.database)

    @cached_property
    def screenings(self) -> Screenings:
        from supple.store.repositories.screenings import Screenings

        return Screenings(self.database)

    @cached_property
    def routines(self) -> Routines:
        from supple.store.repositories.routines import Routines

        return Routines(self.database)

    @cached_property
    def sessions(self) -> Sessions:
        from supple.store.repositories.sessions import Sessions

        return Sessions(self.database)

    @cached_property
    def history(self) -> History:
        from supple.store.repositories.history import History

        return History(self.database)

    @cached_property
    def goals(self) -> Goals:
        from supple.store.repositories.goals import Goals

        return Goals(self.database)

    @cached_property
    def next_plans(self) -> NextPlans:
        from supple.store.repositories.next_plans import NextPlans

        return NextPlans(self.database)

    @cached_property
    def accounts(self) -> Accounts:
        from supple.store.repositories.accounts import Accounts

        return Accounts(self.database)

    @cached_property
    def sign_ins(self) -> SignIns:
        from supple.store.repositories.sign_ins import SignIns

        return SignIns(self.database)

    @cached_property
    def backups(self) -> Backups:
        from supple.store.repositories.backups import Backups

        return Backups(self.database)

    @cached_property
    def templates(self) -> Templates:
        from supple.store.repositories.templates import Templates

        return Templates(self.database)

    def close(self) -> None:
        self.database.close()


def open_store(url: str) -> Store:
    """The store of the database at `url`, its schema brought to the newest migration."""
    engine = make_engine(url)
    upgrade(engine)
    return Store(Database(engine))
