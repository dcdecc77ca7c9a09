from __future__ import annotations

import json
from pathlib import Path

import pytest

from supple.errors import DataFileError, UnsafeToStart
from supple.planner.expand import READY_S
from supple.safety.models import Precaution
from supple.session.routine import load_routine

from .conftest import make_plan


def precaution(*excluded: str) -> Precaution:
    return Precaution.model_validate(
        {
            "id": "test", "title": "Test", "when_answers": ["x"], "exclude_exercises": list(excluded),
            "reason": "not today", "sources": [{"title": "A Test Article", "facts": ["A fact."]}],
        }
    )  # fmt: skip


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clinicians_routine_uses_the_catalogue_dose_unless_it_sets_one(catalog, tmp_path) -> None:
    routine = write(
        tmp_path / "sam.yaml",
        "name: Sam's mornings\nwarmup_minutes: 0\nexercises:\n"
        "  - exercise: beta-stretch\n  - exercise: alpha-stretch\n    hold_s: 45\n    reps: 2\n",
    )
    plan = load_routine(routine, catalog=catalog)
    beta, alpha = plan.items
    assert beta.dosage == catalog.exercises["beta-stretch"].dosage
    assert (alpha.dosage.hold_s, alpha.dosage.reps, alpha.dosage.hold_range_s) == (45, 2, None)
    assert alpha.steps[0].kind == "move"  # down to the floor after the standing stretch
    assert plan.minutes == -(-plan.total_seconds // 60)


def test_a_saved_plan_plays_back_with_the_same_steps(catalog, tmp_path) -> None:
    plan = make_plan(catalog, ["beta-stretch", "alpha-stretch", "gamma-lift"])
    saved = write(tmp_path / "plan.json", json.dumps(plan.to_json()))
    again = load_routine(saved, catalog=catalog)
    assert [item.steps for item in again.items] == [item.steps for item in plan.items]
    assert again.total_seconds == plan.total_seconds


def test_an_unknown_exercise_names_the_file_the_field_and_close_matches(catalog, tmp_path) -> None:
    routine = write(tmp_path / "r.yaml", "exercises:\n  - exercise: alpha-strech\n")
    with pytest.raises(DataFileError, match=r"r.yaml: exercises\[0\].exercise: unknown exercise 'alpha-strech'$") as e:
        load_routine(routine, catalog=catalog)
    assert e.value.choices[0] == "alpha-stretch", "the close matches travel beside, for each adapter to offer once"


def test_a_dose_that_does_not_fit_the_exercise_is_refused(catalog, tmp_path) -> None:
    routine = write(tmp_path / "r.yaml", "exercises:\n  - exercise: gamma-lift\n    hold_s: 20\n")
    with pytest.raises(DataFileError, match=r"exercises\[0\]: a strength exercise has no use for dosage.hold_s"):
        load_routine(routine, catalog=catalog)


def test_an_out_of_range_dose_names_its_field(catalog, tmp_path) -> None:
    routine = write(tmp_path / "r.yaml", "exercises:\n  - exercise: alpha-stretch\n    reps: 0\n")
    with pytest.raises(DataFileError, match=r"exercises\[0\].reps: must be more than 0"):
        load_routine(routine, catalog=catalog)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("just words", "expected a mapping"),
        ("exercises: []\n", "exercises: needs at least 1 item"),
        ("exercises: [{exercise: alpha-stretch, hold: 3}]\n", r"exercises\[0\].hold: unknown field"),
        ("{items: [], minutes: 5}", "items: needs at least 1 item"),
        ("exercises: [\n", "not valid YAML"),
    ],
)
def test_broken_routine_files_say_what_is_wrong(catalog, tmp_path, text, problem) -> None:
    with pytest.raises(DataFileError, match=problem):
        load_routine(write(tmp_path / "r.yaml", text), catalog=catalog)


def test_todays_precautions_leave_out_what_they_exclude_with_a_note(catalog, tmp_path) -> None:
    routine = write(
        tmp_path / "r.yaml", "warmup_minutes: 0\nexercises: [{exercise: alpha-stretch}, {exercise: beta-stretch}]\n"
    )
    no_alpha = precaution("alpha-stretch")
    plan = load_routine(routine, catalog=catalog, precautions=[no_alpha])
    assert [item.exercise.id for item in plan.items] == ["beta-stretch"]
    assert plan.items[0].steps[0].seconds == READY_S  # still standing: no move
    assert any("Left out Alpha stretch: not today" in note for note in plan.notes)
    everything = precaution("alpha-stretch", "beta-stretch")
    with pytest.raises(UnsafeToStart, match="nothing in this routine suits"):
        load_routine(routine, catalog=catalog, precautions=[everything])


def test_the_example_in_the_routines_doc_loads(tmp_path) -> None:
    from supple.catalog.loader import builtin_catalog

    doc = (Path(__file__).parents[2] / "docs" / "routines.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    plan = load_routine(write(tmp_path / "sam.yaml", example), catalog=builtin_catalog())
    assert [item.exercise.id for item in plan.items] == [
        "light-cardio-warmup", "single-knee-to-chest", "kneeling-hip-flexor-stretch", "cat-cow",
    ]  # fmt: skip
    assert plan.notes == ("Keep the knee on a folded towel.",)


@pytest.mark.parametrize("minutes", [5, 12, 40])
def test_every_planned_routine_saved_and_played_back_is_the_same_plan(minutes: int) -> None:
    """What the planner saved is what the player gets: dose, range and words included."""
    from supple.catalog.loader import builtin_catalog
    from supple.planner.plan import build_plan
    from supple.planner.request import PlanRequest
    from supple.session.routine import plan_from_data

    real = builtin_catalog()
    for condition in sorted(real.vocabulary.conditions):
        plan = build_plan(real, PlanRequest(conditions=(condition,), minutes=minutes).checked(real.vocabulary))
        saved = json.loads(json.dumps(plan.to_json()))
        again = plan_from_data(saved, source="saved routine", catalog=real)
        assert again.to_json() == saved, condition
