"""Guided sessions kept in the database: every set committed as it ends, and resuming after a crash."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supple.config import Settings
from supple.planner.personal import Personal
from supple.planner.plan import Plan
from supple.progress.records import SessionRecord
from supple.services.content import catalog_for
from supple.session.engine import SetResult, SideAnswer
from supple.session.routine import plan_from_data

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from supple.session.engine import Session

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def database_url(settings: Settings) -> str:
    from supple.store.db import sqlite_url

    return settings.database_url or sqlite_url(settings.home)


@functools.cache
def _engine(url: str) -> Engine:
    """One engine per database for the process, brought to the newest schema on first use."""
    from supple.store.db import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    return engine


def database(settings: Settings) -> Engine:
    return _engine(database_url(settings))


def database_answers(*, settings: Settings) -> bool:
    """Whether this process can use its database now: reached, and at the newest schema (the first
    use migrates it). A load balancer's health check asks this of each process."""
    from sqlalchemy.exc import SQLAlchemyError

    from supple.store.db import answers

    try:
        return answers(database(settings))
    except SQLAlchemyError:  # the first use could not reach it to migrate; the next call tries again
        _engine.cache_clear()
        return False


def local_person(settings: Settings, now: dt.datetime | None = None) -> int:
    """The one person of single-person mode (created on first use), remembered by the process: the
    web app asks at every request. What is remembered holds only while the data folder's mark of the
    people is the one read before the person was found: deleting everything or restoring a backup,
    in any process, renews the mark, so no request after it acts for the person who went."""
    from supple.store import records
    from supple.store.people_mark import read_mark

    mark = read_mark(home=settings.home)  # before the database: a change after this shows next time
    known = _local_people.get(_key(settings))
    if known is not None and known[0] == mark:
        return known[1]
    db = database(settings)
    found = records.find_local_person(db)
    if found is None:
        # Not remembered: another process making the person at the same moment may have made one
        # with a lower id, which is the one every later query finds.
        return records.local_person(db, now=now or utc_now())
    _local_people[_key(settings)] = (mark, found)
    return found


def known_local_person(settings: Settings) -> int | None:
    """The one person, if this process remembers them and nothing may have changed since; None
    when only the database can tell (local_person asks it). Reads a few bytes, no database."""
    from supple.store.people_mark import read_mark

    known = _local_people.get(_key(settings))
    return known[1] if known is not None and known[0] == read_mark(home=settings.home) else None


def _key(settings: Settings) -> tuple[str, Path]:
    return database_url(settings), settings.home


# (database URL, data folder) -> (the people's mark when the person was found, the person's id)
_local_people: dict[tuple[str, Path], tuple[bytes, int]] = {}


def _people_replaced(settings: Settings) -> None:
    """After the database's people changed (single-person mode): every process finds the person again."""
    from supple.store.people_mark import renew_mark

    _local_people.clear()  # this one even if the mark cannot be written (a full disk)
    renew_mark(home=settings.home)


def person_of(settings: Settings, person_id: int | None) -> int:
    """Whose records: the person named, or else the one person of single-person mode. Clinic mode
    always names the person (the web's PersonDep): nobody is anybody by default there."""
    if person_id is not None:
        return person_id
    if settings.multi_user:
        raise RuntimeError("clinic mode: every use case must say whose records it touches")
    return local_person(settings)


@dataclass(frozen=True)
class KeptSession:
    id: int
    session: Session


def begin_session(
    *,
    settings: Settings,
    plan: Plan,
    pain_before: int | None,
    on_kept: Callable[[SetResult], None] | None = None,
    clock: Clock = utc_now,
) -> KeptSession:
    """A session whose every set and side answer is committed to the database as it ends."""
    from supple.store import records

    db = database(settings)
    person = records.local_person(db, now=clock())
    session_id = records.open_session(
        db, person_id=person, plan=plan.to_json(), planned_seconds=plan.total_seconds, pain_before=pain_before,
        now=clock(),
    )  # fmt: skip
    return KeptSession(session_id, _recorded_session(db, session_id, plan, on_kept, clock))


def _recorded_session(
    db: Engine, session_id: int, plan: Plan, on_kept: Callable[[SetResult], None] | None, clock: Clock
) -> Session:
    from supple.session.engine import Session
    from supple.store import records

    def keep(result: SetResult) -> None:
        records.add_set(db, session_id=session_id, result=result, now=clock())
        if on_kept is not None:
            on_kept(result)  # only once it is safely stored

    def side(answer: SideAnswer) -> None:
        records.add_side_answer(db, session_id=session_id, answer=answer, now=clock())

    return Session(plan, on_result=keep, on_side=side)


def end_session(
    *,
    settings: Settings,
    session_id: int,
    state: str,
    pain_after: int | None,
    clock: Clock = utc_now,
    person_id: int | None = None,
) -> None:
    from supple.store import records

    records.close_session(database(settings), session_id=session_id, state=state, pain_after=pain_after, now=clock())
    refresh_personal(settings=settings, today=clock().astimezone().date(), person_id=person_id)


def refresh_personal(*, settings: Settings, today: dt.date, person_id: int | None = None) -> Personal:
    """Work out the next plan's adjustments from the whole history, and keep them for `plan`: in
    SUPPLE_HOME for the one person, in the database per person in clinic mode."""
    from supple.progress.dose import advise
    from supple.store import records
    from supple.store.personal_file import save_personal

    past = history(settings=settings, person_id=person_id)
    catalog = catalog_for(settings=settings)
    holds = {
        done.exercise: catalog.exercises[done.exercise].dosage.hold_s or 0
        for session in past
        for done in session.sets
        if done.kind == "hold" and done.exercise in catalog.exercises
    }
    personal = advise(past, today=today, holds=holds)
    if settings.multi_user:
        person = person_of(settings, person_id)
        records.save_next_plan_advice(database(settings), person_id=person, advice=personal.to_json(), now=utc_now())
    else:
        save_personal(home=settings.home, personal=personal)
    return personal


@dataclass(frozen=True)
class Unfinished:
    record: SessionRecord
    plan: Plan
    resume_at: int  # the step of the timeline to go on from

    @property
    def sets_done(self) -> int:
        return sum(1 for s in self.record.sets if not s.skipped)


def unfinished_session(*, settings: Settings) -> Unfinished | None:
    """The session a crash or a kill left running, if any, and where to pick it up."""
    from supple.store import records

    db = database(settings)
    found = records.interrupted_session(db, person_id=local_person(settings))
    if found is None:
        return None
    record, data = found
    plan = plan_from_data(data, source=f"session {record.id}", catalog=catalog_for(settings=settings))
    resume_at = max((s.step for s in record.sets), default=-1) + 1
    return Unfinished(record, plan, resume_at)


def resume_session(
    *,
    settings: Settings,
    unfinished: Unfinished,
    on_kept: Callable[[SetResult], None] | None = None,
    clock: Clock = utc_now,
) -> KeptSession:
    from supple.store import records

    db = database(settings)
    records.reopen_session(db, session_id=unfinished.record.id)
    return KeptSession(
        unfinished.record.id, _recorded_session(db, unfinished.record.id, unfinished.plan, on_kept, clock)
    )


def set_aside_unfinished(*, settings: Settings) -> None:
    from supple.store import records

    records.mark_interrupted(database(settings), person_id=local_person(settings))


def history(*, settings: Settings, person_id: int | None = None) -> list[SessionRecord]:
    from supple.store import logbook

    return logbook.sessions(database(settings), person_id=person_of(settings, person_id))


def backup_data(*, settings: Settings, clock: Clock = utc_now, person_id: int | None = None) -> dict[str, Any]:
    """Everything kept, as the versioned backup document; in clinic mode, the person's own only."""
    from supple.store.backup import export_data

    only = person_of(settings, person_id) if settings.multi_user else None
    return export_data(database(settings), now=clock(), person_id=only)


def export_backup(*, settings: Settings, path: Path, clock: Clock = utc_now) -> int:
    """Write everything to a versioned JSON file; returns the number of sessions in it."""
    from supple.store.atomic import write_json_atomically

    data = backup_data(settings=settings, clock=clock)
    write_json_atomically(path, data)
    return sum(len(person["sessions"]) for person in data["people"])


def import_backup(*, settings: Settings, path: Path) -> int:
    """Restore a backup into an empty store (all or nothing); returns the sessions restored."""
    from supple.errors import BadRequest

    try:
        text = path.read_bytes()
    except OSError as error:
        raise BadRequest(f"{path}: cannot be read ({error.strerror})") from None
    return restore_backup(settings=settings, data=text, source=str(path))


def restore_backup(*, settings: Settings, data: bytes, source: str, person_id: int | None = None) -> int:
    """Restore a backup document (the file's bytes) into an empty store; `source` names it in errors.
    In clinic mode a one-person backup goes into the person's own empty records, nobody else's."""
    from supple.errors import BadRequest
    from supple.store.backup import import_data, import_person, parse_backup, read_json

    try:
        backup = parse_backup(read_json(data))
        if settings.multi_user:
            restored = import_person(database(settings), person_id=person_of(settings, person_id), backup=backup)
        else:
            restored = import_data(database(settings), backup)
    except BadRequest as error:
        raise BadRequest(f"{source}: {error}") from None
    finally:
        if not settings.multi_user:  # the backup's people replaced the one made on first use
            _people_replaced(settings)
    refresh_personal(settings=settings, today=utc_now().astimezone().date(), person_id=person_id)
    return restored


def delete_everything(*, settings: Settings, person_id: int | None = None) -> None:
    """Forget the person: every record in the database, the screening and the next plan's advice
    (in clinic mode their account and sign-ins too: the tables cascade)."""
    from supple.store import records
    from supple.store.personal_file import personal_path
    from supple.store.screening_file import screening_path

    records.delete_person(database(settings), person_id=person_of(settings, person_id))
    if not settings.multi_user:
        _people_replaced(settings)
        for path in (screening_path(settings.home), personal_path(settings.home)):
            path.unlink(missing_ok=True)
