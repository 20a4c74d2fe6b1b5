// @ts-check
/**
 * What a page costs a learner's browser on a first visit, measured in Chromium: the gzipped bytes
 * of every response, by kind, once on load (before any interaction) and once after scrolling to
 * the bottom without touching anything (diagrams and simulators load as they come into view).
 * Used by the byte-budget test (tests/e2e/budget.spec.ts) and by `npm run bench`, so both measure
 * the same thing. Service workers are blocked: this is the first visit, not the offline cache.
 */
import { gzipSync } from 'node:zlib';

/**
 * @typedef {{ js: number; css: number; total: number; requests: number; scripts: string[] }} Weight
 * gzipped bytes of JS, CSS and everything (HTML, fonts, images included), the number of requests,
 * and the script paths fetched.
 */

/** The viewport of a mid-range phone (Moto G Power, as in Lighthouse's mobile emulation). */
export const PHONE_VIEWPORT = { width: 412, height: 823 };

/**
 * Loads `url` in a fresh context and sums what it fetched.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url absolute URL
 * @param {{ scroll: boolean }} options
 * @returns {Promise<Weight>}
 */
export async function weighInBrowser(browser, url, { scroll }) {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, serviceWorkers: 'block' });
  const page = await context.newPage();
  /** @type {Promise<{ url: string; type: string; size: number }>[]} */
  const bodies = [];
  page.on('response', (res) => {
    bodies.push(
      res.body().then(
        (body) => ({ url: res.url(), type: res.request().resourceType(), size: gzipSync(body).length }),
        () => ({ url: res.url(), type: res.request().resourceType(), size: 0 }),
      ),
    );
  });
  try {
    await page.goto(url);
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
    const sum = (/** @type {(t: string) => boolean} */ pick) => all.filter((r) => pick(r.type)).reduce((s, r) => s + r.size, 0);
    return {
      js: sum((t) => t === 'script'),
      css: sum((t) => t === 'stylesheet'),
      total: sum(() => true),
      requests: all.length,
      scripts: all.filter((r) => r.type === 'script').map((r) => new URL(r.url).pathname),
    };
  } finally {
    await context.close();
  }
}

/** Bytes as kilobytes with one decimal, for reports. */
export const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
