"""The saved routine and the person's pain ratings as an HL7 FHIR R4 Bundle (type collection), for a
clinic's records: a CarePlan with one activity per exercise, one Observation per pain rating, and one
per set whose form the camera checked (its summary: docs/camera.md).

Plain JSON built by hand: no FHIR library at run time (the tests validate the output with
fhir.resources). Every resource says in its narrative that supple does not diagnose or treat.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from supple import __version__
from supple.catalog.dose import describe_dose
from supple.catalog.models import Catalog
from supple.planner.plan import Plan, PlanItem
from supple.progress.adherence import WEEKLY_GOAL, WEEKLY_GOAL_HIGH
from supple.progress.history import PainScore, SessionRecord
from supple.session.results import FinishedSet

JSON = dict[str, Any]
FHIR_VERSION = "4.0.1"
PAIN_CODE = {
    "system": "http://loinc.org",
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
UCUM = "http://unitsofmeasure.org"
SCORE_UNIT = "{score}"  # UCUM's annotation for a unitless score
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}
ACTIVITY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "activity",
    "display": "Activity",
}
FORM_CHECKED = "Form checked by the phone's camera during a stretching set"  # no standard code says it
NOT_A_DIAGNOSIS = (
    "Written by supple, a guided stretching coach. supple does not diagnose or treat anything: this is a "
    "home stretching routine and the person's own pain ratings, not a clinical assessment."
)
MOMENTS = {
    "before": "before a stretching session",
    "after": "after a stretching session",
    "hurt": "when a stretch hurt",
}
# Fixed, so the same person, routine and rating get the same ids in every export.
NAMESPACE = uuid.UUID("6f0c2a4e-5b7d-5d1e-9a43-0d6c1f2b8e71")


def fhir_bundle(
    *,
    subject_key: str,
    routine: tuple[str, Plan] | None,
    pain: Sequence[PainScore],
    catalog: Catalog,
    now: dt.datetime,
    sessions: Sequence[SessionRecord] = (),
    title: str | None = None,
) -> JSON:
    """The Bundle: a Patient standing for the person (no name or identifier: supple keeps none), the
    routine as a CarePlan (when there is one) and each pain rating as an Observation.
    `subject_key` tells people apart: the same key gives the same ids. Of `sessions`, the sets the
    camera checked go as Observations too. `title` is the routine's title as the person reads it
    (its name otherwise)."""
    patient_id = _id(subject_key, "patient")
    resources: list[JSON] = [_patient(patient_id)]
    if routine is not None:
        name, plan = routine
        # the id follows the routine's name, which a new title leaves as it is
        resources.append(_care_plan(_id(subject_key, "careplan", name), title or name, plan, catalog, patient_id))
    names = {exercise.id: exercise.name for exercise in catalog}
    for score in pain:
        key = _id(subject_key, "pain", str(score.session_id), score.moment, score.at.isoformat())
        resources.append(_observation(key, score, names, patient_id))
    for session in sessions:
        for number, done in enumerate(session.sets):
            if form_checked(done):
                key = _id(subject_key, "form", str(session.id), str(number))
                resources.append(_form_observation(key, session, done, names, patient_id))
    return {
        "resourceType": "Bundle",
        "id": _id(subject_key, "bundle", now.isoformat()),
        "meta": {"lastUpdated": _instant(now)},
        "type": "collection",
        "timestamp": _instant(now),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _instant(moment: dt.datetime) -> str:
    """An aware time in FHIR's form (seconds, with the offset): 2026-05-12T08:30:00+00:00."""
    if moment.tzinfo is None:
        raise ValueError("FHIR times need a time zone")
    return moment.replace(microsecond=0).isoformat()


def _narrative(*paragraphs: str, items: Iterable[str] = (), status: str = "generated") -> JSON:
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    listed = [f"<li>{html.escape(item, quote=False)}</li>" for item in items]
    if listed:
        body += f"<ol>{''.join(listed)}</ol>"
    return {"status": status, "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _patient(patient_id: str) -> JSON:
    return {
        "resourceType": "Patient",
        "id": patient_id,
        "text": _narrative("The person using supple (supple keeps no name or identifier)."),
        "active": True,
    }


def _schedule(seconds: int) -> JSON:
    """3-5 times a week, the articles' frequency (principles.yaml: how-often), `seconds` each time."""
    return {
        "repeat": {
            "duration": seconds, "durationUnit": "s",
            "frequency": WEEKLY_GOAL, "frequencyMax": WEEKLY_GOAL_HIGH, "period": 1, "periodUnit": "wk",
        },
        "code": {"text": f"{WEEKLY_GOAL}-{WEEKLY_GOAL_HIGH} times a week, or daily"},
    }  # fmt: skip


def _activity(item: PlanItem, catalog: Catalog) -> JSON:
    exercise = item.exercise
    words = describe_dose(exercise.kind, item.dosage, with_rest=True)
    description = f"{words}. " + " ".join((*item.modifications, *([f"Note: {item.note}"] if item.note else [])))
    detail: JSON = {
        "code": {"text": exercise.name},
        "status": "scheduled",
        "doNotPerform": False,
        "scheduledTiming": _schedule(item.seconds),
        "description": description.strip(),
    }
    reasons = [catalog.vocabulary.conditions[c].label for c in item.why if c in catalog.vocabulary.conditions]
    if reasons:
        detail["reasonCode"] = [{"text": reason} for reason in reasons]
    return {"detail": detail}


def _care_plan(plan_id: str, name: str, plan: Plan, catalog: Catalog, patient_id: str) -> JSON:
    minutes = -(-plan.total_seconds // 60)
    labels = [catalog.vocabulary.conditions[c].label for c in plan.conditions_covered]
    purpose = f", for {', '.join(labels).lower()}" if labels else ""
    description = (
        f"A home stretching routine of about {minutes} minutes{purpose}, "
        f"to do {WEEKLY_GOAL}-{WEEKLY_GOAL_HIGH} times a week or daily."
    )
    lines = [f"{i.exercise.name}: {describe_dose(i.exercise.kind, i.dosage, with_rest=True)}" for i in plan.items]
    return {
        "resourceType": "CarePlan",
        "id": plan_id,
        "text": _narrative(f"Routine: {name}. {description}", NOT_A_DIAGNOSIS, items=lines, status="additional"),
        "status": "active",
        "intent": "plan",
        "title": name,
        "description": description,
        "subject": {"reference": f"urn:uuid:{patient_id}"},
        "activity": [_activity(item, catalog) for item in plan.items],
        "note": [
            *([{"text": plan.note}] if plan.note else []),
            {"text": NOT_A_DIAGNOSIS + f" Exported by supple {__version__}."},
        ],  # fmt: skip
    }


def _observation(observation_id: str, score: PainScore, names: dict[str, str], patient_id: str) -> JSON:
    moment = MOMENTS[score.moment]
    if score.exercise is not None:
        moment += f" ({names.get(score.exercise, score.exercise)})"
    said = f"Pain {score.score}/10 {moment}, as the person rated it in supple. Not a diagnosis."
    return {
        "resourceType": "Observation",
        "id": observation_id,
        "text": _narrative(said),
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [PAIN_CODE], "text": "Pain severity 0-10"},
        "subject": {"reference": f"urn:uuid:{patient_id}"},
        "effectiveDateTime": _instant(score.at),
        "performer": [{"reference": f"urn:uuid:{patient_id}"}],
        "valueQuantity": {"value": score.score, "unit": SCORE_UNIT, "system": UCUM, "code": SCORE_UNIT},
        "note": [{"text": f"Rated {moment}."}],
    }


def form_checked(done: FinishedSet) -> bool:
    return done.in_position_s is not None or done.reps_counted is not None


def _form_observation(
    observation_id: str, session: SessionRecord, done: FinishedSet, names: dict[str, str], patient_id: str
) -> JSON:
    name = names.get(done.exercise, done.exercise) + (f", {done.side} side" if done.side else "")
    value: JSON
    if done.reps_counted is not None:
        said = f"{name}: {done.reps_counted} repetitions counted by the camera"
        value = {"valueInteger": done.reps_counted}
    else:
        seconds = done.in_position_s or 0.0
        said = f"{name}: in position {round(seconds)} of {round(done.seconds)} seconds, as the camera saw it"
        value = {"valueQuantity": {"value": seconds, "unit": "s", "system": UCUM, "code": "s"}}
    if done.correction:
        said += f"; the correction said most: {done.correction}"
    said += ". A guide to the position, not a clinical assessment."
    return {
        "resourceType": "Observation",
        "id": observation_id,
        "text": _narrative(said),
        "status": "final",
        "category": [{"coding": [ACTIVITY]}],
        "code": {"text": FORM_CHECKED},
        "subject": {"reference": f"urn:uuid:{patient_id}"},
        "effectiveDateTime": _instant(session.started_at),
        "performer": [{"reference": f"urn:uuid:{patient_id}"}],
        **value,
        "note": [{"text": said}],
    }
