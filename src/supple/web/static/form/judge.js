// The form check's judge: pure functions over the pose model's landmarks, the one place the camera's
// view of a position is judged (docs/camera.md). The exercise's checks come from the server
// (figures/form.py's form_spec): what to measure, how far off it may be, what to say, and the
// landmarks of the catalogue's own pose, which give each measure its target. Nothing here reads
// the page, the camera or a clock; tests/e2e/test_form_judge.py feeds it landmark sequences made
// from the catalogue's 3-D poses.

// Below this the model is unsure of a point, and it is not judged (MediaPipe's visibility: 0 to 1).
export const VISIBLE = 0.5;
// A side view sees the shoulders nearly on top of one another; a front view sees them apart. The
// shoulders' spread, as a share of the trunk's length, that tells the two apart.
const SIDE_ON_SPREAD = 0.4;

// Every sentence the judge says comes with the spec (spec.say, spec.unseen, the checks' words), written
// once in figures/form.py, so the server can hold a set's correction to them.

const mid = (points) => {
  const sum = points.reduce((s, p) => ({ x: s.x + p.x, y: s.y + p.y, v: Math.min(s.v, p.visibility ?? 1) }), { x: 0, y: 0, v: 1 });
  return { x: sum.x / points.length, y: sum.y / points.length, visibility: sum.v };
};

// A landmark is seen when the model is sure of it and it is inside the picture.
export function seen(point) {
  return point !== null && (point.visibility ?? 1) >= VISIBLE && point.x >= 0 && point.x <= 1 && point.y >= 0 && point.y <= 1;
}

// The named point (catalog/camera.py's names), for the step's side, from the landmarks.
export function pointOf(spec, landmarks, name, side) {
  const indices = spec.points[name][side === "left" ? "left" : "right"];
  const found = indices.map((i) => landmarks[i]).filter(Boolean);
  return found.length === indices.length ? mid(found) : null;
}

const deg = (rad) => (rad * 180) / Math.PI;
const wrap = (degrees) => ((degrees % 360) + 360) % 360;

// Which way the person faces in the picture: +1 to the right, -1 to the left (the nose ahead of
// the ears; the toes ahead of the heels when the face is not seen).
export function facing(spec, landmarks) {
  const nose = landmarks[spec.body.nose];
  const ears = spec.body.ears.map((i) => landmarks[i]);
  if (seen(nose) && ears.some(seen)) return Math.sign(nose.x - mid(ears.filter(seen)).x) || 1;
  return 1;
}

// The picture's points turned into one frame for measuring: y up, x scaled to the picture's shape,
// and in a side view x toward where the person faces (so either way round measures the same); in a
// front view the left side is the right side's mirror image.
export function framer(spec, landmarks, side, aspect = 1) {
  const flip = spec.view === "side" ? facing(spec, landmarks) : side === "left" ? -1 : 1;
  return (point) => ({ x: point.x * aspect * flip, y: -point.y });
}

// The measure of one check, in degrees: an angle at the middle point from the first point round to
// the last (180 when straight), or a line's lean from upright (+ toward where the person faces).
export function measure(check, at) {
  const p = check.points.map(at);
  if (check.measure === "lean") return deg(Math.atan2(p[1].x - p[0].x, p[1].y - p[0].y));
  const [a, b, c] = p;
  return wrap(deg(Math.atan2(c.y - b.y, c.x - b.x)) - deg(Math.atan2(a.y - b.y, a.x - b.x)));
}

// How far a measure is from its target, -180 to 180.
export const off = (value, target) => ((value - target + 540) % 360) - 180;

// Each check's target: its measure on the catalogue's own pose (the reference's right side).
export function targets(spec) {
  const reference = spec.reference.map(([x, y]) => ({ x, y, visibility: 1 }));
  const frame = framer(spec, reference, "right");
  return spec.checks.map((check) => measure(check, (name) => frame(pointOf(spec, reference, name, "right"))));
}

function evaluate(spec, landmarks, side, aspect, goal) {
  const frame = framer(spec, landmarks, side, aspect);
  return spec.checks.map((check, i) => {
    const value = measure(check, (name) => frame(pointOf(spec, landmarks, name, side)));
    const by = off(value, goal[i]);
    const cue = by < -check.within ? check.too_small : by > check.within ? check.too_large : null;
    return { value, target: goal[i], cue };
  });
}

function turnCue(spec, landmarks) {
  const shoulders = spec.body.shoulders.map((i) => landmarks[i]);
  const hips = spec.body.hips.map((i) => landmarks[i]);
  if (![...shoulders, ...hips].every(seen)) return null;
  const trunk = Math.hypot(mid(shoulders).x - mid(hips).x, mid(shoulders).y - mid(hips).y);
  const spread = Math.abs(shoulders[0].x - shoulders[1].x) / (trunk || 1);
  if (spec.view === "side" ? spread > SIDE_ON_SPREAD : spread < SIDE_ON_SPREAD) return spec.say.turn;
  // From behind, the person's left is on the picture's left (facing the camera, it is on its right).
  if (spec.view === "back" && (spread < SIDE_ON_SPREAD || hips[0].x > hips[1].x)) return spec.say.turn;
  return null;
}

const switchSides = (spec, side, measures) => ({ state: "wrong-side", cue: spec.say.switch_sides[side], measures });

// The verdict on one frame of landmarks (33 of them, or none when nobody was found):
// { state, cue, measures } where state is "unseen", "turn", "wrong-side", "adjust",
// "in-position" or, for a movement that is counted and not held, "counting"; cue the first thing to
// put right. side: the step's, "left", "right" or null.
export function judgeFrame(spec, landmarks, { side = null, aspect = 1, goal = targets(spec), swing = swingOf(spec) } = {}) {
  if (!landmarks || !landmarks.length) return { state: "unseen", cue: spec.say.nobody, measures: [] };
  const wanted = side === "left" ? "left" : "right";
  const unseen = Object.keys(spec.points).find((name) => !seen(pointOf(spec, landmarks, name, wanted)));
  if (unseen) return { state: "unseen", cue: spec.unseen[unseen], measures: [] };
  const turn = turnCue(spec, landmarks);
  if (turn) return { state: "turn", cue: turn, measures: [] };
  if (!spec.checks.length) { // a movement: counted, not held
    if (side && swing && otherSideMoves(spec, landmarks, side, aspect, swing)) return switchSides(spec, side, []);
    return { state: "counting", cue: null, measures: [] };
  }
  const measures = evaluate(spec, landmarks, wanted, aspect, goal);
  const wrong = measures.find((m) => m.cue);
  if (!wrong) return { state: "in-position", cue: spec.say.in_position, measures };
  if (side) {
    const other = side === "left" ? "right" : "left";
    if (evaluate(spec, landmarks, other, aspect, goal).every((m) => !m.cue)) {
      return switchSides(spec, side, measures);
    }
  }
  return { state: "adjust", cue: wrong.cue, measures };
}

// The verdict most frames agree on: a steady cue, not one that flickers with the model's noise.
// Ties go to the latest.
export function steady(verdicts) {
  const counts = new Map();
  let best = null, most = 0;
  for (const verdict of verdicts) {
    const key = `${verdict.state}|${verdict.cue}`;
    const n = (counts.get(key) || 0) + 1;
    counts.set(key, n);
    if (n >= most) { most = n; best = verdict; }
  }
  return best;
}

// A sequence of frames judged as the player would: each frame, then the steady verdict.
export function judgeSequence(spec, frames, options = {}) {
  const goal = targets(spec), swing = swingOf(spec);
  return steady(frames.map((landmarks) => judgeFrame(spec, landmarks, { ...options, goal, swing })));
}

// --- repetitions of a movement: its counting measure swings between the pose's first two key poses

export const NOT_COUNTED_YET = { reps: 0, toward: "end" };
// How far along the swing (0 at the start pose, 1 at the end) the person must reach to count it:
// well past half-way each way, so the model's wobble at one end never counts a repetition.
const REACHED_END = 0.7, BACK_AT_START = 0.3;

// The counting measure on one frame. An angle is taken either way round (0 to 180): lying down or on
// all fours, the side the person faces is not always clear.
export function countValue(spec, landmarks, { side = null, aspect = 1 } = {}) {
  const wanted = side === "left" ? "left" : "right";
  const frame = framer(spec, landmarks, wanted, aspect);
  const value = measure(spec.counts, (name) => frame(pointOf(spec, landmarks, name, wanted)));
  return spec.counts.measure === "angle" ? Math.min(value, 360 - value) : value;
}

// The measure at the start and at the end of the movement, from the catalogue's key poses.
export function countEnds(spec) {
  return spec.counts.ends.map((end) => countValue(spec, end.map(([x, y]) => ({ x, y, visibility: 1 }))));
}

// One more frame's measure: a repetition is out to the end and back to the start.
export function counted(state, value, [start, end]) {
  const span = off(end, start);
  if (Math.abs(span) < 1) return state;
  const along = off(value, start) / span;
  if (state.toward === "end" && along >= REACHED_END) return { ...state, toward: "start" };
  if (state.toward === "start" && along <= BACK_AT_START) return { reps: state.reps + 1, toward: "end" };
  return state;
}

// The repetitions in a sequence of frames, as the player counts them: only frames judged "counting"
// (the body in view, the right way round, the side the step names).
export function countSequence(spec, frames, options = {}) {
  const swing = swingOf(spec);
  let state = NOT_COUNTED_YET;
  for (const landmarks of frames) {
    if (judgeFrame(spec, landmarks, { ...options, swing }).state !== "counting") continue;
    state = counted(state, countValue(spec, landmarks, options), swing.ends);
  }
  return state.reps;
}

// A movement's swing: the measure at its two ends, and for a sided one whose measure tells the
// sides apart, its rest: the end where both sides measure the same (the working limb beside the
// other one), where the other side stays while this one works. rest is null when the measure is
// the same either side (legs apart, the head against the trunk).
export function swingOf(spec) {
  if (!spec.counts) return null;
  const ends = countEnds(spec);
  const bySide = spec.counts.ends.map((end) => {
    const marks = end.map(([x, y]) => ({ x, y, visibility: 1 }));
    return ["right", "left"].map((side) => countValue(spec, marks, { side }));
  });
  const apart = bySide.map(([right, left]) => Math.abs(off(right, left)));
  const rest = Math.max(...apart) < 1 ? null : bySide[apart[0] <= apart[1] ? 0 : 1][0];
  return { ends, rest };
}

// The other side's limb swinging while this side's stays at rest: the person works the wrong side.
function otherSideMoves(spec, landmarks, side, aspect, { ends, rest }) {
  if (rest === null) return false;
  const span = Math.abs(off(ends[1], ends[0])) || 1;
  const away = (which) => Math.abs(off(countValue(spec, landmarks, { side: which, aspect }), rest)) / span;
  return away(side === "left" ? "right" : "left") >= BACK_AT_START && away(side) < BACK_AT_START;
}
