// @ts-check
/**
 * Browser interaction time of the simulators: from a control change to the next paint that
 * shows the new run, measured in Debian's chromium against the built site (`dist/`).
 * Used by `npm run bench`; skipped when no chromium is installed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';


/** @param {string} root */
export async function benchInteraction(root, port = 4391) {
  let executablePath;
  try {
    executablePath = chromiumPath();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const server = spawn(join(root, 'node_modules', '.bin', 'astro'), ['preview', '--host', '127.0.0.1', '--port', String(port)], { cwd: root, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    /**
     * Median ms from `select` change to the frame after the results table shows the new run. (Not
     * the live summary: it settles for 400 ms on purpose, so a screen reader hears one update.)
     */
    const measure = async (/** @type {string} */ path, /** @type {string} */ sim, /** @type {string} */ select, /** @type {string[]} */ values) => {
      await page.goto(`http://127.0.0.1:${port}${path}`);
      await page.locator(`[data-sim="${sim}"]`).scrollIntoViewIfNeeded();
      await page.locator(`[data-sim="${sim}"][data-ready="true"]`).waitFor({ timeout: 20_000 });
      const times = [];
      for (const value of values) {
        times.push(
          await page.evaluate(
            ({ sim, select, value }) =>
              new Promise((resolve) => {
                const root = document.querySelector(`[data-sim="${sim}"]`);
                const control = /** @type {HTMLSelectElement} */ (root?.querySelector(select));
                const shown = root?.querySelector('.rl-sim-table tbody') ?? root?.querySelector('.rl-sim-summary');
                const before = shown?.textContent;
                const start = performance.now();
                const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
                // Never hang the bench: a change that shows nothing within 5 s is reported as NaN.
                setTimeout(() => resolve(Number.NaN), 5000);
                new MutationObserver((_, obs) => {
                  if (shown?.textContent !== before) {
                    obs.disconnect();
                    done();
                  }
                }).observe(/** @type {Node} */ (root), { subtree: true, childList: true, characterData: true });
                control.value = value;
                control.dispatchEvent(new Event('change', { bubbles: true }));
              }),
            { sim, select, value },
          ),
        );
      }
      const shown = times.filter(Number.isFinite).sort((a, b) => a - b);
      return shown.length ? Math.round(shown[Math.floor(shown.length / 2)] * 10) / 10 : Number.NaN;
    };
    const scenarios = ['total-outage', 'ticket-leak', 'slow-burn', 'fast-burn', 'low-traffic', 'flapping', 'ticket-leak', 'total-outage'];
    const burnRate = await measure('/lessons/sre-practices/', 'burn-rate', 'select', scenarios);
    const goldenSignals = await measure('/lessons/observability/', 'golden-signals', 'select', ['error-burst', 'traffic-spike', 'cpu-saturation', 'latency-regression', 'error-burst']).catch(() => null);
    await browser.close();
    return { burnRateScenarioChangeMs: burnRate, goldenSignalsNote: goldenSignals === null ? 'n/a' : 'fault form only; runs change on Inject' };
  } finally {
    server.kill();
  }
}
