"""The timeline of real plans from the bundled catalogue (content), and the cue rules (mechanics)."""

from __future__ import annotations

import pytest
from tests.content import builtin_catalog

from supple.planner.expand import Step
from supple.planner.plan import build_plan
from supple.planner.request import PlanRequest
from supple.session.engine import Session
from supple.session.timeline import lay_out, step_cues

CATALOG = builtin_catalog()


@pytest.mark.parametrize("condition", sorted(CATALOG.vocabulary.conditions))
@pytest.mark.parametrize("minutes", [8, 25])
def test_the_timeline_of_every_conditions_plan_matches_the_planners_estimate(condition, minutes) -> None:
    plan = build_plan(CATALOG, PlanRequest(conditions=(condition,), minutes=minutes).checked(CATALOG.vocabulary))
    steps = lay_out(plan)
    assert sum(t.step.seconds for t in steps) == plan.total_seconds
    for timed in steps:
        assert all(0 <= cue.at < timed.step.seconds for cue in timed.cues), timed.step
        assert [c.at for c in timed.cues] == sorted(c.at for c in timed.cues)
    session = Session(plan)
    session.start(0.0)
    while (due := session.next_due()) is not None:
        session.advance(due)
    assert session.state == "finished"
    assert len(session.results) == sum(1 for t in steps if t.is_work)


def test_every_paced_move_in_the_catalogue_speaks_its_phases_evenly() -> None:
    cat_cow = CATALOG.exercises["cat-cow"]  # 8 reps of 8 s, breathe out then in
    step = Step("reps", 64, "8 slow repetitions", None, 1)
    phases = [c for c in step_cues(cat_cow, step, 8) if c.kind == "phase"]
    assert [(c.at, c.text) for c in phases[:3]] == [
        (0, "1. Breathe out and round your back up toward the ceiling."),
        (4, "Breathe in, let the belly sink and lift your gaze."),
        (8, "2. Breathe out and round your back up toward the ceiling."),
    ]


def test_a_long_warm_up_gets_milestones_but_a_short_rest_only_a_countdown() -> None:
    march = next(e for e in CATALOG if e.kind == "warmup")
    warmup = step_cues(march, Step("warmup", 300, "Keep moving at an easy pace."), 1)
    assert [(c.kind, c.at) for c in warmup][:3] == [("start", 0), ("halfway", 150), ("ten-left", 290)]
    rest = step_cues(march, Step("rest", 10, "Rest and breathe."), 1)
    assert [c.kind for c in rest] == ["start", "countdown", "countdown", "countdown"]
