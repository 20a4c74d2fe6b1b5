// @ts-check
/**
 * The one home for "prefix an internal path with the site's base path" (`BASE_PATH=/course/`).
 * Pure. Plain JavaScript with JSDoc types (like `sidebar.mjs`) because Node imports it too:
 * `astro.config.mjs` (through the rehype plugin for lesson links) and `scripts/check-links.mjs`.
 * Pages, components and islands call `withBase('/lessons/x/')`; the base defaults to Vite's
 * `import.meta.env.BASE_URL`, which Node code never relies on (it always passes the base).
 */

/**
 * The base as `/` or `/segment/.../`: always one leading and one trailing slash.
 * `normaliseBase('/course')`, `normaliseBase('course/')` and `normaliseBase('/course/')` are all `/course/`;
 * `''` and `'/'` are `/`.
 * @param {string} base
 * @returns {string}
 */
export function normaliseBase(base) {
  const inner = base.trim().replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}

/**
 * A site path (`/lessons/observability/#slis`, also without the leading slash) under the base:
 * `withBase('/lessons/x/', '/course')` is `/course/lessons/x/`; `withBase('/')` is the base itself.
 * Only for the site's own pages and files; use `isRootRelative` first when the URL may be external.
 * @param {string} path
 * @param {string} [base] defaults to `import.meta.env.BASE_URL` (Vite-built code only)
 * @returns {string}
 */
export function withBase(path, base = import.meta.env.BASE_URL) {
  return normaliseBase(base) + path.replace(/^\/+/, '');
}

/**
 * True for a root-relative URL (`/lessons/x/`), the kind that needs the base; false for external
 * (`https:`, `mailto:`), protocol-relative (`//host/`), fragment-only (`#id`) and relative URLs.
 * @param {string} url
 * @returns {boolean}
 */
export function isRootRelative(url) {
  return url.startsWith('/') && !url.startsWith('//');
}
