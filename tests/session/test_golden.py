"""The golden files that the browser's engine is checked against are what the Python engine does today."""

from __future__ import annotations

import json

import pytest
from tests.session.make_golden import GOLDEN, ROUTINES, SEQUENCES, files

MADE = files()


@pytest.mark.parametrize("path", sorted(MADE), ids=lambda path: path.name)
def test_the_golden_file_is_what_the_engine_does_today(path) -> None:
    assert path.exists(), f"{path.name} is missing: run python -m tests.session.make_golden"
    assert path.read_text(encoding="utf-8") == MADE[path], (
        f"{path.name} is not what the engine does now: if that is meant, run python -m tests.session.make_golden "
        "and check the browser agrees (tests/e2e/test_engine_golden.py)"
    )


def test_no_golden_file_is_left_over() -> None:
    assert sorted(GOLDEN.glob("*.json")) == sorted(MADE)


def test_the_sequences_use_every_control_and_every_kind_of_step() -> None:
    controls = {control["do"] for plan in SEQUENCES.values() for sequence in plan.values() for control in sequence}
    assert controls == {
        "start", "advance", "run", "pause", "resume", "toggle_pause", "skip_step", "skip_exercise", "back", "hurt",
        "put_in", "quit", "answer_side",
    }  # fmt: skip
    steps = [step for text in MADE.values() for step in json.loads(text)["timeline"]]
    assert {step["kind"] for step in steps} == {
        "move",
        "ready",
        "hold",
        "breaths",
        "reps",
        "push",
        "rest",
        "switch",
        "warmup",
    }
    assert any(step["sided"] for step in steps)
    assert any(cue["kind"] == "phase" for step in steps for cue in step["cues"])  # a paced move's phases
    assert any(cue["kind"] == "breath-out" for step in steps for cue in step["cues"])
    assert set(ROUTINES) == set(SEQUENCES)
