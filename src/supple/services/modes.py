"""Single-person mode and clinic mode: one interface, two implementations, chosen once when the
application context is built (services/context.py). Every use case asks the mode instead of
asking which mode it is in (docs/architecture.md, "Two modes").

- Single-person mode (`supple` on one's own machine) has one person, made on first use, and keeps
  their latest screening and next-plan advice as small files in SUPPLE_HOME too, so that `supple
  plan` can plan without opening the database (its start-up budget).
- Clinic mode (`supple serve --multi-user`) has accounts; every person's records are in the
  database, nobody is anybody by default, and each person backs up and restores their own.
"""

from __future__ import annotations

import datetime as dt
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supple.errors import BadRequest, Unauthorized
from supple.planner.personal import Personal
from supple.safety.screen import Screening, screen
from supple.services.recent import Recent
from supple.services.sign_in_tokens import account_signed_in
from supple.store.files import next_plan_file, people_version, screening_file

if TYPE_CHECKING:
    from supple.safety.models import SafetyData
    from supple.services.context import AppContext
    from supple.store.repositories.backups import Backup
    from supple.store.repositories.routines import RoutineVersion
    from supple.store.repositories.screenings import StoredScreening


@dataclass(frozen=True)
class Asker:
    """Who is asking: the person whose records a request may touch, and what they may do."""

    person_id: int
    username: str
    role: str  # self (single-person mode), clinician or client
    until: dt.datetime | None = None  # when the sign-in runs out (clinic mode)

    @property
    def is_clinician(self) -> bool:
        return self.role == "clinician"


class Mode(ABC):
    signs_in: bool  # whether people sign in (clinic mode's accounts)

    def __init__(self, context: AppContext) -> None:
        self.context = context

    @abstractmethod
    def person(self, person_id: int | None) -> int:
        """Whose records: the person named, or else the one person of single-person mode."""

    @abstractmethod
    def remembered_asker(self, token: str) -> Asker | None:
        """Who is asking, when this process can tell without the database; else None."""

    @abstractmethod
    def asker(self, token: str) -> Asker:
        """Who is asking, given the browser's sign-in token; Unauthorized when nobody is signed in."""

    @abstractmethod
    def latest_screening(self, person_id: int | None) -> Screening | None: ...

    def routine_past_gate(
        self, person_id: int | None, name: str | None, gate: Callable[[Screening | None], Screening | None]
    ) -> tuple[Screening | None, RoutineVersion | None]:
        """The latest screening as `gate` lets it through (it raises when it does not), then the
        routine saved under `name` (or saved last; None when there is none): what a start of the
        player reads first."""
        screening = gate(self.latest_screening(person_id))
        return screening, self.context.store.routines.version(person_id=self.person(person_id), name=name)

    @abstractmethod
    def keep_screening(self, person_id: int | None, screening: Screening) -> None: ...

    @abstractmethod
    def invalidate_screening(self, person_id: int | None, reason: str) -> None:
        """The latest screening no longer counts (a "this hurts" since): screen again first."""

    @abstractmethod
    def next_plan_advice(self, person_id: int | None) -> Personal:
        """What the person's history changes in their next plan (kept when a session ends)."""

    @abstractmethod
    def keep_next_plan_advice(self, person_id: int | None, advice: Personal) -> None: ...

    @abstractmethod
    def backup(self, person_id: int | None) -> dict[str, Any]:
        """The backup document of what this mode lets the person take away."""

    @abstractmethod
    def restore(self, person_id: int | None, backup: Backup) -> int:
        """Restore a backup into an empty store (or the person's empty records); the sessions restored."""

    @abstractmethod
    def forget(self, person_id: int | None) -> None:
        """Every record of the person goes (in clinic mode their account and sign-ins too)."""


class SinglePersonMode(Mode):
    signs_in = False

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.home = context.settings.home
        # The latest screening as last read, by its file's inode, change time and size.
        self._screening: tuple[tuple[int, int, int], Screening | None] | None = None
        self._lock = threading.Lock()
        # (the people's version when the person was found, the person's id)
        self._known: tuple[bytes, int] | None = None
        # the files asked about at every request, their paths worked out once
        self._version_path = str(people_version.people_version_path(self.home))
        self._screening_path = screening_file.screening_path(self.home)

    def person(self, person_id: int | None) -> int:
        return person_id if person_id is not None else self.local_person()

    def local_person(self) -> int:
        """The one person (made on first use), remembered by the process: the web app asks at every
        request. What is remembered holds only while SUPPLE_HOME's version of the people is the one
        read before the person was found: deleting everything or restoring a backup, in any
        process, renews it, so no request after it acts for the person who went."""
        version = self._people_version()  # before the database: a change shows next time
        known = self._known
        if known is not None and known[0] == version:
            return known[1]
        people = self.context.store.people
        found = people.find_local_person()
        if found is None:
            # Not remembered: another process making the person at the same moment may have made one
            # with a lower id, which is the one every later query finds.
            return people.local_person(now=self.context.now())
        with self._lock:
            self._known = (version, found)
        return found

    def remembered_asker(self, token: str) -> Asker | None:
        known = self._known
        if known is not None and known[0] == self._people_version():
            return Asker(known[1], "", "self")
        return None

    def _people_version(self) -> bytes:
        return people_version.read_people_version(home=self.home, path=self._version_path)

    def asker(self, token: str) -> Asker:
        return Asker(self.local_person(), "", "self")

    def latest_screening(self, person_id: int | None) -> Screening | None:
        # The database keeps the history; the file is the one person's gate, which lets `supple plan`
        # check it without opening the database. The web app asks at every start of the player: the
        # file is read again only when it changed (written anew, it is another file: another inode).
        try:
            stat = self._screening_path.stat()
        except OSError:  # none yet, or not to be looked at: reading it says which
            return screening_file.load_screening(home=self.home)
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        known = self._screening
        if known is not None and known[0] == key:
            return known[1]
        screening = screening_file.load_screening(home=self.home)
        self._screening = (key, screening)
        return screening

    def keep_screening(self, person_id: int | None, screening: Screening) -> None:
        screening_file.save_screening(home=self.home, screening=screening)
        self.context.store.screenings.add(person_id=self.person(person_id), screening=screening)

    def invalidate_screening(self, person_id: int | None, reason: str) -> None:
        screening = self.latest_screening(person_id)
        if screening is None:
            return
        screening_file.save_screening(home=self.home, screening=screening.invalidate(reason))
        self.context.store.screenings.invalidate_latest(person_id=self.person(person_id), reason=reason)

    def next_plan_advice(self, person_id: int | None) -> Personal:
        return next_plan_file.load_next_plan(home=self.home)

    def keep_next_plan_advice(self, person_id: int | None, advice: Personal) -> None:
        next_plan_file.save_next_plan(home=self.home, advice=advice)

    def backup(self, person_id: int | None) -> dict[str, Any]:
        return self.context.store.backups.export(now=self.context.now())

    def restore(self, person_id: int | None, backup: Backup) -> int:
        try:
            return self.context.store.backups.restore(backup=backup)
        finally:  # the backup's people replaced the one made on first use
            self._people_replaced()

    def forget(self, person_id: int | None) -> None:
        self.context.store.people.delete(person_id=self.person(person_id))
        self._people_replaced()
        for path in (screening_file.screening_path(self.home), next_plan_file.next_plan_path(self.home)):
            path.unlink(missing_ok=True)

    def _people_replaced(self) -> None:
        """After the database's people changed: every process finds the person again."""
        with self._lock:
            self._known = None  # this process even if the version cannot be written (a full disk)
        people_version.renew_people_version(home=self.home)


class ClinicMode(Mode):
    signs_in = True

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        # Screenings worked out again from their answers, by the answers and when they were given:
        # the gate asks at every start of the player (beside the safety data they were worked from).
        self._screened: Recent[tuple[tuple[str, ...], dt.datetime], tuple[SafetyData, Screening]] = Recent(256)

    def person(self, person_id: int | None) -> int:
        if person_id is None:
            raise RuntimeError("clinic mode: every use case must say whose records it touches")
        return person_id

    def remembered_asker(self, token: str) -> Asker | None:
        return None  # only the database knows who a token signed in, and whether it still holds

    def asker(self, token: str) -> Asker:
        found = account_signed_in(self.context, token=token)
        if found is None:
            raise Unauthorized("please sign in first")
        return Asker(found.person_id, found.username, found.role, until=found.signed_in_until)

    def latest_screening(self, person_id: int | None) -> Screening | None:
        return self._screening(self.context.store.screenings.latest(person_id=self.person(person_id)))

    def routine_past_gate(
        self, person_id: int | None, name: str | None, gate: Callable[[Screening | None], Screening | None]
    ) -> tuple[Screening | None, RoutineVersion | None]:
        # both in the database: read in one round trip to it (store/repositories/routines.py)
        routines = self.context.store.routines
        found, stored = routines.version_and_latest_screening(person_id=self.person(person_id), name=name)
        return gate(self._screening(stored)), found

    def _screening(self, stored: StoredScreening | None) -> Screening | None:
        if stored is None:
            return None
        # the reasons and advice are worked out again from the answers, as they were given
        safety, key = self.context.content.safety(), (stored.answered_yes, stored.taken_at)
        known = self._screened.get(key)
        if known is not None and known[0] is safety:
            screening = known[1]
        else:
            try:
                screening = screen(safety, stored.answered_yes, now=stored.taken_at)
            except BadRequest:  # a question since removed from supple: ask the questions again
                return None
            self._screened.put(key, (safety, screening))
        return screening.invalidate(stored.invalidated) if stored.invalidated else screening

    def keep_screening(self, person_id: int | None, screening: Screening) -> None:
        self.context.store.screenings.add(person_id=self.person(person_id), screening=screening)

    def invalidate_screening(self, person_id: int | None, reason: str) -> None:
        self.context.store.screenings.invalidate_latest(person_id=self.person(person_id), reason=reason)

    def next_plan_advice(self, person_id: int | None) -> Personal:
        return self.context.store.next_plans.advice(person_id=self.person(person_id))

    def keep_next_plan_advice(self, person_id: int | None, advice: Personal) -> None:
        store = self.context.store
        store.next_plans.save(person_id=self.person(person_id), advice=advice, now=self.context.now())

    def backup(self, person_id: int | None) -> dict[str, Any]:
        return self.context.store.backups.export(now=self.context.now(), person_id=self.person(person_id))

    def restore(self, person_id: int | None, backup: Backup) -> int:
        return self.context.store.backups.restore_person(person_id=self.person(person_id), backup=backup)

    def forget(self, person_id: int | None) -> None:
        self.context.store.people.delete(person_id=self.person(person_id))  # the tables cascade
