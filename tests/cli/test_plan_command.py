from __future__ import annotations

import json
from pathlib import Path

from tests.content import builtin_catalog

PLAN_FIELDS = {"total_seconds", "minutes", "conditions_covered", "conditions_uncovered", "notes", "items"}
ITEM_FIELDS = {"exercise", "seconds", "why", "dose", "steps"}
STEP_FIELDS = {"kind", "side", "rep", "seconds", "cue"}


def test_without_a_screening_plan_refuses_with_the_command_to_run(run_cli) -> None:
    result = run_cli("plan", "--for", "sciatica", "--minutes", "20")
    assert result.code == 3
    assert "run `supple screen`" in result.err


def test_a_stop_verdict_refuses_with_advice_to_seek_care(run_cli) -> None:
    run_cli("screen", "--yes", "worsening-leg-weakness")
    result = run_cli("plan", "--for", "sciatica", "--minutes", "20", "--ack-caution")
    assert result.code == 3
    assert "leg weakness that is getting worse" in result.err and "emergency department" in result.err
    assert "`supple" not in result.err, "a stop is not something another command gets past"


def test_a_caution_needs_ack_and_then_notes_the_precautions(run_cli) -> None:
    run_cli("screen", "--yes", "pregnancy")
    refused = run_cli("plan", "--for", "lower-back-pain", "--minutes", "20")
    assert refused.code == 3 and "--ack-caution" in refused.err
    result = run_cli("plan", "--for", "lower-back-pain", "--minutes", "20", "--ack-caution", "--json")
    assert result.code == 0
    plan = json.loads(result.out)
    assert any("midwife" in note for note in plan["notes"])
    lying = {"lies-on-back", "lies-on-front"}
    assert all(not lying & set(builtin_catalog().exercises[i["exercise"]].demands) for i in plan["items"])


def test_the_json_follows_the_contract(run_cli) -> None:
    run_cli("screen", "--none")
    result = run_cli("plan", "--for", "sciatica", "hip-pain", "--minutes", "25", "--json")
    plan = json.loads(result.out)
    assert plan.keys() >= PLAN_FIELDS
    assert plan["minutes"] == 25 and plan["total_seconds"] <= 25 * 60
    assert plan["conditions_covered"] == ["sciatica", "hip-pain"]
    for item in plan["items"]:
        assert item.keys() >= ITEM_FIELDS
        assert item["seconds"] == sum(step["seconds"] for step in item["steps"])
        assert all(step.keys() == STEP_FIELDS for step in item["steps"])
        assert {"hold_s", "reps", "per_side", "words"} <= item["dose"].keys()
    assert plan["total_seconds"] == sum(item["seconds"] for item in plan["items"])


def test_the_view_lists_the_routine_with_doses_and_reasons(run_cli) -> None:
    run_cli("screen", "--none")
    result = run_cli("plan", "--for", "knee-pain", "--minutes", "15")
    assert result.code == 0
    assert "Your routine:" in result.out and "Light cardio warm-up" in result.out
    assert "each side" in result.out and "knee pain" in result.out
    assert "Stop any stretch that hurts" in result.out


def test_save_keeps_the_routine_and_a_second_save_replaces_it(run_cli, home: Path) -> None:
    run_cli("screen", "--none")
    result = run_cli("plan", "--for", "stiffness", "--minutes", "10", "--save", "morning", "--json")
    assert result.code == 0
    first = json.loads(result.out)
    timeline = json.loads(run_cli("go", "--routine", "morning", "--dry-run", "--json").out)
    assert timeline[-1]["at"] == first["total_seconds"]
    again = json.loads(run_cli("plan", "--for", "knee-pain", "--minutes", "15", "--save", "morning", "--json").out)
    timeline = json.loads(run_cli("go", "--routine", "morning", "--dry-run", "--json").out)
    assert timeline[-1]["at"] == again["total_seconds"] != first["total_seconds"]
    assert "Saved as evening" in run_cli("plan", "--for", "stiffness", "--minutes", "10", "--save", "evening").out


def test_bad_values_exit_2_saying_what_is_valid(run_cli) -> None:
    run_cli("screen", "--none")
    unknown = run_cli("plan", "--for", "backache", "--minutes", "20")
    assert unknown.code == 2 and "valid: ankle-pain" in unknown.err
    assert run_cli("plan", "--for", "sciatica", "--minutes", "120").code == 2
    assert run_cli("plan", "--for", "sciatica", "--minutes", "20", "--equipment", "rope").code == 2
    assert run_cli("plan", "--for", "sciatica", "--minutes", "20", "--save", "../escape").code == 2
    assert run_cli("plan", "--minutes", "20").code == 2


def test_equipment_none_and_no_floor(run_cli) -> None:
    run_cli("screen", "--none")
    result = run_cli("plan", "--for", "hip-pain", "--minutes", "20", "--equipment", "none", "--no-floor", "--json")
    plan = json.loads(result.out)
    assert plan["items"]
    for item in plan["items"]:
        assert item["steps"]
    assert not any(item["exercise"] in ("seated-glute-stretch", "pigeon-pose") for item in plan["items"])


def test_a_cold_plan_from_kept_content_loads_no_validation_parsing_database_or_terminal_library(home: Path) -> None:
    # pydantic (with validator building), PyYAML and SQLAlchemy were two thirds of a cold `supple
    # plan`; with the content cache warm the command needs none of them (DESIGN.md's 300 ms budget),
    # and --json needs no terminal rendering (Rich) nor a command-line library (Click, under Typer,
    # was a third of `supple --help`: argparse parses it).
    import os
    import subprocess
    import sys

    env = {**os.environ, "SUPPLE_HOME": str(home)}
    supple = [sys.executable, "-m", "supple"]
    subprocess.run([*supple, "screen", "--none"], env=env, check=True, capture_output=True)
    argv = ["plan", "--for", "sciatica", "hip-pain", "--minutes", "30", "--json"]
    first = subprocess.run([*supple, *argv], env=env, check=True, capture_output=True, text=True)
    code = (
        "import sys; from supple.cli.app import main; sys.argv = ['supple', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'yaml', 'sqlalchemy', 'numpy', 'rich', 'click', 'typer')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}), file=sys.stderr)"
    )
    again = subprocess.run([sys.executable, "-c", code, *argv], env=env, check=True, capture_output=True, text=True)
    assert again.stdout == first.stdout
    assert again.stderr.strip() == "[]"


def test_new_to_stretching_and_pain_today_make_a_gentle_routine(run_cli) -> None:
    run_cli("screen", "--none")
    usual = json.loads(run_cli("plan", "--for", "lower-back-pain", "--minutes", "20", "--json").out)
    for options in (["--new"], ["--pain", "6"]):
        result = run_cli("plan", "--for", "lower-back-pain", "--minutes", "20", *options, "--json")
        assert result.code == 0, result.err
        gentle = json.loads(result.out)
        assert gentle["items"] != usual["items"] and any(n.startswith("A gentle routine") for n in gentle["notes"])
        levels = {builtin_catalog().exercises[item["exercise"]].level for item in gentle["items"]}
        assert "deep" not in levels
    assert json.loads(result.out)["request"]["pain_today"] == 6


def test_a_pain_outside_nought_to_ten_exits_2(run_cli) -> None:
    run_cli("screen", "--none")
    result = run_cli("plan", "--for", "sciatica", "--minutes", "20", "--pain", "11")
    assert result.code == 2 and "0<=x<=10" in result.err


def test_the_view_says_why_each_exercise_is_there_in_plain_words(run_cli) -> None:
    run_cli("screen", "--none")
    result = run_cli("plan", "--for", "sciatica", "--minutes", "15")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "Sciatica: it stretches the hamstrings." in text and "sciatic nerve" in text
    assert "Warm muscles stretch more easily" in text


def test_the_json_gives_each_items_reasons_beside_its_conditions(run_cli) -> None:
    run_cli("screen", "--none")
    plan = json.loads(run_cli("plan", "--for", "kneecap-issues", "--minutes", "30", "--json").out)
    ids = [item["exercise"] for item in plan["items"]]
    assert len(ids) >= 4 and "couch-quad-stretch" not in ids  # more than a warm-up and one quad stretch
    assert all(item["reasons"] for item in plan["items"])
