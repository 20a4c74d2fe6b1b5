// @ts-check
/**
 * Static page weight of the built site (`dist/`): for each page, the gzipped JS it loads before
 * any interaction (its module scripts and everything they import statically), its CSS, and the
 * lazily imported chunks it may load later (dynamic `import()`, e.g. mermaid when a diagram
 * scrolls into view). No browser needed, so it runs in the bench on any machine.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (/** @type {string | Buffer} */ data) => gzipSync(data).length;

/** @param {string} dist */
export function listPages(dist) {
  /** @type {string[]} */
  const pages = [];
  const walk = (/** @type {string} */ dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!['_astro', 'pagefind'].includes(name)) walk(path);
      } else if (name.endsWith('.html')) pages.push(relative(dist, path).split(sep).join('/'));
    }
  };
  walk(dist);
  return pages.sort();
}

/**
 * @param {string} dist
 * @param {string} page path of the HTML file relative to dist
 * @param {{ followLazy?: (target: string, from: string) => boolean }} [options] `followLazy` may skip a
 *   dynamic import (absolute paths), e.g. the offline precache skips mermaid diagram types no page uses
 */
export function weighPage(dist, page, options = {}) {
  const html = readFileSync(join(dist, page), 'utf8');
  const base = dirname(join(dist, page));
  const resolve = (/** @type {string} */ src, /** @type {string} */ from) =>
    src.startsWith('/') ? join(dist, src.replace(/^\/+/, '').replace(/^[^/]*\/(?=_astro\/)/, '')) : join(from, src);

  /** @type {Set<string>} */ const eager = new Set();
  /** @type {Set<string>} */ const lazy = new Set();
  const follow = (/** @type {string} */ file, /** @type {Set<string>} */ into) => {
    if (into.has(file) || !existsSync(file)) return;
    into.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{0,2}\/[^"']+\.js)["']/g)) {
      follow(join(dirname(file), m[1] ?? ''), into);
    }
    for (const m of code.matchAll(/import\(\s*["'](\.{0,2}\/[^"']+\.js)["']\s*\)/g)) {
      const target = join(dirname(file), m[1] ?? '');
      if (!eager.has(target) && (options.followLazy?.(target, file) ?? true)) follow(target, lazy);
    }
  };
  let inlineJs = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? '';
    const src = /src="([^"]+)"/.exec(attrs)?.[1];
    if (src) follow(resolve(src, base), eager);
    else if (!/type="application\/(ld\+)?json"/.test(attrs)) inlineJs += (m[2] ?? '').length;
  }
  // Islands (simulators) load their component and renderer when they become visible.
  let islands = 0;
  for (const m of html.matchAll(/<astro-island\b[^>]*?component-url="([^"]+)"[^>]*?renderer-url="([^"]+)"/g)) {
    islands += 1;
    follow(resolve(m[1] ?? '', base), lazy);
    follow(resolve(m[2] ?? '', base), lazy);
  }
  for (const f of eager) lazy.delete(f);
  let css = 0;
  for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const file = resolve(m[1] ?? '', base);
    if (existsSync(file)) css += gz(readFileSync(file));
  }
  const sum = (/** @type {Set<string>} */ files) => [...files].reduce((s, f) => s + gz(readFileSync(f)), 0);
  return {
    page,
    /** gzipped JS loaded before interaction, module scripts plus inline scripts */
    jsGzip: sum(eager) + gz(html.match(/<script\b(?![^>]*src=)[^>]*>[\s\S]*?<\/script>/g)?.join('') ?? ''),
    /** gzipped JS the page may import later (diagrams, islands) */
    lazyJsGzip: sum(lazy),
    cssGzip: css,
    /** simulator islands on the page */
    islands,
    htmlGzip: gz(html),
    inlineJsBytes: inlineJs,
    /** JS files loaded before interaction, relative to dist */
    eagerFiles: [...eager].map((f) => relative(dist, f).split(sep).join('/')).sort(),
    /** JS files the page may import later, relative to dist */
    lazyFiles: [...lazy].map((f) => relative(dist, f).split(sep).join('/')).sort(),
  };
}

/**
 * The built files that hold Monaco: chunks whose code contains the editor (Vite bundles it into
 * the workbench's chunk, so names alone do not tell) and Monaco's workers.
 * @param {string} dist
 * @returns {Set<string>} file names in `_astro/`
 */
export function monacoFiles(dist) {
  const dir = join(dist, '_astro');
  return new Set(
    readdirSync(dir).filter(
      (name) => name.endsWith('.js') && (/\.worker-[\w-]+\.js$/.test(name) || readFileSync(join(dir, name), 'utf8').includes('monaco-editor')),
    ),
  );
}
