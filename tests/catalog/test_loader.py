from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from supple.catalog.loader import load_catalog
from supple.errors import DataFileError


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def load_error(catalog: Path, user_dir: Path | None = None) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_catalog(data=catalog, user_dir=user_dir)
    return caught.value


def alpha(catalog: Path) -> Path:
    return catalog / "exercises" / "alpha-stretch.yaml"


def test_the_fixture_catalogue_loads_with_its_links(fixture_catalog: Path) -> None:
    catalog = load_catalog(data=fixture_catalog)
    assert sorted(catalog.exercises) == ["alpha-stretch", "beta-stretch", "gamma-lift"]
    assert catalog.exercises["beta-stretch"].easier == ("alpha-stretch",)
    assert catalog.principles.principles[0].id == "be-gentle"


def test_invalid_yaml_names_the_file_and_the_line(fixture_catalog: Path) -> None:
    alpha(fixture_catalog).write_text("id: alpha-stretch\nname: [unclosed\n")
    error = load_error(fixture_catalog)
    assert error.path == alpha(fixture_catalog)
    assert "not valid YAML: line 3" in str(error)


def test_a_file_that_is_not_a_mapping_is_refused(fixture_catalog: Path) -> None:
    alpha(fixture_catalog).write_text("- just\n- a list\n")
    assert "expected a mapping of fields, found list" in str(load_error(fixture_catalog))


def test_an_empty_file_is_refused(fixture_catalog: Path) -> None:
    alpha(fixture_catalog).write_text("")
    assert "found nothing" in str(load_error(fixture_catalog))


def test_a_missing_field_is_named(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.pop("summary"))
    error = load_error(fixture_catalog)
    assert (error.field, error.problem) == ("summary", "is missing")


def test_an_unknown_field_is_named(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(hold_seconds=30))
    error = load_error(fixture_catalog)
    assert error.field == "hold_seconds"
    assert "unknown field" in error.problem


def test_a_wrongly_typed_nested_field_is_named_with_its_path(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d["dosage"].update(reps="three"))
    error = load_error(fixture_catalog)
    assert error.field == "dosage.reps"
    assert error.problem == "must be a whole number"


def test_a_list_item_is_named_with_its_index(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d["steps"].append(""))
    assert load_error(fixture_catalog).field == "steps[2]"


def test_a_dose_that_does_not_fit_the_kind_is_refused(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(kind="strength"))
    error = load_error(fixture_catalog)
    assert error.path == alpha(fixture_catalog)
    assert "a strength exercise needs dosage.rep_s" in error.problem


@pytest.mark.parametrize(
    ("field", "value", "expected_field", "expected"),
    [
        ("helps_with", ["hip-pian"], "helps_with[0]", "unknown condition 'hip-pian'; did you mean 'hip-pain'?"),
        ("position", "kneeling", "position", "unknown position 'kneeling'; valid: standing, supine"),
        ("targets", ["glutes", "quads"], "targets[1]", "unknown muscle 'quads'"),
        ("demands", ["kneels"], "demands[0]", "unknown demand 'kneels'"),
        ("equipment", {"required": ["chair"]}, "equipment.required[0]", "unknown equipment 'chair'"),
        ("equipment", {"optional": ["wal"]}, "equipment.optional[0]", "did you mean 'wall'?"),
    ],
)
def test_unknown_vocabulary_ids_are_refused(
    fixture_catalog: Path, field: str, value: object, expected_field: str, expected: str
) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update({field: value}))
    error = load_error(fixture_catalog)
    assert error.field == expected_field
    assert expected in error.problem


def test_an_unknown_kind_is_refused(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(kind="yoga"))
    error = load_error(fixture_catalog)
    assert error.field == "kind"
    assert "'warmup', 'static', 'dynamic', 'isometric' or 'strength'" in error.problem


def test_a_source_must_be_a_known_work(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d["sources"][0].update(title="Some Blog"))
    error = load_error(fixture_catalog)
    assert error.field == "sources[0].title"
    assert "unknown work 'Some Blog'" in error.problem


def test_a_source_needs_facts(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d["sources"][0].update(facts=[]))
    assert load_error(fixture_catalog).field == "sources[0].facts"


def test_links_must_resolve(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(harder=["beta-strech"]))
    error = load_error(fixture_catalog)
    assert error.field == "harder[0]"
    assert "unknown exercise 'beta-strech'; did you mean 'beta-stretch'" in error.problem


def test_links_must_not_contradict_each_other(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(harder=[], easier=["beta-stretch"]))
    error = load_error(fixture_catalog)
    assert "also lists" in error.problem
    assert "both cannot be true" in error.problem


def test_the_file_must_be_named_after_its_id(fixture_catalog: Path) -> None:
    alpha(fixture_catalog).rename(fixture_catalog / "exercises" / "alpha.yaml")
    error = load_error(fixture_catalog)
    assert (error.field, error.problem) == ("id", "the file must be named after its id: alpha-stretch.yaml")


def test_a_copied_file_cannot_reuse_an_id_in_the_same_folder(fixture_catalog: Path) -> None:
    # File names are unique within a folder and must equal the id, so ids are too; across
    # folders the shadowing rule below applies.
    copy = fixture_catalog / "exercises" / "zeta-stretch.yaml"
    copy.write_text(alpha(fixture_catalog).read_text())
    error = load_error(fixture_catalog)
    assert (error.path, error.field) == (copy, "id")


def test_a_broken_vocabulary_names_the_entry(fixture_catalog: Path) -> None:
    edit(fixture_catalog / "vocab.yaml", lambda d: d["muscles"]["glutes"].update(area="bottom"))
    error = load_error(fixture_catalog)
    assert error.path.name == "vocab.yaml"
    assert "muscles.glutes.area: unknown area 'bottom'" in error.problem


def test_a_broken_principles_file_is_reported(fixture_catalog: Path) -> None:
    edit(fixture_catalog / "principles.yaml", lambda d: d["principles"][0].pop("text"))
    error = load_error(fixture_catalog)
    assert (error.path.name, error.field) == ("principles.yaml", "principles[0].text")


def test_an_unreadable_file_is_reported(fixture_catalog: Path) -> None:
    alpha(fixture_catalog).write_bytes(b"\xff\xfe\x00bad")
    assert "cannot be read" in str(load_error(fixture_catalog))


def test_the_error_reads_as_one_line_naming_file_field_and_problem(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d["dosage"].update(reps=0))
    message = str(load_error(fixture_catalog))
    assert "\n" not in message
    assert message.startswith(f"{alpha(fixture_catalog)}: dosage.reps: ")


def user_exercise(user_dir: Path, exercise_id: str) -> Path:
    user_dir.mkdir(exist_ok=True)
    path = user_dir / f"{exercise_id}.yaml"
    data = yaml.safe_load((Path(__file__).parents[1] / "data/catalog/exercises/gamma-lift.yaml").read_text())
    data.update(id=exercise_id, name="My own lift")
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_user_exercise_is_loaded_beside_the_built_in_ones(fixture_catalog: Path, tmp_path: Path) -> None:
    path = user_exercise(tmp_path / "mine", "my-lift")
    catalog = load_catalog(data=fixture_catalog, user_dir=tmp_path / "mine")
    assert catalog.exercises["my-lift"].name == "My own lift"
    assert catalog.origins["my-lift"] == str(path)


def test_a_user_exercise_may_not_shadow_a_built_in_id(fixture_catalog: Path, tmp_path: Path) -> None:
    path = user_exercise(tmp_path / "mine", "gamma-lift")
    error = load_error(fixture_catalog, user_dir=tmp_path / "mine")
    assert error.path == path
    assert "'gamma-lift' is already defined in" in error.problem


def test_a_user_exercise_is_validated_like_the_built_in_ones(fixture_catalog: Path, tmp_path: Path) -> None:
    path = user_exercise(tmp_path / "mine", "my-lift")
    edit(path, lambda d: d.update(helps_with=["everything"]))
    error = load_error(fixture_catalog, user_dir=tmp_path / "mine")
    assert (error.path, error.field) == (path, "helps_with[0]")


def test_a_broken_user_exercise_can_be_left_out_with_why_and_the_rest_loads(
    fixture_catalog: Path, tmp_path: Path
) -> None:
    good = user_exercise(tmp_path / "mine", "my-lift")
    broken = user_exercise(tmp_path / "mine", "my-broken-lift")
    edit(broken, lambda d: d.update(sided=["left"]))
    catalog = load_catalog(data=fixture_catalog, user_dir=tmp_path / "mine", leave_out_broken=True)
    assert "my-lift" in catalog.exercises and "my-broken-lift" not in catalog.exercises
    assert catalog.origins["my-lift"] == str(good) and "my-broken-lift" not in catalog.origins
    assert [(p.path, p.field) for p in catalog.left_out] == [(str(broken), "sided")]
    assert "true or false" in catalog.left_out[0].problem


def test_leaving_out_an_exercise_leaves_out_the_ones_that_link_to_it(fixture_catalog: Path, tmp_path: Path) -> None:
    broken = user_exercise(tmp_path / "mine", "my-base")
    edit(broken, lambda d: d.update(kind="sideways"))
    linking = user_exercise(tmp_path / "mine", "my-harder")
    edit(linking, lambda d: d.update(easier=["my-base"]))
    catalog = load_catalog(data=fixture_catalog, user_dir=tmp_path / "mine", leave_out_broken=True)
    assert {"my-base", "my-harder"}.isdisjoint(catalog.exercises)
    assert [(p.path, p.field) for p in catalog.left_out] == [(str(broken), "kind"), (str(linking), "easier[0]")]
    assert "unknown exercise 'my-base'" in catalog.left_out[1].problem


def test_a_link_to_nothing_in_the_users_folder_is_left_out_as_a_file_that_does_not_exist(
    fixture_catalog: Path, tmp_path: Path
) -> None:
    user_exercise(tmp_path / "mine", "my-lift")
    (tmp_path / "mine" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    catalog = load_catalog(data=fixture_catalog, user_dir=tmp_path / "mine", leave_out_broken=True)
    assert "my-lift" in catalog.exercises
    assert [p.problem for p in catalog.left_out] == ["cannot be read: the file it links to does not exist"]
    assert "cannot be read: the file it links to" in str(load_error(fixture_catalog, user_dir=tmp_path / "mine"))


def test_a_broken_built_in_exercise_is_never_left_out_quietly(fixture_catalog: Path, tmp_path: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(sided=["left"]))
    with pytest.raises(DataFileError):
        load_catalog(data=fixture_catalog, user_dir=tmp_path / "mine", leave_out_broken=True)


def test_phases_are_only_for_paced_moves(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(phases=["Lean in.", "Ease off."]))
    error = load_error(fixture_catalog)
    assert error.problem == "phases: only dynamic and strength moves are paced by phases, not static"


def test_an_unknown_level_is_refused_naming_the_file_and_the_field(fixture_catalog: Path) -> None:
    edit(alpha(fixture_catalog), lambda d: d.update(level="hard"))
    error = load_error(fixture_catalog)
    assert (error.path, error.field) == (alpha(fixture_catalog), "level")
    assert "'gentle', 'standard' or 'deep'" in error.problem


def test_an_exercise_without_a_level_is_standard(fixture_catalog: Path) -> None:
    assert load_catalog(data=fixture_catalog).exercises["alpha-stretch"].level == "standard"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(muscles=["glutes"]), "why: say why glutes matters for this condition"),
        (lambda c: c.update(muscles=["glutes"], why={"glutes": "It steadies the pelvis."}), "sources: cite where"),
        (
            lambda c: c.update(
                muscles=["glutes"],
                why={"glutes": "It steadies the pelvis."},
                sources=[{"title": "Nobody's Blog", "facts": ["f"]}],
            ),
            'conditions.hip-pain.sources[0].title: unknown work "Nobody\'s Blog"',
        ),  # fmt: skip
        (
            lambda c: c.update(
                muscles=["calves"], why={"calves": "x"}, sources=[{"title": "A Test Article", "facts": ["f"]}]
            ),
            "conditions.hip-pain.muscles: unknown muscle 'calves'",
        ),
    ],
)
def test_a_conditions_key_muscles_say_why_and_cite_a_known_work(
    fixture_catalog: Path, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    edit(fixture_catalog / "vocab.yaml", lambda d: change(d["conditions"]["hip-pain"]))
    error = load_error(fixture_catalog)
    assert error.path.name == "vocab.yaml" and expected in str(error)


def test_the_levels_must_all_be_named_in_the_vocabulary(fixture_catalog: Path) -> None:
    edit(fixture_catalog / "vocab.yaml", lambda d: d["levels"].pop("deep"))
    assert "levels: missing deep" in str(load_error(fixture_catalog))
