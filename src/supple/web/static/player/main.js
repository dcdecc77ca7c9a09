// The browser's player: the same steps and cues as `supple go` (the server lays out the timeline in
// the page), run by engine.js on a clock of its own; every finished set goes to the server through
// the outbox. This module only wires them together: the engine decides, the view shows and speaks,
// the outbox sends, the controls listen.
import { Session } from "./engine.js";
import { createOutbox } from "./outbox.js";
import { createView } from "./view.js";
import { wireControls } from "./controls.js";

export const PLAYER_LOCK = "supple-player"; // held while a player is open: other pages leave it the sending

const data = JSON.parse(document.getElementById("player-data").textContent);
const engine = new Session(data.timeline, data.rules); // rules: session/engine.py's own numbers and words
const view = createView({ figures: data.figures || {} });
let key = null; // names this session and what it sends, so a resent operation is kept once
let setsSent = 0;
let pendingEasier = null; // the easier exercise's steps, while the person decides
let askedSide = null; // the side question's words, while it waits for an answer
let endedAt = null; // when the session was over, on the device's clock
let finishSent = false;

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
if (navigator.locks) navigator.locks.request(PLAYER_LOCK, () => new Promise(() => {})).catch(() => {});

// --- the clocks: virtual seconds for the session, sped up for rehearsals and tests (?speed=), and
// the device's time for the record, never going back even if the clock is set back meanwhile ----
const speed = data.speed || 1;
const t0 = performance.now();
const now = () => ((performance.now() - t0) / 1000) * speed;
let lastWall = 0;
const deviceTime = () => new Date((lastWall = Math.max(lastWall, Date.now()))).toISOString();

// --- what the engine says happened ---------------------------------------------------------------
engine.on("cue", (cue) => { view.cue(cue.text); view.say(cue.text); });
engine.on("step", () => view.chime());
engine.on("set", (set) => {
  setsSent += 1;
  const form = formCheck.summary(set); // only the summary: never a frame or a landmark
  outbox.add({ kind: "sets", key, body: { ...set, ...form, key: `${key}.${setsSent}`, ended_at: deviceTime() } });
});
engine.on("ask-side", (cue) => { askedSide = cue.text; view.askSide(cue.text); });
engine.on("side", (answer) => {
  askedSide = null;
  view.sideAnswered();
  outbox.add({ kind: "sides", key, body: { ...answer, key: `${key}.side.${engine.sideAnswers.length}` } });
});
// Over: the side question still waiting is asked on the screen after the session.
function over(state, advice = null) {
  endedAt = deviceTime();
  formCheck.stop();
  view.over(state, { advice, question: engine.pendingSide !== null ? askedSide : null });
}
engine.on("finished", () => over("finished"));
engine.on("ended", (cue) => over("ended", cue.text));

// --- the loop: one at a time, while a session runs or is paused ---------------------------------
let looping = false;
function render() {
  if (engine.state === "waiting") return;
  const progress = engine.progress(now());
  view.render(progress);
  if (engine.active()) formCheck.follow(progress);
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

function finish(painAfter) {
  if (finishSent || key === null) return;
  finishSent = true;
  outbox.add({ kind: "finish", key, body: { state: engine.state, pain_after: painAfter, ended_at: endedAt || deviceTime() } });
}

// The form check's wiring (form.js) comes once the player works: on a slow network Start and "This
// hurts" do not wait for it. Until it has come (or if it cannot), nothing is checked and its toggle
// stays hidden.
let formCheck = { follow() {}, paused() {}, stop() {}, hidden() {}, summary: () => ({}) };
import("./form.js")
  .then(({ wireFormCheck }) => { formCheck = wireFormCheck({ specs: data.form || {}, engine, now, kick, view, speed }); })
  .catch(() => {});

wireControls({
  active: () => engine.active(),
  start(painBefore) {
    key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    outbox.forgetRefused(); // what an earlier session could not save was said then
    outbox.add({
      kind: "open", key,
      body: { routine: data.routine, pain_before: painBefore, ack_caution: true, key, started_at: deviceTime() },
    });
    view.show("during");
    view.sync(outbox);
    view.keepAwake();
    engine.start(now());
    kick();
  },
  pause() {
    if (engine.state === "running") view.hush(); // nothing more is said over a pause
    engine.togglePause(now());
    formCheck.paused(engine.state === "paused");
    kick();
    render();
  },
  skip: () => engine.skipStep(now()),
  skipExercise: () => engine.skipExercise(now()),
  back: () => engine.back(now()),
  hurtAsked() {
    view.hush();
    engine.pause(now());
    formCheck.paused(true);
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
    formCheck.paused(false);
    kick();
  },
  side(tighter) {
    engine.answerSide(tighter);
  },
  quit() {
    view.hush();
    engine.quit(now());
    over("quit");
  },
  finish(painAfter) {
    finish(painAfter);
    const done = engine.results.filter((r) => !r.skipped).length;
    view.done({ done, of: engine.results.length, advice: engine.state === "ended" ? data.rules.pain_advice : null }, outbox);
  },
});

// Leaving mid-session asks first; once it is over (or never began), the page goes quietly.
window.addEventListener("beforeunload", (event) => {
  if (!engine.active()) return;
  event.preventDefault();
  event.returnValue = "";
});
// Gone all the same (the person said leave, or the phone closed the tab): what was done is kept,
// and the session is closed as it stood. The next page of supple sends it.
window.addEventListener("pagehide", () => {
  formCheck.stop();
  if (key === null) return;
  if (engine.active()) { engine.quit(now()); endedAt = deviceTime(); }
  if (engine.state !== "waiting") finish(null);
});

// Back from the browser's page cache after leaving: the session was closed as it stood.
window.addEventListener("pageshow", (event) => {
  const showing = ["after", "done"].some((id) => !document.getElementById(id).hidden);
  if (event.persisted && engine.state === "quit" && !showing) view.over("quit");
});

document.addEventListener("visibilitychange", () => {
  formCheck.hidden(document.visibilityState === "hidden");
  if (document.visibilityState === "visible" && engine.state === "running") view.keepAwake();
});
outbox.watch();
outbox.flush();
// From here Start and "This hurts" answer: the moment bench/page_load.py measures as interactive.
document.getElementById("player").dataset.ready = "true";
performance.mark("supple-player-ready");
