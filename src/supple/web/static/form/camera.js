// The form check's camera: the front camera's picture, the pose model (MediaPipe Pose, served by
// supple from /static/pose/), the mirrored preview with the skeleton drawn over it, and each frame's
// landmarks handed to the judge. Imported only when the person turns "Check my form" on, so the
// player's first paint never waits for it. Frames and landmarks stay in this page: nothing here
// sends or keeps them (docs/camera.md); the player keeps only each set's short summary.
import { NOT_COUNTED_YET, countValue, counted, judgeFrame, steady, swingOf, targets } from "./judge.js";

const POSE_FILES = "/static/pose/";
// The lines of the skeleton, between the pose model's landmarks (shoulders, arms, trunk, legs, feet).
const BONES = [
  [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
  [23, 25], [25, 27], [27, 29], [29, 31], [27, 31], [24, 26], [26, 28], [28, 30], [30, 32], [28, 32],
];
const STEADY_OVER = 8; // frames: a cue must hold over most of them before it is shown
const $ = (id) => document.getElementById(id);
const repetitions = (n) => (n === 0 ? "No repetitions counted yet." : `${n} ${n === 1 ? "repetition" : "repetitions"}.`);

let scriptLoading = null;
// pose.js is a classic script that defines window.Pose: added to the page when first needed.
function loadPoseScript() {
  if (window.Pose) return Promise.resolve();
  scriptLoading ||= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${POSE_FILES}pose.js`;
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error("the pose model did not load")));
    document.head.append(script);
  });
  return scriptLoading;
}

// specs: the server's form checks by exercise id (figures/form.py); onVerdict(verdict, at) hears
// the steady verdict of each frame on a judged step (at: performance.now() of the frame).
export function createFormCheck({ specs, onVerdict }) {
  const video = $("form-video"), canvas = $("form-canvas");
  const stats = { frames: 0, started: 0, landmarks: 0, verdict: null, modelReady: false, judgeMs: [], sendMs: [] };
  window.suppleForm = stats; // what the check sees, for a look from the console, a test or bench/
  let stream = null, pose = null, running = false, step = null, recent = [], goals = {}, swings = {};
  let reps = NOT_COUNTED_YET; // the repetitions of the step now playing, for a movement

  async function model() {
    await loadPoseScript();
    if (!pose) {
      pose = new window.Pose({ locateFile: (file) => POSE_FILES + file });
      // the lite model: a phone keeps up with it (the full one is there for a later choice)
      pose.setOptions({ modelComplexity: 0, smoothLandmarks: true, minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
      pose.onResults(seenFrame);
      await pose.initialize();
      stats.modelReady = true;
    }
    return pose;
  }

  function draw(landmarks) {
    const context = canvas.getContext("2d");
    canvas.width = video.videoWidth || 640;
    canvas.height = video.videoHeight || 480;
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!landmarks) return;
    const at = (i) => [landmarks[i].x * canvas.width, landmarks[i].y * canvas.height];
    const sure = (i) => (landmarks[i].visibility ?? 1) >= 0.5;
    context.lineWidth = Math.max(3, canvas.width / 110);
    for (const [a, b] of BONES) {
      context.strokeStyle = sure(a) && sure(b) ? "#2fbf71" : "rgba(255,255,255,0.45)";
      context.beginPath();
      context.moveTo(...at(a));
      context.lineTo(...at(b));
      context.stroke();
    }
    for (let i = 11; i < landmarks.length; i += 1) {
      context.fillStyle = sure(i) ? "#ffffff" : "rgba(255,255,255,0.45)";
      context.beginPath();
      context.arc(...at(i), context.lineWidth * 1.2, 0, 2 * Math.PI);
      context.fill();
    }
  }

  function seenFrame(results) {
    if (!running) return;
    const landmarks = results.poseLandmarks || null;
    stats.frames += 1;
    stats.landmarks = landmarks ? landmarks.length : 0;
    stats.visible = landmarks ? landmarks.filter((l) => (l.visibility ?? 1) >= 0.5).length : 0;
    draw(landmarks);
    const spec = step && specs[step.exercise];
    if (!spec || !step.judged) return;
    const begun = performance.now();
    goals[step.exercise] ||= targets(spec);
    if (!(step.exercise in swings)) swings[step.exercise] = swingOf(spec);
    const swing = swings[step.exercise];
    const aspect = (video.videoWidth || 4) / (video.videoHeight || 3);
    const verdict = judgeFrame(spec, landmarks, { side: step.side, aspect, goal: goals[step.exercise], swing });
    if (swing && verdict.state === "counting") {
      reps = counted(reps, countValue(spec, landmarks, { side: step.side, aspect }), swing.ends);
    }
    recent.push(verdict);
    if (recent.length > STEADY_OVER) recent.shift();
    const held = steady(recent);
    stats.reps = reps.reps;
    stats.verdict = held.state === "counting" ? { ...held, cue: repetitions(reps.reps), reps: reps.reps } : held;
    onVerdict(stats.verdict, begun);
    stats.judgeMs.push(performance.now() - begun); // from the frame's landmarks to its cue on the screen
    if (stats.judgeMs.length > 200) stats.judgeMs.shift();
  }

  async function loop() {
    while (running) {
      if (video.readyState >= 2) {
        const begun = performance.now();
        try { await pose.send({ image: video }); } catch (error) { /* a dropped frame: the next one is tried */ }
        stats.sendMs.push(performance.now() - begun); // the model's time on one frame
        if (stats.sendMs.length > 200) stats.sendMs.shift();
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  return {
    get on() { return running; },
    // Asks for the camera (the browser asks the person the first time), then runs the model.
    async start() {
      if (running) return;
      stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: "user", width: 640, height: 480 } });
      video.srcObject = stream;
      await video.play();
      running = true;
      stats.started = performance.now();
      stats.frames = 0;
      await model();
      if (running) loop();
    },
    // The camera is let go: its light goes off, and nothing more is seen.
    stop() {
      running = false;
      recent = [];
      if (stream) for (const track of stream.getTracks()) track.stop();
      stream = null;
      video.srcObject = null;
      draw(null);
    },
    // The step now playing: exercise, side, and whether it is judged (getting into position, holding).
    follow(next) {
      if (!step || next.exercise !== step.exercise || next.side !== step.side || next.judged !== step.judged) recent = [];
      if (!step || next.index !== step.index) reps = NOT_COUNTED_YET; // each set counts its own
      step = next;
    },
  };
}
