"""Check my form, end to end in Chromium with the real pose model, offline, and a real photograph of a
person as the camera: scikit-image's astronaut, seen from the waist up. The page asks for the camera
only when the person turns the check on, finds the person's landmarks, says the feet are out of the
picture instead of judging, holds the countdown until the person is in position, lets the camera go
on a pause, and sends no frame and no landmark anywhere."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request, expect
from tests.e2e.camera import CAMERA_ARGS, astronaut_video
from tests.e2e.conftest import CHROMIUM, SPEECH_SPY, Server, look
from tests.e2e.player import PHONE, engine
from tests.e2e.test_accessibility import violations

# The model loads in about 20 s on a busy 2-core machine, under software WebGL.
MODEL_LOADS_MS = 180_000
# The camera asked for, counted: nothing may ask before the person turns the check on.
CAMERA_SPY = """
window.__cameraAsked = 0;
if (navigator.mediaDevices) {
  const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => { window.__cameraAsked += 1; return ask(constraints); };
}
"""
# A routine with the kneeling hip flexor stretch in it, which the camera checks side-on.
CHECKED_ROUTINE = {"conditions": ["hip-pain", "knee-pain"], "minutes": 20, "equipment": ["wall", "chair", "pillow"],
                   "warmed_up": True}  # fmt: skip
CHECKED = "kneeling-hip-flexor-stretch"


@pytest.fixture(scope="module")
def camera_browser(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Another chromium, from the same Playwright as the `browser` fixture (one Playwright a process)."""
    video = astronaut_video(tmp_path_factory.mktemp("camera") / "astronaut.y4m")
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CAMERA_ARGS, f"--use-file-for-fake-video-capture={video}"]
    )
    yield launched
    launched.close()


def play_to(page: Page, exercise: str, *, speed: int | None = None) -> None:
    """The routine that has the checked exercise, started and skipped on to `exercise`."""
    page.goto("/play?routine=mine" + (f"&speed={speed}" if speed else ""))
    page.get_by_role("button", name="Start").click()
    while engine(page, "steps[window.supplePlayer.engine.index].exercise") != exercise:
        page.keyboard.press("x")


def at_the_checked_exercise(page: Page, exercise: str = CHECKED, *, speed: int | None = None) -> None:
    assert page.request.post("/api/screening", data={"yes": []}).ok
    assert page.request.put("/api/routines/mine", data=CHECKED_ROUTINE).ok
    play_to(page, exercise, speed=speed)


def carries_pose_data(request: Request) -> bool:
    """A request that sends a picture or landmarks: any body but the player's own small records,
    and any with what a frame or a landmark is made of."""
    body = request.post_data or ""
    words = ("landmark", "visibility", "image", "data:", "blob:")
    return len(body) > 2000 or any(word in body for word in words)


def test_the_real_model_sees_the_person_and_asks_to_see_the_feet_sending_nothing(
    camera_browser: Browser, server: Server
) -> None:
    context = camera_browser.new_context(base_url=server.url, viewport=PHONE, permissions=["camera"])
    context.add_init_script(SPEECH_SPY)
    context.add_init_script(CAMERA_SPY)
    page = context.new_page()
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    at_the_checked_exercise(page)

    # Off by default: no camera asked for, and the pose model not fetched.
    toggle = page.get_by_role("button", name="Check my form")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("() => window.__cameraAsked") == 0
    assert not [r.url for r in requests if "/static/pose/" in r.url]

    requests.clear()
    toggle.click()
    page.wait_for_function("() => window.suppleForm && window.suppleForm.landmarks === 33", timeout=MODEL_LOADS_MS)
    assert page.evaluate("() => window.__cameraAsked") == 1
    # The astronaut is seen from the waist up: the legs are out of the picture, and it says so.
    cue = page.locator("#form-cue")
    expect(cue).to_have_text("Step back so I can see your feet.", timeout=30_000)
    assert page.evaluate("() => window.suppleForm.verdict.state") == "unseen"
    assert "Step back so I can see your feet." in page.evaluate("() => window.__spoken")
    expect(page.get_by_role("button", name="Stop checking")).to_have_attribute("aria-pressed", "true")
    look(page, "form-check-phone")
    assert violations(page) == [], "the player with the camera on passes WCAG 2.2 AA too"

    # The hold waits for the person to be in position: the countdown does not start.
    while not engine(page, "steps[window.supplePlayer.engine.index].work"):
        page.keyboard.press("n")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")
    expect(page.locator("#cue")).to_have_text("Get into position. The countdown starts when you are in it.")

    # Nothing but supple's own files came, offline: and no request carried a frame or a landmark.
    assert all(r.url.startswith(server.url) for r in requests), [r.url for r in requests]
    assert any(r.url.endswith("/static/pose/pose_landmark_lite.tflite") for r in requests)
    assert not [r.url for r in requests if carries_pose_data(r)]

    # Paused by the person: the camera is let go.
    page.get_by_role("button", name="Resume").click()  # taking over from the wait
    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("() => document.getElementById('form-video').srcObject === null")
    frames = page.evaluate("() => window.suppleForm.frames")
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.suppleForm.frames") == frames, "no frame is seen while paused"

    # Resumed, the camera is taken up again; turned off, it is let go and the figure is back.
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("() => document.getElementById('form-video').srcObject !== null")
    page.get_by_role("button", name="Stop checking").click()
    page.wait_for_function("() => document.getElementById('form-video').srcObject === null")
    expect(page.locator("#form-view")).to_be_hidden()
    expect(page.locator("#figure")).to_be_visible()
    context.close()


def test_the_player_page_alone_may_compile_the_pose_model(camera_browser: Browser, server: Server) -> None:
    context = camera_browser.new_context(base_url=server.url)
    page = context.new_page()
    at_the_checked_exercise(page)
    player = page.request.get("/play?routine=mine").headers["content-security-policy"]
    assert "'wasm-unsafe-eval'" in player
    assert "'wasm-unsafe-eval'" not in page.request.get("/plan").headers["content-security-policy"]
    data = json.loads(page.locator("#player-data").text_content() or "{}")
    assert CHECKED in data["form"] and set(data["figures"]) - set(data["form"]), "some of it cannot be checked"
    context.close()


# The pose model stood in for by landmarks the test chooses (made from the catalogue's own pose):
# the player's own code runs unchanged around it.
POSE_STAND_IN = """
window.__poseFrames = [];
window.Pose = class {
  setOptions() {}
  onResults(listener) { this.listener = listener; }
  async initialize() {}
  async send() {
    window.__poseAt = (window.__poseAt || 0) + 1;
    const frames = window.__poseFrames;
    this.listener({ poseLandmarks: frames.length ? frames[window.__poseAt % frames.length] : null });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
"""


def test_the_hold_starts_when_the_person_is_in_position_and_the_set_keeps_only_a_summary(
    camera_browser: Browser, server: Server
) -> None:
    from tests.content import builtin_catalog
    from tests.e2e.form_sequences import seen

    from supple.figures.form import held_pose

    exercise = builtin_catalog().exercises[CHECKED]
    context = camera_browser.new_context(base_url=server.url, viewport=PHONE, permissions=["camera"])
    context.add_init_script(SPEECH_SPY)
    context.add_init_script(POSE_STAND_IN)
    page = context.new_page()
    at_the_checked_exercise(page, speed=10)
    away = seen(exercise, held_pose(exercise), seed=8, shift=0.4)
    page.evaluate("(frames) => { window.__poseFrames = frames; }", away)
    page.get_by_role("button", name="Check my form").click()
    expect(page.locator("#form-cue")).to_have_text("Step back so I can see your feet.")

    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    while not engine(page, "steps[window.supplePlayer.engine.index].work"):
        page.keyboard.press("n")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")  # waiting for the person
    hold = engine(page, "index")
    held = seen(exercise, held_pose(exercise), seed=7, side=engine(page, f"steps[{hold}].side"))

    page.evaluate("(frames) => { window.__poseFrames = frames; }", held)
    expect(page.locator("#form-cue")).to_have_text("In position. Hold it there.")
    expect(page.locator("#player")).to_have_attribute("data-state", "running")  # the countdown began
    page.wait_for_function(f"() => window.supplePlayer.engine.index > {hold}", timeout=30_000)
    page.wait_for_function("() => window.supplePlayer.outbox.ops.length === 0")

    # the sets skipped on the way here may still be leaving the outbox: the checked hold's is the one
    posted = [json.loads(r.post_data or "{}") for r in sent if r.method == "POST" and r.url.endswith("/sets")]
    body = next(body for body in posted if body["step"] == hold)
    assert body["exercise"] == CHECKED and body["in_position_s"] > 0 and body["correction"] is None
    assert not [r.url for r in sent if carries_pose_data(r)]

    # Further on, an exercise the camera cannot check, and the player says so.
    page.keyboard.press("x")
    checkable = set(json.loads(page.locator("#player-data").text_content() or "{}")["form"])
    while engine(page, "steps[window.supplePlayer.engine.index].exercise") in checkable:
        page.keyboard.press("x")
    expect(page.locator("#form-cue")).to_have_text("This exercise cannot be checked by camera.")
    context.close()


def test_once_used_the_form_check_runs_offline_from_the_service_workers_cache(
    camera_browser: Browser, server: Server
) -> None:
    context = camera_browser.new_context(base_url=server.url, viewport=PHONE, permissions=["camera"])
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    assert page.request.post("/api/screening", data={"yes": []}).ok
    assert page.request.put("/api/routines/mine", data=CHECKED_ROUTINE).ok
    page.goto("/play?routine=mine")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.close(run_before_unload=False)

    def checked_page() -> Page:
        opened = context.new_page()
        play_to(opened, CHECKED)  # under the service worker now
        opened.get_by_role("button", name="Check my form").click()
        opened.wait_for_function(
            "() => window.suppleForm && window.suppleForm.landmarks === 33", timeout=MODEL_LOADS_MS
        )
        return opened

    checked_page().close(run_before_unload=False)  # the model fetched once, and kept
    context.set_offline(True)
    offline = checked_page()
    expect(offline.locator("#form-cue")).to_have_text("Step back so I can see your feet.", timeout=30_000)
    kept = offline.evaluate(
        "() => caches.open('supple-pose-0.5.1675469404').then((c) => c.keys()).then((k) => k.map((r) => r.url))"
    )
    assert any(url.endswith("/static/pose/pose_landmark_lite.tflite") for url in kept)
    assert not any(url.endswith("pose_landmark_full.tflite") for url in kept), "only what the check used"
    context.close()


def test_the_fire_hydrant_is_counted_with_the_phone_behind_the_person(camera_browser: Browser, server: Server) -> None:
    from tests.content import builtin_catalog
    from tests.e2e.form_sequences import moving

    exercise = builtin_catalog().exercises["fire-hydrant"]
    context = camera_browser.new_context(base_url=server.url, viewport=PHONE, permissions=["camera"])
    context.add_init_script(POSE_STAND_IN)
    page = context.new_page()
    at_the_checked_exercise(page, exercise.id, speed=10)
    page.get_by_role("button", name="Check my form").click()
    # nobody seen yet: where the phone goes, in plain words
    expect(page.locator("#form-cue")).to_have_text("Put the phone behind you, so it sees your hips and knees.")
    look(page, "form-fire-hydrant-phone-behind")

    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    while not engine(page, "steps[window.supplePlayer.engine.index].work"):
        page.keyboard.press("n")
    lifting = engine(page, "index")
    side = engine(page, f"steps[{lifting}].side")
    page.evaluate("(frames) => { window.__poseFrames = frames; }", moving(exercise, reach=1, reps=2, seed=1, side=side))
    expect(page.locator("#form-cue")).to_have_text(re.compile(r"^\d+ repetitions?\.$"), timeout=30_000)
    look(page, "form-fire-hydrant-counted")
    page.wait_for_function(f"() => window.supplePlayer.engine.index > {lifting}", timeout=60_000)
    page.wait_for_function("() => window.supplePlayer.outbox.ops.length === 0")
    posted = [json.loads(r.post_data or "{}") for r in sent if r.method == "POST" and r.url.endswith("/sets")]
    body = next(body for body in posted if body["step"] == lifting)
    assert body["exercise"] == exercise.id and body["reps_counted"] >= 1
    context.close()
