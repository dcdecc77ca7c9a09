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

// What a session played offline left waiting is sent from whichever page of supple is open once
// the connection is back (player/outbox.js, loaded only when something waits). The player sends
// its own: while one is open, in this tab or another, the other pages leave it the sending.
(() => {
  const key = document.body.dataset.outbox; // this person's outbox (none while signed out)
  if (!key || document.getElementById("player-data")) return;
  let outbox = null;
  const waiting = () => {
    try { return (JSON.parse(localStorage.getItem(key) || "{}").ops || []).length > 0; } catch (e) { return false; }
  };
  async function send() {
    if (!outbox) {
      if (!waiting()) return;
      const { createOutbox } = await import("/static/player/outbox.js");
      outbox = outbox || createOutbox({ key, yieldTo: "supple-player" });
      window.suppleOutbox = outbox;
      outbox.watch();
    }
    outbox.flush();
  }
  window.addEventListener("online", send);
  window.addEventListener("storage", (event) => { if (event.key === key) send(); });
  send();
})();
