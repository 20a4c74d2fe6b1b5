// @ts-check
/**
 * Lighthouse audits in mobile emulation (Lighthouse's defaults: a Moto G Power viewport, 4x CPU
 * slowdown, simulated slow 4G) against Debian's Chromium, for `npm run bench`. One browser serves
 * every audit; each audit resets storage first, so each is a first visit. Scores are 0-100 and the
 * median of `runs` audits is kept (performance varies from run to run on a busy machine).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

/** The four categories the bench reports, by Lighthouse's ids. */
export const CATEGORIES = /** @type {const} */ (['performance', 'accessibility', 'best-practices', 'seo']);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/**
 * @typedef {{ performance: number; accessibility: number; 'best-practices': number; seo: number;
 *   fcpMs: number; lcpMs: number; tbtMs: number; cls: number; failing: string[] }} LighthouseResult
 * Scores 0-100, the main timings, and the ids of audits that did not pass (for fixing).
 */

/**
 * Audits each URL `runs` times and returns the median result per URL.
 * @param {string[]} urls
 * @param {{ runs?: number; onProgress?: (message: string) => void }} [options]
 * @returns {Promise<Record<string, LighthouseResult>>}
 */
export async function runLighthouse(urls, { runs = 3, onProgress = () => {} } = {}) {
  const { default: lighthouse } = await import('lighthouse');
  const port = /** @type {number} */ (await freePort());
  const profile = mkdtempSync(join(tmpdir(), 'rlab-lighthouse-'));
  const chrome = spawn(
    chromiumPath(),
    [
      '--headless=new',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      ...CHROMIUM_FLAGS,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    await waitForDevtools(port);
    /** @type {Record<string, LighthouseResult>} */
    const results = {};
    for (const url of urls) {
      /** @type {LighthouseResult[]} */
      const samples = [];
      for (let i = 0; i < runs; i++) {
        onProgress(`lighthouse ${url} (${i + 1}/${runs})`);
        const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
        if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
        const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const numeric = (/** @type {string} */ id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
        samples.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          'best-practices': score('best-practices'),
          seo: score('seo'),
          fcpMs: numeric('first-contentful-paint'),
          lcpMs: numeric('largest-contentful-paint'),
          tbtMs: numeric('total-blocking-time'),
          cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
          failing: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 0.9 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
            .map((a) => a.id),
        });
      }
      samples.sort((a, b) => a.performance - b.performance);
      results[url] = /** @type {LighthouseResult} */ (samples[Math.floor(samples.length / 2)]);
    }
    return results;
  } finally {
    const exited = new Promise((resolve) => chrome.once('exit', resolve));
    chrome.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** Waits until Chromium's DevTools endpoint answers. */
async function waitForDevtools(/** @type {number} */ port) {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Chromium's DevTools did not answer on port ${port}`);
}
