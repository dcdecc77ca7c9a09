// The view: what the person sees and hears. It shows the engine's progress and cues, speaks them,
// chimes between steps and keeps the screen on; it decides nothing about the session.
import { refusedWords, waitingWords } from "./outbox.js";

const $ = (id) => document.getElementById(id);
const SECTIONS = ["before", "during", "after", "done"];
const TITLES = { finished: "Well done", quit: "Session stopped", ended: "Stopped for pain" };

// "4:45" past a minute (a warm-up of 285 seconds reads as minutes), seconds below it.
export function countdown(seconds) {
  const whole = Math.ceil(seconds);
  if (whole <= 60) return { count: String(whole), unit: whole === 1 ? "second" : "seconds" };
  return { count: `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`, unit: "minutes" };
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const sentence = (words) => words[0].toUpperCase() + words.slice(1);

// figures: each exercise's figure in words, by id (the page's alt texts).
export function createView({ figures = {} } = {}) {
  window.suppleSpoken = []; // everything said, for a look from the console or a test
  let refused = false;

  function say(text) {
    window.suppleSpoken.push(text);
    if (!$("voice").checked || !("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  // What is queued to be said is dropped: a pause or a "this hurts" must not be talked over.
  function hush() {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
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

  // --- the figure: the exercise moving gently into its position (still for a reader who asked for
  // reduced motion: its position, or its positions side by side), mirrored for the left side; its
  // steps one tap away
  function figureUrl(exercise, side) {
    const asked = [];
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) asked.push("still=true");
    if (side === "left") asked.push("side=left");
    return `/figures/${encodeURIComponent(exercise)}.svg${asked.length ? `?${asked.join("&")}` : ""}`;
  }
  const stepsOf = [...document.querySelectorAll("#steps-dialog [data-exercise]")];
  // Every figure the player may show, fetched once while there is a connection: the service worker
  // keeps them for when there is none.
  for (const block of stepsOf) {
    new Image().src = figureUrl(block.dataset.exercise);
    if (block.dataset.sided) new Image().src = figureUrl(block.dataset.exercise, "left");
  }
  $("steps-open").addEventListener("click", () => $("steps-dialog").showModal());

  let figureOf = null;
  function showFigure(exercise, side) {
    const shown = `${exercise} ${side || ""}`;
    if (shown === figureOf) return;
    figureOf = shown;
    const img = $("figure");
    img.hidden = false;
    img.alt = figures[exercise] || "";
    img.src = figureUrl(exercise, side);
    img.dataset.side = side || "";
    for (const block of stepsOf) block.hidden = block.dataset.exercise !== exercise;
  }

  // progress: the engine's progress(now).
  function render(progress) {
    const { step, stepLeft, elapsed, total, coming, state } = progress;
    const { count, unit } = countdown(stepLeft);
    $("count").textContent = count;
    $("unit").textContent = unit;
    $("ring").setAttribute("stroke-dashoffset", String(100 - (100 * stepLeft) / step.seconds));
    $("exercise-name").textContent = step.name;
    $("where").textContent = where(step);
    showFigure(step.exercise, step.side);
    $("next").textContent = coming ? `After this: ${coming.name}` : "This is the last exercise.";
    $("overall").max = total;
    $("overall").value = Math.max(0, elapsed);
    const remaining = Math.round(total - Math.max(0, elapsed));
    $("left").textContent = `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, "0")}`;
    $("pause").textContent = state === "paused" ? "Resume" : "Pause";
    $("player").dataset.state = state;
  }

  function show(section) {
    for (const id of SECTIONS) $(id).hidden = id !== section;
    // while a session runs the page is the player alone: its title would push the controls down
    $("player-title").hidden = section === "during";
    document.body.classList.toggle("in-session", section === "during");
    window.scrollTo(0, 0); // the new part from its top, not where the last tap left the page
  }

  // The side question goes where the person is: under the countdown, or after the session.
  function askSide(question) {
    const side = $("side");
    if (question === null) { side.hidden = true; return; }
    $("side-q").textContent = question.replace(/:[^:]*\?$/, "?"); // the buttons say the choices
    if (!$("after").hidden) $("after-side").append(side);
    else $("next").before(side);
    side.hidden = false;
    $("player").dataset.asking = "side";
  }

  return {
    say,
    hush,
    chime,
    keepAwake,
    render,
    show,
    askSide,
    sideAnswered() {
      $("side").hidden = true;
      delete $("player").dataset.asking;
    },
    cue(text) { $("cue").textContent = text; },
    // The session is over (finished, quit, or ended for pain); `question` is the side question
    // still to answer, if the last exercise was a sided stretch.
    over(state, { advice = null, question = null } = {}) {
      show("after");
      $("after-title").textContent = TITLES[state] || TITLES.quit;
      $("ended-advice").hidden = !advice;
      $("ended-advice").textContent = advice || "";
      if (question) askSide(question);
      $("after-title").focus();
      letSleep();
    },
    refused(message) {
      refused = true;
      show("done");
      $("done-title").textContent = "Not today";
      $("summary").textContent = message;
    },
    offerEasier(easier) {
      $("easier-text").textContent = `${easier.name}: ${easier.dose.words}.`;
      if (!$("hurt-dialog").open) $("easier-dialog").showModal();
    },
    // done: how many sets of how many were done; advice: the pain advice, when it ended for pain.
    done({ done, of, advice = null }, outbox) {
      show("done");
      $("done-advice").hidden = !advice;
      $("done-advice").textContent = advice || "";
      $("summary").textContent = done === 0 ? (of === 1 ? "You did not do the set." : `You did none of the ${of} sets.`)
        : `You did ${done} of ${plural(of, "set", "sets")}.`;
      this.sync(outbox);
      $("done-title").focus();
    },
    // What waits to be sent, in plain words: on the done screen, and in the player while offline.
    sync(outbox) {
      const ops = outbox.ops, what = waitingWords(ops), are = ops.length === 1 ? "is" : "are";
      const offline = outbox.offline || navigator.onLine === false;
      let status = "Everything is saved.";
      if (ops.length && outbox.signedOut) {
        status = `${sentence(what)} ${are} waiting on this device. Sign in again, and supple sends ${ops.length === 1 ? "it" : "them"}.`;
      }
      else if (ops.length && offline) {
        status = `No connection. ${sentence(what)} ${are} waiting on this device, and will be sent when the connection is back, from any page of supple.`;
      } else if (ops.length) status = `Sending ${what}…`;
      const lost = refusedWords(outbox.refused);
      if (lost) status = `${ops.length ? status : "Everything else is saved."} ${lost}`;
      if (!$("done").hidden && !refused) {
        $("sync").textContent = status;
        $("done-title").textContent = ops.length ? "Not saved yet" : lost ? "Partly saved" : "Saved";
      }
      const net = $("net");
      net.hidden = !(offline || (ops.length && outbox.signedOut) || lost);
      net.textContent = outbox.signedOut ? status
        : ops.length && offline ? `No connection. ${sentence(what)} ${are} waiting on this device.`
        : offline ? "No connection. What you do is kept on this device until it is back."
        : lost;
    },
  };
}
