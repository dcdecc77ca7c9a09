"""The form check in headless Chromium on this machine (docs/camera.md): the pose model's frames per
second on the fake camera (scikit-image's astronaut, tests/e2e/camera.py), how long the model takes
to load, and the time from a frame's landmarks to its cue on the screen, in the player itself and
for the judge alone on landmark sequences made from the catalogue's poses.

Headless Chromium draws WebGL in software (SwiftShader) here: a phone's GPU runs the model faster.
python -m bench.form
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import percentile
from bench.web import server

COLUMNS = ["measure", "median", "p99", "samples", "unit"]
ROUTINE = {"conditions": ["hip-pain", "knee-pain"], "minutes": 20, "equipment": ["wall", "chair", "pillow"],
           "warmed_up": True}  # fmt: skip
CHECKED = "kneeling-hip-flexor-stretch"
SECONDS = 15  # of frames counted once the model runs
JUDGED = 2000  # frames judged alone
# The page's clock ticks in tenths of a millisecond: the judge alone is timed over batches of frames.
BATCH = 100
JUDGE_ALONE = """async ([spec, frames, rounds, batch]) => {
  const judge = await import("/static/form/judge.js");
  const goal = judge.targets(spec), recent = [], times = [];
  for (let i = 0; i < rounds; i += batch) {
    const begun = performance.now();
    for (let j = i; j < i + batch; j += 1) {
      recent.push(judge.judgeFrame(spec, frames[j % frames.length], { side: "right", goal }));
      if (recent.length > 8) recent.shift();
      judge.steady(recent);
    }
    times.push((performance.now() - begun) / batch);
  }
  return times;
}"""
AT = "() => { const e = window.supplePlayer.engine; return e.steps[e.index].exercise; }"


def run(port: int = 28_790) -> list[dict[str, Any]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from playwright.sync_api import sync_playwright
    from tests.e2e.camera import CAMERA_ARGS, astronaut_video
    from tests.e2e.form_sequences import seen

    from supple.catalog.loader import builtin_catalog
    from supple.figures.form import form_spec, held_pose

    with tempfile.TemporaryDirectory() as home, server(Path(home), None, 1, port) as url, sync_playwright() as p:
        video = astronaut_video(Path(home) / "astronaut.y4m")
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=[*CAMERA_ARGS, f"--use-file-for-fake-video-capture={video}"]
        )
        page = browser.new_context(
            base_url=url, viewport={"width": 390, "height": 664}, permissions=["camera"]
        ).new_page()
        assert page.request.post("/api/screening", data={"yes": []}).ok
        assert page.request.put("/api/routines/mine", data=ROUTINE).ok
        page.goto("/play?routine=mine")
        page.get_by_role("button", name="Start").click()
        while page.evaluate(AT) != CHECKED:
            page.keyboard.press("x")
        asked = time.perf_counter()
        page.get_by_role("button", name="Check my form").click()
        page.wait_for_function("() => window.suppleForm && window.suppleForm.landmarks === 33", timeout=300_000)
        loaded = time.perf_counter() - asked
        first = page.evaluate("() => window.suppleForm.frames")
        time.sleep(SECONDS)
        frames = page.evaluate("() => window.suppleForm.frames") - first
        in_player = page.evaluate("() => window.suppleForm.judgeMs")
        model = page.evaluate("() => window.suppleForm.sendMs.slice(1)")  # the first frame warms it up

        exercise = builtin_catalog().exercises["wall-calf-stretch"]
        held = seen(exercise, held_pose(exercise), seed=1)
        alone = page.evaluate(JUDGE_ALONE, [form_spec(exercise), held, JUDGED, BATCH])
        browser.close()
    return [
        {"measure": "the model loaded (camera asked for to first landmarks)", "median": loaded, "p99": loaded,
         "samples": 1, "unit": "s"},
        {"measure": "pose frames per second (lite model, 512x512 camera)", "median": frames / SECONDS,
         "p99": frames / SECONDS, "samples": frames, "unit": "frames/s"},
        _ms("the model on one frame (pose.send)", model),
        _ms("a frame's landmarks to its cue, in the player (body out of view)", in_player),
        _ms(f"a frame judged alone, the wall calf stretch's three checks (batches of {BATCH})", alone, "µs"),
    ]  # fmt: skip


def _ms(name: str, values: list[float], unit: str = "ms") -> dict[str, Any]:
    scaled = [v * 1000 for v in values] if unit == "µs" else values
    return {"measure": name, "median": statistics.median(scaled), "p99": percentile(scaled, 99),
            "samples": len(scaled), "unit": unit}  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['measure']:<70} median {row['median']:9.3f}  p99 {row['p99']:9.3f} {row['unit']}  ({row['samples']})"
        )
