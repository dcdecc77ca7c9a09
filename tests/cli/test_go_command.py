from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

ROUTINE = """\
name: A short test routine
warmup_minutes: 0
exercises:
  - exercise: cat-cow
    reps: 2
  - exercise: kneeling-hip-flexor-stretch
    hold_s: 6
    reps: 1
"""


@pytest.fixture
def screened(run_cli, home: Path) -> Path:
    assert run_cli("screen", "--none").code == 0
    return home


@pytest.fixture
def routine(tmp_path: Path) -> Path:
    path = tmp_path / "routine.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    return path


def timeline(run_cli, *args: str) -> list[dict]:
    result = run_cli("go", *args, "--dry-run", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_the_dry_run_timeline_ends_exactly_at_the_plans_estimate(run_cli, screened) -> None:
    plan = json.loads(run_cli("plan", "--for", "sciatica", "hip-pain", "--minutes", "20", "--json").out)
    cues = timeline(run_cli, "--for", "sciatica", "hip-pain", "--minutes", "20")
    assert cues[-1]["kind"] == "finished"
    assert cues[-1]["at"] == plan["total_seconds"]
    assert [c["at"] for c in cues] == sorted(c["at"] for c in cues)


def test_the_dry_run_prints_the_timeline_with_times(run_cli, screened, routine) -> None:
    result = run_cli("go", "--plan", str(routine), "--dry-run")
    lines = result.out.splitlines()
    assert lines[0].split() == ["0:00", "Get", "into", "position:", "Cat-cow."]
    assert "0:15  1. Breathe out and round your back up toward the ceiling." in result.out
    assert "Which side felt tighter" in result.out


def test_a_saved_routine_plays_by_name_and_the_latest_by_default(run_cli, screened) -> None:
    saved = json.loads(run_cli("plan", "--for", "knee-pain", "--minutes", "12", "--save", "knees", "--json").out)
    assert timeline(run_cli, "--routine", "knees")[-1]["at"] == saved["total_seconds"]
    assert timeline(run_cli)[-1]["at"] == saved["total_seconds"]
    missing = run_cli("go", "--routine", "hips", "--dry-run")
    assert missing.code == 2 and "no saved routine 'hips' (saved: knees)" in missing.err


def test_with_nothing_saved_it_says_how_to_get_a_routine(run_cli, screened) -> None:
    result = run_cli("go", "--dry-run")
    assert result.code == 2
    assert "supple plan ... --save NAME" in result.err


def test_the_safety_gate_comes_first(run_cli, routine) -> None:
    result = run_cli("go", "--plan", str(routine), "--dry-run")
    assert result.code == 3
    assert "supple screen" in result.err


def test_a_broken_routine_file_is_named(run_cli, screened, tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises:\n  - exercise: cat-cows\n", encoding="utf-8")
    result = run_cli("go", "--plan", str(bad), "--dry-run")
    assert result.code == 2
    assert "bad.yaml: exercises[0].exercise: unknown exercise 'cat-cows'" in result.err
    assert result.err.count("did you mean 'cat-cow'") == 1, result.err  # said twice, once


def test_without_a_terminal_it_runs_hands_free_and_prints_each_cue(run_cli, screened, routine) -> None:
    result = run_cli(
        "go", "--plan", str(routine), "--speed", "500", "--pain-before", "3", "--pain-after", "2", "--json"
    )
    assert result.code == 0, result.err
    summary = json.loads(result.out[result.out.index("{") :])
    assert summary["state"] == "finished"
    assert (summary["exercises_done"], summary["sets_done"], summary["sets_skipped"]) == (2, 3, 0)
    assert (summary["pain_before"], summary["pain_after"]) == (3, 2)
    assert "[0:15] 1. Breathe out and round your back up toward the ceiling." in result.out


def fake_espeak(folder: Path) -> Path:
    log = folder / "spoken.txt"
    program = folder / "espeak-ng"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\n', encoding="utf-8")
    program.chmod(0o755)
    return log


def test_voice_speaks_the_cues_with_espeak_ng(run_cli, screened, routine, tmp_path, monkeypatch) -> None:
    log = fake_espeak(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    result = run_cli("go", "--plan", str(routine), "--speed", "200", "--voice")
    assert result.code == 0, result.err
    spoken = log.read_text(encoding="utf-8")
    assert "-s 150 -- Get into position: Cat-cow." in spoken
    assert "That is the whole routine. Well done." in spoken


def test_voice_without_espeak_ng_says_so_and_goes_on(run_cli, screened, routine, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    result = run_cli("go", "--plan", str(routine), "--speed", "500", "--voice")
    assert result.code == 0
    assert "--voice needs espeak-ng, which is not installed" in result.out


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run")
def test_the_real_espeak_ng_can_say_a_cue(tmp_path) -> None:
    wav = tmp_path / "cue.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(wav), "--", "left, 2 of 3: hold."], check=True)
    assert wav.stat().st_size > 10_000  # about a second of speech


def spawn_go(home: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "SUPPLE_HOME": str(home), "TERM": "xterm", "PATH": os.environ["PATH"]}
    return pexpect.spawn(
        sys.executable, ["-m", "supple", "go", *args], env=env, encoding="utf-8", timeout=30, dimensions=(30, 100)
    )


def test_in_a_terminal_the_keys_drive_the_session(screened: Path, routine: Path, run_cli) -> None:
    child = spawn_go(screened, "--plan", str(routine), "--speed", "10")
    child.expect("How is your pain right now")
    child.sendline("4")
    child.expect("Breathe out and round your back up")
    child.send("h")
    child.expect("How bad is the pain, 0 to 10")
    child.send("5\r")
    child.expect("Press space when you are ready")  # cat-cow has no easier version to offer
    child.send(" ")
    child.expect("Kneeling hip flexor stretch")
    child.expect("left side")
    child.expect("Which side felt tighter in Kneeling hip flexor stretch")  # asked after the last exercise
    child.sendline("r")
    child.expect("And how is your pain now")
    child.sendline("2")
    child.expect("Pain before 4, after 2")
    child.expect("see a doctor or physiotherapist")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # a "this hurts" asks for the safety questions again before the next routine
    assert run_cli("plan", "--for", "sciatica", "--minutes", "10").code == 3


def test_quitting_in_a_terminal_asks_first_and_keeps_what_was_done(screened: Path, routine: Path) -> None:
    child = spawn_go(screened, "--plan", str(routine), "--speed", "5", "--pain-before", "1", "--json")
    child.expect("Breathe out and round your back up")
    child.send("q")
    child.expect("Quit now")
    child.send("y")
    child.expect("And how is your pain now")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    summary = json.loads(child.before[child.before.index("{") :])
    assert summary["state"] == "quit"
    assert summary["pain_after"] is None


def test_the_pain_today_a_routine_was_planned_with_is_its_pain_before(run_cli, screened) -> None:
    result = run_cli("go", "--for", "sciatica", "--minutes", "5", "--pain", "5", "--speed", "1000",
                     "--pain-after", "4", "--json")  # fmt: skip
    assert result.code == 0, result.err
    summary = json.loads(result.out[result.out.index("{") :])
    assert (summary["pain_before"], summary["pain_after"]) == (5, 4)
