"""Saved routines: keeping a plan under a name, and a routine as it plays today (a saved one by
name or the one saved last, or a routine file), after the safety gate and with today's precautions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.planner.plan import Plan
from supple.safety.screen import Screening
from supple.services.screening import precautions_for, require_safe_start, safe_start_gate
from supple.session.routine import load_routine, plan_from_data, title_of

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.store.repositories.routines import RoutineListed, RoutineVersion

ROUTINE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def routine_name(text: str) -> str:
    """A routine's name as a person may type it ("Morning stretch!") made one supple keeps
    ("morning-stretch"): lower case, accents dropped, anything but letters, digits, '-' and '_'
    turned into a dash. It may still be refused (nothing left of it, or too long)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    dashed = re.sub(r"[^a-z0-9_]*[^a-z0-9_-][^a-z0-9_]*", "-", plain.lower())
    return re.sub(r"-{2,}", "-", dashed)[:64].strip("-_")


def save_routine(
    context: AppContext,
    *,
    name: str,
    plan: Plan,
    person_id: int | None = None,
    given_by: int | None = None,
    title: str | None = None,
) -> None:
    """Keep the plan under a name (replacing one of the same name), to play or print later;
    `given_by` is the clinician who gives it to their client (services/clinic.py)."""
    if not name:
        raise BadRequest("give the routine a name, with at least one letter or digit")
    if not ROUTINE_NAME.match(name):
        raise BadRequest(
            "a routine's name is 1 to 64 lower-case letters, digits, dashes or underscores, starting with a "
            f"letter or digit (not {name!r})"
        )
    person = context.mode.person(person_id)
    shown = " ".join((title or "").split())[:200] or None  # the name as typed, for people to read
    context.store.routines.save(
        person_id=person, name=name, plan=plan.to_json(), now=context.now(), given_by=given_by, title=shown
    )
    # A routine saved again keeps its row; saved within the same instant it would keep its time too,
    # so what this process laid out before must go.
    context.plans_played.clear()


def routine_title(context: AppContext, *, name: str, person_id: int | None = None) -> str:
    """The routine's title as the person gave it (its name in words for one saved before titles)."""
    found = context.store.routines.record(person_id=context.mode.person(person_id), name=name)
    return found.title if found is not None else title_of(name, None)


def routine_names(context: AppContext, *, person_id: int | None = None) -> list[str]:
    return context.store.routines.names(person_id=context.mode.person(person_id))


def routines_listed(context: AppContext, *, person_id: int | None = None) -> list[RoutineListed]:
    """The person's routines, each with when it was saved and which clinician gave it, if one did."""
    return context.store.routines.listed(person_id=context.mode.person(person_id))


def routine_to_play(
    context: AppContext,
    *,
    plan_file: Path | None = None,
    routine: str | None = None,
    ack_caution: bool = False,
    person_id: int | None = None,
) -> Plan:
    """A routine file (a plan's JSON or a clinician's YAML), a saved routine by name, or else the
    routine saved last; after the safety gate, with today's precautions applied."""
    if plan_file is None:
        return saved_routine(context, name=routine, ack_caution=ack_caution, person_id=person_id)[1]
    screening = require_safe_start(context, ack_caution=ack_caution, person_id=person_id)
    precautions = precautions_for(context, screening=screening)
    return load_routine(plan_file, catalog=context.content.catalog(), precautions=precautions)


def saved_routine(
    context: AppContext, *, name: str | None = None, ack_caution: bool = False, person_id: int | None = None
) -> tuple[str, Plan]:
    """A saved routine by name (else the one saved last) and its name, as it would be played
    today: after the safety gate, with today's precautions applied."""
    gate = safe_start_gate(context, ack_caution=ack_caution)
    screening, found = context.mode.routine_past_gate(person_id, name, gate)
    return _saved(context, name, screening, person_id, found)


def saved_routine_to_read(
    context: AppContext, *, name: str | None = None, person_id: int | None = None
) -> tuple[str, Plan]:
    """A saved routine to read or print (the handout), with the precautions of the latest screening.
    Reading starts nothing, so it needs no fresh screening (after a "this hurts", or a month on),
    as a clinician reads a client's routine; but a stop verdict (a warning sign that needs a
    doctor) hands out no programme at all."""
    screening, found = context.mode.routine_past_gate(person_id, name, _no_stop)
    return _saved(context, name, screening, person_id, found)


def _no_stop(screening: Screening | None) -> Screening | None:
    if screening is not None and screening.verdict == "stop":
        raise UnsafeToStart(
            f"No programme is handed out while your safety check has a warning sign: you reported "
            f"{'; '.join(screening.reasons)}. {screening.advice}",
            topic=f"stop-{screening.urgency or 'emergency'}",
        )
    return screening


def _saved(
    context: AppContext, name: str | None, screening: Screening | None, person_id: int | None,
    found: RoutineVersion | None,
) -> tuple[str, Plan]:  # fmt: skip
    precautions = precautions_for(context, screening=screening)
    routines, person = context.store.routines, context.mode.person(person_id)
    if found is None and name is not None:
        saved = ", ".join(routines.names(person_id=person)) or "none yet"
        raise NotFound(f"no saved routine {name!r} (saved: {saved})")
    if found is None:
        raise NotFound("no routine to play yet: make one and save it first")
    catalog = context.content.catalog()
    key = (found.id, found.saved_at, tuple(p.id for p in precautions))
    known = context.plans_played.get(key)
    if known is not None and known[0] is catalog:
        return found.name, known[1]
    data = routines.plan(routine_id=found.id)
    if isinstance(data, dict) and data.get("items") == []:  # started in the builder, nothing added yet
        raise BadRequest("this routine has no exercises yet: add some to it first", topic="empty-routine")
    plan = plan_from_data(data, source=f"saved routine {found.name}", catalog=catalog, precautions=precautions)
    context.plans_played.put(key, (catalog, plan))
    return found.name, plan
