/**
 * Byte budgets: the gzipped JavaScript and CSS a page ships before the learner interacts.
 * Figures are written to `test-results/page-weight.json` for the closing notes and the bench.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import budgets from '../budgets.json' with { type: 'json' };

interface Weight {
  js: number;
  css: number;
  total: number;
  files: string[];
}

/** Loads a page and sums the gzipped size of what it fetched, by type. */
async function weigh(page: Page, path: string, scroll: boolean): Promise<Weight> {
  const bodies: Promise<{ url: string; type: string; size: number }>[] = [];
  page.on('response', (res) => {
    bodies.push(
      res.body().then(
        (body) => ({ url: res.url(), type: res.request().resourceType(), size: gzipSync(body).length }),
        () => ({ url: res.url(), type: 'other', size: 0 }),
      ),
    );
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  if (scroll) {
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
  }
  const all = await Promise.all(bodies);
  const sum = (pick: (t: string) => boolean) => all.filter((r) => pick(r.type)).reduce((s, r) => s + r.size, 0);
  return {
    js: sum((t) => t === 'script'),
    css: sum((t) => t === 'stylesheet'),
    total: sum(() => true),
    files: all.filter((r) => r.type === 'script').map((r) => new URL(r.url).pathname),
  };
}

const pageTypes: Record<string, string> = {
  home: '/',
  'lesson without diagrams': '/lessons/retrieval-gauntlets/',
  'lesson with diagrams': '/lessons/foundation/',
  'lesson with simulators': '/lessons/sre-practices/',
};

test('pages stay within their byte budgets', async ({ browser }) => {
  const report: Record<string, { onLoad: Weight; afterScroll: Weight }> = {};
  for (const [type, path] of Object.entries(pageTypes)) {
    const onLoad = await weigh(await browser.newPage({ viewport: { width: 412, height: 823 } }), path, false);
    const afterScroll = await weigh(await browser.newPage({ viewport: { width: 412, height: 823 } }), path, true);
    report[type] = { onLoad, afterScroll };
  }
  const out = join(import.meta.dirname, '..', '..', 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'page-weight.json'), JSON.stringify(report, null, 2));
  console.log(
    Object.entries(report)
      .map(([t, r]) => `${t}: JS ${(r.onLoad.js / 1024).toFixed(1)} KB gz on load, ${(r.afterScroll.js / 1024).toFixed(1)} KB after scrolling; CSS ${(r.onLoad.css / 1024).toFixed(1)} KB; total ${(r.afterScroll.total / 1024).toFixed(1)} KB`)
      .join('\n'),
  );
  for (const [type, r] of Object.entries(report)) {
    const budget = budgets.pages[type as keyof typeof budgets.pages];
    expect(r.onLoad.js, `${type}: JS on load`).toBeLessThanOrEqual(budget.jsOnLoadGzip);
    expect(r.onLoad.css, `${type}: CSS`).toBeLessThanOrEqual(budget.cssGzip);
    expect(r.afterScroll.js, `${type}: JS after scrolling`).toBeLessThanOrEqual(budget.jsAfterScrollGzip);
  }
  expect(report['lesson without diagrams']!.afterScroll.files.filter((f) => /mermaid/.test(f))).toEqual([]);
});
