"""The use cases that the command line and the web app share. Keyword-only, settings injected."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from supple.catalog.models import Catalog, Exercise
from supple.catalog.query import filter_exercises, find_exercise
from supple.config import Settings
from supple.errors import BadRequest, NotFound
from supple.planner.candidates import dose_options
from supple.planner.expand import expand
from supple.planner.personal import Personal
from supple.planner.plan import Plan, PlanItem, build_plan
from supple.planner.request import PlanRequest, make_request
from supple.safety.gate import check_gate
from supple.safety.models import Precaution, Question
from supple.safety.rules import active_precautions, decide
from supple.safety.screen import Screening, fresh_screening_needed, screen
from supple.services.content import catalog_for, safety_for
from supple.services.recent import Recent
from supple.store.personal_file import load_personal
from supple.store.screening_file import load_screening, save_screening

if TYPE_CHECKING:
    from supple.session.engine import Cue


def list_exercises(
    *,
    settings: Settings,
    condition: str | None = None,
    position: str | None = None,
    kind: str | None = None,
    equipment: str | None = None,
) -> list[Exercise]:
    return filter_exercises(
        catalog_for(settings=settings), condition=condition, position=position, kind=kind, equipment=equipment
    )


def get_exercise(*, settings: Settings, exercise_id: str) -> Exercise:
    return find_exercise(catalog_for(settings=settings), exercise_id)


# --- safety ------------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now(dt.UTC)


def screening_questions(*, settings: Settings) -> tuple[Question, ...]:
    return safety_for(settings=settings).questions


def record_screening(
    *, settings: Settings, yes: Iterable[str], now: dt.datetime | None = None, person_id: int | None = None
) -> Screening:
    """Screen with these yes-answers (every other question answered no) and keep the result."""
    screening = screen(safety_for(settings=settings), yes, now=_now(now))
    if not settings.multi_user:
        # The history is kept in the database; screening.json stays the one person's gate, which
        # lets `supple plan` check it without opening the database (its start-up budget).
        save_screening(home=settings.home, screening=screening)
    from supple.services.sessions import database, person_of
    from supple.store import records

    records.add_screening(database(settings), person_id=person_of(settings, person_id), screening=screening)
    return screening


def latest_screening(*, settings: Settings, person_id: int | None = None) -> Screening | None:
    """The person's latest screening: SUPPLE_HOME's file for the one person, else the database's
    latest (clinic mode: every person has their own, and the workers keep no files)."""
    if not settings.multi_user:
        return load_screening(home=settings.home)
    from supple.services.sessions import database, person_of
    from supple.store import records

    found = records.latest_screening(database(settings), person_id=person_of(settings, person_id))
    if found is None:
        return None
    taken_at, _, yes, invalidated = found
    try:  # the reasons and advice are worked out again from the answers, as they were given
        screening = screen(safety_for(settings=settings), yes, now=taken_at)
    except BadRequest:  # a question since removed from supple: ask the questions again
        return None
    return screening.invalidate(invalidated) if invalidated else screening


def require_safe_start(
    *, settings: Settings, ack_caution: bool, now: dt.datetime | None = None, person_id: int | None = None
) -> Screening:
    """The gate `plan` and `go` pass first: raises UnsafeToStart (exit 3) when they must not start."""
    screening = latest_screening(settings=settings, person_id=person_id)
    return check_gate(screening, now=_now(now), ack_caution=ack_caution)


def request_fresh_screening(*, settings: Settings, reason: str, person_id: int | None = None) -> None:
    """Ask for a new screening before the next routine, e.g. after a "this hurts" in a session."""
    screening = latest_screening(settings=settings, person_id=person_id)
    if screening is not None:
        if not settings.multi_user:
            save_screening(home=settings.home, screening=screening.invalidate(reason))
        from supple.services.sessions import database, person_of
        from supple.store import records

        person = person_of(settings, person_id)
        records.invalidate_latest_screening(database(settings), person_id=person, reason=reason)


def precautions_for(
    *, settings: Settings, screening: Screening, conditions: Iterable[str] = ()
) -> tuple[Precaution, ...]:
    return active_precautions(safety_for(settings=settings), answers=screening.answered_yes, conditions=conditions)


def screening_staleness(*, screening: Screening, now: dt.datetime | None = None) -> str | None:
    """Why a stored screening no longer counts (older than 30 days, or a "this hurts" since)."""
    return fresh_screening_needed(screening, now=_now(now))


# --- planning ----------------------------------------------------------------------------------


def make_plan(
    *,
    settings: Settings,
    conditions: Sequence[str],
    minutes: int,
    equipment: Sequence[str] | None = None,
    avoid_positions: Sequence[str] = (),
    no_floor: bool = False,
    warmed_up: bool = False,
    ack_caution: bool = False,
    without: Sequence[str] = (),
    now: dt.datetime | None = None,
    person_id: int | None = None,
) -> Plan:
    """A routine for this request, after the safety gate, with the screening's precautions applied.
    `without` swaps exercises out: the best routine that leaves them out."""
    catalog, request = plan_request(
        settings=settings, conditions=conditions, minutes=minutes, equipment=equipment,
        avoid_positions=avoid_positions, no_floor=no_floor, warmed_up=warmed_up, without=without,
    )  # fmt: skip
    screening = require_safe_start(settings=settings, ack_caution=ack_caution, now=now, person_id=person_id)
    return plan_with(settings=settings, catalog=catalog, request=request, screening=screening, person_id=person_id)


def plan_request(
    *,
    settings: Settings,
    conditions: Sequence[str],
    minutes: int,
    equipment: Sequence[str] | None = None,
    avoid_positions: Sequence[str] = (),
    no_floor: bool = False,
    warmed_up: bool = False,
    without: Sequence[str] = (),
) -> tuple[Catalog, PlanRequest]:
    """The catalogue and the request checked against it (BadRequest says what is valid)."""
    catalog = catalog_for(settings=settings)
    request = make_request(
        catalog.vocabulary,
        conditions=conditions,
        minutes=minutes,
        equipment=equipment,
        avoid_positions=avoid_positions,
        no_floor=no_floor,
        warmed_up=warmed_up,
        without=without,
        exercise_ids=catalog.exercises,
    )
    return catalog, request


def plan_with(
    *, settings: Settings, catalog: Catalog, request: PlanRequest, screening: Screening | None, person_id: int | None
) -> Plan:
    """The plan for a request, with the screening's precautions (if any) and the person's history."""
    answers = screening.answered_yes if screening is not None else ()
    precautions = active_precautions(safety_for(settings=settings), answers=answers, conditions=request.conditions)
    return build_plan(catalog, request, precautions=precautions, personal=personal_advice(settings, person_id))


def personal_advice(settings: Settings, person_id: int | None) -> Personal:
    """What the person's history changes in the next plan (dose adaptation), kept when a session ends."""
    if not settings.multi_user:
        return load_personal(home=settings.home)
    from supple.services.sessions import database, person_of
    from supple.store import records

    advice = records.next_plan_advice(database(settings), person_id=person_of(settings, person_id))
    return Personal.from_json(advice) if advice else Personal()


ROUTINE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def save_routine(
    *, settings: Settings, name: str, plan: Plan, now: dt.datetime | None = None, person_id: int | None = None
) -> None:
    """Keep the plan under a name, for `supple go --routine NAME` (and plain `supple go`)."""
    if not ROUTINE_NAME.match(name):
        raise BadRequest(
            f"routine name {name!r}: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit"
        )
    from supple.services.sessions import database, person_of
    from supple.store import records

    person = person_of(settings, person_id)
    records.save_routine(database(settings), person_id=person, name=name, plan=plan.to_json(), now=_now(now))


def routine_names(*, settings: Settings, person_id: int | None = None) -> list[str]:
    from supple.services.sessions import database, person_of
    from supple.store import records

    return records.routine_names(database(settings), person_id=person_of(settings, person_id))


# --- guided sessions ---------------------------------------------------------------------------


def routine_to_play(
    *,
    settings: Settings,
    plan_file: Path | None = None,
    routine: str | None = None,
    ack_caution: bool = False,
    now: dt.datetime | None = None,
    person_id: int | None = None,
) -> Plan:
    """A routine file (a plan's JSON or a clinician's YAML), a saved routine by name, or else the
    routine saved last; after the safety gate, with today's precautions applied."""
    if plan_file is None:
        return saved_routine(settings=settings, name=routine, ack_caution=ack_caution, now=now, person_id=person_id)[1]
    screening = require_safe_start(settings=settings, ack_caution=ack_caution, now=now, person_id=person_id)
    precautions = precautions_for(settings=settings, screening=screening)
    # imported here, as below: routine files and the session engine are not needed to plan
    from supple.session.routine import load_routine

    return load_routine(plan_file, catalog=catalog_for(settings=settings), precautions=precautions)


def saved_routine(
    *,
    settings: Settings,
    name: str | None = None,
    ack_caution: bool = False,
    now: dt.datetime | None = None,
    person_id: int | None = None,
) -> tuple[str, Plan]:
    """A saved routine by name (else the one saved last) and its name, as it would be played
    today: after the safety gate, with today's precautions applied."""
    from supple.services.sessions import database, person_of
    from supple.store import records

    screening = require_safe_start(settings=settings, ack_caution=ack_caution, now=now, person_id=person_id)
    precautions = precautions_for(settings=settings, screening=screening)
    db, person = database(settings), person_of(settings, person_id)
    found = records.routine_version(db, person_id=person, name=name)
    if found is None and name is not None:
        saved = ", ".join(records.routine_names(db, person_id=person)) or "none yet"
        raise NotFound(f"no saved routine {name!r} (saved: {saved})")
    if found is None:
        raise NotFound(
            "no routine to play yet: pass --for CONDITION ... --minutes N, or --plan FILE, "
            "or save one with `supple plan ... --save NAME`"
        )
    routine_id, found_name, saved_at = found
    catalog = catalog_for(settings=settings)
    key = (str(db.url), routine_id, saved_at, tuple(p.id for p in precautions))
    known = _played.get(key)
    if known is not None and known[0] is catalog:
        return found_name, known[1]
    data = records.routine_plan(db, routine_id=routine_id)
    from supple.session.routine import plan_from_data

    plan = plan_from_data(data, source=f"saved routine {found_name}", catalog=catalog, precautions=precautions)
    _played.put(key, (catalog, plan))
    return found_name, plan


# The last few plans made from saved routines, so the player and the API, which ask for one at every
# start, do not lay the same routine out again until it, today's precautions or the catalogue change.
_played: Recent[tuple[object, ...], tuple[Catalog, Plan]] = Recent(256)


def rehearse_session(*, plan: Plan) -> list[Cue]:
    from supple.session.engine import rehearse

    return rehearse(plan)


def easier_now(*, settings: Settings, exercise_id: str, person_id: int | None = None) -> PlanItem | None:
    """After a "this hurts": the first easier alternative today's precautions allow, at the gentle
    end of its dose, ready to put into the session (or None)."""
    catalog = catalog_for(settings=settings)
    screening = latest_screening(settings=settings, person_id=person_id)
    precautions = precautions_for(settings=settings, screening=screening) if screening else ()
    for easier_id in catalog.exercises[exercise_id].easier:
        # the shorter hold first: gentler after pain
        for _, exercise in reversed(dose_options(catalog.exercises[easier_id])):
            if decide(exercise, precautions).status != "excluded":
                steps = tuple(expand(exercise, exercise.dosage, moving=True))
                return PlanItem(exercise, exercise.dosage, ("an easier option after pain",), steps)
    return None


def report_pain(*, settings: Settings, exercise_name: str, person_id: int | None = None) -> None:
    """A "this hurts" means the answers may have changed: screen again before the next routine."""
    request_fresh_screening(settings=settings, reason=f"you reported pain during {exercise_name}", person_id=person_id)
