"""Handing the routine and the pain ratings to a clinic: `supple export --fhir FILE` (HL7 FHIR R4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supple.config import Settings
from supple.errors import BadRequest, NotFound
from supple.planner.plan import Plan
from supple.services.content import catalog_for
from supple.services.sessions import database, local_person, utc_now


@dataclass(frozen=True)
class FhirExport:
    bundle: dict[str, Any]
    routine: str | None  # the routine in the CarePlan, if any was saved
    observations: int


def fhir_export(*, settings: Settings, routine: str | None = None, now: dt.datetime | None = None) -> FhirExport:
    """The saved routine (by name, else the one saved last) as a CarePlan and every pain rating as an
    Observation, in a FHIR R4 Bundle. The routine goes as it was saved: an export is a record, so
    neither the safety gate nor today's precautions change it."""
    from supple.export.fhir import fhir_bundle
    from supple.session.routine import plan_from_data
    from supple.store import logbook, records

    db, person = database(settings), local_person(settings)
    catalog = catalog_for(settings=settings)
    found = records.routine(db, person_id=person, name=routine)
    if found is None and routine is not None:
        saved = ", ".join(records.routine_names(db, person_id=person)) or "none yet"
        raise NotFound(f"no saved routine {routine!r} (saved: {saved})")
    chosen: tuple[str, Plan] | None = None
    if found is not None:
        name, data = found
        chosen = name, plan_from_data(data, source=f"saved routine {name}", catalog=catalog)
    pain = logbook.pain_scores(db, person_id=person)
    # the person's creation time tells one supple's person from another's, without naming anyone
    key = f"{person}@{records.person_created_at(db, person_id=person).isoformat()}"
    bundle = fhir_bundle(subject_key=key, routine=chosen, pain=pain, catalog=catalog, now=now or utc_now())
    return FhirExport(bundle, chosen[0] if chosen else None, len(pain))


def write_fhir(*, settings: Settings, path: Path, routine: str | None = None) -> FhirExport:
    """Write the FHIR Bundle to `path` as JSON."""
    from supple.store.atomic import write_json_atomically

    export = fhir_export(settings=settings, routine=routine)
    try:
        write_json_atomically(path, export.bundle)
    except OSError as error:
        raise BadRequest(f"{path}: cannot be written ({error.strerror})") from None
    return export
