"""What a clinician does for their clients: add them, write or plan routines for them, see how
they are doing. Every use case first checks that the client is this clinician's: anyone else's
client is answered exactly like one that does not exist.

The safety rules are the client's own. A routine is planned against the client's screening
answers; a client whose latest screening found a warning sign gets no routine at all (no clinician
can lift a stop verdict from supple); and whatever is assigned passes the client's own gate, with
the precautions of the day, each time the client plays it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supple.catalog.loader import parse_yaml
from supple.errors import DataFileError, NotFound, UnsafeToStart
from supple.planner.plan import Plan
from supple.planner.request import PlanRequest
from supple.progress.alerts import alerts, alerts_since
from supple.progress.exercise_history import ExerciseTally
from supple.progress.history import PainReport, SessionRecord
from supple.safety.screen import Screening
from supple.services import history
from supple.services.planning import check_request, plan_with
from supple.services.routines import save_routine
from supple.services.screening import latest_screening, precautions_for
from supple.session.routine import plan_from_data

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.services.history import ExerciseDetail, SessionDetail
    from supple.store.repositories.accounts import Account
    from supple.store.repositories.routines import RoutineListed

MAX_ROUTINE_TEXT = 20_000  # a routine file is a page of YAML


def clients(context: AppContext, *, clinician_id: int) -> list[Account]:
    return context.store.accounts.clients(clinician_id=clinician_id)


def client(context: AppContext, *, clinician_id: int, client_id: int) -> Account:
    """The client, if they are this clinician's; NotFound otherwise, whether they exist or not."""
    found = context.store.accounts.client(clinician_id=clinician_id, client_id=client_id)
    if found is None:
        raise NotFound("that is not one of your clients")
    return found


def _screening_allowing_a_routine(context: AppContext, client_id: int, username: str) -> Screening | None:
    """The client's latest screening, unless it stops them: then nothing is planned for them."""
    screening = latest_screening(context, person_id=client_id)
    if screening is not None and screening.verdict == "stop":
        raise UnsafeToStart(
            f"{username} reported {'; '.join(screening.reasons)} in their safety check, which needs a "
            "doctor: supple will not give them a routine until they answer the safety questions again "
            "without a warning sign.",
            topic="client-stop",
        )
    return screening


def assign_plan(context: AppContext, *, clinician_id: int, client_id: int, name: str, request: PlanRequest) -> Plan:
    """Plan a routine for the client with the same planner and safety rules as their own plans
    (their screening's precautions, their history), and keep it among their routines."""
    account = client(context, clinician_id=clinician_id, client_id=client_id)
    checked = check_request(context, request)
    screening = _screening_allowing_a_routine(context, client_id, account.username)
    plan = plan_with(context, request=checked, screening=screening, person_id=client_id)
    save_routine(context, name=name, plan=plan, person_id=client_id, given_by=clinician_id)
    return plan


def assign_written(context: AppContext, *, clinician_id: int, client_id: int, name: str, routine: Any) -> Plan:
    """A routine the clinician wrote (docs/routines.md, already parsed), checked against the
    catalogue and the client's screening, kept among the client's routines."""
    account = client(context, clinician_id=clinician_id, client_id=client_id)
    screening = _screening_allowing_a_routine(context, client_id, account.username)
    precautions = precautions_for(context, screening=screening)
    plan = plan_from_data(routine, source=f"routine {name}", catalog=context.content.catalog(),
                          precautions=precautions)  # fmt: skip
    save_routine(context, name=name, plan=plan, person_id=client_id, given_by=clinician_id)
    return plan


def assign_written_text(context: AppContext, *, clinician_id: int, client_id: int, name: str, text: str) -> Plan:
    """The same, from the routine's YAML as typed or pasted into the web form."""
    source = f"routine {name}"
    if len(text) > MAX_ROUTINE_TEXT:
        raise DataFileError(source, "", f"a routine is at most {MAX_ROUTINE_TEXT} characters")
    data = parse_yaml(text, source)
    return assign_written(context, clinician_id=clinician_id, client_id=client_id, name=name, routine=data)


def client_routines(context: AppContext, *, clinician_id: int, client_id: int) -> list[str]:
    client(context, clinician_id=clinician_id, client_id=client_id)
    return context.store.routines.names(person_id=client_id)


def client_routines_listed(context: AppContext, *, clinician_id: int, client_id: int) -> list[RoutineListed]:
    """The client's routines, each with when it was saved and who gave it."""
    client(context, clinician_id=clinician_id, client_id=client_id)
    return context.store.routines.listed(person_id=client_id)


def client_routine(context: AppContext, *, clinician_id: int, client_id: int, name: str) -> Plan:
    """One of the client's routines as it would play for them today (their precautions applied),
    for the clinician to read or print; no gate, since reading it starts nothing."""
    client(context, clinician_id=clinician_id, client_id=client_id)
    found = context.store.routines.get(person_id=client_id, name=name)
    if found is None:
        raise NotFound(f"your client has no routine called {name!r}")
    precautions = precautions_for(context, screening=latest_screening(context, person_id=client_id))
    catalog, source = context.content.catalog(), f"routine {name}"
    try:
        return plan_from_data(found.plan, source=source, catalog=catalog, precautions=precautions)
    except UnsafeToStart:  # nothing in it suits their answers today: show it as written
        return plan_from_data(found.plan, source=source, catalog=catalog)


def alerts_of_clients(context: AppContext, *, clinician_id: int) -> dict[int, list[PainReport]]:
    """Each of the clinician's clients with alerts (a "this hurts", a pain of 6 or more) in the
    last 30 days, newest first (progress/alerts.py)."""
    ids = [account.person_id for account in clients(context, clinician_id=clinician_id)]
    reports = context.store.history.pain_reports(person_ids=ids, since=alerts_since(context.now()))
    return alerts(reports)


def client_alerts(context: AppContext, *, clinician_id: int, client_id: int) -> list[PainReport]:
    client(context, clinician_id=clinician_id, client_id=client_id)
    reports = context.store.history.pain_reports(person_ids=[client_id], since=alerts_since(context.now()))
    return alerts(reports).get(client_id, [])


def client_screening(context: AppContext, *, clinician_id: int, client_id: int) -> Screening | None:
    client(context, clinician_id=clinician_id, client_id=client_id)
    return latest_screening(context, person_id=client_id)


def client_session(context: AppContext, *, clinician_id: int, client_id: int, session_id: int) -> SessionDetail:
    """One of the client's sessions, as the client's own page shows it."""
    client(context, clinician_id=clinician_id, client_id=client_id)
    return history.session_detail(context, session_id=session_id, person_id=client_id)


def client_exercise(context: AppContext, *, clinician_id: int, client_id: int, exercise_id: str) -> ExerciseDetail:
    client(context, clinician_id=clinician_id, client_id=client_id)
    return history.exercise_detail(context, exercise_id=exercise_id, person_id=client_id)


def client_exercises(context: AppContext, *, clinician_id: int, client_id: int) -> list[ExerciseTally]:
    client(context, clinician_id=clinician_id, client_id=client_id)
    return history.exercises_of(context, person_id=client_id)


def client_sessions(context: AppContext, *, clinician_id: int, client_id: int) -> list[SessionRecord]:
    """Every session of the client, newest first."""
    client(context, clinician_id=clinician_id, client_id=client_id)
    return history.sessions_listed(context, person_id=client_id)
