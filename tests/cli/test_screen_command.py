from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
from tests.content import builtin_safety


def test_questions_json_lists_every_question_with_the_contract_fields(run_cli) -> None:
    result = run_cli("screen", "--questions", "--json")
    questions = json.loads(result.out)
    assert [q["id"] for q in questions] == [q.id for q in builtin_safety().questions]
    for question in questions:
        assert question.keys() == {"id", "text", "severity", "choices", "sources"}  # choices: added, may be null
        assert question["severity"] in ("stop", "caution", "adjust")
        assert question["sources"] and question["sources"][0]["title"]


def test_questions_print_as_a_table(run_cli) -> None:
    result = run_cli("screen", "--questions")
    assert result.code == 0 and "bladder-bowel" in result.out and "pregnancy" in result.out


def test_none_answers_no_to_everything_and_stores_a_go(run_cli, home: Path) -> None:
    result = run_cli("screen", "--none", "--json")
    assert result.code == 0
    assert json.loads(result.out)["verdict"] == "go"
    shown = json.loads(run_cli("screen", "--show", "--json").out)
    assert (shown["verdict"], shown["reasons"], shown["needs_fresh_screening"]) == ("go", [], None)
    assert (home / "screening.json").is_file()


def test_yes_with_several_ids_records_them_all(run_cli) -> None:
    result = run_cli("screen", "--yes", "pregnancy", "night-pain", "--json")
    answer = json.loads(result.out)
    assert answer["verdict"] == "caution"
    assert answer["answered_yes"] == ["pregnancy", "night-pain"]  # in question order
    assert {"verdict", "reasons", "advice"} <= answer.keys()


def test_a_stop_answer_prints_the_urgent_advice(run_cli) -> None:
    result = run_cli("screen", "--yes", "bladder-bowel")
    assert result.code == 0
    assert "Get emergency help now" in result.out
    assert "new difficulty controlling the bladder or bowels" in result.out


def test_an_unknown_question_id_exits_2_listing_the_valid_ids(run_cli) -> None:
    result = run_cli("screen", "--yes", "back-ache")
    assert result.code == 2
    assert "unknown question 'back-ache'; valid: bladder-bowel, saddle-numbness" in result.err


def test_conflicting_options_exit_2(run_cli) -> None:
    assert run_cli("screen", "--yes", "pregnancy", "--none").code == 2


def test_without_a_terminal_and_without_answers_screening_refuses_to_guess(run_cli, monkeypatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    result = run_cli("screen")
    assert result.code == 2
    assert "--yes QUESTION_ID" in result.err and "--none" in result.err


def test_show_without_a_screening_exits_3_with_the_command_to_run(run_cli) -> None:
    result = run_cli("screen", "--show")
    assert result.code == 3
    assert "run `supple screen`" in result.err


def spawn_screen(home: Path) -> pexpect.spawn:
    env = {**os.environ, "SUPPLE_HOME": str(home), "COLUMNS": "100", "TERM": "xterm"}
    return pexpect.spawn(sys.executable, ["-m", "supple", "screen"], env=env, encoding="utf-8", timeout=20)


def test_answering_in_a_terminal_asks_every_question_and_gives_a_go(home: Path) -> None:
    child = spawn_screen(home)
    child.expect("Safety check")
    for number in range(1, len(builtin_safety().questions) + 1):
        child.expect(rf"{number} of {len(builtin_safety().questions)}")
        child.expect(r"\[y/n\]")
        child.sendline("n")
    child.expect("Good to go")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads((home / "screening.json").read_text())["verdict"] == "go"


def test_a_yes_to_a_red_flag_in_the_terminal_stops_the_questions_at_once(home: Path) -> None:
    child = spawn_screen(home)
    child.expect(r"bladder.*\[y/n\]")
    child.sendline("y")
    child.expect("Get emergency help now")
    child.expect(pexpect.EOF)
    child.close()
    assert "2 of" not in (child.before or "")
    stored = json.loads((home / "screening.json").read_text())
    assert (stored["verdict"], stored["answered_yes"]) == ("stop", ["bladder-bowel"])


def test_an_unclear_answer_is_asked_again_and_a_bare_enter_means_no(home: Path) -> None:
    child = spawn_screen(home)
    child.expect(r"1 of .*\[y/n\]")
    child.sendline("maybe")
    child.expect("Please enter Y or N")
    child.sendline("")
    child.expect(r"2 of ")
    child.close(force=True)


def test_the_hip_replacement_question_lists_its_follow_up_and_takes_the_way_it_was_done(run_cli) -> None:
    questions = {q["id"]: q for q in json.loads(run_cli("screen", "--questions", "--json").out)}
    choices = questions["hip-replacement"]["choices"]
    assert choices["otherwise"] == "hip-replacement-approach-unknown" and len(choices["options"]) == 3
    assert questions["pregnancy"]["choices"] is None
    answered = json.loads(run_cli("screen", "--yes", "hip-replacement-anterior", "--json").out)
    assert answered["answered_yes"] == ["hip-replacement", "hip-replacement-anterior"]
    refused = run_cli("screen", "--yes", "hip-replacement-anterior", "--yes", "hip-replacement-posterior")
    assert refused.code == 2 and "choose one answer" in refused.err


def test_a_yes_to_the_hip_replacement_in_the_terminal_asks_which_way_it_was_done(home: Path) -> None:
    child = spawn_screen(home)
    for question in builtin_safety().questions:
        child.expect(r"\[y/n\]")
        if question.id == "hip-replacement":
            child.sendline("y")
            child.expect("Which way did the surgeon reach your hip?")
            child.expect("2. From the front")
            child.expect(r"Your answer.*\(3\)")  # I don't know, unless said
            child.sendline("2")
        else:
            child.sendline("n")
    child.expect("See a professional first")
    child.expect(pexpect.EOF)
    child.close()
    stored = json.loads((home / "screening.json").read_text())
    assert stored["answered_yes"] == ["hip-replacement", "hip-replacement-anterior"]
