from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from supple import __version__

CONTRACT_FIELDS = {
    "id", "name", "aliases", "summary", "kind", "position", "sided", "targets", "helps_with",
    "equipment", "dosage", "steps", "cues", "cautions", "variations", "easier", "harder", "sources",
}  # fmt: skip
DOSAGE_FIELDS = {"hold_s", "hold_range_s", "breaths", "reps", "sets", "rest_s", "effort_pct", "per_side"}
BUILTIN = Path(__file__).parents[2] / "src" / "supple" / "catalog" / "data" / "exercises"


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert (result.code, result.out.strip()) == (0, f"supple {__version__}")


def test_help_on_every_command(run_cli) -> None:
    top = run_cli("--help")
    assert top.code == 0
    assert "catalog" in top.out and "show" in top.out
    for command in ("catalog", "show", "screen", "plan"):
        result = run_cli(command, "--help")
        assert result.code == 0
        assert result.out.startswith(f"usage: supple {command} ")


def test_catalog_json_lists_every_exercise_with_the_contract_fields(run_cli) -> None:
    result = run_cli("catalog", "--json")
    assert result.code == 0
    exercises = json.loads(result.out)
    assert sorted(e["id"] for e in exercises) == sorted(p.stem for p in BUILTIN.glob("*.yaml"))
    for exercise in exercises:
        assert exercise.keys() >= CONTRACT_FIELDS, exercise["id"]
        assert exercise["dosage"].keys() >= DOSAGE_FIELDS
        assert exercise["equipment"].keys() == {"required", "optional"}
        assert all(v.keys() == {"name", "steps"} for v in exercise["variations"])
        assert all(s.keys() == {"title", "facts"} for s in exercise["sources"])
        low_high = exercise["dosage"]["hold_range_s"]
        assert low_high is None or (isinstance(low_high, list) and len(low_high) == 2)
        assert exercise["level"] in ("gentle", "standard", "deep") and isinstance(exercise["demands"], list)


def test_catalog_filters_by_condition_position_and_kind(run_cli) -> None:
    result = run_cli("catalog", "--for", "sciatica", "--position", "supine", "--kind", "static", "--json")
    exercises = json.loads(result.out)
    assert exercises, "some supine static stretch helps with sciatica"
    for exercise in exercises:
        assert "sciatica" in exercise["helps_with"]
        assert (exercise["position"], exercise["kind"]) == ("supine", "static")


def test_catalog_table_shows_names_and_doses_in_words(run_cli) -> None:
    result = run_cli("catalog", "--position", "kneeling")
    assert result.code == 0
    assert "Kneeling hip flexor stretch" in result.out
    assert "3 x 30 s each side" in result.out


def test_an_unknown_condition_exits_2_listing_the_valid_ones(run_cli) -> None:
    result = run_cli("catalog", "--for", "back")
    assert result.code == 2
    assert "unknown condition 'back'; valid:" in result.err
    assert "lower-back-pain" in result.err and "sciatica" in result.err
    assert "Traceback" not in result.err


def test_an_unknown_kind_or_position_exits_2(run_cli) -> None:
    assert run_cli("catalog", "--kind", "yoga").code == 2
    assert run_cli("catalog", "--position", "handstand").code == 2


def test_show_prints_a_readable_card(run_cli) -> None:
    result = run_cli("show", "kneeling-hip-flexor-stretch")
    assert result.code == 0
    for text in ("Kneeling hip flexor stretch", "Steps", "Cautions", "Source: ", "3 x 30 s each side, rest 10 s"):
        assert text in result.out
    assert "Legs, Hip & Low Back Stretches" in result.out


def test_show_json_is_one_contract_object(run_cli) -> None:
    result = run_cli("show", "childs-pose", "--json")
    exercise = json.loads(result.out)
    assert exercise["id"] == "childs-pose"
    assert exercise.keys() >= CONTRACT_FIELDS


def test_show_an_unknown_id_exits_2_with_close_matches(run_cli) -> None:
    result = run_cli("show", "pigeon")
    assert result.code == 2
    assert "no exercise 'pigeon'; did you mean" in result.err
    assert "'pigeon-pose'" in result.err


def write_user_exercise(home: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load((BUILTIN / "butterfly-stretch.yaml").read_text())
    data.update(id="my-butterfly", name="My butterfly", easier=[], harder=[])
    data.update(change)
    folder = home / "exercises"
    folder.mkdir(exist_ok=True)
    path = folder / "my-butterfly.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_users_own_exercise_is_listed(run_cli, home: Path) -> None:
    write_user_exercise(home, {})
    result = run_cli("show", "my-butterfly", "--json")
    assert json.loads(result.out)["name"] == "My butterfly"


def test_a_broken_user_file_exits_2_with_one_line_naming_file_and_field(run_cli, home: Path) -> None:
    path = write_user_exercise(home, {"position": "upside-down"})
    result = run_cli("catalog")
    assert result.code == 2
    valid = "all-fours, kneeling, prone, seated-chair, seated-floor, side-lying, standing, supine"
    assert result.err.strip() == f"supple: {path}: position: unknown position 'upside-down'; valid: {valid}"


def test_the_installed_module_runs_and_never_shows_a_traceback(home: Path) -> None:
    write_user_exercise(home, {"dosage": {"reps": 3}})
    env = {"SUPPLE_HOME": str(home), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "supple", "--version"], capture_output=True, text=True, env=env)
    assert (ok.returncode, ok.stdout.strip()) == (0, f"supple {__version__}")
    broken = subprocess.run([sys.executable, "-m", "supple", "catalog"], capture_output=True, text=True, env=env)
    assert broken.returncode == 2
    assert "my-butterfly.yaml: " in broken.stderr
    assert "Traceback" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


def test_help_stays_light_by_importing_no_content_or_rendering_libraries(home: Path) -> None:
    # Start-up speed is measured in bench/; this guards the lazy imports that make it possible.
    probe = (
        "import sys\n"
        "from supple.cli.app import main\n"
        "sys.argv = ['supple', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml', 'rich', 'platformdirs'})\n"
        "sys.stderr.write(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stderr == ""


def test_show_json_gives_the_level_and_the_joint_demands(run_cli) -> None:
    shown = json.loads(run_cli("show", "kneeling-couch-stretch", "--json").out)
    assert shown["level"] == "deep" and {"deep-knee-bend", "hip-extension-turned-out"} <= set(shown["demands"])


def test_show_says_the_level_in_words(run_cli) -> None:
    text = " ".join(run_cli("show", "pigeon-pose").out.split())
    assert "Level Deep: A strong or demanding position" in text
