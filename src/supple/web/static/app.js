// Small progressive enhancements shared by every page; each page works without them.
"use strict";
// After "delete everything" (or signing out of a shared device) the page says so, and what this
// browser kept of the person goes too. In single-person mode that is everything (the server's
// Clear-Site-Data header does it where browsers honour it, and the page does it as well, since
// supple is often reached over plain http). A clinic's shared device keeps the sessions other people
// have waiting to be sent: only the kept pages go, and the outboxes with nothing in them.
const forget = document.querySelector("[data-forget-device]");
if (forget) {
  const all = forget.dataset.forgetDevice === "all";
  try {
    for (const name of Object.keys(localStorage)) {
      const kept = name.startsWith("supple-outbox") ? JSON.parse(localStorage.getItem(name) || "{}") : {};
      if (all || !((kept.ops || []).length || (kept.refused || []).length)) localStorage.removeItem(name);
    }
    sessionStorage.clear();
  } catch { /* storage switched off: nothing kept */ }
  if ("caches" in window) {
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => all || key === "supple-pages").map((key) => caches.delete(key))))
      .catch(() => {});
  }
}
// Deleting everything deletes what this device still has waiting for the person too.
document.querySelectorAll("form[data-forget-outbox]").forEach((form) => {
  form.addEventListener("submit", () => {
    const confirm = form.querySelector("[name=confirm]");
    const key = document.body.dataset.outbox;
    if (key && (!confirm || confirm.value.trim().toLowerCase() === "delete")) {
      try { localStorage.removeItem(key); } catch { /* storage switched off */ }
    }
  });
});
// The bar's links in one row during a session (style.css) may not all fit: while some are out of
// sight past the edge, the row fades out there, so a cut word reads as "more this way".
const bar = document.querySelector(".top nav");
if (bar && "ResizeObserver" in window) {
  const mark = () => bar.toggleAttribute("data-more", bar.scrollLeft + bar.clientWidth < bar.scrollWidth - 1);
  new ResizeObserver(mark).observe(bar);
  bar.addEventListener("scroll", mark, { passive: true });
}
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => { /* offline use is a bonus, not a need */ });
}
// "Go back" on an error page: the page before, where there is one (a link to the start otherwise).
document.querySelectorAll("a[data-back]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (history.length > 1) { event.preventDefault(); history.back(); }
  });
});
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
// its own: while one is open, in this tab or another, the other pages leave it the sending. What the
// server would not keep is said at the top of the page until the person has read it.
(() => {
  const key = document.body.dataset.outbox; // this person's outbox (none while signed out)
  if (!key || document.getElementById("player-data")) return;
  let outbox = null;
  const kept = () => {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  };
  const note = document.getElementById("outbox-note");
  async function tell() {
    const refused = kept().refused || [];
    if (!note || !refused.length) { if (note) note.hidden = true; return; }
    const { refusedWords } = await import("./player/outbox.js");
    note.querySelector("p").textContent = `From a session on this device: ${refusedWords(refused)}`;
    note.hidden = false;
  }
  async function load() {
    const { createOutbox } = await import("./player/outbox.js");
    outbox = outbox || createOutbox({ key, yieldTo: "supple-player", hooks: { changed: tell } });
    window.suppleOutbox = outbox;
    return outbox;
  }
  async function send() {
    if (!outbox) {
      if (!(kept().ops || []).length) return;
      (await load()).watch();
    }
    outbox.flush();
  }
  if (note) {
    note.querySelector("button").addEventListener("click", async () => {
      (await load()).forgetRefused();
      note.hidden = true;
    });
  }
  window.addEventListener("online", send);
  window.addEventListener("storage", (event) => { if (event.key === key) { send(); tell(); } });
  send();
  tell();
})();
