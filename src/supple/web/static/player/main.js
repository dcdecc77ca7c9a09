// The browser's player: the same steps and cues as `supple go` (the server lays out the timeline in
// the page), run by engine.js on a clock of its own; every finished set goes to the server through
// the outbox. This module only wires them together: the engine decides, the view shows and speaks,
// the outbox sends, the controls listen.
import { Session } from "./engine.js";
import { createOutbox } from "./outbox.js";
import { createView } from "./view.js";
import { wireControls } from "./controls.js";

const data = JSON.parse(document.getElementById("player-data").textContent);
const engine = new Session(data.timeline, data.rules); // rules: session/engine.py's own numbers and words
const view = createView();
let key = null; // names this session and what it sends, so a resent operation is kept once
let setsSent = 0;
let pendingEasier = null; // the easier exercise's steps, while the person decides

const outbox = createOutbox({
  hooks: {
    refused(message) {
      engine.quit(now());
      view.refused(message);
    },
    hurtAnswer: offerEasier,
    changed: () => view.sync(outbox),
  },
});
window.supplePlayer = { engine, outbox, steps: engine.steps };

// --- the clock: virtual seconds, sped up for rehearsals and tests (?speed=) ---------------------
const speed = data.speed || 1;
const t0 = performance.now();
const now = () => ((performance.now() - t0) / 1000) * speed;

// --- what the engine says happened ---------------------------------------------------------------
engine.on("cue", (cue) => { view.cue(cue.text); view.say(cue.text); });
engine.on("step", () => view.chime());
engine.on("set", (set) => {
  setsSent += 1;
  outbox.add({ kind: "sets", key, body: { ...set, key: `${key}.${setsSent}` } });
});
engine.on("ask-side", () => view.askSide(true));
engine.on("side", (answer) => {
  outbox.add({ kind: "sides", key, body: { ...answer, key: `${key}.side.${engine.sideAnswers.length}` } });
});
engine.on("finished", () => view.finished());
engine.on("ended", (cue) => view.ended(cue.text));

// --- the loop: one at a time, while a session runs or is paused ---------------------------------
let looping = false;
function render() {
  if (engine.state !== "waiting") view.render(engine.progress(now()));
}
function loop() {
  if (engine.state === "running") engine.advance(now());
  render();
  if (engine.active()) requestAnimationFrame(loop);
  else looping = false;
}
function kick() {
  if (!looping) { looping = true; requestAnimationFrame(loop); }
}

function offerEasier(answer) {
  if (!engine.active() || !answer || !answer.easier || !answer.timeline.length) {
    return; // nothing easier allowed: the session goes on, paused until the person resumes
  }
  pendingEasier = answer.timeline;
  view.offerEasier(answer.easier);
}

wireControls({
  active: () => engine.active(),
  start(painBefore) {
    key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    outbox.add({ kind: "open", key, body: { routine: data.routine, pain_before: painBefore, ack_caution: true, key } });
    view.show("during");
    view.keepAwake();
    engine.start(now());
    kick();
  },
  pause() {
    engine.togglePause(now());
    kick();
    render();
  },
  skip: () => engine.skipStep(now()),
  skipExercise: () => engine.skipExercise(now()),
  back: () => engine.back(now()),
  hurtAsked() {
    engine.pause(now());
    render();
  },
  hurt(pain) {
    if (!engine.active()) return;
    const outcome = engine.hurt(now(), pain);
    render();
    if (outcome.ended) return; // the "ended" event has shown the advice
    outbox.add({ kind: "hurt", key, body: { exercise: outcome.exercise, item: engine.nextItem } });
    if (engine.active() && pendingEasier === null) view.cue("Paused. Press Resume when you are ready.");
  },
  easier(yes) {
    if (yes && pendingEasier) engine.putIn(now(), pendingEasier);
    pendingEasier = null;
    engine.resume(now());
    kick();
  },
  side(tighter) {
    engine.answerSide(tighter);
    view.askSide(false);
  },
  quit() {
    engine.quit(now());
    view.finished();
  },
  finish(painAfter) {
    outbox.add({ kind: "finish", key, body: { state: engine.state, pain_after: painAfter } });
    const done = engine.results.filter((r) => !r.skipped).length;
    view.done(`${done} set(s) done of ${engine.results.length}.`);
    view.sync(outbox);
  },
});

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && engine.state === "running") view.keepAwake();
});
outbox.watch();
outbox.flush();
