"""How far each movement's counting measure swings against the pose model's jitter, measured by the
judge itself (static/form/judge.js) in headless Chromium on landmark sequences made from the
catalogue's key poses (tests/e2e/form_sequences.py): the swing between the two key poses, the
measure's spread over frames of the person keeping still, and how many sequences of movements that
stop at 45% of the way are counted anyway. The counted movements, and candidates for pelvic tilts,
which docs/camera.md leaves out by these figures.

python -m bench.form_swing
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.web import server

COLUMNS = ["exercise", "counting measure", "swing (degrees)", "jitter (sd, degrees)", "swing / jitter",
           "movements stopping at 45% counted"]  # fmt: skip
SEQUENCES = 50  # half-way sequences per measure, each of three movements
STILL = 500  # frames of the person keeping still
MEASURE = """async ([spec, still, halves]) => {
  const judge = await import("/static/form/judge.js");
  const [start, end] = judge.countEnds(spec);
  return {
    start, end,
    still: still.map((frame) => judge.countValue(spec, frame, { side: "right" })),
    counted: halves.map((frames) => judge.countSequence(spec, frames, { side: "right" })),
  };
}"""
# (exercise, what is measured, the counting measure: an angle at its middle point)
CANDIDATES: list[tuple[str, str, tuple[str, str, str]]] = [
    ("cat-cow", "the head against the trunk", ("pelvis", "neck", "head")),
    ("side-lying-leg-raise", "the legs apart", ("far.ankle", "pelvis", "near.ankle")),
    ("fire-hydrant", "the thigh against the hips, from behind", ("far.hip", "near.hip", "near.knee")),
    ("pelvic-tilts", "the shoulders and hips (both sides), the near knee", ("neck", "pelvis", "near.knee")),
    ("pelvic-tilts", "the near shoulder, hip and knee", ("near.shoulder", "near.hip", "near.knee")),
    ("pelvic-tilts", "the near knee's angle", ("near.hip", "near.knee", "near.ankle")),
]  # fmt: skip


def run(port: int = 28_791) -> list[dict[str, Any]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from playwright.sync_api import sync_playwright
    from tests.e2e.form_sequences import jittered, moving

    from supple.catalog.camera import CameraCheck, Measure
    from supple.catalog.loader import builtin_catalog
    from supple.figures.form import form_spec, pose_landmarks

    rows = []
    with tempfile.TemporaryDirectory() as home, server(Path(home), None, 1, port) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(base_url=url)
        page.goto("/")
        for exercise_id, what, points in CANDIDATES:
            exercise = builtin_catalog().exercises[exercise_id]
            assert exercise.pose is not None
            view = exercise.camera.view if exercise.camera is not None else "side"
            camera = CameraCheck(view=view, counts=Measure(angle=points))  # type: ignore[arg-type]
            exercise = dataclasses.replace(exercise, camera=camera)
            rng = random.Random(1)
            still = [jittered(pose_landmarks(exercise.pose.frames[0], view=view), rng) for _ in range(STILL)]
            halves = [moving(exercise, reach=0.45, reps=3, seed=seed) for seed in range(SEQUENCES)]
            found = page.evaluate(MEASURE, [form_spec(exercise), still, halves])
            swing = abs(((found["end"] - found["start"] + 540) % 360) - 180)
            swing, jitter = abs(((found["end"] - found["start"] + 540) % 360) - 180), statistics.pstdev(found["still"])
            rows.append({"exercise": exercise_id, "measure": what, "swing": swing, "jitter": jitter,
                         "ratio": swing / jitter,
                         "counted": f"{sum(1 for reps in found['counted'] if reps)} of {SEQUENCES}"})  # fmt: skip
        browser.close()
    return rows


if __name__ == "__main__":
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|---|" + "---:|" * (len(COLUMNS) - 2))
    for row in run():
        figures = f"{row['swing']:.1f} | {row['jitter']:.2f} | {row['ratio']:.0f}"
        print(f"| {row['exercise']} | {row['measure']} | {figures} | {row['counted']} |")
