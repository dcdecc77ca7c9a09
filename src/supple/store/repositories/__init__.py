"""Every kind of record supple keeps, one repository each, over one database.

`open_store(url)` makes the engine and brings the schema to the newest migration; the application
context (services/context.py) opens one on first use, so commands that never touch the database
(`supple plan`) never import SQLAlchemy.
"""

from __future__ import annotations

from supple.store.database.engine import Database, make_engine
from supple.store.database.schema import upgrade
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
    def __init__(self, database: Database) -> None:
        self.database = database
        self.people = People(database)
        self.screenings = Screenings(database)
        self.routines = Routines(database)
        self.sessions = Sessions(database)
        self.history = History(database)
        self.goals = Goals(database)
        self.next_plans = NextPlans(database)
        self.accounts = Accounts(database)
        self.sign_ins = SignIns(database)
        self.backups = Backups(database)
        self.templates = Templates(database)

    def close(self) -> None:
        self.database.close()


def open_store(url: str) -> Store:
    """The store of the database at `url`, its schema brought to the newest migration."""
    engine = make_engine(url)
    upgrade(engine)
    return Store(Database(engine))
