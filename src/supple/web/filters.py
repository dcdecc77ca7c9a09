"""Small formatting helpers the templates share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from jinja2 import Environment

from supple.catalog.dose import describe_dose
from supple.catalog.models import Exercise
from supple.planner.request import MAX_MINUTES, MIN_MINUTES


def clock(seconds: float) -> str:
    """125 -> '2:05'."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def minutes(seconds: float) -> str:
    whole = round(seconds / 60)
    return "under a minute" if whole < 1 else f"{whole} min"


def day(value: dt.datetime | dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


# How a session ended, in plain words (the store's states: store/database/tables.py SessionRow)
SESSION_STATES = {
    "running": "under way",
    "finished": "finished",
    "quit": "stopped early",
    "ended": "stopped for pain",
    "interrupted": "left unfinished",
}


def session_state(state: str) -> str:
    return SESSION_STATES.get(state, state)


def extract(key: str, mapping: Mapping[str, Any]) -> Any:
    """`ids|map('extract', vocab.conditions)`: look each id up."""
    return mapping[key]


def sentence(text: str) -> str:
    """A message as a sentence on a page: a capital first, a full stop last."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if not text or text.endswith((".", "?", "!")) else ".")


def plural(count: int, one: str, many: str | None = None) -> str:
    """`3|plural('session')` -> '3 sessions', `1|plural('week')` -> '1 week': never 'week(s)'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def dose_words(exercise: Exercise) -> str:
    return describe_dose(exercise.kind, exercise.dosage, with_rest=True)


def basename(path: str) -> str:
    """A file's own name, without the folders it sits in (no folder names on a page)."""
    return PurePath(path).name


def install(env: Environment) -> None:
    env.filters.update(
        clock=clock,
        minutes=minutes,
        day=day,
        extract=extract,
        session_state=session_state,
        sentence=sentence,
        plural=plural,
        basename=basename,
    )
    # the plan request's own limits, so the form's and the planner's never differ
    env.globals.update(dose_words=dose_words, minutes_range=(MIN_MINUTES, MAX_MINUTES))
