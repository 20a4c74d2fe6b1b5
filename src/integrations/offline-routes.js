// @ts-check
/**
 * How the service worker names requests: pure functions, unit-tested, and copied verbatim into
 * `sw.js` by the offline integration (which drops the `export` keywords), so keep them plain
 * JavaScript without imports. Every URL is resolved against the worker's scope, which is the
 * site's base (`/` or `/course/`), so nothing here knows the base path.
 */

/**
 * The cache key of a request URL: the absolute URL without query or fragment, with a folder's
 * `index.html` and a missing trailing slash on page paths normalised to `folder/`. Returns
 * `null` for URLs outside the scope (other origins, other paths).
 * @param {string} url the request URL
 * @param {string} scope the registration scope, e.g. `https://example.org/course/`
 * @returns {string | null}
 */
export function cacheKeyFor(url, scope) {
  const target = new URL(url);
  const root = new URL(scope);
  if (target.origin !== root.origin) return null;
  let path = target.pathname;
  if (`${path}/` === root.pathname) path = root.pathname;
  if (!path.startsWith(root.pathname)) return null;
  if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
  else if (!path.endsWith('/') && !/\.[a-z0-9_]+$/i.test(path.slice(path.lastIndexOf('/') + 1))) path += '/';
  return `${target.origin}${path}`;
}

/**
 * The absolute URLs of a precache manifest (whose URLs are relative to the scope).
 * @param {readonly string[]} urls
 * @param {string} scope
 * @returns {string[]}
 */
export function absoluteUrls(urls, scope) {
  return urls.map((u) => new URL(u, scope).href);
}

/**
 * Build files with a content hash in their name (Vite's `_astro/` folder): they never change, so
 * a cached copy is always right.
 * @param {string} key a cache key from `cacheKeyFor`
 * @param {string} scope
 */
export function isImmutableAsset(key, scope) {
  return key.startsWith(new URL('_astro/', scope).href);
}

/**
 * The cache names of one deployed version; anything else with the prefix is an older version.
 * @param {string} version
 */
export function cacheNames(version) {
  return { precache: `rlab-offline-${version}`, runtime: `rlab-offline-runtime-${version}`, prefix: 'rlab-offline-' };
}
