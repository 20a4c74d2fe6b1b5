#!/usr/bin/env node
// @ts-check
/**
 * Checks the links of a built site: `node scripts/check-links.mjs <dir> <base>`, e.g.
 * `node scripts/check-links.mjs dist-course /course/`.
 *
 * Every same-site URL in every HTML file (`href`, `src`, `srcset`, and Astro islands'
 * `component-url`, `renderer-url`, `before-hydration-url`) and every `url(...)` in the CSS must
 * start with the base and name a file in the folder (a directory means its `index.html`); a
 * `#fragment` must be an `id` on the page it points at. External URLs are not fetched.
 * Prints one line per problem (file, URL, why) and exits 1 if there is any.
 * The parsing and checking functions are pure and exported for the unit tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normaliseBase } from '../src/lib/base-path.mjs';

/** Attributes whose value is one URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'poster', 'component-url', 'renderer-url', 'before-hydration-url']);

/** @type {Record<string, string>} */
const NAMED_ENTITIES = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** @param {string} text */
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (/** @type {string} */ whole, /** @type {string} */ name) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return NAMED_ENTITIES[lower] ?? whole;
  });
}

/**
 * The start tags of an HTML document with their attributes (names lower-cased, values decoded),
 * skipping comments and the contents of `script`, `style` and `textarea`.
 * @param {string} html
 * @returns {{ tag: string, attributes: Map<string, string> }[]}
 */
export function startTags(html) {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<(script|style|textarea)\b[^>]*>)[\s\S]*?<\/\2\s*>/gi, '$1');
  /** @type {{ tag: string, attributes: Map<string, string> }[]} */
  const tags = [];
  for (const match of text.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attributes = new Map();
    for (const a of (match[2] ?? '').matchAll(/([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const name = (a[1] ?? '').toLowerCase();
      if (!attributes.has(name)) attributes.set(name, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    tags.push({ tag: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

/**
 * Every URL an HTML document refers to, with the attribute it came from (`srcset` split into its URLs).
 * @param {string} html
 * @returns {{ attribute: string, url: string }[]}
 */
export function urlsInHtml(html) {
  /** @type {{ attribute: string, url: string }[]} */
  const urls = [];
  for (const { tag, attributes } of startTags(html)) {
    for (const [name, value] of attributes) {
      if (name === 'srcset' || name === 'imagesrcset') {
        for (const candidate of value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) urls.push({ attribute: name, url });
        }
      } else if (URL_ATTRIBUTES.has(name) && !(name === 'src' && tag === 'astro-island')) {
        urls.push({ attribute: name, url: value.trim() });
      }
    }
  }
  return urls;
}

/**
 * The `id`s of an HTML document (and `name`s of `a` elements), the targets a `#fragment` may name.
 * @param {string} html
 * @returns {Set<string>}
 */
export function idsInHtml(html) {
  const ids = new Set();
  for (const { tag, attributes } of startTags(html)) {
    const id = attributes.get('id');
    if (id) ids.add(id);
    const name = attributes.get('name');
    if (tag === 'a' && name) ids.add(name);
  }
  return ids;
}

/**
 * The URLs in a CSS file's `url(...)`s, skipping `data:` URIs.
 * @param {string} css
 * @returns {string[]}
 */
export function urlsInCss(css) {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim())
    .filter((url) => url && !url.startsWith('data:'));
}

/**
 * The site path a built file is served at: `lessons/x/index.html` under `/course/` is `/course/lessons/x/`.
 * @param {string} file path inside the build folder, with `/` separators
 * @param {string} base
 */
export function pagePath(file, base) {
  return normaliseBase(base) + file.replace(/(^|\/)index\.html$/, '$1');
}

/**
 * What a URL found on a page refers to on this site, or why it is wrong there.
 * External URLs (another scheme, `//host`) are `{ kind: 'external' }`; an empty URL or a bare `#`
 * is `{ kind: 'ignore' }`. A same-site URL is resolved against the page and must lie under the base;
 * the result is the file path inside the build folder (no leading slash) and the fragment, if any.
 * @param {string} url
 * @param {string} page site path of the page it is on (from `pagePath`)
 * @param {string} base
 * @returns {{ kind: 'external' } | { kind: 'ignore' } | { kind: 'problem', why: string } | { kind: 'internal', path: string, fragment: string | null }}
 */
export function classifyUrl(url, page, base) {
  const root = normaliseBase(base);
  if (url === '' || url === '#') return { kind: 'ignore' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { kind: 'external' };
  if (!url.startsWith('/') && !url.startsWith('#') && page.endsWith('/404.html')) {
    return { kind: 'problem', why: 'relative URL on the 404 page, which the host serves at any missing path: use a root-relative URL with the base' };
  }
  const resolved = new URL(url, `http://site.invalid${page}`);
  if (!url.startsWith('#') && !url.startsWith('?') && !(resolved.pathname + '/').startsWith(root)) {
    return { kind: 'problem', why: `does not start with the base ${root}` };
  }
  let path;
  try {
    path = decodeURIComponent(resolved.pathname).slice(root.length);
  } catch {
    return { kind: 'problem', why: 'malformed percent-encoding' };
  }
  const fragment = resolved.hash ? decodeURIComponent(resolved.hash.slice(1)) : null;
  return { kind: 'internal', path, fragment };
}

/**
 * The build file a site path (relative to the base) is served from, or null if there is none:
 * the file itself, or a directory's `index.html`.
 * @param {string} dir the build folder
 * @param {string} path
 */
export function fileFor(dir, path) {
  const target = join(dir, ...path.split('/').filter(Boolean));
  if (existsSync(target) && statSync(target).isFile()) return target;
  const index = join(target, 'index.html');
  return existsSync(index) ? index : null;
}

/** @param {string} dir @returns {string[]} every file under dir, relative, with `/` separators */
function filesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Checks every HTML and CSS file in a build folder. Pure apart from reading the folder.
 * @param {string} dir
 * @param {string} base
 * @returns {{ files: number, urls: number, problems: { file: string, url: string, why: string }[] }}
 */
export function checkSite(dir, base) {
  const files = filesUnder(dir);
  /** @type {Map<string, Set<string>>} */
  const idCache = new Map();
  const idsOf = (/** @type {string} */ file) => {
    let ids = idCache.get(file);
    if (!ids) idCache.set(file, (ids = idsInHtml(readFileSync(file, 'utf8'))));
    return ids;
  };
  /** @type {{ file: string, url: string, why: string }[]} */
  const problems = [];
  let checked = 0;
  let scanned = 0;
  for (const file of files) {
    const isHtml = file.endsWith('.html');
    if (!isHtml && !file.endsWith('.css')) continue;
    scanned += 1;
    const full = join(dir, file);
    const text = readFileSync(full, 'utf8');
    const page = isHtml ? pagePath(file, base) : normaliseBase(base) + file;
    const urls = isHtml ? urlsInHtml(text).map((u) => u.url) : urlsInCss(text);
    for (const url of urls) {
      const found = classifyUrl(url, page, base);
      if (found.kind === 'external' || found.kind === 'ignore') continue;
      checked += 1;
      if (found.kind === 'problem') {
        problems.push({ file, url, why: found.why });
        continue;
      }
      const target = url.startsWith('#') ? full : fileFor(dir, found.path);
      if (!target) {
        problems.push({ file, url, why: `no file ${found.path || '(the base)'} or ${found.path}${found.path && !found.path.endsWith('/') ? '/' : ''}index.html in ${dir}` });
        continue;
      }
      if (found.fragment && target.endsWith('.html') && !idsOf(target).has(found.fragment)) {
        problems.push({ file, url, why: `no element with id "${found.fragment}" on ${relative(dir, target).split(sep).join('/')}` });
      }
    }
  }
  return { files: scanned, urls: checked, problems };
}

/**
 * The report: one line per problem, `file: URL (why)`; when the same URL fails the same way on
 * many files (a sidebar link on every page), the first few files and a count.
 * @param {{ file: string, url: string, why: string }[]} problems
 * @param {number} [perUrl] files shown per repeated problem
 * @returns {string[]}
 */
export function formatProblems(problems, perUrl = 3) {
  /** @type {Map<string, { file: string, url: string, why: string }[]>} */
  const byUrl = new Map();
  for (const p of problems) {
    const key = `${p.url}\n${p.why}`;
    byUrl.set(key, [...(byUrl.get(key) ?? []), p]);
  }
  const lines = [];
  for (const group of byUrl.values()) {
    for (const p of group.slice(0, perUrl)) lines.push(`${p.file}: ${p.url} (${p.why})`);
    if (group.length > perUrl) lines.push(`  ... and ${group.length - perUrl} more files with ${group[0]?.url}`);
  }
  return lines;
}

function main() {
  const [dir, base] = process.argv.slice(2);
  if (!dir || !base) {
    console.error('usage: node scripts/check-links.mjs <build folder> <base path>   e.g. dist-course /course/');
    process.exit(2);
  }
  if (!existsSync(dir)) {
    console.error(`check-links: ${dir} does not exist; build it first (npm run build, or npm run build:base for dist-course)`);
    process.exit(2);
  }
  const { files, urls, problems } = checkSite(dir, base);
  for (const line of formatProblems(problems)) console.error(line);
  const summary = `check-links ${dir} (base ${normaliseBase(base)}): ${files} files, ${urls} same-site URLs`;
  if (problems.length) {
    console.error(`${summary}, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    process.exit(1);
  }
  console.log(`${summary}, no problems`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
