// Candor's service worker: after one visit Candor loads and works with no
// network. The app's files have content hashes in their names, so they are
// served from the cache; the page itself is fetched from the network first,
// so a new version arrives on the next load, with the cached page as the
// fallback when offline. scripts/post-build.mjs fills in VERSION, FILES and PAGES.
const VERSION = 'candor-__CANDOR_VERSION__';
const FILES = __CANDOR_FILES__;
// The editor ('./') and, in the release build, the reader's page ('./read/').
const PAGES = __CANDOR_PAGES__;

// The cached page a navigation falls back to: the reader's page for its
// folder, the editor for everything else.
function pageFor(url) {
  const path = new URL(url).pathname;
  const reader = PAGES.find((p) => p !== './' && path.startsWith(new URL(p, self.location).pathname));
  return reader ?? './';
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll([...PAGES, ...FILES])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('candor-') && k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A page request that takes longer than this falls back to the cached page.
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith((async () => {
      const cache = await caches.open(VERSION);
      const page = pageFor(request.url);
      try {
        const response = await Promise.race([
          fetch(request),
          new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), PAGE_TIMEOUT_MS)),
        ]);
        if (response.ok) await cache.put(page, response.clone());
        return response;
      } catch {
        return (await cache.match(page)) ?? Response.error();
      }
    })());
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
});
