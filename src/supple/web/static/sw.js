// Offline support: the app's files are cached when installed; pages are fetched from the network
// first and kept, so the player and today's routine open without a connection once visited.
// The API is never cached: sets wait in the player's outbox until the server is back.
// The server names the cache after the files it holds (web/routes/pages_account.py): a new version of
// any of them is a new worker, which fetches them afresh and drops the old cache.
const CACHE = "supple-STATIC_VERSION";
// Every module of the player is listed: one missing, and the player does not start offline
// (tests/web/test_pages.py checks them all).
const SHELL = [
  "/static/style.css", "/static/app.js", "/static/icon.svg", "/manifest.webmanifest",
  "/static/player/main.js", "/static/player/engine.js", "/static/player/outbox.js", "/static/player/view.js",
  "/static/player/controls.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
    return;
  }
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit || caches.match("/play"))),
  );
});
