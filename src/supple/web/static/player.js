// The browser's player: the same steps and cues as `supple go` (the server lays out the timeline),
// timed from one origin so lateness never accumulates. Every finished set goes to the server
// through an outbox kept in localStorage, so a lost connection delays sets but never loses them.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("player-data").textContent);
  const $ = (id) => document.getElementById(id);
  const steps = data.timeline.slice();
  const speed = data.speed || 1;
  const rules = data.rules; // session/engine.py's own numbers and words, so both players agree

  // --- the outbox: operations sent in order, retried until the server has them ---------------
  const OUTBOX = "supple-outbox";
  const outbox = {
    ...JSON.parse(localStorage.getItem(OUTBOX) || '{"ops": [], "sessions": {}}'),
    // ops: waiting to be sent, in order; sessions: local key -> the server's session id
    busy: false,
    sent: 0,
    signedOut: false,
    failed: [],
    save() { localStorage.setItem(OUTBOX, JSON.stringify({ ops: this.ops, sessions: this.sessions })); },
    add(op) { this.ops.push(op); this.save(); this.flush(); },
    async flush() {
      if (this.busy) return;
      this.busy = true;
      try {
        while (this.ops.length) {
          const op = this.ops[0];
          const sid = this.sessions[op.key];
          if (op.kind !== "open" && sid === undefined) {
            if (!this.ops.some((o) => o.kind === "open" && o.key === op.key)) { this.ops.shift(); continue; }
          }
          const url = op.kind === "open" ? "/api/sessions" : `/api/sessions/${sid}/${op.kind}`;
          let response;
          try {
            response = await fetch(url, {
              method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(op.body),
            });
          } catch (e) {
            setTimeout(() => this.flush(), 3000); // offline: try again later
            return;
          }
          if (response.status >= 500) { setTimeout(() => this.flush(), 3000); return; }
          // Clinic mode: the sign-in ran out. Nothing is lost: the sets wait here until the person
          // signs in again (in another tab) and comes back to this one.
          if (response.status === 401) { this.signedOut = true; return; }
          this.signedOut = false;
          // The answer is read and acted on before the operation leaves the outbox, so an empty
          // outbox means every answer has been handled (the easier exercise offered, say).
          const body = response.status === 204 ? null : await response.json().catch(() => null);
          this.ops.shift();
          if (!response.ok) {
            this.save();
            const detail = body && body.detail;
            this.failed.push({ op, status: response.status, detail });
            if (op.kind === "open") refused(detail || "The server refused to start this session.");
            continue;
          }
          this.sent += 1;
          if (op.kind === "open") this.sessions[op.key] = body.id;
          this.save();
          if (op.kind === "hurt") offerEasier(body);
        }
      } finally {
        this.busy = false;
        updateSync();
      }
    },
  };
  window.addEventListener("online", () => outbox.flush());
  window.addEventListener("focus", () => { if (outbox.signedOut) outbox.flush(); });

  // --- voice and sound ---------------------------------------------------------------------------
  window.suppleSpoken = [];
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
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && engine.state === "running") keepAwake();
  });

  // --- the engine: a port of session/engine.py's Session ---------------------------------------
  const engine = {
    state: "waiting", index: 0, cue: 0, origin: 0, pausedAt: 0, hurts: 0, key: null, sides: 0,
    starts: [], pendingSide: null, nextItem: Math.max(0, ...steps.map((s) => s.item)) + 1, results: [],
    layout() { let t = 0; this.starts = steps.map((s) => { const at = t; t += s.seconds; return at; }); },
    total() { return steps.reduce((sum, s) => sum + s.seconds, 0); },
    offset(now) { return (this.state === "paused" ? this.pausedAt : now) - this.origin; },
    stepDone(now) { return Math.max(0, this.offset(now) - this.starts[this.index]); },
    start(now) {
      this.layout();
      this.state = "running";
      this.origin = now;
      this.advance(now);
    },
    advance(now) {
      const offset = now - this.origin;
      while (this.state === "running") {
        const step = steps[this.index], start = this.starts[this.index];
        while (this.cue < step.cues.length && start + step.cues[this.cue].at <= offset) {
          emit(step.cues[this.cue], step);
          this.cue += 1;
        }
        if (offset < start + step.seconds) break;
        this.finishStep();
      }
    },
    finishStep() {
      const step = steps[this.index];
      if (step.work) {
        this.record(this.index, step.seconds, false, null);
        if (step.sided && this.lastWorkOfItem(this.index)) askSide(step);
      }
      this.moveTo(this.index + 1, this.origin + this.starts[this.index] + step.seconds);
    },
    lastWorkOfItem(index) {
      return !steps.slice(index + 1).some((s) => s.item === steps[index].item && s.work);
    },
    moveTo(target, now) {
      if (target >= steps.length) {
        this.index = steps.length - 1;
        this.state = "finished";
        emit({ kind: "finished", text: rules.finished }, steps[this.index]);
        finished();
        return;
      }
      this.jump(now, target);
    },
    jump(now, target) {
      this.index = target;
      this.cue = 0;
      this.origin = (this.state === "paused" ? this.pausedAt : now) - this.starts[target];
      chime();
      this.advance(now);
    },
    record(index, seconds, skipped, pain) {
      const s = steps[index];
      const result = {
        step: index, exercise: s.exercise, kind: s.kind, side: s.side, rep: s.rep,
        seconds: Math.round(seconds * 10) / 10, planned_seconds: s.seconds, skipped,
        hurt: pain !== null, pain,
        // named, so that a set sent again after a lost answer is kept once
        key: `${this.key}.${this.results.length + 1}`,
      };
      this.results.push(result);
      outbox.add({ kind: "sets", key: this.key, body: result });
    },
    active() { return this.state === "running" || this.state === "paused"; },
    pause(now) { if (this.state === "running") { this.state = "paused"; this.pausedAt = now; } },
    resume(now) {
      if (this.state !== "paused") return;
      this.origin += now - this.pausedAt;
      this.state = "running";
      this.advance(now);
    },
    skipStep(now) {
      if (!this.active()) return;
      const step = steps[this.index];
      if (step.work) this.record(this.index, this.stepDone(now), true, null);
      if (this.index + 1 >= steps.length) this.moveTo(steps.length, now);
      else this.jump(now, this.index + 1);
    },
    leaveItem(now, pain) {
      const item = steps[this.index].item, done = this.stepDone(now);
      let target = this.index, first = true;
      while (target < steps.length && steps[target].item === item) {
        if (steps[target].work) {
          this.record(target, target === this.index ? done : 0, true, first ? pain : null);
          first = false;
        }
        target += 1;
      }
      if (target >= steps.length) this.moveTo(target, now);
      else this.jump(now, target);
    },
    back(now) {
      if (!this.active()) return;
      const restart = this.stepDone(now) > rules.back_restarts_after_s || this.index === 0;
      this.jump(now, restart ? this.index : this.index - 1);
    },
    hurt(now, pain) {
      if (!this.active()) return false;
      const hurtStep = steps[this.index];
      this.hurts += 1;
      this.pause(now);
      emit({ kind: "stopped", text: rules.stopped }, hurtStep);
      this.leaveItem(now, pain);
      if (this.hurts >= rules.hurts_to_end && this.state !== "finished") {
        this.state = "ended";
        ended();
        return false;
      }
      outbox.add({ kind: "hurt", key: this.key, body: { exercise: hurtStep.exercise, item: this.nextItem } });
      return true;
    },
    putIn(now, added) {
      if (!this.active()) return;
      this.nextItem += 1;
      steps.splice(this.index, 0, ...added);
      this.layout();
      this.jump(now, this.index);
    },
    quit(now) {
      if (!this.active()) return;
      const step = steps[this.index], done = this.stepDone(now);
      if (step.work && done > 0) this.record(this.index, done, true, null);
      this.state = "quit";
    },
  };
  window.supplePlayer = { engine, outbox, steps };

  // --- the clock: virtual seconds, sped up for rehearsals and tests (?speed=) -------------------
  const t0 = performance.now();
  const now = () => ((performance.now() - t0) / 1000) * speed;

  // --- the view -------------------------------------------------------------------------------
  function where(step) {
    const parts = [];
    if (step.side) parts.push(step.side === "left" ? "Left side" : "Right side");
    if (step.work && step.rounds > 1) parts.push(`${step.rep} of ${step.rounds}`);
    return parts.join(" · ") || "\u00a0";
  }
  function emit(cue, step) {
    $("cue").textContent = cue.text;
    say(cue.text);
  }
  function render() {
    if (engine.state === "waiting") return;
    const t = now();
    const step = steps[engine.index];
    const left = Math.max(0, engine.starts[engine.index] + step.seconds - engine.offset(t));
    $("count").textContent = Math.ceil(left);
    $("ring").setAttribute("stroke-dashoffset", String(100 - (100 * left) / step.seconds));
    $("exercise-name").textContent = step.name;
    $("where").textContent = where(step);
    const coming = steps.slice(engine.index + 1).find((s) => s.item !== step.item);
    $("next").textContent = coming ? coming.name : "the end";
    const total = engine.total(), elapsed = Math.min(total, Math.max(0, engine.offset(t)));
    $("overall").max = total;
    $("overall").value = elapsed;
    const remaining = Math.round(total - elapsed);
    $("left").textContent = `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, "0")}`;
    $("pause").textContent = engine.state === "paused" ? "Resume" : "Pause";
    $("player").dataset.state = engine.state;
  }
  function loop() {
    if (engine.state === "running") engine.advance(now());
    render();
    if (engine.active()) requestAnimationFrame(loop);
  }

  function painValue(name) {
    const checked = document.querySelector(`input[name="${name}"]:checked`);
    return checked ? Number(checked.value) : null;
  }

  function askSide(step) {
    engine.pendingSide = step.exercise;
    $("side").hidden = false;
  }
  document.querySelectorAll("#side button").forEach((button) => {
    button.addEventListener("click", () => {
      if (engine.pendingSide) {
        engine.sides += 1;
        outbox.add({ kind: "sides", key: engine.key, body: {
          exercise: engine.pendingSide, tighter: button.dataset.side, key: `${engine.key}.side.${engine.sides}` } });
      }
      engine.pendingSide = null;
      $("side").hidden = true;
    });
  });

  function show(section) {
    for (const id of ["before", "during", "after", "done"]) $(id).hidden = id !== section;
  }
  function finished() {
    show("after");
    $("after-title").focus();
    if (wakeLock) wakeLock.release();
  }
  function ended() {
    const advice = rules.pain_advice;
    say(advice);
    $("after-title").textContent = "Session ended";
    $("ended-advice").textContent = advice;
    $("ended-advice").hidden = false;
    finished();
  }
  function refused(message) {
    engine.state = "quit";
    show("done");
    $("done-title").textContent = "Not today";
    $("summary").textContent = message;
  }
  let pendingEasier = null;
  function offerEasier(answer) {
    if (!engine.active() || !answer || !answer.easier || !answer.timeline.length) {
      return; // nothing easier allowed: the session goes on, paused until the person resumes
    }
    pendingEasier = answer.timeline;
    $("easier-text").textContent = `${answer.easier.name}: ${answer.easier.dose.words}.`;
    if (!$("hurt-dialog").open) $("easier-dialog").showModal();
  }
  $("easier-dialog").addEventListener("close", () => {
    if ($("easier-dialog").returnValue === "yes" && pendingEasier) engine.putIn(now(), pendingEasier);
    pendingEasier = null;
    engine.resume(now());
    requestAnimationFrame(loop);
  });
  function updateSync() {
    const waiting = outbox.ops.length;
    $("sync").textContent = !waiting ? "Everything is saved."
      : outbox.signedOut ? `${waiting} update(s) waiting: sign in again in another tab, then come back to this one.`
      : `${waiting} update(s) waiting for the connection; keep this page open.`;
  }

  // --- controls ----------------------------------------------------------------------------------
  $("start").addEventListener("click", () => {
    engine.key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    outbox.add({ kind: "open", key: engine.key,
      body: { routine: data.routine, pain_before: painValue("pain_before"), ack_caution: true, key: engine.key } });
    show("during");
    keepAwake();
    engine.start(now());
    requestAnimationFrame(loop);
  });
  $("pause").addEventListener("click", () => {
    if (engine.state === "running") engine.pause(now());
    else { engine.resume(now()); requestAnimationFrame(loop); }
    render();
  });
  $("skip").addEventListener("click", () => engine.skipStep(now()));
  $("skip-exercise").addEventListener("click", () => engine.leaveItem(now(), null));
  $("back").addEventListener("click", () => engine.back(now()));
  $("hurt").addEventListener("click", () => {
    if (!engine.active()) return;
    engine.pause(now());
    render();
    $("hurt-dialog").showModal();
  });
  $("hurt-dialog").addEventListener("close", () => {
    const pain = painValue("pain_hurt") ?? 5;
    document.querySelectorAll('input[name="pain_hurt"]').forEach((input) => { input.checked = false; });
    const goesOn = engine.hurt(now(), pain);
    render();
    if (goesOn && pendingEasier === null) $("cue").textContent = "Paused. Press Resume when you are ready.";
  });
  $("quit").addEventListener("click", () => {
    if (!window.confirm("Stop the session here? What you have done is kept.")) return;
    engine.quit(now());
    finished();
  });
  $("finish").addEventListener("click", () => {
    outbox.add({ kind: "finish", key: engine.key, body: { state: engine.state, pain_after: painValue("pain_after") } });
    const done = engine.results.filter((r) => !r.skipped).length;
    show("done");
    $("summary").textContent = `${done} set(s) done of ${engine.results.length}.`;
    $("done-title").focus();
    updateSync();
  });
  document.addEventListener("keydown", (event) => {
    if (!engine.active() || event.target.closest("dialog, input, textarea") || event.ctrlKey || event.metaKey) return;
    const keys = { " ": "pause", n: "skip", x: "skip-exercise", b: "back", h: "hurt" };
    const id = keys[event.key];
    if (id) { event.preventDefault(); $(id).click(); }
  });
  outbox.flush();
})();
