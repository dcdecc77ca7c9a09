from __future__ import annotations

import datetime as dt
import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation

from supple.catalog.dose import describe_dose
from supple.export.fhir import fhir_bundle
from supple.progress.history import PainScore

NOW = dt.datetime(2026, 5, 12, 9, 30, 15, 123456, tzinfo=dt.UTC)
MORNING = dt.datetime(2026, 5, 11, 7, 0, tzinfo=dt.UTC)
PAIN = [
    PainScore(MORNING, 4, "before", 1),
    PainScore(MORNING + dt.timedelta(minutes=6), 6, "hurt", 1, "childs-pose"),
    PainScore(MORNING + dt.timedelta(minutes=15), 2, "after", 1),
]


def export(plan, catalog, *, key: str = "1@2026-01-01", routine: bool = True, pain=PAIN) -> dict:
    return fhir_bundle(subject_key=key, routine=("morning", plan) if routine else None, pain=pain, catalog=catalog,
                       now=NOW)  # fmt: skip


def resources(bundle: dict, kind: str) -> list[dict]:
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


def test_the_bundle_validates_as_fhir_r4b_through_json(plan, catalog) -> None:
    bundle = export(plan, catalog)
    parsed = Bundle.model_validate_json(json.dumps(bundle))
    assert parsed.type == "collection"
    kinds = [type(entry.resource).__name__ for entry in parsed.entry]
    assert kinds == ["Patient", "CarePlan", "Observation", "Observation", "Observation"]


def test_the_care_plan_has_an_activity_per_exercise_with_dose_in_words_and_schedule(plan, catalog) -> None:
    (care_plan,) = resources(export(plan, catalog), "CarePlan")
    parsed = CarePlan.model_validate(care_plan)
    assert (parsed.status, parsed.intent, parsed.title) == ("active", "plan", "morning")
    assert len(parsed.activity) == len(plan.items)
    for activity, item in zip(parsed.activity, plan.items, strict=True):
        detail = activity.detail
        assert detail.code.text == item.exercise.name
        assert detail.description.startswith(describe_dose(item.exercise.kind, item.dosage, with_rest=True))
        repeat = detail.scheduledTiming.repeat
        assert (repeat.frequency, repeat.frequencyMax, repeat.period, repeat.periodUnit) == (3, 5, 1, "wk")
        assert repeat.duration == item.seconds and repeat.durationUnit == "s"
    hip = parsed.activity[1].detail
    assert hip.description == "3 x 30 s each side, rest 10 s."
    assert "Hip pain" in [reason.text for reason in hip.reasonCode]


def test_pain_ratings_are_loinc_0_to_10_observations_in_ucum_score(plan, catalog) -> None:
    observations = [Observation.model_validate(o) for o in resources(export(plan, catalog), "Observation")]
    assert [o.valueQuantity.value for o in observations] == [4, 6, 2]
    for observation in observations:
        (coding,) = observation.code.coding
        assert (coding.system, coding.code) == ("http://loinc.org", "72514-3")
        assert coding.display == "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
        quantity = observation.valueQuantity
        assert (quantity.system, quantity.code, quantity.unit) == ("http://unitsofmeasure.org", "{score}", "{score}")
        assert observation.status == "final" and observation.category[0].coding[0].code == "survey"
    assert observations[0].effectiveDateTime == MORNING
    assert "before a stretching session" in observations[0].note[0].text
    assert "when a stretch hurt (Child's pose)" in observations[1].note[0].text


def test_every_resource_says_supple_does_not_diagnose(plan, catalog) -> None:
    bundle = export(plan, catalog)
    (care_plan,) = resources(bundle, "CarePlan")
    assert "does not diagnose or treat" in care_plan["text"]["div"]
    assert "does not diagnose or treat" in care_plan["note"][0]["text"]
    for observation in resources(bundle, "Observation"):
        assert "Not a diagnosis" in observation["text"]["div"]
    for entry in bundle["entry"]:
        assert entry["resource"]["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')


def test_references_point_at_entries_of_the_bundle(plan, catalog) -> None:
    bundle = export(plan, catalog)
    full_urls = {entry["fullUrl"] for entry in bundle["entry"]}
    (patient,) = resources(bundle, "Patient")
    assert f"urn:uuid:{patient['id']}" in full_urls
    subjects = [r["subject"]["reference"] for r in resources(bundle, "CarePlan") + resources(bundle, "Observation")]
    assert subjects and set(subjects) == {f"urn:uuid:{patient['id']}"}


def test_ids_are_the_same_for_the_same_person_and_differ_for_another(plan, catalog) -> None:
    ids = [entry["fullUrl"] for entry in export(plan, catalog)["entry"]]
    assert ids == [entry["fullUrl"] for entry in export(plan, catalog)["entry"]]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {entry["fullUrl"] for entry in export(plan, catalog, key="2@2026-02-02")["entry"]}


def test_without_a_saved_routine_the_bundle_holds_the_pain_ratings_only(plan, catalog) -> None:
    bundle = export(plan, catalog, routine=False)
    Bundle.model_validate(bundle)
    assert not resources(bundle, "CarePlan") and len(resources(bundle, "Observation")) == 3


def test_times_carry_their_offset_to_the_second(plan, catalog) -> None:
    bundle = export(plan, catalog)
    assert bundle["timestamp"] == "2026-05-12T09:30:15+00:00"
    with pytest.raises(ValueError, match="time zone"):
        export(plan, catalog, pain=[PainScore(dt.datetime(2026, 5, 11, 7, 0), 3, "before", 1)])
