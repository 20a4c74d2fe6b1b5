// @ts-check
/**
 * `npm run bench`: build time and page weight per page type.
 * Builds the site (timed), then reports the gzipped JS/CSS each page type ships before
 * interaction and what it may load lazily. Results go to stdout and `.bench/results.json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPages, weighPage } from './page-weight.mjs';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const skipBuild = process.argv.includes('--no-build');

let buildSeconds = null;
if (!skipBuild) {
  const start = process.hrtime.bigint();
  execFileSync(join(root, 'node_modules', '.bin', 'astro'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  buildSeconds = Number(process.hrtime.bigint() - start) / 1e9;
}

/** @param {string} page */
const typeOf = (page) => {
  if (page === 'index.html') return 'home';
  if (page === '404.html') return '404';
  if (page.startsWith('lessons/')) return 'lesson';
  return 'other';
};

const rows = listPages(dist).map((page) => ({ type: typeOf(page), ...weighPage(dist, page) }));
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\nbuild: ${buildSeconds === null ? 'skipped (--no-build)' : `${buildSeconds.toFixed(1)} s`}, ${rows.length} pages\n`);
console.log('page'.padEnd(48), 'JS on load'.padStart(11), 'lazy (max)'.padStart(11), 'CSS'.padStart(10), 'HTML'.padStart(10));
for (const r of rows) {
  console.log(r.page.padEnd(48), kb(r.jsGzip).padStart(11), kb(r.lazyJsGzip).padStart(11), kb(r.cssGzip).padStart(10), kb(r.htmlGzip).padStart(10));
}
/** @type {Record<string, typeof rows>} */
const byType = {};
for (const r of rows) (byType[r.type] ??= []).push(r);
console.log('\nper page type (max over pages, gzipped):');
for (const [type, list] of Object.entries(byType)) {
  const max = (/** @type {'jsGzip'|'lazyJsGzip'|'cssGzip'} */ k) => Math.max(...(list ?? []).map((r) => r[k]));
  console.log(`  ${type.padEnd(8)} JS on load ${kb(max('jsGzip'))}, lazy JS ${kb(max('lazyJsGzip'))}, CSS ${kb(max('cssGzip'))}`);
}
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench', 'results.json'), JSON.stringify({ buildSeconds, pages: rows }, null, 2));
