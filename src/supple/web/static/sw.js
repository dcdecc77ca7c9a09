// Offline support: the app's files are cached when installed; pages are fetched from the network
// first and kept, so the player and today's routine open without a connection once visited.
// The API is never cached: sets wait in the player's outbox until the server is back.
// The server names the cache after the files it holds (web/routes/pages_account.py): a new version of
// any of them is a new worker, which fetches them afresh and drops the old cache.
const CACHE = "supple-STATIC_VERSION";
// The pages are a person's own (their routine, their progress), kept apart from the app's files and
// for one person at a time: each page says whose it is and, in clinic mode, until when the sign-in
// lasts (web/page_owner.py). Another person's page, or the sign-in page, drops the last person's
// pages; once the sign-in has run out none of them is shown offline, so a shared device never shows
// one person's pages to the next.
const PAGES = "supple-pages";
const OWNER = "/__supple-pages-owner"; // an entry of PAGES saying whose pages they are
// Every module of the player is listed: one missing, and the player does not start offline
// (tests/web/test_pages.py checks them all).
// The pages ask for them under the version (web/static_files.py), as the cache keeps them.
const STATIC = "/static/STATIC_VERSION/";
const SHELL = [
  "style.css", "app.js", "icon.svg", "player/main.js", "player/engine.js", "player/outbox.js", "player/view.js",
  "player/controls.js", "player/form.js", "form/camera.js", "form/judge.js",
].map((name) => STATIC + name).concat(["/manifest.webmanifest"]);
// The form check's pose model (static/pose/, 25 MB), kept on first use, when a person turns "Check my
// form" on: never fetched before, and kept across new versions of supple's own files. It is asked
// for under its plain names, as its own version stands for it.
const POSE = "supple-pose-0.5.1675469404";
// What else is kept, for everyone alike: the exercises' drawings (the same for every person).
const SHARED = (path) => path.startsWith("/figures/");

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => ![CACHE, PAGES, POSE].includes(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function owner() {
  const kept = await (await caches.open(PAGES)).match(OWNER);
  return kept ? kept.json() : null;
}

async function keepPage(request, response) {
  const person = response.headers.get("X-Supple-Person");
  if (person === null) return; // a page that does not say whose it is is not kept
  const last = await owner();
  if (person === "" || (last && last.person !== person)) await caches.delete(PAGES);
  if (person === "") return; // nobody is signed in: nothing personal to keep
  const pages = await caches.open(PAGES);
  await pages.put(request, response);
  const until = response.headers.get("X-Supple-Until");
  await pages.put(OWNER, new Response(JSON.stringify({ person, until })));
}

function offlinePage(heading, text) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${heading} · supple</title>
<link rel="stylesheet" href="${STATIC}style.css"></head><body><main id="main" class="offline">
<section class="card"><h1>${heading}</h1><p>${text}</p></section></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function pageOffline(request) {
  const last = await owner();
  if (last && last.until && Date.now() >= Date.parse(last.until)) {
    await caches.delete(PAGES);
    return offlinePage("Please sign in again",
      "There is no connection, and your sign-in has run out. Sign in again when the connection is back.");
  }
  const pages = await caches.open(PAGES);
  return (await pages.match(request)) || (await pages.match("/play"))
    || offlinePage("No connection", "This page has not been opened on this device yet. Try again when the connection is back.");
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/static/pose/")) {
    event.respondWith(caches.open(POSE).then(async (cache) => {
      const hit = await cache.match(event.request);
      if (hit) return hit;
      const response = await fetch(event.request);
      if (response.ok) await cache.put(event.request, response.clone());
      return response;
    }));
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    // A page kept from an older version asks under its version's name: the same file, as kept now.
    const current = url.pathname.replace(/^\/static\/([0-9a-f]{16}\/)?/, STATIC);
    event.respondWith(
      caches.match(event.request)
        .then((hit) => hit || caches.match(current))
        .then((hit) => hit || fetch(event.request)),
    );
    return;
  }
  if (SHARED(url.pathname)) {
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(event.request, copy));
          }
          return response;
        })
        .catch(() => caches.match(event.request).then((hit) => hit || Response.error())),
    );
    return;
  }
  if (event.request.mode !== "navigate") return; // downloads (a handout, a backup) are never kept
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) event.waitUntil(keepPage(event.request, response.clone()));
        return response;
      })
      .catch(() => pageOffline(event.request)),
  );
});
