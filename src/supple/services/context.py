"""The application context: everything a use case needs, built once and passed to every service.

`create_app(settings)` builds one for the web app's process, and each command of the command line
builds one (cli/context.py). It holds the settings, the clock, the content, the store, the
passwords and the mode, single-person or clinic, which decides whose records a use case touches
and where a person's screening and next-plan advice are kept (services/modes.py). Nothing of this
lives in a module: two contexts never share anything, so a test builds one with a fake clock and
its own folder and sees nobody else's state (docs/architecture.md, "The application context").
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from supple.config import Settings
from supple.errors import BadRequest
from supple.services.content import Content
from supple.services.modes import ClinicMode, Mode, SinglePersonMode
from supple.services.passwords import Passwords
from supple.services.recent import Recent

if TYPE_CHECKING:
    from supple.catalog.models import Catalog, Exercise
    from supple.planner.plan import Plan
    from supple.services.figures import Figure
    from supple.store.repositories import Store

Clock = Callable[[], dt.datetime]  # the time now, timezone-aware


def system_clock() -> dt.datetime:
    """The real time, for the command line and the server; tests pass a clock they move."""
    return dt.datetime.now(dt.UTC)


def refuse_a_file_for_the_home(home: Path) -> None:
    """SUPPLE_HOME and the folders in it are made on first use: a file where it, or a folder above
    it, should be is said once, plainly, before anything else trips over it."""
    for place in (home, *home.parents):
        try:
            if not place.exists():
                continue
        except OSError:  # a folder that cannot be looked into: what tries to use it says so
            return
        if not place.is_dir():
            raise BadRequest("supple cannot keep its data there: a file is where its data folder should be",
                             topic="home", detail=str(place))  # fmt: skip
        return


def make_home(home: Path) -> None:
    """The command line makes SUPPLE_HOME up front, so that a place where it cannot be made is said
    once, plainly; a full disk or missing permissions are a fault of the store (database/faults.py)."""
    from supple.store.database.faults import FILE_ERRNOS

    refuse_a_file_for_the_home(home)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if error.errno in FILE_ERRNOS:
            raise
        raise BadRequest(f"supple cannot make its data folder there ({error.strerror})", topic="home",
                         detail=str(home)) from None  # fmt: skip


class AppContext:
    def __init__(self, settings: Settings, *, clock: Clock = system_clock, passwords: Passwords | None = None) -> None:
        refuse_a_file_for_the_home(settings.home)
        self.settings = settings
        self.clock = clock
        self.content = Content(settings)
        self.passwords = passwords or Passwords()
        # The one place the two modes part: every use case asks the mode, none asks the settings.
        self.mode: Mode = ClinicMode(self) if settings.multi_user else SinglePersonMode(self)
        # Saved routines laid out as they play today, so the player and the API, which ask for one at
        # every start, do not lay the same routine out again until it, today's precautions or the
        # catalogue change (services/routines.py).
        self.plans_played: Recent[tuple[object, ...], tuple[Catalog, Plan]] = Recent(256)
        # Plans made for a request, by the request, the precautions and the next plan's advice: the
        # plan page asked again (reloaded, shared, opened from a saved link) is not planned again
        # until one of them or the catalogue changes (services/planning.py).
        self.plans_made: Recent[tuple[object, ...], tuple[Catalog, Plan]] = Recent(256)
        # Figures drawn, by exercise (frozen: an edited file is another key), whether they move, and side.
        self.figures_drawn: Recent[tuple[Exercise, bool, str], Figure] = Recent(256)
        self._store: Store | None = None
        self._store_lock = threading.Lock()

    @property
    def store(self) -> Store:
        """The records, opened on first use and brought to the newest schema."""
        with self._store_lock:
            if self._store is None:
                # Imported here, the one lazy import of the store: SQLAlchemy alone costs more than a
                # cold `supple plan` may take, and planning never opens the database (bench/README.md).
                from supple.store.repositories import open_store

                self._store = open_store(self.settings.store_url)
            return self._store

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        """Today where the person is (the machine's time zone), by the context's clock."""
        return self.clock().astimezone().date()

    def close(self) -> None:
        """Close the database's connections, if it was opened."""
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None
