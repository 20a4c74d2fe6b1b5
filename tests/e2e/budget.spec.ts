/**
 * Byte budgets per page type (tests/budgets.json): the gzipped JS, CSS and total transfer a first
 * visit costs on a phone viewport, on load and after scrolling through without touching anything.
 * Also: Monaco loads only on exercise pages and mermaid only on pages with diagrams. Figures are
 * written to `test-results/page-weight.json`; `npm run bench` reports the same measurements with
 * Lighthouse scores.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import budgets from '../budgets.json' with { type: 'json' };
import { kb, weighInBrowser, type Weight } from '../../scripts/browser-weight.mjs';
import { listPages, monacoFiles, weighPage } from '../../scripts/page-weight.mjs';
import { dist } from './site';

type Bytes = (typeof budgets.pageTypes)[keyof typeof budgets.pageTypes]['bytes'];

const MERMAID = /mermaid/i;
/** Monaco's files in this build, by name (its code sits in the workbench's chunk). */
const monaco = monacoFiles(dist);
const isMonaco = (path: string) => monaco.has(path.split('/').pop() ?? '');

test.describe.configure({ mode: 'parallel' });

for (const [type, budget] of Object.entries(budgets.pageTypes)) {
  test(`${type} (${budget.path}) stays within its byte budget`, async ({ browser, baseURL }) => {
    const url = new URL(budget.path, baseURL).href;
    const onLoad: Weight = await weighInBrowser(browser, url, { scroll: false });
    const afterScroll: Weight = await weighInBrowser(browser, url, { scroll: true });
    const out = join(import.meta.dirname, '..', '..', 'test-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `page-weight-${type.replace(/\W+/g, '-')}.json`), JSON.stringify({ type, onLoad, afterScroll }, null, 2));
    console.log(
      `${type}: JS ${kb(onLoad.js)} before interaction, ${kb(afterScroll.js)} after scrolling; CSS ${kb(onLoad.css)}; transfer ${kb(onLoad.total)} / ${kb(afterScroll.total)}`,
    );
    const limit = (key: keyof Bytes) => budget.bytes[key] * 1024;
    expect.soft(onLoad.js, `${type}: JS before interaction`).toBeLessThanOrEqual(limit('jsOnLoadKB'));
    expect.soft(onLoad.css, `${type}: CSS`).toBeLessThanOrEqual(limit('cssKB'));
    expect.soft(onLoad.total, `${type}: transfer on load`).toBeLessThanOrEqual(limit('transferOnLoadKB'));
    expect.soft(afterScroll.js, `${type}: JS after scrolling`).toBeLessThanOrEqual(limit('jsAfterScrollKB'));
    expect.soft(afterScroll.total, `${type}: transfer after scrolling`).toBeLessThanOrEqual(limit('transferAfterScrollKB'));

    const isExercise = budget.path.startsWith('/exercises/') && budget.path !== '/exercises/';
    if (!isExercise) expect(afterScroll.scripts.filter(isMonaco), `${type}: Monaco`).toEqual([]);
    else expect(onLoad.scripts.some(isMonaco), `${type}: the editor loads`).toBe(true);
    const hasDiagram = await (async () => {
      const page = await browser.newPage();
      await page.goto(url);
      const count = await page.locator('.rl-diagram, pre.mermaid, [data-mermaid]').count();
      await page.close();
      return count > 0;
    })();
    if (!hasDiagram) expect(afterScroll.scripts.filter((s) => MERMAID.test(s)), `${type}: mermaid`).toEqual([]);
    else expect(afterScroll.scripts.some((s) => MERMAID.test(s)), `${type}: mermaid renders the diagrams`).toBe(true);
  });
}

test('Monaco can load only on exercise pages (the import graph of every built page)', () => {
  const pages = listPages(dist);
  expect(pages.length).toBeGreaterThan(20);
  expect(monaco.size, 'Monaco is in the build').toBeGreaterThan(0);
  for (const page of pages) {
    const { eagerFiles, lazyFiles } = weighPage(dist, page);
    const reachable = [...eagerFiles, ...lazyFiles];
    const isExercise = /^exercises\/[^/]+\/index\.html$/.test(page);
    if (!isExercise) expect(reachable.filter(isMonaco), `${page} reaches Monaco`).toEqual([]);
    else expect(reachable.some(isMonaco), `${page} has the editor`).toBe(true);
  }
});
