"""The form check's judge (static/form/judge.js), run in Chromium on landmark sequences made from the
catalogue's own 3-D poses (form_sequences.py): each checkable exercise held as its pose shows
passes, on either side and seen either way round; each mistake made on purpose gets its cue first;
the wrong side is told apart from a bad position, and feet out of the picture ask to step back
instead of judging."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page
from tests.content import builtin_catalog
from tests.e2e.form_sequences import MISTAKES, PHONE_BEHIND, sequences

from supple.figures.form import corrections, form_spec

CHECKABLE = sorted(e.id for e in builtin_catalog().exercises.values() if e.camera is not None)

JUDGE = """async ([spec, runs]) => {
  const judge = await import("/static/form/judge.js");
  return runs.map((run) => ({
    ...judge.judgeSequence(spec, run.frames, { side: run.side }),
    reps: spec.counts ? judge.countSequence(spec, run.frames, { side: run.side }) : null,
  }));
}"""


def judged(page: Page, exercise_id: str, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    page.goto("/")
    spec = form_spec(builtin_catalog().exercises[exercise_id])
    verdicts: list[dict[str, Any]] = page.evaluate(JUDGE, [spec, runs])
    return verdicts


def test_the_catalogue_checks_some_exercises_and_each_has_its_mistakes() -> None:
    assert {"kneeling-hip-flexor-stretch", "standing-quad-stretch", "wall-calf-stretch"} <= set(CHECKABLE)
    assert set(CHECKABLE) == set(MISTAKES), "every checkable exercise has a failing sequence of its own"
    counted = {e.id for e in builtin_catalog().exercises.values() if e.camera is not None and e.camera.counts}
    assert {"cat-cow", "side-lying-leg-raise", "fire-hydrant"} <= counted


@pytest.mark.parametrize("exercise_id", CHECKABLE)
def test_the_judge_passes_the_pose_and_says_first_what_to_correct(page: Page, exercise_id: str) -> None:
    made = sequences(builtin_catalog().exercises[exercise_id])
    allowed = corrections(builtin_catalog().exercises[exercise_id])  # what a set's summary may keep
    verdicts = judged(page, exercise_id, [run.to_json() for run in made])
    for run, verdict in zip(made, verdicts, strict=True):
        assert verdict["state"] == run.state, f"{run.name}: {verdict}"
        if run.cue is not None:
            assert verdict["cue"] == run.cue, run.name
        assert verdict["reps"] == run.reps, run.name
        if verdict["state"] not in ("in-position", "counting"):
            assert verdict["cue"] in allowed, f"{run.name}: the server would refuse {verdict['cue']!r}"
    passing = [run for run in made if run.state == "in-position" or (run.reps or 0) > 0]
    assert passing and len(passing) < len(made)


def test_nobody_in_the_picture_is_said_and_not_judged(page: Page) -> None:
    [verdict] = judged(page, "wall-calf-stretch", [{"frames": [[]] * 5, "side": "right"}])
    assert verdict["state"] == "unseen"
    assert "cannot see you" in verdict["cue"]


def test_seen_from_behind_nobody_in_the_picture_is_told_where_the_phone_goes(page: Page) -> None:
    [verdict] = judged(page, "fire-hydrant", [{"frames": [[]] * 5, "side": "right"}])
    assert verdict == {"state": "unseen", "cue": PHONE_BEHIND, "measures": [], "reps": 0}
