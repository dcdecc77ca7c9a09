// Small progressive enhancements shared by every page; each page works without them.
"use strict";
// After "delete everything" (or signing out of a shared device) the page says so, and what this
// browser kept of the person goes too: the service worker's copies of their pages and the player's
// stored outbox. The server's Clear-Site-Data header does it where browsers honour it (secure
// contexts and localhost); the page does it as well, since supple is often reached over plain http.
if (document.querySelector("[data-forget-device]")) {
  try { localStorage.clear(); sessionStorage.clear(); } catch { /* storage switched off: nothing kept */ }
  if ("caches" in window) {
    caches.keys().then((keys) => Promise.all(keys.map((key) => caches.delete(key)))).catch(() => {});
  }
}
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
