// Interleave's service worker: after a first visit, the course (catalog, lesson pages, the app's bundles, the
// editor and the Python runtime) works with the network cut. The list comes from /api/offline-manifest, whose
// version changes with every build. Pages are network-first (fresh when online, cached copy offline); files whose
// URL changes with their content are cache-first. The API is never cached: progress made offline is kept by the
// page and sent when the network returns.
const PREFIX = "interleave-offline-";

async function manifest() {
  const response = await fetch("/api/offline-manifest", { cache: "no-store" });
  if (!response.ok) throw new Error(`offline manifest: HTTP ${response.status}`);
  return response.json();
}

async function precache() {
  const m = await manifest();
  const cache = await caches.open(PREFIX + m.version);
  // Small batches: the runtime files are large and the machine may be slow; one failure fails the install, which
  // the browser retries on a later visit.
  // One memory snapshot, the flavour this browser restores (the Python worker picks it by the same test).
  const stackSwitching = typeof WebAssembly === "object" && typeof WebAssembly.Suspending === "function";
  const snapshot = stackSwitching ? m.snapshots?.jspi : m.snapshots?.noJspi;
  const urls = [...m.pages, ...m.assets, ...(snapshot ? [snapshot] : [])];
  for (let i = 0; i < urls.length; i += 6) {
    await Promise.all(
      urls.slice(i, i + 6).map(async (url) => {
        if (await cache.match(url)) return;
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`offline: ${url} answered ${response.status}`);
        await cache.put(url, response);
      }),
    );
  }
  return m.version;
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const cleaned = (async () => {
    const m = await manifest().catch(() => null);
    if (m) {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PREFIX + m.version) await caches.delete(name);
      }
    }
  })();
  event.waitUntil(cleaned);
  // Take over the open pages once activation is over, not as part of it: in Firefox (ESR 153) a claim() awaited
  // inside activate never settled while the page's Python worker had requests in flight, the worker stayed
  // "activating", and every navigation it intercepted failed after 30-60 s (NS_ERROR_INTERCEPTION_FAILED).
  void cleaned
    .then(() => self.clients.claim())
    .then(() => self.clients.matchAll({ type: "window" }))
    .then((clients) => {
      for (const client of clients) client.postMessage({ type: "offline-ready" });
    })
    .catch(() => undefined);
});

/** URLs that change whenever their content does: safe to answer from the cache without asking. */
function isImmutable(url) {
  return (
    /^\/(_next\/static|pyodide)\//.test(url.pathname) ||
    /^\/runtime\/(snapshot|pyfiles)-[0-9a-f]+\.bin$/.test(url.pathname) ||
    /^\/runtime\/((worker|ticker)-[0-9a-f]+\.mjs|theme-[0-9a-f]+\.js)$/.test(url.pathname)
  );
}

/** Same-named files that a new build may change (the workers' stable names, the theme script): network first. */
function isMutableAsset(url) {
  return /^\/runtime\/[\w.-]+\.m?js$/.test(url.pathname) || url.pathname === "/theme-init.js" || url.pathname === "/icon.svg";
}

async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      const cache = await currentCache();
      if (cache) await cache.put(key, response.clone());
    }
    return response;
  } catch (err) {
    const cached = await caches.match(key);
    if (cached) return cached;
    throw err;
  }
}

function isCachedPage(url) {
  return url.pathname === "/" || url.pathname === "/glossary" || url.pathname.startsWith("/learn/");
}

async function currentCache() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
  return names.length ? caches.open(names[names.length - 1]) : null;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate" && isCachedPage(url)) {
    // Network first, so a signed-in learner and a new build are seen; the cached copy when offline.
    event.respondWith(networkFirst(request, url.pathname));
    return;
  }
  if (url.search) return;
  if (isImmutable(url)) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(url.pathname);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) {
          const cache = await currentCache();
          if (cache) await cache.put(url.pathname, response.clone());
        }
        return response;
      })(),
    );
    return;
  }
  if (isMutableAsset(url)) event.respondWith(networkFirst(request, url.pathname));
  // Everything else (RSC payloads for client-side navigation, other pages) goes to the network; when that fails
  // offline, Next falls back to a full page load, which the navigation branch above answers.
});
