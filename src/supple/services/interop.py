"""Handing the routine and the pain ratings to a clinic: `supple export --fhir FILE` (HL7 FHIR R4)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supple.errors import NotFound
from supple.export.fhir import fhir_bundle, form_checked
from supple.planner.plan import Plan
from supple.session.routine import plan_from_data
from supple.store.files.atomic import write_json_file

if TYPE_CHECKING:
    from supple.services.context import AppContext


@dataclass(frozen=True)
class FhirExport:
    bundle: dict[str, Any]
    routine: str | None  # the routine in the CarePlan, if any was saved
    observations: int


def fhir_export(context: AppContext, *, routine: str | None = None) -> FhirExport:
    """The saved routine (by name, else the one saved last) as a CarePlan and every pain rating (and
    every set's form summary, where the camera checked it) as an Observation, in a FHIR R4 Bundle.
    The routine goes as it was saved: an export is a record, so neither the safety gate nor today's
    precautions change it."""
    store, person = context.store, context.mode.person(None)
    catalog = context.content.catalog()
    found = store.routines.get(person_id=person, name=routine)
    if found is None and routine is not None:
        saved = ", ".join(store.routines.names(person_id=person)) or "none yet"
        raise NotFound(f"no saved routine {routine!r} (saved: {saved})")
    chosen: tuple[str, Plan] | None = None
    if found is not None:
        chosen = found.name, plan_from_data(found.plan, source=f"saved routine {found.name}", catalog=catalog)
    pain = store.history.pain_scores(person_id=person)
    # the person's creation time tells one supple's person from another's, without naming anyone
    key = f"{person}@{store.people.created_at(person_id=person).isoformat()}"
    sessions = store.history.sessions(person_id=person)  # their sets the camera checked go too
    title = found.title if found is not None else None
    bundle = fhir_bundle(
        subject_key=key, routine=chosen, pain=pain, catalog=catalog, now=context.now(), sessions=sessions, title=title
    )
    checked = sum(1 for session in sessions for done in session.sets if form_checked(done))
    return FhirExport(bundle, chosen[0] if chosen else None, len(pain) + checked)


def write_fhir(context: AppContext, *, path: Path, routine: str | None = None) -> FhirExport:
    """Write the FHIR Bundle to `path` as JSON."""
    export = fhir_export(context, routine=routine)
    write_json_file(path, export.bundle)
    return export
