// @ts-check
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every `index.html` under a build folder as a URL path (`/lessons/observability/`), sorted.
 * One home for the walk the browser tests and `npm run shots` both need.
 * @param {string} dist
 * @returns {string[]}
 */
export function builtPages(dist) {
  /** @type {string[]} */
  const pages = [];
  const walk = (/** @type {string} */ dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!['_astro', 'pagefind'].includes(name)) walk(path);
      } else if (name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        pages.push(rel === '' ? '/' : `/${rel}/`);
      }
    }
  };
  walk(dist);
  return pages.sort();
}
