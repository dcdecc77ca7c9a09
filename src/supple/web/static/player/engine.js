// The guided session, a port of session/engine.py's Session: the same states, deadlines and
// records, method for method. It never reads a clock (every method takes `now`, in seconds), and
// never touches the page or storage: it tells its listeners what happened, and they show, speak
// and send it. tests/e2e/test_engine_golden.py plays it against the Python engine's golden files.
//
// The steps are the server's timeline (session/timeline.py's timeline_json). Deadlines are offsets
// from one origin, moved only by pauses and jumps, so a late wake-up makes one cue late and the
// next one is due on time again.

const REST_KINDS = new Set(["rest", "switch"]);

// Python's round(x, 1): halves go to the even tenth. JavaScript's toFixed rounds the same exact
// value but sends halves up, and the recorded seconds must match to the last digit.
export function roundTenth(x) {
  if (Number.isInteger(x * 4) && !Number.isInteger(x * 2)) { // x.25 or x.75: exactly half a tenth
    const below = Math.floor(x * 10);
    return (below % 2 === 0 ? below : below + 1) / 10;
  }
  return Number(x.toFixed(1));
}

// An exercise's name inside a sentence, as engine.py's called(): "the pigeon pose"; a name that
// begins with an initialism ("SI joint knee push") keeps its capitals.
export function called(name) {
  return "the " + (/^.\p{Ll}/u.test(name) ? name[0].toLowerCase() + name.slice(1) : name);
}

function startsOf(steps) {
  let total = 0;
  return steps.map((step) => { const at = total; total += step.seconds; return at; });
}

export class Session {
  // timeline: the steps as the page has them; rules: session/engine.py's player_rules().
  constructor(timeline, rules) {
    if (!timeline.length) throw new Error("a session needs at least one exercise");
    this.rules = rules;
    this.steps = timeline.slice(); // changed in place (put in, picked up), so callers may keep it
    this.starts = startsOf(this.steps);
    this.state = "waiting";
    this.index = 0;
    this.cue = 0; // the next cue of the current step
    this.origin = 0;
    this.pausedAt = 0;
    this.nextItem = Math.max(...this.steps.map((s) => s.item)) + 1; // numbers for exercises put in
    this.hurts = 0;
    this.pendingSide = null;
    this.results = [];
    this.sideAnswers = [];
    this.listeners = {};
    this.queue = []; // events of the call in progress, told once it is over
    this.depth = 0;
  }

  // --- events -----------------------------------------------------------------------------------
  // "cue" (every cue, as Python returns them), then "ask-side", "finished" and "ended" for those
  // cues; "set" and "side" (a SetResult and a SideAnswer, as Python's on_result and on_side get
  // them); "step" when another step becomes the current one (the view's chime).

  on(type, listener) {
    (this.listeners[type] ||= []).push(listener);
    return this;
  }

  tell(type, payload) { this.queue.push([type, payload]); }

  // Listeners hear of a call's events when it is over, so they see the engine settled and may
  // call it again; a call made from within another (pause from hurt) does not tell early.
  call(body) {
    this.depth += 1;
    let value;
    try { value = body(); } finally { this.depth -= 1; }
    if (this.depth === 0) {
      const events = this.queue;
      this.queue = [];
      for (const [type, payload] of events) for (const listener of this.listeners[type] || []) listener(payload);
    }
    return value;
  }

  // A cue as Python's Cue, told to the listeners in the order the cues come.
  newCue(kind, text, due, step, exercise) {
    const cue = { kind, text, due, step, exercise };
    this.tell("cue", cue);
    if (kind === "ask-side" || kind === "finished" || kind === "ended") this.tell(kind, cue);
    return cue;
  }

  // --- time -------------------------------------------------------------------------------------

  get totalSeconds() { return this.steps.reduce((sum, step) => sum + step.seconds, 0); }

  offset(now) { return (this.state === "paused" ? this.pausedAt : now) - this.origin; }

  stepDone(now) { return Math.max(0, this.offset(now) - this.starts[this.index]); }

  // When something next happens (a cue or the end of a step), on the caller's clock.
  nextDue() {
    if (this.state !== "running") return null;
    const step = this.steps[this.index], start = this.starts[this.index];
    let due = start + step.seconds;
    if (this.cue < step.cues.length) due = Math.min(due, start + step.cues[this.cue].at);
    return this.origin + due;
  }

  // Where the session is, for the view; `coming` is the next exercise's first step, or null.
  progress(now) {
    const index = Math.min(this.index, this.steps.length - 1);
    const step = this.steps[index], total = this.totalSeconds;
    const elapsed = this.state !== "waiting" ? Math.min(this.offset(now), total) : 0;
    const stepLeft = Math.max(0, this.starts[index] + step.seconds - Math.max(elapsed, this.starts[index]));
    const coming = this.steps.slice(index + 1).find((s) => s.item !== step.item) || null;
    return { state: this.state, step, stepLeft, elapsed, total, coming };
  }

  // --- running ----------------------------------------------------------------------------------

  // Begin, or pick up an interrupted session at `fromStep` (rests before it are skipped, and a
  // lead-in is put in so the person gets back into position first).
  start(now, fromStep = 0) {
    return this.call(() => {
      if (this.state !== "waiting") return [];
      while (fromStep > 0 && fromStep < this.steps.length && REST_KINDS.has(this.steps[fromStep].kind)) fromStep += 1;
      if (fromStep >= this.steps.length) {
        this.state = "running";
        return this.moveTo(this.steps.length, now);
      }
      const moving = fromStep && !this.steps[fromStep].lead_in ? this.movingLeadIn(fromStep) : null;
      if (moving) {
        this.steps.splice(fromStep, 0, moving);
        this.starts = startsOf(this.steps);
      }
      this.state = "running";
      this.index = fromStep;
      this.origin = now - this.starts[fromStep];
      return this.advance(now);
    });
  }

  // Step `index` as the longer lead-in for getting into its exercise from another position. The
  // server sends each lead-in's moving version (timeline.py's moving_lead_in), so a step inside
  // an exercise takes its exercise's lead-in's, keeping its own item and rounds as Python's
  // replace() does. null for a page laid out before the server sent them: the step stays as it is.
  movingLeadIn(index) {
    const step = this.steps[index];
    const lead = this.steps.slice(0, index + 1).reverse().find((s) => s.item === step.item && s.lead_in);
    return lead && lead.moving ? { ...lead.moving, item: step.item, rounds: step.rounds } : null;
  }

  // The cues due by `now`, in order; finishes every step whose time is up.
  advance(now) {
    return this.call(() => {
      const cues = [];
      const offset = now - this.origin;
      while (this.state === "running") {
        const step = this.steps[this.index], start = this.starts[this.index];
        while (this.cue < step.cues.length && start + step.cues[this.cue].at <= offset) {
          const { kind, text, at } = step.cues[this.cue];
          cues.push(this.newCue(kind, text, this.origin + start + at, this.index, step.exercise));
          this.cue += 1;
        }
        const end = start + step.seconds;
        if (offset < end) break;
        cues.push(...this.finishStep(this.origin + end));
      }
      return cues;
    });
  }

  finishStep(due) {
    const step = this.steps[this.index];
    const cues = [];
    if (step.work) {
      this.record(this.index, step.seconds);
      if (step.sided && this.lastWorkOfItem(this.index)) {
        this.pendingSide = step.exercise;
        const text = this.rules.ask_side.replace("{exercise}", called(step.name));
        cues.push(this.newCue("ask-side", text, due, this.index, step.exercise));
      }
    }
    return cues.concat(this.moveTo(this.index + 1, due));
  }

  moveTo(target, due) {
    if (target >= this.steps.length) {
      this.state = "finished";
      this.index = this.steps.length - 1;
      this.cue = this.steps[this.index].cues.length;
      return [this.newCue("finished", this.rules.finished, due, this.index, "")];
    }
    this.index = target;
    this.cue = 0;
    this.tell("step", target);
    return [];
  }

  // The last work of its exercise until another exercise's steps begin (as Python: an exercise
  // put in before the rest of this one counts as the end of it).
  lastWorkOfItem(index) {
    const item = this.steps[index].item;
    for (const later of this.steps.slice(index + 1)) {
      if (later.item !== item) return true;
      if (later.work) return false;
    }
    return true;
  }

  record(index, seconds, skipped = false, pain = null) {
    const step = this.steps[index];
    const result = {
      exercise: step.exercise, kind: step.kind, side: step.side, rep: step.rep, seconds: roundTenth(seconds),
      planned_seconds: step.seconds, skipped, hurt: pain !== null, pain, step: index,
    };
    this.results.push(result);
    this.tell("set", result);
  }

  // --- the person's controls --------------------------------------------------------------------

  pause(now) {
    return this.call(() => {
      if (this.state === "running") { this.state = "paused"; this.pausedAt = now; }
    });
  }

  resume(now) {
    return this.call(() => {
      if (this.state !== "paused") return [];
      this.origin += now - this.pausedAt;
      this.state = "running";
      return this.advance(now);
    });
  }

  togglePause(now) {
    return this.call(() => {
      if (this.state === "running") { this.pause(now); return []; }
      return this.resume(now);
    });
  }

  active() { return this.state === "running" || this.state === "paused"; }

  // Continue from the start of step `target`, its deadlines counted from now.
  jump(now, target) {
    this.index = target;
    this.cue = 0;
    this.origin = (this.state === "paused" ? this.pausedAt : now) - this.starts[target];
    this.tell("step", target);
    return this.advance(now);
  }

  skipStep(now) {
    return this.call(() => {
      if (!this.active()) return [];
      if (this.steps[this.index].work) this.record(this.index, this.stepDone(now), true);
      if (this.index + 1 >= this.steps.length) return this.moveTo(this.steps.length, now);
      return this.jump(now, this.index + 1);
    });
  }

  skipExercise(now) {
    return this.call(() => (this.active() ? this.leaveItem(now) : []));
  }

  // Skip the rest of the current exercise (recording its sets) and go to the next one.
  leaveItem(now, pain = null) {
    const target = this.skipRestOfItem(now, pain);
    if (target >= this.steps.length) return this.moveTo(target, now);
    return this.jump(now, target);
  }

  // Record the rest of the current exercise's sets as skipped (the first with the pain, if any);
  // the index of the step after the exercise.
  skipRestOfItem(now, pain = null) {
    const item = this.steps[this.index].item, done = this.stepDone(now);
    let target = this.index, first = true;
    while (target < this.steps.length && this.steps[target].item === item) {
      if (this.steps[target].work) {
        this.record(target, target === this.index ? done : 0, true, first ? pain : null);
        first = false;
      }
      target += 1;
    }
    return target;
  }

  back(now) {
    return this.call(() => {
      if (!this.active()) return [];
      const restart = this.stepDone(now) > this.rules.back_restarts_after_s || this.index === 0;
      return this.jump(now, restart ? this.index : this.index - 1);
    });
  }

  // Stop the current exercise at once, keep the pain score, and pause before the next one. The
  // set in progress (or the next one, in a rest) is recorded as hurt with the pain, the rest of
  // the exercise as skipped. A second report ends the session there, with the advice and never a
  // "well done", even in the last exercise. Returns Python's HurtOutcome.
  hurt(now, pain) {
    return this.call(() => {
      if (!(pain >= 0 && pain <= 10)) throw new RangeError(`pain is rated 0 to 10, not ${pain}`);
      const exercise = this.steps[this.index].exercise;
      if (!this.active()) return { exercise, ended: this.state === "ended", cues: [] };
      this.hurts += 1;
      this.pause(now);
      const cues = [this.newCue("stopped", this.rules.stopped, now, this.index, exercise)];
      if (this.hurts < this.rules.hurts_to_end) {
        cues.push(...this.leaveItem(now, pain));
        return { exercise, ended: false, cues };
      }
      this.skipRestOfItem(now, pain);
      this.state = "ended";
      cues.push(this.newCue("ended", this.rules.pain_advice, now, this.index, exercise));
      return { exercise, ended: true, cues };
    });
  }

  // Do another exercise next (the easier one after a "this hurts"), starting now. `added` is its
  // steps as the server laid them out (never none: the server offers no exercise without steps);
  // they take the next item number, as in Python.
  putIn(now, added) {
    return this.call(() => {
      if (!this.active() || !added.length) return [];
      const number = this.nextItem;
      this.nextItem += 1;
      const steps = added.map((step) => ({ ...step, item: number }));
      const following = this.steps[this.index];
      // a change of position after the exercise put in needs the longer lead-in
      if (following.lead_in && following.position !== steps[0].position) {
        this.steps[this.index] = this.movingLeadIn(this.index) || following;
      }
      this.steps.splice(this.index, 0, ...steps);
      this.starts = startsOf(this.steps);
      return this.jump(now, this.index);
    });
  }

  // Stop here, keeping what was done; a set in progress is kept as cut short.
  quit(now) {
    return this.call(() => {
      if (!this.active()) return;
      const done = this.stepDone(now);
      if (this.steps[this.index].work && done > 0) this.record(this.index, done, true);
      this.state = "quit";
    });
  }

  answerSide(tighter) {
    return this.call(() => {
      if (this.pendingSide === null) return;
      const answer = { exercise: this.pendingSide, tighter };
      this.sideAnswers.push(answer);
      this.tell("side", answer);
      this.pendingSide = null;
    });
  }
}
