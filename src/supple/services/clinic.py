"""What a clinician does for their clients: add them, write or plan routines for them, see how
they are doing. Every use case first checks that the client is this clinician's: anyone else's
client is answered exactly like one that does not exist.

The safety rules are the client's own. A routine is planned against the client's screening
answers; a client whose latest screening found a warning sign gets no routine at all (no clinician
can lift a stop verdict from supple); and whatever is assigned passes the client's own gate, with
the precautions of the day, each time the client plays it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from supple.config import Settings
from supple.errors import DataFileError, NotFound, UnsafeToStart
from supple.planner.plan import Plan
from supple.safety.screen import Screening
from supple.services.content import catalog_for
from supple.services.core import (
    latest_screening,
    plan_request,
    plan_with,
    precautions_for,
    save_routine,
)
from supple.services.sessions import database
from supple.session.routine import plan_from_data
from supple.store import accounts as store
from supple.store import records

MAX_ROUTINE_TEXT = 20_000  # a routine file is a page of YAML


def clients(*, settings: Settings, clinician_id: int) -> list[store.AccountRecord]:
    return store.clients(database(settings), clinician_id=clinician_id)


def client(*, settings: Settings, clinician_id: int, client_id: int) -> store.AccountRecord:
    """The client, if they are this clinician's; NotFound otherwise, whether they exist or not."""
    found = store.client(database(settings), clinician_id=clinician_id, client_id=client_id)
    if found is None:
        raise NotFound(f"no client {client_id}")
    return found


def _screening_allowing_a_routine(settings: Settings, client_id: int, username: str) -> Screening | None:
    """The client's latest screening, unless it stops them: then nothing is planned for them."""
    screening = latest_screening(settings=settings, person_id=client_id)
    if screening is not None and screening.verdict == "stop":
        raise UnsafeToStart(
            f"{username} reported {'; '.join(screening.reasons)} in their safety check, which needs a "
            "doctor: supple will not give them a routine until they answer the safety questions again "
            "without a warning sign."
        )
    return screening


def assign_plan(
    *,
    settings: Settings,
    clinician_id: int,
    client_id: int,
    name: str,
    conditions: Sequence[str],
    minutes: int,
    equipment: Sequence[str] | None = None,
    avoid_positions: Sequence[str] = (),
    no_floor: bool = False,
    warmed_up: bool = False,
    without: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> Plan:
    """Plan a routine for the client with the same planner and safety rules as their own plans
    (their screening's precautions, their history), and keep it among their routines."""
    account = client(settings=settings, clinician_id=clinician_id, client_id=client_id)
    catalog, request = plan_request(
        settings=settings, conditions=conditions, minutes=minutes, equipment=equipment,
        avoid_positions=avoid_positions, no_floor=no_floor, warmed_up=warmed_up, without=without,
    )  # fmt: skip
    screening = _screening_allowing_a_routine(settings, client_id, account.username)
    plan = plan_with(settings=settings, catalog=catalog, request=request, screening=screening, person_id=client_id)
    save_routine(settings=settings, name=name, plan=plan, now=now, person_id=client_id)
    return plan


def assign_written(
    *, settings: Settings, clinician_id: int, client_id: int, name: str, routine: Any, now: dt.datetime | None = None
) -> Plan:
    """A routine the clinician wrote (docs/routines.md, already parsed), checked against the
    catalogue and the client's screening, kept among the client's routines."""
    account = client(settings=settings, clinician_id=clinician_id, client_id=client_id)
    screening = _screening_allowing_a_routine(settings, client_id, account.username)
    precautions = precautions_for(settings=settings, screening=screening) if screening is not None else ()
    plan = plan_from_data(routine, source=f"routine {name}", catalog=catalog_for(settings=settings),
                          precautions=precautions)  # fmt: skip
    save_routine(settings=settings, name=name, plan=plan, now=now, person_id=client_id)
    return plan


def assign_written_text(
    *, settings: Settings, clinician_id: int, client_id: int, name: str, text: str, now: dt.datetime | None = None
) -> Plan:
    """The same, from the routine's YAML as typed or pasted into the web form."""
    from supple.catalog.loader import parse_yaml

    source = f"routine {name}"
    if len(text) > MAX_ROUTINE_TEXT:
        raise DataFileError(source, "", f"a routine is at most {MAX_ROUTINE_TEXT} characters")
    data = parse_yaml(text, source)
    return assign_written(
        settings=settings, clinician_id=clinician_id, client_id=client_id, name=name, routine=data, now=now
    )


def client_routines(*, settings: Settings, clinician_id: int, client_id: int) -> list[str]:
    client(settings=settings, clinician_id=clinician_id, client_id=client_id)
    return records.routine_names(database(settings), person_id=client_id)


def client_routine(*, settings: Settings, clinician_id: int, client_id: int, name: str) -> Plan:
    """One of the client's routines as it would play for them today (their precautions applied),
    for the clinician to read or print; no gate, since reading it starts nothing."""
    client(settings=settings, clinician_id=clinician_id, client_id=client_id)
    found = records.routine(database(settings), person_id=client_id, name=name)
    if found is None:
        raise NotFound(f"no routine {name!r} for client {client_id}")
    screening = latest_screening(settings=settings, person_id=client_id)
    precautions = precautions_for(settings=settings, screening=screening) if screening is not None else ()
    try:
        return plan_from_data(found[1], source=f"routine {name}", catalog=catalog_for(settings=settings),
                              precautions=precautions)  # fmt: skip
    except UnsafeToStart:  # nothing in it suits their answers today: show it as written
        return plan_from_data(found[1], source=f"routine {name}", catalog=catalog_for(settings=settings))


def client_screening(*, settings: Settings, clinician_id: int, client_id: int) -> Screening | None:
    client(settings=settings, clinician_id=clinician_id, client_id=client_id)
    return latest_screening(settings=settings, person_id=client_id)
