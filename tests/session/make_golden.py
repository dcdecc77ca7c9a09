"""Golden files: what the Python session engine does with scripted controls, for the browser's.

The browser's player (web/static/player/engine.js) is a port of session/engine.py's Session. Each
file here holds one routine's timeline as the page gets it, and for each control sequence the
cues, sets, side answers and states the Python engine produced on a fake clock. test_golden.py
checks that the files are still what the engine produces; tests/e2e/test_engine_golden.py plays
the same controls through engine.js in Chromium and expects the same, to the last digit.

Regenerate after changing the engine or the timeline on purpose:

    .venv/bin/python -m tests.session.make_golden

The plans come from the domain's own entry points (the built-in catalogue and a clinician's
routine), never from the services or the store, so a refactor there cannot change them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from supple.catalog.loader import builtin_catalog
from supple.planner.plan import Plan, PlanItem
from supple.session.engine import Session, player_rules
from supple.session.routine import plan_from_data
from supple.session.timeline import item_steps, lay_out, timeline_json

GOLDEN = Path(__file__).parent / "golden"
T0 = 100.0  # the fake clock never starts at 0, so origins and deadlines are real sums
Control = dict[str, Any]

# Routines in the clinician's format (docs/routines.md), small enough to read in the files.
ROUTINES: dict[str, dict[str, Any]] = {
    # sided holds, a breath-paced sided stretch, then two supine stretches in a row (the second
    # gets a short "ready" lead-in, which an exercise put in from another position makes longer)
    "stretches": {
        "name": "Golden stretches",
        "warmup_minutes": 0,
        "exercises": [
            {"exercise": "single-knee-to-chest", "hold_s": 20, "reps": 2, "rest_s": 5},
            {"exercise": "seated-leg-stretch-breaths", "breaths": 3, "reps": 1},
            {"exercise": "double-knee-to-chest", "hold_s": 21, "reps": 1},
            {"exercise": "supine-figure-four", "hold_s": 20, "reps": 1},
        ],
    },
    # a warm-up, paced repetitions with phases (sets with rests), a sided strength move and pushes
    "moves": {
        "name": "Golden moves",
        "warmup_minutes": 1,
        "exercises": [
            {"exercise": "cat-cow", "reps": 4, "rep_s": 8, "sets": 2},
            {"exercise": "fire-hydrant", "reps": 4, "rep_s": 3, "sets": 2},
            {"exercise": "pelvic-tilts", "reps": 3},
            {"exercise": "knee-ball-squeeze", "hold_s": 5, "reps": 2, "rest_s": 5},
        ],
    },
    # two short exercises, for what happens at the very end
    "short": {
        "name": "Golden short",
        "warmup_minutes": 0,
        "exercises": [
            {"exercise": "childs-pose", "hold_s": 20, "reps": 1},
            {"exercise": "knee-ball-squeeze", "hold_s": 5, "reps": 2, "rest_s": 5},
        ],
    },
}


def at(seconds: float, do: str, **more: Any) -> Control:
    return {"do": do, "at": seconds, **more}


def run(until: float | None = None) -> Control:
    """Wake at every deadline (up to `until`), as a player's loop does."""
    return {"do": "run", "until": until}


def side(tighter: str) -> Control:
    return {"do": "answer_side", "tighter": tighter}


# Times are T0 + seconds into the session unless a pause moved the origin; the comments say where
# each control lands. Fractions on purpose: the recorded seconds are rounded to tenths, and
# x.25 rounds to even in Python where JavaScript's toFixed would round it up.
SEQUENCES: dict[str, dict[str, list[Control]]] = {
    "stretches": {
        "straight-through-answering-sides": [
            at(T0, "start"),
            run(T0 + 112),  # through single-knee-to-chest: it asks which side was tighter
            side("left"),
            side("right"),  # nothing is asked any more: no answer is kept
            run(),
            side("same"),  # the last sided stretch asked as the session finished
        ],
        "pause-resume-late-wake-ups-and-quit": [
            at(T0, "start"),
            at(T0 + 3.7, "advance"),
            at(T0 + 16.3, "pause"),  # 1.3 s into the first hold
            at(T0 + 40, "advance"),  # paused: nothing is due
            at(T0 + 41.9, "resume"),  # the origin moves by 25.6 s
            at(T0 + 50.05, "toggle_pause"),
            at(T0 + 51.3, "toggle_pause"),
            at(T0 + 118.7, "advance"),  # woken late: every step in between ends on its own deadline
            run(T0 + 150),
            at(T0 + 154, "advance"),
            at(T0 + 154.35, "quit"),  # 2.5 s into the breath-paced stretch: kept as cut short
            at(T0 + 155, "skip_step"),
            at(T0 + 156, "hurt", pain=4),
            at(T0 + 157, "advance"),
        ],
        "skips-and-back": [
            at(T0, "start"),
            at(T0 + 1, "back"),  # the first step restarts
            at(T0 + 3, "skip_step"),  # a lead-in: nothing recorded
            at(T0 + 5.25, "skip_step"),  # 2.25 s into the first hold: kept as 2.2 s, skipped
            at(T0 + 6.5, "back"),  # 1.25 s into the rest: back to the hold before it
            at(T0 + 16.5, "back"),  # 10 s into it: it starts again
            run(T0 + 57),
            # 17.25 s into the left side's second hold: kept as 17.2 s, the right side's as 0 s
            at(T0 + 58.75, "skip_exercise"),
            at(T0 + 70, "pause"),  # in the lead-in of the breath-paced stretch
            at(T0 + 72, "skip_step"),  # skipped while paused: the next step waits for resume
            at(T0 + 73, "back"),  # 0 s into it: back to the lead-in
            at(T0 + 80, "resume"),
            run(T0 + 140),
            at(T0 + 141.25, "skip_exercise"),  # 17.25 s into the right side's breaths
            run(),
        ],
        "hurt-then-an-easier-exercise-from-another-position": [
            at(T0, "start"),
            run(T0 + 195),  # into double-knee-to-chest's hold
            at(T0 + 197.4, "hurt", pain=6),
            # kneeling before a supine stretch: its short "ready" lead-in becomes "get into position"
            at(T0 + 200, "put_in", exercise="childs-pose"),
            at(T0 + 204.2, "resume"),
            run(),
            side("right"),
        ],
        "hurt-then-an-easier-exercise-in-the-same-position": [
            at(T0, "start"),
            run(T0 + 195),
            at(T0 + 197.4, "hurt", pain=3),
            at(T0 + 200, "put_in", exercise="knee-ball-squeeze"),  # supine too: the lead-in stays short
            at(T0 + 204.2, "resume"),
            run(),
        ],
        "hurt-twice-ends-the-session": [
            at(T0, "start"),
            run(T0 + 36),  # in the rest between the left side's holds
            at(T0 + 37.5, "hurt", pain=5),  # the next hold is the one that hurt
            at(T0 + 45, "resume"),
            run(T0 + 80),
            at(T0 + 81.2, "hurt", pain=8),  # 21.2 s into the left side's breaths: the session ends
            at(T0 + 82, "resume"),  # over: nothing more happens
            at(T0 + 83, "hurt", pain=9),
            at(T0 + 84, "put_in", exercise="childs-pose"),
            run(),
        ],
        "picked-up-in-the-middle": [
            at(T0, "start", from_step=4),  # a switch: picked up at the hold after it, with a lead-in
            run(T0 + 10),
            at(T0 + 11, "start"),  # started already
            run(),
        ],
        "picked-up-at-a-lead-in": [
            at(T0, "start", from_step=8),  # a lead-in already: none put in
            run(),
        ],
        "picked-up-past-the-end": [
            at(T0, "start", from_step=99),
            run(),
        ],
    },
    "moves": {
        "straight-through": [
            at(T0, "start"),
            run(),
        ],
        "an-exercise-put-in-mid-exercise-then-back": [
            at(T0, "start"),
            run(T0 + 195),  # in the rest between fire-hydrant's two left sets
            at(T0 + 196, "put_in", exercise="childs-pose"),  # put in before the rest
            # back at once: to the left side's first set, just before the exercise put in, so that
            # set now ends its exercise's run of steps and the side is asked about, as in Python
            at(T0 + 196.5, "back"),
            run(T0 + 215),
            side("left"),
            run(),
            side("same"),
        ],
        "hurt-in-the-last-exercise-after-an-earlier-one": [
            at(T0, "start"),
            run(T0 + 70),
            at(T0 + 71.1, "hurt", pain=2),  # in cat-cow's lead-in: its first set is the one that hurt
            at(T0 + 71.6, "resume"),  # fire-hydrant's lead-in from its start
            run(T0 + 150),
            at(T0 + 151, "skip_exercise"),  # in the rest before fire-hydrant's last set
            run(T0 + 190),
            # the second report, 3.25 s into the last exercise's first push (kept as 3.2 s): it
            # ends the session there, with the advice and no "finished" cue
            at(T0 + 192.25, "hurt", pain=7),
            run(),
        ],
    },
    "short": {
        "hurt-in-the-last-exercise-finishes": [
            at(T0, "start"),
            run(T0 + 51),
            at(T0 + 52.75, "hurt", pain=5),  # 2.75 s into the first push of the last exercise
            at(T0 + 53, "resume"),  # finished: nothing more happens
            at(T0 + 54, "put_in", exercise="cat-cow"),
            run(),
        ],
        "controls-before-the-start-and-after-the-end": [
            at(T0 - 5, "pause"),
            at(T0 - 4, "skip_step"),
            at(T0 - 3, "back"),
            at(T0 - 2, "hurt", pain=1),
            at(T0 - 1, "quit"),
            side("left"),
            at(T0, "start"),
            at(T0 + 0.5, "start"),
            *(at(T0 + 1 + n, "skip_step") for n in range(7)),  # every step skipped, to the end
            at(T0 + 9, "skip_step"),
            at(T0 + 9.5, "skip_exercise"),
            at(T0 + 9.75, "back"),
            at(T0 + 10, "resume"),
            at(T0 + 11, "quit"),
        ],
        "picked-up-in-a-rest": [
            at(T0, "start", from_step=4),  # at the push after the rest, with a lead-in before it
            run(),
        ],
        "quit-in-a-rest": [
            at(T0, "start"),
            run(T0 + 56),  # between the pushes
            at(T0 + 57.3, "quit"),
            at(T0 + 58, "resume"),
            run(),
        ],
    },
}


def plan_of(routine: dict[str, Any], source: str) -> Plan:
    return plan_from_data(routine, source=source, catalog=builtin_catalog())


def easier_item(exercise: str) -> PlanItem:
    """An exercise as the server offers it after a "this hurts": its catalogue dose, its steps."""
    return plan_of({"warmup_minutes": 0, "exercises": [{"exercise": exercise}]}, f"easier {exercise}").items[0]


def with_steps(controls: list[Control], plan: Plan) -> list[Control]:
    """Each put_in with the easier exercise's steps as the server sends them to the browser,
    numbered as the engine numbers them (after the plan's items, one more each time)."""
    number, done = len(plan.items), []
    for control in controls:
        if control["do"] == "put_in":
            steps = timeline_json(item_steps(number, easier_item(control["exercise"])))
            control, number = {**control, "steps": steps}, number + 1
        done.append(control)
    return done


# The fields the browser's events carry, in a fixed order: the files do not change when a
# refactor reorders or renames the Python types that hold them.
CUE_FIELDS = ("kind", "text", "due", "step", "exercise")
SET_FIELDS = ("exercise", "kind", "side", "rep", "seconds", "planned_seconds", "skipped", "hurt", "pain", "step")
SIDE_FIELDS = ("exercise", "tighter")


def fields(value: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(value, name) for name in names}


def control(session: Session, step: Control) -> tuple[list[Any], dict[str, Any]]:
    """One control: the cues it returned, and anything else it answered."""
    do, now = step["do"], step.get("at")
    if do == "run":
        cues: list[Any] = []
        while (due := session.next_due()) is not None and (step["until"] is None or due <= step["until"]):
            cues += session.advance(due)
        return cues, {}
    if do == "start":
        return session.start(now, from_step=step.get("from_step", 0)), {}
    if do == "hurt":
        outcome = session.hurt(now, step["pain"])
        return outcome.cues, {"outcome": {"exercise": outcome.exercise.id, "ended": outcome.ended}}
    if do == "put_in":
        return session.put_in(now, easier_item(step["exercise"])), {}
    if do == "answer_side":
        session.answer_side(step["tighter"])
        return [], {}
    if do in ("pause", "quit"):
        getattr(session, do)(now)
        return [], {}
    return getattr(session, do)(now), {}  # advance, resume, toggle_pause, skip_step, skip_exercise, back


def snapshot(session: Session, step: Control, returned: list[Any], answered: dict[str, Any]) -> dict[str, Any]:
    """The engine's state after a control, so a port that agrees on cues by luck still shows."""
    state: dict[str, Any] = {
        "do": step["do"], "cues": len(returned), "state": session.state, "index": session.index,
        "hurts": session.hurts, "pending_side": session.pending_side, "next_due": session.next_due(),
        "total": session.total_seconds, **answered,
    }  # fmt: skip
    if step.get("at") is not None:
        progress = session.progress(step["at"])
        state["progress"] = {
            "state": progress.state, "step_left": progress.step_left, "elapsed": progress.elapsed,
            "total": progress.total, "coming": progress.coming.id if progress.coming else None,
        }  # fmt: skip
    return state


def play(plan: Plan, controls: list[Control]) -> dict[str, Any]:
    sets: list[dict[str, Any]] = []
    sides: list[dict[str, Any]] = []
    session = Session(
        plan,
        on_result=lambda result: sets.append(fields(result, SET_FIELDS)),
        on_side=lambda answer: sides.append(fields(answer, SIDE_FIELDS)),
    )
    cues: list[dict[str, Any]] = []
    trace = []
    for step in controls:
        returned, answered = control(session, step)
        cues += [fields(cue, CUE_FIELDS) for cue in returned]
        trace.append(snapshot(session, step, returned, answered))
    steps = [
        {"item": t.item, "exercise": t.exercise.id, "kind": t.step.kind, "seconds": t.step.seconds, "cue": t.step.cue}
        for t in session.steps
    ]
    return {"cues": cues, "sets": sets, "sides": sides, "trace": trace, "steps": steps}


def golden(name: str) -> dict[str, Any]:
    routine = ROUTINES[name]
    plan = plan_of(routine, name)
    sequences = []
    for title, controls in SEQUENCES[name].items():
        full = with_steps(controls, plan)
        sequences.append({"name": title, "controls": full, "expected": play(plan, full)})
    return {
        "about": "Made by `python -m tests.session.make_golden` from session/engine.py; do not edit by hand.",
        "routine": routine,
        "rules": player_rules(),
        "timeline": timeline_json(lay_out(plan)),
        "sequences": sequences,
    }


def text(data: Any, indent: str = "") -> str:
    """JSON with one line per cue, set or step, so a change to the engine reads as a short diff."""
    inner = indent + " "
    if isinstance(data, dict) and any(isinstance(value, dict | list) and value for value in data.values()):
        items = [f"{inner}{json.dumps(key)}: {text(value, inner)}" for key, value in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(data, list) and any(isinstance(value, dict | list) for value in data):
        return "[\n" + ",\n".join(inner + text(value, inner) for value in data) + f"\n{indent}]"
    return json.dumps(data, ensure_ascii=False)


def files() -> dict[Path, str]:
    return {GOLDEN / f"{name}.json": text(golden(name)) + "\n" for name in ROUTINES}


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path, content in files().items():
        path.write_text(content, encoding="utf-8")
        data = json.loads(content)
        counts = [
            (len(s["controls"]), len(s["expected"]["cues"]), len(s["expected"]["sets"])) for s in data["sequences"]
        ]
        sys.stdout.write(
            f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: "
            f"{len(counts)} sequences, {sum(c[0] for c in counts)} controls, "
            f"{sum(c[1] for c in counts)} cues, {sum(c[2] for c in counts)} sets\n"
        )


if __name__ == "__main__":
    main()
