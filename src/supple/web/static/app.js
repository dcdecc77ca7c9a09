// Small progressive enhancements shared by every page; each page works without them.
"use strict";
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => { /* offline use is a bonus, not a need */ });
}
document.querySelectorAll("[data-show]").forEach((link) => {
  link.addEventListener("click", (event) => {
    const target = document.getElementById(link.dataset.show);
    if (!target) return;
    event.preventDefault();
    target.hidden = false;
    target.querySelector("h1, legend, input")?.focus();
  });
});
