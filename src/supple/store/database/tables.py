"""The database tables (SQLAlchemy 2). Alembic migrations in store/migrations create them.

Times are stored as naive UTC and come back timezone-aware, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints, so migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTC(TypeDecorator[dt.datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTC, dict[str, Any]: JSON, list[str]: JSON}


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]


class ScreeningRow(Base):
    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[dt.datetime]
    verdict: Mapped[str] = mapped_column(String(10))
    answered_yes: Mapped[list[str]]
    invalidated: Mapped[str | None] = mapped_column(Text)


class RoutineRow(Base):
    __tablename__ = "routines"
    __table_args__ = (UniqueConstraint("person_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    plan: Mapped[dict[str, Any]]
    saved_at: Mapped[dt.datetime]
    # Who gave the person this routine: their clinician (clinic mode). None when the person saved
    # it themselves, and once that clinician's account is gone.
    given_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # The name a person reads ("Morning back"); `name` stays the routine's key in links. None for a
    # routine saved before titles: its name is shown in words instead (services/routines.py).
    title: Mapped[str | None] = mapped_column(String(200))
    favourite: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A routine a clinician is still writing: the client neither sees nor plays it until it is given.
    draft: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TemplateRow(Base):
    """A clinician's routine kept to give to clients: each client gets a copy of its plan, so editing
    one client's routine changes neither the template nor the other clients' copies."""

    __tablename__ = "routine_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    plan: Mapped[dict[str, Any]]
    saved_at: Mapped[dt.datetime]


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[dt.datetime]
    ended_at: Mapped[dt.datetime | None]
    # running while under way; then finished, quit (stopped by the person), ended (pain reported
    # twice) or interrupted (never finished, and not resumed)
    state: Mapped[str] = mapped_column(String(12))
    plan: Mapped[dict[str, Any]]
    planned_seconds: Mapped[int] = mapped_column(Integer)
    # the work itself in the plan (holds, breaths, repetitions, warm-up), without rests and moves:
    # what tells a session done from one abandoned (progress/counting.py). None: not known.
    planned_work_seconds: Mapped[int | None] = mapped_column(Integer)
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    # The player's own name for what it sent (see CLIENT_KEY): sent again, because the answer was
    # lost, it is kept once. None for what the command line keeps, and for older rows.
    client_key: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_sessions_person_id_client_key", "person_id", "client_key", unique=True),)


class SetRow(Base):
    __tablename__ = "sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    step: Mapped[int] = mapped_column(Integer)  # the step of the session's timeline, for resuming
    exercise: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(10))
    side: Mapped[str | None] = mapped_column(String(5))
    rep: Mapped[int | None]
    seconds: Mapped[float] = mapped_column(Float)
    planned_seconds: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[bool] = mapped_column(Boolean)
    hurt: Mapped[bool] = mapped_column(Boolean)
    pain: Mapped[int | None]
    ended_at: Mapped[dt.datetime]
    client_key: Mapped[str | None] = mapped_column(String(64))
    # the form check's summary, when the camera checked the set (docs/camera.md)
    in_position_s: Mapped[float | None] = mapped_column(Float)
    correction: Mapped[str | None] = mapped_column(String(120))
    reps_counted: Mapped[int | None]

    __table_args__ = (Index("ix_sets_session_id_client_key", "session_id", "client_key", unique=True),)


class SideAnswerRow(Base):
    __tablename__ = "side_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    exercise: Mapped[str] = mapped_column(String(64))
    tighter: Mapped[str] = mapped_column(String(5))
    answered_at: Mapped[dt.datetime]
    client_key: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_side_answers_session_id_client_key", "session_id", "client_key", unique=True),)


class GoalRow(Base):
    """An activity the person finds hard (Patient-Specific Functional Scale), rated 0-10 over time."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    activity: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]
    retired_at: Mapped[dt.datetime | None]


class GoalRatingRow(Base):
    __tablename__ = "goal_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    rated_at: Mapped[dt.datetime]


# --- clinic mode (`supple serve --multi-user`) -------------------------------------------------


class AccountRow(Base):
    """A person who signs in: a clinician, or a client of one. Single-person mode has none."""

    __tablename__ = "accounts"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its parameters and salt
    role: Mapped[str] = mapped_column(String(10))  # clinician | client
    # the clinician who looks after this client; a clinician's own account has none
    clinician_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime]


class SignInRow(Base):
    """A signed-in browser: the cookie holds a random token, the database only its SHA-256, so a
    leaked copy of the database cannot be replayed as anyone's cookie."""

    __tablename__ = "sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class FailedSignInRow(Base):
    """One failed sign-in, counted per username and per client address (`key`) over a window, in
    the database so that every worker process sees the same count."""

    __tablename__ = "failed_sign_ins"
    __table_args__ = (Index("ix_failed_sign_ins_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(index=True)


class NextPlanRow(Base):
    """A person's next-plan advice (dose adaptation), in clinic mode: SUPPLE_HOME's
    cache/next-plan.json holds the one person's in single-person mode."""

    __tablename__ = "next_plans"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    advice: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]
