"""Routine files -> a Plan to play: a saved plan's JSON, or a routine YAML a clinician wrote.

A clinician's routine (see docs/routines.md):

    name: Morning back routine
    warmup_minutes: 5            # 0 for none; default 5
    exercises:
      - exercise: knee-to-chest
      - exercise: piriformis-stretch
        hold_s: 30               # any dose field may be set; the rest come from the catalogue
        reps: 2

Either way, the steps are expanded afresh from the catalogue (so the timing is the session's
own) and today's screening precautions are applied: an exercise they exclude is left out with
a note, because the person's answers may have changed since the routine was written.

A plan's JSON keeps the request it was made for (`request`), so an easier exercise offered after
pain keeps to the same limits as the routine (no floor, positions, equipment, swaps). A routine
written by hand, or a plan saved before requests were kept, has the limits its own exercises
show: their positions are the ones it allows, and the household equipment is at hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from supple.catalog.loader import field_path, parse, read_yaml
from supple.catalog.models import Catalog, Dosage, Exercise, Id, Text, check_dose_fits_kind
from supple.errors import DataFileError, UnsafeToStart
from supple.planner.expand import expand
from supple.planner.plan import Plan, PlanItem, warmup_dose
from supple.planner.reasons import WARMUP_REASON
from supple.planner.request import PlanRequest
from supple.planner.select import START_POSITION
from supple.safety.models import Precaution
from supple.safety.rules import decide
from supple.validation import problem_words

DOSE_FIELDS = ("hold_s", "breaths", "reps", "sets", "rest_s", "effort_pct", "rep_s")
DEFAULT_WARMUP_MINUTES = 5
# An exercise of a routine: its dose, the conditions it serves, its modifications, why in words,
# and the note of whoever shaped the routine.
Chosen = tuple[Exercise, Dosage, tuple[str, ...], tuple[str, ...], tuple[str, ...], str]
MAX_NOTE = 500  # a note is a sentence or two


class RoutineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    exercise: Id
    hold_s: int | None = Field(default=None, gt=0, le=600)
    breaths: int | None = Field(default=None, gt=0, le=100)
    reps: int | None = Field(default=None, gt=0, le=100)
    sets: int | None = Field(default=None, gt=0, le=100)
    rest_s: int | None = Field(default=None, ge=0, le=600)
    effort_pct: int | None = Field(default=None, gt=0, le=100)
    rep_s: int | None = Field(default=None, gt=0, le=60)
    note: str | None = Field(default=None, max_length=MAX_NOTE)


class RoutineFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text | None = None
    notes: tuple[Text, ...] = ()
    note: str | None = Field(default=None, max_length=MAX_NOTE)
    warmup_minutes: int = Field(default=DEFAULT_WARMUP_MINUTES, ge=0, le=15)
    exercises: tuple[RoutineEntry, ...] = Field(min_length=1)


class SavedItem(BaseModel):
    """An item of a plan's JSON: only what is needed to play it again (steps are re-expanded)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    exercise: Id
    dose: dict[str, Any]
    why: tuple[str, ...] = ()
    modifications: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    note: str = Field(default="", max_length=MAX_NOTE)


class SavedRequest(BaseModel):
    """The request a plan was made for, as its JSON keeps it (PlanRequest.to_json)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    conditions: tuple[Id, ...] = Field(min_length=1, max_length=40)
    minutes: int = Field(ge=1, le=600)
    equipment: tuple[Id, ...] | None = Field(default=None, max_length=40)
    avoid_positions: tuple[Id, ...] = Field(default=(), max_length=40)
    no_floor: bool = False
    warmed_up: bool = False
    without: tuple[Id, ...] = Field(default=(), max_length=100)
    new_to_stretching: bool = False
    pain_today: int | None = Field(default=None, ge=0, le=10)

    def request(self) -> PlanRequest:
        return PlanRequest(**self.model_dump())


class SavedPlan(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    minutes: int = Field(ge=1, le=600)
    notes: tuple[str, ...] = ()
    conditions_covered: tuple[str, ...] = ()
    conditions_uncovered: tuple[str, ...] = ()
    # A routine being shaped by hand may have no exercise yet; it plays once it has one.
    items: tuple[SavedItem, ...] = Field(max_length=100)
    request: Any = None  # read on its own: a damaged request still lets the routine play
    note: str = Field(default="", max_length=MAX_NOTE)


def saved_request(data: Any) -> PlanRequest | None:
    """The request a plan's JSON keeps, or None (a routine written by hand, an older plan, or one
    whose request cannot be read)."""
    if not isinstance(data, dict) or not isinstance(data.get("request"), dict):
        return None
    try:
        return SavedRequest.model_validate(data["request"]).request()
    except ValidationError:
        return None


def limits_of_routine(exercises: Iterable[Exercise], *, catalog: Catalog, minutes: int) -> PlanRequest:
    """What a routine without a request allows: the positions its exercises are done in (every
    other one avoided), the household equipment, and the conditions they help with."""
    chosen = list(exercises)
    used = {exercise.position for exercise in chosen}
    return PlanRequest(
        conditions=tuple(sorted({c for exercise in chosen for c in exercise.helps_with})),
        minutes=minutes,
        avoid_positions=tuple(sorted(p for p in catalog.vocabulary.positions if p not in used)),
    )


def load_routine(path: Path, *, catalog: Catalog, precautions: Iterable[Precaution] = ()) -> Plan:
    # JSON is YAML too, so one reader takes both
    return plan_from_data(read_yaml(path), source=path, catalog=catalog, precautions=precautions)


def plan_from_data(data: Any, *, source: Path | str, catalog: Catalog, precautions: Iterable[Precaution] = ()) -> Plan:
    """A plan's JSON or a routine, already parsed (from a file, a saved session, a web form)."""
    path = Path(source) if isinstance(source, str) else source
    if isinstance(data, dict) and "items" in data:
        return _from_saved_plan(parse(SavedPlan, data, path), path, catalog, tuple(precautions))
    return _from_routine(parse(RoutineFile, data, path), path, catalog, tuple(precautions))


def _exercise(catalog: Catalog, exercise_id: str, path: Path, where: str) -> Exercise:
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        close = tuple(get_close_matches(exercise_id, catalog.exercises, n=3, cutoff=0.6))
        # the close ones travel as choices, which each adapter offers in its own words (once)
        problem = f"unknown exercise {exercise_id!r}"
        raise DataFileError(str(path), where, problem, topic="unknown-exercise", choices=close)
    return exercise


def _dosage(exercise: Exercise, changes: dict[str, Any], path: Path, where: str) -> Dosage:
    """The catalogue's dose with the routine's changes, checked like a catalogue file."""
    if not changes:
        return exercise.dosage
    merged = {**exercise.dosage.model_dump(), **changes}
    if "hold_s" in changes and "hold_range_s" not in changes:
        merged["hold_range_s"] = None  # a prescribed hold replaces the sources' range
    try:
        dosage = Dosage.model_validate(merged)
        check_dose_fits_kind(exercise.kind, dosage)
    except (ValidationError, ValueError) as error:
        if isinstance(error, ValidationError):
            first = error.errors(include_url=False)[0]
            where = f"{where}.{field_path(tuple(first['loc']))}"
            message = problem_words(first)
        else:
            message = str(error)
        raise DataFileError(str(path), where, message) from None
    return dosage


def _from_routine(routine: RoutineFile, path: Path, catalog: Catalog, precautions: Sequence[Precaution]) -> Plan:
    chosen: list[Chosen] = []
    warmup = warmup_dose(catalog, routine.warmup_minutes * 60)
    if warmup is not None:
        chosen.append((*warmup, (), (), (WARMUP_REASON,), ""))
    for number, entry in enumerate(routine.exercises):
        where = f"exercises[{number}]"
        exercise = _exercise(catalog, entry.exercise, path, f"{where}.exercise")
        changes = entry.model_dump(exclude={"exercise", "note"}, exclude_none=True)
        dosage = _dosage(exercise, changes, path, where)
        chosen.append((exercise, dosage, tuple(exercise.helps_with), (), (), entry.note or ""))
    limits = limits_of_routine((exercise for exercise, *_ in chosen), catalog=catalog, minutes=0)
    return _plan(chosen, 0, routine.notes, (), (), precautions, limits, routine.note or "")


def _chosen_of_saved(saved: SavedPlan, path: Path, catalog: Catalog) -> list[Chosen]:
    chosen: list[Chosen] = []
    for number, item in enumerate(saved.items):
        where = f"items[{number}]"
        exercise = _exercise(catalog, item.exercise, path, f"{where}.exercise")
        changes = {k: v for k, v in item.dose.items() if k in DOSE_FIELDS and v != getattr(exercise.dosage, k)}
        if "hold_range_s" in item.dose:  # the range the plan's hold came from plays back as it was
            saved_range = item.dose["hold_range_s"]
            saved_range = tuple(saved_range) if isinstance(saved_range, list) else saved_range
            if changes or saved_range != exercise.dosage.hold_range_s:
                changes["hold_range_s"] = saved_range
        dosage = _dosage(exercise, changes, path, f"{where}.dose")
        chosen.append((exercise, dosage, item.why, item.modifications, item.reasons, item.note))
    return chosen


def _from_saved_plan(saved: SavedPlan, path: Path, catalog: Catalog, precautions: Sequence[Precaution]) -> Plan:
    if not saved.items:  # a routine being shaped may be empty (items_as_written); one to play may not
        raise DataFileError(str(path), "items", "needs at least 1 item")
    chosen = _chosen_of_saved(saved, path, catalog)
    covered, uncovered = saved.conditions_covered, saved.conditions_uncovered
    limits = saved_request({"request": saved.request}) or limits_of_routine(
        (exercise for exercise, *_ in chosen), catalog=catalog, minutes=saved.minutes
    )
    return _plan(chosen, saved.minutes, saved.notes, covered, uncovered, precautions, limits, saved.note)


def items_as_written(data: Any, *, source: str, catalog: Catalog) -> tuple[PlanItem, ...]:
    """A saved routine's exercises laid out as written, every one of them, none left out for
    today's answers: what a routine being shaped by hand shows, one row for each of its items."""
    saved = parse(SavedPlan, data, Path(source))
    items: list[PlanItem] = []
    position = START_POSITION
    for exercise, dosage, why, modifications, reasons, note in _chosen_of_saved(saved, Path(source), catalog):
        steps = expand(exercise, dosage, moving=exercise.position != position)
        position = exercise.position
        items.append(PlanItem(exercise, dosage, why, tuple(steps), modifications, reasons, note))
    return tuple(items)


def _plan(
    chosen: Sequence[Chosen],
    minutes: int,  # 0: as long as the routine takes
    notes: Sequence[str],
    covered: Sequence[str],
    uncovered: Sequence[str],
    precautions: Sequence[Precaution],
    limits: PlanRequest,
    note: str = "",
) -> Plan:
    """Apply today's precautions and lay the steps out, moving position where the routine does."""
    items: list[PlanItem] = []
    kept_notes = list(notes)
    position = START_POSITION
    for exercise, dosage, why, modifications, reasons, item_note in chosen:
        decision = decide(exercise, precautions)
        if decision.status == "excluded":
            reason = "; ".join(decision.reasons)
            kept_notes.append(f"Left out {exercise.name}: {reason}. Ask whoever wrote the routine about it.")
            continue
        steps = expand(exercise, dosage, moving=exercise.position != position)
        position = exercise.position
        extra = tuple(m for m in decision.modifications if m not in modifications)
        items.append(PlanItem(exercise, dosage, why, tuple(steps), modifications + extra, reasons, item_note))
    if not any(item.exercise.kind != "warmup" for item in items):
        raise UnsafeToStart(
            "nothing in this routine suits your screening answers today: " + " ".join(kept_notes), topic="nothing-suits"
        )
    total = sum(item.seconds for item in items)
    minutes = minutes or -(-total // 60)
    return Plan(
        minutes=minutes,
        items=tuple(items),
        conditions_covered=tuple(covered),
        conditions_uncovered=tuple(uncovered),
        notes=tuple(kept_notes),
        request=limits if limits.minutes else replace(limits, minutes=minutes),
        note=note,
    )


def title_of(name: str, title: str | None) -> str:
    """The title a routine is shown by; one saved before titles shows its name in words
    ("my-routine": "My routine")."""
    if title:
        return title
    words = name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
