// Plays a golden file's controls through engine.js as tests/session/make_golden.py plays them
// through the Python engine, and answers in the same shape, so the two compare as they are.

function control(engine, step) {
  const now = step.at;
  switch (step.do) {
    case "run": {
      const cues = [];
      for (let due = engine.nextDue(), n = 0; due !== null && (step.until === null || due <= step.until);
        due = engine.nextDue(), n += 1) {
        if (n > 100000) throw new Error("run: the engine never gets past its next deadline");
        cues.push(...engine.advance(due));
      }
      return [cues, {}];
    }
    case "start": return [engine.start(now, step.from_step || 0), {}];
    case "hurt": {
      const outcome = engine.hurt(now, step.pain);
      return [outcome.cues, { outcome: { exercise: outcome.exercise, ended: outcome.ended } }];
    }
    case "put_in": return [engine.putIn(now, step.steps), {}];
    case "answer_side": engine.answerSide(step.tighter); return [[], {}];
    case "pause": engine.pause(now); return [[], {}];
    case "quit": engine.quit(now); return [[], {}];
    default: { // advance, resume, toggle_pause, skip_step, skip_exercise, back
      const method = step.do.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
      return [engine[method](now), {}];
    }
  }
}

function snapshot(engine, step, returned, answered) {
  const state = {
    do: step.do, cues: returned.length, state: engine.state, index: engine.index, hurts: engine.hurts,
    pending_side: engine.pendingSide, next_due: engine.nextDue(), total: engine.totalSeconds, ...answered,
  };
  if (step.at !== undefined && step.at !== null) {
    const p = engine.progress(step.at);
    state.progress = { state: p.state, step_left: p.stepLeft, elapsed: p.elapsed, total: p.total,
      coming: p.coming ? p.coming.exercise : null };
  }
  return state;
}

export function play(Session, timeline, rules, controls) {
  const engine = new Session(timeline, rules);
  const heard = { cues: [], sets: [], sides: [], named: [] };
  engine.on("cue", (cue) => heard.cues.push(cue)).on("set", (set) => heard.sets.push(set))
    .on("side", (answer) => heard.sides.push(answer));
  for (const name of ["ask-side", "finished", "ended"]) engine.on(name, (cue) => heard.named.push([name, cue.kind]));
  const cues = [], trace = [];
  for (const step of controls) {
    const [returned, answered] = control(engine, step);
    cues.push(...returned);
    trace.push(snapshot(engine, step, returned, answered));
  }
  const steps = engine.steps.map((s) => ({ item: s.item, exercise: s.exercise, kind: s.kind, seconds: s.seconds, cue: s.cue }));
  return { played: { cues, sets: engine.results, sides: engine.sideAnswers, trace, steps }, heard };
}
