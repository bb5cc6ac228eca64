// Dossier's service worker: once a hosted copy has been visited, it opens with no network.
//
// `cargo xtask build` replaces the BUILD line below with the build's own files and a hash
// of their contents. A new build therefore changes this file, the browser installs the new
// worker, which caches the new files under a new name and, once active, deletes every older
// Dossier cache: a page is always served one build's files, never a mix. A page the old
// worker served reloads itself when the new one takes over (`register-sw.js`).
const BUILD = { version: "dev", files: [] }; // written by `cargo xtask build`

const PREFIX = "dossier-";
const CACHE = PREFIX + BUILD.version;
const scoped = (file) => new URL(file, self.registration.scope).href;
const INDEX = scoped("index.html");

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // "no-cache": past the browser's HTTP cache (hosts let it keep files for minutes,
      // GitHub Pages ten), or a name that every build has (index.html) could be cached
      // with the previous build's contents.
      .then((cache) =>
        cache.addAll(BUILD.files.map((file) => new Request(scoped(file), { cache: "no-cache" }))),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Cache first, from this build's cache only. Every app address (`/doc/3`, `/matrix`) is the
// single-page app's index.html; anything not cached goes to the network as usual.
// `caches.match` with a cache name, not `caches.open`: a worker being replaced must not
// recreate the cache its successor has just deleted.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const cached =
    request.mode === "navigate"
      ? caches.match(INDEX, { cacheName: CACHE })
      : caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  event.respondWith(cached.then((response) => response || fetch(request)));
});

// A page asks which files this worker serves, to find out whether it belongs to this build
// (`register-sw.js`).
self.addEventListener("message", (event) => {
  if (event.data === "files?") event.source.postMessage({ files: BUILD.files.map(scoped) });
});
