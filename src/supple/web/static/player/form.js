// "Check my form" in the player (docs/camera.md): the toggle, the preview in place of the figure,
// the form cue shown and spoken, the hold's countdown waiting until the person is in position, and
// each set's short summary (seconds in position, the main correction). The camera and the pose
// model are imported only when the person turns the check on (../form/camera.js).

const $ = (id) => document.getElementById(id);
export const CANNOT_CHECK = "This exercise cannot be checked by camera.";
export const GET_IN_POSITION = "Get into position. The countdown starts when you are in it.";
const NO_CAMERA = "The camera could not be started, so your form is not checked. The session goes on.";
const SPEAK_EVERY_MS = 4000; // a form cue is spoken at most this often, and only when it changes

// specs: form checks by exercise id; engine, now, kick, speed: main.js's; view: the player's view.
export function wireFormCheck({ specs, engine, now, kick, view, speed = 1 }) {
  let check = null; // ../form/camera.js's form check, once turned on
  let wanted = false; // the person's choice: on or off
  let step = null; // the step shown, and its index
  let waiting = false; // the hold waits for "in position"
  let spokenCue = null, spokenAt = -Infinity;
  let lastAt = null; // the last judged frame's time, for adding up time in position
  const sets = new Map(); // step index -> { inPosition (s), cues: Map(cue -> count) }

  function shown(on) {
    $("form-toggle").setAttribute("aria-pressed", String(on));
    $("form-toggle").textContent = on ? "Stop checking" : "Check my form";
    $("form-view").hidden = !on;
    $("figure").classList.toggle("inset", on);
    $("form-cue").hidden = !on;
  }

  function say(text, counting = false) { // a count is said at once: it comes with the movement
    $("form-cue").textContent = text;
    const at = performance.now();
    if (text !== spokenCue && (at - spokenAt >= SPEAK_EVERY_MS || counting)) {
      spokenCue = text;
      spokenAt = at;
      view.say(text);
    }
  }

  function onVerdict(verdict, at) {
    if (!step) return;
    say(verdict.cue, verdict.state === "counting");
    const summary = step.work && engine.state === "running" ? (sets.get(step.index) || { inPosition: 0, cues: new Map() }) : null;
    if (summary) {
      sets.set(step.index, summary);
      if (verdict.state === "counting") summary.reps = verdict.reps;
      else if (verdict.state === "in-position" && lastAt !== null) summary.inPosition += Math.min(1, (at - lastAt) / 1000) * speed;
      else if (verdict.state !== "in-position") summary.cues.set(verdict.cue, (summary.cues.get(verdict.cue) || 0) + 1);
    }
    lastAt = at;
    if (waiting && verdict.state === "in-position" && engine.state === "paused") {
      waiting = false;
      engine.resume(now());
      kick();
    }
  }

  async function turnOn() {
    wanted = true;
    shown(true);
    $("form-cue").textContent = "Starting the camera…";
    try {
      if (!check) check = (await import("../form/camera.js")).createFormCheck({ specs, onVerdict });
      if (engine.state !== "paused" || waiting) await check.start();
      else $("form-cue").textContent = "The camera starts when you resume.";
      if (step) follow(step.progress, true);
    } catch (error) {
      turnOff();
      $("form-cue").hidden = false;
      $("form-cue").textContent = NO_CAMERA;
    }
  }

  function turnOff() {
    wanted = false;
    if (waiting && engine.state === "paused") { waiting = false; engine.resume(now()); kick(); }
    if (check) check.stop();
    shown(false);
  }

  $("form-toggle").addEventListener("click", () => (wanted ? turnOff() : turnOn()));
  $("form-toggle").hidden = false;

  // progress: the engine's, each time the player draws it.
  function follow(progress, again = false) {
    const index = engine.index;
    if (!again && step && step.index === index) return;
    const s = progress.step;
    step = { index, progress, work: s.work, exercise: s.exercise };
    lastAt = null;
    const judged = s.work || s.lead_in;
    if (check) check.follow({ index, exercise: s.exercise, side: s.side, judged });
    if (!wanted) return;
    if (!specs[s.exercise]) { $("form-cue").textContent = CANNOT_CHECK; return; }
    if (!judged) { $("form-cue").textContent = "\u00a0"; return; }
    const verdict = window.suppleForm && window.suppleForm.verdict;
    const held = specs[s.exercise].checks.length > 0; // a movement is counted, and never waits
    if (held && s.work && engine.state === "running" && !(verdict && verdict.state === "in-position")) {
      waiting = true;
      engine.pause(now());
      view.cue(GET_IN_POSITION);
    }
  }

  return {
    follow,
    // The person paused or resumed: the camera is let go while paused, and taken up again after.
    paused(isPaused) {
      waiting = false;
      if (!wanted || !check) return;
      if (isPaused) check.stop();
      else check.start().catch(turnOff);
    },
    stop() { if (check) check.stop(); },
    // The page hidden (another app, the screen off): the camera is let go until it shows again.
    hidden(isHidden) {
      if (!wanted || !check) return;
      if (isHidden) check.stop();
      else if (engine.state === "running" || waiting) check.start().catch(turnOff);
    },
    // The set's form summary, if the camera checked it: seconds in position and the main correction
    // (SetIn's in_position_s and correction); nothing when it did not.
    summary(set) {
      const summary = sets.get(set.step);
      if (!summary || !specs[set.exercise]) return {};
      let correction = null, most = 0;
      for (const [cue, count] of summary.cues) if (count > most) { most = count; correction = cue; }
      if (summary.reps !== undefined) return { reps_counted: summary.reps, correction };
      return { in_position_s: Math.min(set.seconds, Math.round(summary.inPosition * 10) / 10), correction };
    },
  };
}
