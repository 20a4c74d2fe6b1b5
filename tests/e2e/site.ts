/**
 * Shared helpers for the browser tests: the list of built pages, a guard that fails a test on
 * console errors, failed or non-local requests, and an axe check.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { builtPages as builtPagesIn } from '../../scripts/built-pages.mjs';

/** The build under test: `dist/`, or the folder in ASTRO_OUT_DIR (the same one `astro preview` serves). */
export const dist = join(import.meta.dirname, '..', '..', process.env.ASTRO_OUT_DIR ?? 'dist');

/** Every HTML page of the built site, as a URL path (`/lessons/observability/`). */
export const builtPages = (): string[] => builtPagesIn(dist);

/** Lesson pages only. */
export const lessonPages = () => builtPages().filter((p) => p.startsWith('/lessons/'));

/**
 * Watches a page for problems a learner would hit: console errors, page errors, failed requests,
 * HTTP errors, and any request to a host other than the local server. Call `check()` at the end.
 */
export function guard(page: Page) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (req) => {
    // ERR_ABORTED is the browser cancelling loads when the test navigates away, not a failure.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      problems.push(`non-local request: ${req.url()}`);
    }
  });
  return {
    problems,
    check: () => expect(problems, 'problems while loading the page').toEqual([]),
  };
}

/** Scrolls through the page so lazy content (diagrams) loads, then waits for diagrams to settle. */
export async function scrollThrough(page: Page) {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight * 0.8);
    for (let y = 0; y < document.body.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    window.scrollTo(0, 0);
  });
  await expect(page.locator('.rl-diagram-canvas[data-state="pending"]')).toHaveCount(0, { timeout: 20_000 });
}

/** Serious or critical axe violations on the page, as readable lines. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  return axeViolations(page, ['serious', 'critical']);
}

/** Every axe violation on the page, whatever its impact (minor, moderate, serious, critical), as readable lines. */
export async function allAxeViolations(page: Page): Promise<string[]> {
  return axeViolations(page, ['minor', 'moderate', 'serious', 'critical']);
}

/**
 * Violations of the axe rules that depend on colours (contrast, links told apart from text), for a
 * second theme on a page already checked in full: structure does not change with the theme.
 */
export async function colourAxeViolations(page: Page): Promise<string[]> {
  return axeViolations(page, ['minor', 'moderate', 'serious', 'critical'], ['color-contrast', 'link-in-text-block']);
}

/** Axe violations of the given impacts (optionally only some rules), as readable lines. */
async function axeViolations(page: Page, impacts: readonly string[], rules?: string[]): Promise<string[]> {
  // Expressive Code makes overflowing code blocks focusable after a debounced resize check;
  // wait for it to settle, as a learner's first Tab would.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every(
            (pre) => !pre.checkVisibility() || pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
          ),
        ),
      { timeout: 5_000 },
    )
    .toBe(true);
  // Only violations are collected in full (axe's documented speed-up: passes are not serialised).
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  const results = await (rules ? builder.withRules(rules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])).analyze();
  return results.violations
    .filter((v) => impacts.includes(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Opens a page in a given colour theme (Starlight reads `starlight-theme` from localStorage). */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((t) => window.localStorage.setItem('starlight-theme', t), theme);
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
}
