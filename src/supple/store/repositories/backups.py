"""A versioned JSON backup of everything in the store, and restoring it into an empty store.

The file is checked whole before anything is written, and restored in one transaction: a corrupt
or foreign file changes nothing. It holds people's records only, never accounts, password hashes
or sign-ins: credentials do not travel in a file people keep or email (a clinic backs up its
PostgreSQL database for those). In clinic mode each person exports and restores their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from supple.catalog.loader import field_path
from supple.errors import BadRequest
from supple.progress.outcomes import PSFS_MAX_ACTIVITIES
from supple.store.database.engine import Database, unkeepable
from supple.store.database.tables import (
    AccountRow,
    Base,
    GoalRatingRow,
    GoalRow,
    PersonRow,
    RoutineRow,
    ScreeningRow,
    SessionRow,
    SetRow,
    SideAnswerRow,
    TemplateRow,
)
from supple.validation import problem_words

FORMAT = "supple-backup"
VERSION = 1
DAMAGED = "the backup is damaged and cannot be restored; nothing was changed"


# The limits are what the app itself records, and well inside what every database keeps: a number
# past a 32-bit column, an infinity or a NUL character passed the checks once and then failed in
# the database's driver, halfway through (a traceback, a 500 on the web).
MAX_SECONDS = 24 * 3600
IMPORTING = "importing"  # the validation context of a file being read


def _in_utc(value: dt.datetime) -> dt.datetime:
    """The time in UTC, as the store keeps it; a time at the edge of the calendar has no UTC."""
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("a time outside the years 1 to 9999 in UTC") from None


Time = Annotated[AwareDatetime, AfterValidator(_in_utc)]
Score = Annotated[int, Field(ge=0, le=10)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _keepable_text(cls, value: Any, info: ValidationInfo) -> Any:
        """On import only (a store that holds a NUL from before is still exported); every text,
        a plan's within it too."""
        if info.context == IMPORTING:
            for text in _texts(value):
                problem = unkeepable(text)
                if problem is not None:
                    raise ValueError(f"{problem}, which no database keeps in text")
        return value


def _texts(value: Any) -> Iterator[str]:
    """Every text in a value: itself, or the keys and items of a plan's JSON, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


class BackupSet(_Model):
    step: int = Field(ge=0, le=100_000)
    exercise: str = Field(max_length=64)
    kind: str = Field(max_length=10)
    side: str | None = Field(default=None, max_length=5)
    rep: int | None = Field(ge=0, le=1000)
    seconds: float = Field(ge=0, le=MAX_SECONDS)
    planned_seconds: int = Field(ge=0, le=MAX_SECONDS)
    skipped: bool
    hurt: bool
    pain: Score | None = None
    ended_at: Time
    # the form check's summary (None in older backups, and for sets the camera did not check)
    in_position_s: float | None = Field(default=None, ge=0, le=MAX_SECONDS)
    correction: str | None = Field(default=None, max_length=120)
    reps_counted: int | None = Field(default=None, ge=0, le=1000)


class BackupSide(_Model):
    exercise: str = Field(max_length=64)
    tighter: str = Field(pattern="^(left|right|same)$")
    answered_at: Time


class BackupSession(_Model):
    started_at: Time
    ended_at: Time | None
    state: str = Field(max_length=12)
    plan: dict[str, Any]
    planned_seconds: int = Field(ge=0, le=MAX_SECONDS)
    planned_work_seconds: int | None = Field(default=None, ge=0, le=MAX_SECONDS)  # None in older backups
    pain_before: Score | None = None
    pain_after: Score | None = None
    sets: list[BackupSet] = []
    side_answers: list[BackupSide] = []


class BackupScreening(_Model):
    taken_at: Time
    verdict: str = Field(max_length=10)
    answered_yes: list[str]
    invalidated: str | None = None


class BackupRoutine(_Model):
    name: str = Field(max_length=64)
    plan: dict[str, Any]
    saved_at: Time
    title: str | None = Field(default=None, max_length=200)  # None in older backups
    favourite: bool = False


class BackupTemplate(_Model):
    """A clinician's routine template (clinic mode): the clinician's own record."""

    title: str = Field(max_length=200)
    plan: dict[str, Any]
    saved_at: Time


class BackupGoal(_Model):
    activity: str = Field(max_length=200)
    created_at: Time
    retired_at: Time | None = None
    ratings: list[tuple[Time, Score]] = []


class BackupPerson(_Model):
    name: str = Field(max_length=200)
    created_at: Time
    screenings: list[BackupScreening] = []
    routines: list[BackupRoutine] = []
    templates: list[BackupTemplate] = []
    sessions: list[BackupSession] = []
    goals: list[BackupGoal] = []

    @field_validator("goals", mode="after")
    @classmethod
    def _activities_followed(cls, goals: list[BackupGoal]) -> list[BackupGoal]:
        """No more activities followed at once than the app lets anyone follow (the ones dropped
        are history, any number of them)."""
        current = sum(1 for goal in goals if goal.retired_at is None)
        if current > PSFS_MAX_ACTIVITIES:
            raise ValueError(f"{current} activities followed at once, where {PSFS_MAX_ACTIVITIES} is the most")
        return goals


class Backup(_Model):
    format: str
    version: int
    exported_at: Time
    people: list[BackupPerson]


# Not part of a backup: row ids (each database gives its own) and the player's client keys, which
# only tell its deliveries apart (client_keys.py) and mean nothing once the session is over; nor
# who gave a routine, which names an account, and accounts are not in a backup; nor whether a routine
# is a clinician's draft, which is the clinician's work (restored, it is the person's own routine).
NOT_BACKED_UP = ("id", "client_key", "given_by", "draft")


def _columns(row: Base, *skip: str) -> dict[str, Any]:
    names = [c.name for c in row.__table__.columns if c.name not in (*NOT_BACKED_UP, *skip)]
    return {name: getattr(row, name) for name in names}


class Backups:
    def __init__(self, database: Database) -> None:
        self.database = database

    def export(self, *, now: dt.datetime, person_id: int | None = None) -> dict[str, Any]:
        """Everyone's records, or one person's, as the backup document."""
        return _export(self.database, now=now, person_id=person_id)

    def restore(self, *, backup: Backup) -> int:
        """Restore into an empty store, all or nothing. Returns the number of sessions restored.

        Empty means no records: a person row with nothing kept (every page and command makes the
        local person on first use) is replaced by the backup's people."""
        with _refused_as_damaged(), self.database.writing() as s:
            kept = (ScreeningRow, RoutineRow, SessionRow, GoalRow, AccountRow, TemplateRow)
            if any(s.scalar(select(func.count()).select_from(table)) for table in kept):
                raise BadRequest(
                    "supple already keeps records here, and a backup is restored only into an empty supple "
                    "(this one is not empty): delete everything first",
                    topic="store-not-empty",
                )
            s.execute(delete(PersonRow))
            count = 0
            for p in backup.people:
                person = PersonRow(name=p.name, created_at=p.created_at)
                s.add(person)
                s.flush()
                count += _restore_records(s, person.id, p)
            return count

    def restore_person(self, *, person_id: int, backup: Backup) -> int:
        """Clinic mode: restore a one-person backup into this person's records, which must be empty.
        Nobody else's records, nor anyone's account, are touched. Returns the sessions restored."""
        if len(backup.people) != 1:
            raise BadRequest(f"this backup holds {len(backup.people)} people: restore a backup of one person's data")
        with _refused_as_damaged(), self.database.writing() as s:
            kept = (ScreeningRow, RoutineRow, SessionRow, GoalRow)
            templates = select(func.count()).select_from(TemplateRow).where(TemplateRow.clinician_id == person_id)
            if s.scalar(templates) or any(
                s.scalar(select(func.count()).select_from(t).where(t.person_id == person_id)) for t in kept
            ):
                raise BadRequest(
                    "you already have records: restore a backup only before anything is kept, or after deleting"
                )
            return _restore_records(s, person_id, backup.people[0])


@contextmanager
def _refused_as_damaged() -> Iterator[None]:
    """What a database refuses of a backup that passed the checks (a constraint they do not know of)
    is a damaged file too, refused in the same words; the transaction has rolled back."""
    try:
        yield
    except IntegrityError:
        raise BadRequest(DAMAGED, detail="it holds records a database keeps only once") from None


def _export(database: Database, *, now: dt.datetime, person_id: int | None) -> dict[str, Any]:
    chosen = select(PersonRow).order_by(PersonRow.id)
    chosen = chosen if person_id is None else chosen.where(PersonRow.id == person_id)
    with Session(database.engine) as s:
        people = []
        for person in s.scalars(chosen):
            sessions = []
            for row in s.scalars(select(SessionRow).where(SessionRow.person_id == person.id).order_by(SessionRow.id)):
                sets = s.scalars(select(SetRow).where(SetRow.session_id == row.id).order_by(SetRow.id))
                sides = s.scalars(
                    select(SideAnswerRow).where(SideAnswerRow.session_id == row.id).order_by(SideAnswerRow.id)
                )
                sessions.append({
                    **_columns(row, "person_id"),
                    "sets": [_columns(x, "session_id") for x in sets],
                    "side_answers": [_columns(x, "session_id") for x in sides],
                })  # fmt: skip
            goals = []
            for goal in s.scalars(select(GoalRow).where(GoalRow.person_id == person.id).order_by(GoalRow.id)):
                ratings = s.scalars(
                    select(GoalRatingRow).where(GoalRatingRow.goal_id == goal.id).order_by(GoalRatingRow.id)
                )
                goals.append({**_columns(goal, "person_id"), "ratings": [(r.rated_at, r.score) for r in ratings]})
            of_person = (ScreeningRow, RoutineRow)
            screenings, routines = (
                [_columns(x, "person_id") for x in s.scalars(select(t).where(t.person_id == person.id).order_by(t.id))]
                for t in of_person
            )
            templates = [
                _columns(x, "clinician_id")
                for x in s.scalars(
                    select(TemplateRow).where(TemplateRow.clinician_id == person.id).order_by(TemplateRow.id)
                )
            ]
            people.append({**_columns(person), "screenings": screenings, "routines": routines, "templates": templates,
                           "sessions": sessions, "goals": goals})  # fmt: skip
    backup = Backup.model_validate({"format": FORMAT, "version": VERSION, "exported_at": now, "people": people})
    return backup.model_dump(mode="json")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json(data: bytes) -> Any:
    """A backup file's bytes as JSON, strictly: Python's reader takes NaN and Infinity, which no
    database column nor the web app's answers can hold."""
    import json

    try:
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest("this is not a supple backup: the file is not valid JSON", detail=str(error)) from None
    except RecursionError:  # Python's reader recurses once per level of brackets
        raise BadRequest("this is not a supple backup: it is nested too deep") from None


def parse_backup(data: Any) -> Backup:
    """The backup, checked whole; BadRequest says what is wrong with a foreign or broken file."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadRequest(
            "this is not a supple backup: it is not a file supple wrote", detail='no "format": "supple-backup"'
        )
    version = data.get("version")
    # JSON's true is Python's True, which equals 1: only a whole number is a version
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadRequest(
            "the backup is damaged and cannot be restored; nothing was changed",
            detail=f"version: {version!r} is not a version number",
        )
    if version != VERSION:
        raise BadRequest(f"backup version {version!r} is not one this supple reads (it reads {VERSION})")
    try:
        backup = Backup.model_validate(data, context=IMPORTING)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = field_path(tuple(first["loc"]))
        raise BadRequest(DAMAGED, detail=f"{where}: {problem_words(first)}") from None
    _refuse_what_is_kept_once(backup)
    return backup


def _refuse_what_is_kept_once(backup: Backup) -> None:
    """A person keeps one routine of a name (a unique constraint), which a hand-edited file may
    break: refused here, before anything is written, as the database would refuse it halfway. It is
    the one thing a backup's records must hold once: ids, client keys and accounts are not in it,
    and activities, sessions and people may repeat."""
    for number, person in enumerate(backup.people):
        named: set[str] = set()
        for index, routine in enumerate(person.routines):
            if routine.name in named:
                raise BadRequest(
                    "the backup is damaged and cannot be restored: it holds two routines named "
                    f"{routine.name!r}; nothing was changed",
                    detail=f"people[{number}].routines[{index}].name: a routine of this name comes before it",
                )
            named.add(routine.name)


def _restore_records(s: Session, person_id: int, p: BackupPerson) -> int:
    count = 0
    for screening in p.screenings:
        s.add(ScreeningRow(person_id=person_id, **screening.model_dump()))
    for routine in p.routines:
        s.add(RoutineRow(person_id=person_id, **routine.model_dump()))
    for template in p.templates:
        s.add(TemplateRow(clinician_id=person_id, **template.model_dump()))
    for item in p.sessions:
        row = SessionRow(person_id=person_id, **item.model_dump(exclude={"sets", "side_answers"}))
        s.add(row)
        s.flush()
        s.add_all(SetRow(session_id=row.id, **x.model_dump()) for x in item.sets)
        s.add_all(SideAnswerRow(session_id=row.id, **x.model_dump()) for x in item.side_answers)
        count += 1
    for g in p.goals:
        goal = GoalRow(person_id=person_id, **g.model_dump(exclude={"ratings"}))
        s.add(goal)
        s.flush()
        s.add_all(GoalRatingRow(goal_id=goal.id, rated_at=at, score=score) for at, score in g.ratings)
    s.flush()
    return count
