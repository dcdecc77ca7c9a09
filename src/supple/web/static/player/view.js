// The view: what the person sees and hears. It shows the engine's progress and cues, speaks them,
// chimes between steps and keeps the screen on; it decides nothing about the session.

const $ = (id) => document.getElementById(id);
const SECTIONS = ["before", "during", "after", "done"];

export function createView() {
  window.suppleSpoken = []; // everything said, for a look from the console or a test

  function say(text) {
    window.suppleSpoken.push(text);
    if (!$("voice").checked || !("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  let audio = null;
  function chime() {
    if (!$("sound").checked) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.08, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.4);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch (e) { /* no audio: the cue is still shown and spoken */ }
  }

  // --- keeping the screen on --------------------------------------------------------------------
  let wakeLock = null;
  async function keepAwake() {
    try { if ("wakeLock" in navigator && !wakeLock) wakeLock = await navigator.wakeLock.request("screen"); }
    catch (e) { wakeLock = null; }
    if (wakeLock) wakeLock.addEventListener("release", () => { wakeLock = null; });
  }
  function letSleep() { if (wakeLock) wakeLock.release(); }

  // --- the session on screen --------------------------------------------------------------------
  function where(step) {
    const parts = [];
    if (step.side) parts.push(step.side === "left" ? "Left side" : "Right side");
    if (step.work && step.rounds > 1) parts.push(`${step.rep} of ${step.rounds}`);
    return parts.join(" · ") || "\u00a0";
  }

  // progress: the engine's progress(now); state: the engine's state.
  function render(progress) {
    const { step, stepLeft, elapsed, total, coming, state } = progress;
    $("count").textContent = Math.ceil(stepLeft);
    $("ring").setAttribute("stroke-dashoffset", String(100 - (100 * stepLeft) / step.seconds));
    $("exercise-name").textContent = step.name;
    $("where").textContent = where(step);
    $("next").textContent = coming ? coming.name : "the end";
    $("overall").max = total;
    $("overall").value = Math.max(0, elapsed);
    const remaining = Math.round(total - Math.max(0, elapsed));
    $("left").textContent = `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, "0")}`;
    $("pause").textContent = state === "paused" ? "Resume" : "Pause";
    $("player").dataset.state = state;
  }

  function show(section) {
    for (const id of SECTIONS) $(id).hidden = id !== section;
  }

  return {
    say,
    chime,
    keepAwake,
    render,
    show,
    cue(text) { $("cue").textContent = text; },
    askSide(shown) { $("side").hidden = !shown; },
    finished() {
      show("after");
      $("after-title").focus();
      letSleep();
    },
    ended(advice) {
      $("after-title").textContent = "Session ended";
      $("ended-advice").textContent = advice;
      $("ended-advice").hidden = false;
      this.finished();
    },
    refused(message) {
      show("done");
      $("done-title").textContent = "Not today";
      $("summary").textContent = message;
    },
    offerEasier(easier) {
      $("easier-text").textContent = `${easier.name}: ${easier.dose.words}.`;
      if (!$("hurt-dialog").open) $("easier-dialog").showModal();
    },
    done(summary) {
      show("done");
      $("summary").textContent = summary;
      $("done-title").focus();
    },
    sync(outbox) {
      const waiting = outbox.ops.length;
      $("sync").textContent = !waiting ? "Everything is saved."
        : outbox.signedOut ? `${waiting} update(s) waiting: sign in again in another tab, then come back to this one.`
        : `${waiting} update(s) waiting for the connection; keep this page open.`;
    },
  };
}
