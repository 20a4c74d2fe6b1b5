// @ts-nocheck
/**
 * The service worker's body. The offline integration writes `sw.js` as: the manifest
 * (`const MANIFEST = { version, urls }`), the helpers of `offline-routes.js`, then this file.
 *
 * - install: saves every manifest URL into this version's cache, posting progress to the pages;
 *   hashed files already saved by an older version are copied instead of downloaded. A new
 *   version then WAITS until a page sends `skip-waiting` (the "Update ready — Reload" button).
 * - activate: deletes the caches of older versions.
 * - fetch (same-origin GET inside the scope only): saved files cache-first; other pages
 *   network-first, kept as visited, else the offline page; other hashed `_astro/` files
 *   cache-first, kept as fetched. Nothing else is touched (learner data is in localStorage,
 *   which a worker cannot see).
 *
 * Not type-checked (the DOM and WebWorker libraries clash in one project); the routing logic it
 * relies on is in `offline-routes.js`, which is, and has unit tests.
 */
/* global MANIFEST, cacheKeyFor, absoluteUrls, isImmutableAsset, cacheNames */
/** @typedef {{ version: string; urls: string[] }} Manifest */

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const manifest = /** @type {Manifest} */ (MANIFEST);
const scope = sw.registration.scope;
const names = cacheNames(manifest.version);
const precached = new Set(absoluteUrls(manifest.urls, scope));
const offlinePage = new URL('offline.html', scope).href;

/** @param {Record<string, unknown>} message */
async function tellPages(message) {
  const pages = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage({ source: 'rlab-offline', version: manifest.version, ...message });
}

/** A response safe to store and to answer navigations with (a redirected one is not). */
async function storable(/** @type {Response} */ response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function saveOne(/** @type {Cache} */ cache, /** @type {string} */ url) {
  if (await cache.match(url)) return;
  const older = isImmutableAsset(url, scope) ? await caches.match(url) : undefined;
  if (older) return cache.put(url, older);
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`offline: ${url} answered ${response.status}`);
  await cache.put(url, await storable(response));
}

async function precacheAll() {
  const cache = await caches.open(names.precache);
  const queue = [...precached];
  const total = queue.length;
  let done = 0;
  let reported = -1;
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      await saveOne(cache, url);
      done += 1;
      const percent = Math.floor((done / total) * 100);
      if (percent >= reported + 5 || done === total) {
        reported = percent;
        void tellPages({ type: 'progress', done, total });
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

sw.addEventListener('install', (event) => event.waitUntil(precacheAll()));

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(names.prefix) && name !== names.precache && name !== names.runtime) await caches.delete(name);
      }
      await tellPages({ type: 'activated' });
    })(),
  );
});

sw.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') void sw.skipWaiting();
});

async function fromPrecache(/** @type {string} */ key, /** @type {Request} */ request) {
  const cached = await caches.match(key, { cacheName: names.precache });
  return cached ?? fetch(request);
}

async function page(/** @type {string} */ key, /** @type {Request} */ request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      const copy = await storable(response.clone());
      await (await caches.open(names.runtime)).put(key, copy);
    }
    return response;
  } catch (error) {
    const kept = (await caches.match(key, { cacheName: names.runtime })) ?? (await caches.match(offlinePage, { cacheName: names.precache }));
    if (kept) return kept;
    throw error;
  }
}

async function immutable(/** @type {string} */ key, /** @type {Request} */ request) {
  const cached = await caches.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await (await caches.open(names.runtime)).put(key, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const key = cacheKeyFor(request.url, scope);
  if (key === null) return;
  if (precached.has(key)) event.respondWith(fromPrecache(key, request));
  else if (request.mode === 'navigate') event.respondWith(page(key, request));
  else if (isImmutableAsset(key, scope)) event.respondWith(immutable(key, request));
});
