// The controls: the buttons, the keys (those of `supple go`) and the dialogs. Each hands what the
// person did to an action of main.js; nothing here knows the session's rules.

const $ = (id) => document.getElementById(id);
const KEYS = { " ": "pause", n: "skip", x: "skip-exercise", b: "back", h: "hurt" };

function painValue(name) {
  const checked = document.querySelector(`input[name="${name}"]:checked`);
  return checked ? Number(checked.value) : null;
}

// actions: start(painBefore), pause(), skip(), skipExercise(), back(), hurtAsked(), hurt(pain),
// easier(yes), side(tighter), quit(), finish(painAfter); active() says whether a session runs.
export function wireControls(actions) {
  $("start").addEventListener("click", () => actions.start(painValue("pain_before")));
  $("pause").addEventListener("click", () => actions.pause());
  $("skip").addEventListener("click", () => actions.skip());
  $("skip-exercise").addEventListener("click", () => actions.skipExercise());
  $("back").addEventListener("click", () => actions.back());

  // "This hurts" stops the clock at once, then asks how bad; the answer is reported on closing.
  $("hurt").addEventListener("click", () => {
    if (!actions.active()) return;
    actions.hurtAsked();
    $("hurt-dialog").showModal();
  });
  $("hurt-dialog").addEventListener("close", () => {
    const pain = painValue("pain_hurt") ?? 5;
    document.querySelectorAll('input[name="pain_hurt"]').forEach((input) => { input.checked = false; });
    actions.hurt(pain);
  });
  $("easier-dialog").addEventListener("close", () => actions.easier($("easier-dialog").returnValue === "yes"));

  document.querySelectorAll("#side button").forEach((button) => {
    button.addEventListener("click", () => actions.side(button.dataset.side));
  });

  $("quit").addEventListener("click", () => {
    if (window.confirm("Stop the session here? What you have done is kept.")) actions.quit();
  });
  $("finish").addEventListener("click", () => actions.finish(painValue("pain_after")));

  document.addEventListener("keydown", (event) => {
    if (!actions.active() || event.target.closest("dialog, input, textarea") || event.ctrlKey || event.metaKey) return;
    const id = KEYS[event.key];
    if (id) { event.preventDefault(); $(id).click(); }
  });
}
