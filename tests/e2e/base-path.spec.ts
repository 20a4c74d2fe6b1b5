/**
 * The site hosted under a sub-path: `dist-course/` (`npm run build:base`, built with
 * `BASE_PATH=/course/`, and as a graded cohort: `graded-cohort.spec.ts`) served at `/course/` by a tiny static server started here, where anything
 * outside `/course/` is a 404, as on a host that serves other things at its root. A learner walks
 * the course by clicking only: home, a lesson from the sidebar, a link in the lesson's text, its
 * diagrams and simulator (lazy chunks), a quiz card's link back to its section, the drills page,
 * an exercise with Monaco and its workers, and the game-day console with its team view. Any 404,
 * failed request, page error or console error fails the test.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { guard, scrollThrough } from './site';

const BASE = '/course/';
const folder = join(import.meta.dirname, '..', '..', 'dist-course');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a request path maps to inside the build folder (a directory means its index.html), or null. */
function fileFor(pathname: string): string | null {
  if (!pathname.startsWith(BASE)) return null;
  const rel = normalize(decodeURIComponent(pathname.slice(BASE.length)));
  if (rel.startsWith('..')) return null;
  const path = join(folder, rel);
  if (path !== folder && !path.startsWith(folder + sep)) return null;
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : null;
}

/** Serves the build folder at /course/ only; a missing page gets the site's 404.html, like most static hosts. */
function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === BASE.slice(0, -1)) {
      res.writeHead(301, { location: BASE }).end();
      return;
    }
    const file = fileFor(pathname);
    if (!file) {
      const notFound = pathname.startsWith(BASE) ? join(folder, '404.html') : null;
      res.writeHead(404, { 'content-type': notFound ? TYPES['.html']! : TYPES['.txt']! });
      res.end(notFound ? readFileSync(notFound) : `not found: ${pathname} is outside ${BASE}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: Server;
let origin: string;

test.beforeAll(async () => {
  if (!existsSync(join(folder, 'index.html'))) {
    throw new Error(`${folder} has no build: run \`npm run build:base\` first (BASE_PATH=/course/ GRADED_COHORT=1 into dist-course/)`);
  }
  server = await startServer();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Every URL the page requested, to show what loaded from where. */
function requests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (req) => urls.push(req.url()));
  return urls;
}

/** Clicks a link (Playwright scrolls to it) and waits for the page it leads to. */
async function follow(page: Page, link: ReturnType<Page['locator']>, path: string | RegExp) {
  await link.click();
  await expect(page).toHaveURL(typeof path === 'string' ? `${origin}${path}` : path);
}

/** Scrolls to a lesson's simulator and waits until React has replaced its server-rendered HTML and the view is ready. */
async function hydrated(page: Page, id: string) {
  await page.locator(`[data-simulation="${id}"]`).scrollIntoViewIfNeeded();
  const island = page.locator(`[data-simulation="${id}"] astro-island`);
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 20_000 }).toBe(false);
  const view = page.locator(`[data-sim="${id}"]`);
  await expect(view).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  return view;
}

/** Answers the card on screen with something (right or wrong does not matter here) and checks it. */
async function answerAnything(page: Page) {
  const form = page.locator('.rl-quiz form.rl-card');
  await expect(form).toHaveAttribute('data-state', 'asking');
  const type = await form.getAttribute('data-type');
  if (type === 'numeric') await form.getByLabel('Your answer').fill('0');
  else if (type === 'single' || type === 'multiple') await form.locator('.rl-card-choices input').first().check();
  else throw new Error(`this walk answers numeric, single or multiple cards; the first card is ${type}`);
  await form.getByRole('button', { name: 'Check answer' }).click();
  await expect(form).not.toHaveAttribute('data-state', 'asking');
  return form;
}

test('a learner clicks through the course hosted at /course/', async ({ page, context }) => {
  test.setTimeout(120_000);
  const watch = guard(page);
  const loaded = requests(page);

  // Home, then a lesson from the sidebar.
  await page.goto(`${origin}${BASE}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const sidebar = page.locator('nav[aria-label="Main"]');
  await follow(page, sidebar.getByRole('link', { name: /^Continuous improvement/ }), `${BASE}lessons/continuous-improvement/`);

  // A link written in the lesson's Markdown as /lessons/sre-practices/.
  const content = page.locator('.sl-markdown-content');
  await follow(page, content.getByRole('link', { name: 'next lesson' }), `${BASE}lessons/sre-practices/`);

  // Diagrams render with the lazily loaded mermaid; the simulator's lazy chunks load from under the base, and it reacts.
  await scrollThrough(page);
  await expect(page.locator('.rl-diagram-canvas[data-state="rendered"]').first()).toBeVisible();
  const simulator = await hydrated(page, 'burn-rate');
  await simulator.getByLabel('Scenario').selectOption('total-outage');
  await expect(simulator.locator('.rl-sim-summary')).toContainText('100% errors for 1h');
  await expect(page).toHaveURL(/br-scenario=total-outage/);

  // A quiz card's link back to the section it tests.
  const quiz = page.locator('.rl-quiz');
  await quiz.scrollIntoViewIfNeeded();
  await expect(quiz).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  const card = await answerAnything(page);
  const review = card.getByRole('link', { name: /^Review this in/ });
  const section = new URL((await review.getAttribute('href'))!, origin).hash.slice(1);
  expect(section).not.toBe('');
  await follow(page, review, `${BASE}lessons/sre-practices/#${section}`);
  await expect(page.locator(`[id="${section}"]`)).toBeInViewport();

  // The drills page, from the home page: the answered card is in the deck.
  await follow(page, page.locator('a.site-title'), BASE);
  await follow(page, page.locator('.rl-drills-line').getByRole('link', { name: 'Drills', exact: true }), `${BASE}drills/`);
  await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });

  // An exercise from the lesson's card: Monaco and its workers load from under the base, and Run gives results.
  await follow(page, sidebar.getByRole('link', { name: /^SRE practices/ }), `${BASE}lessons/sre-practices/`);
  await follow(page, page.locator('[data-exercise-card="burn-rate-alerts"]').getByRole('link', { name: /Open the exercise/ }), `${BASE}exercises/burn-rate-alerts/`);
  const workbench = page.locator('.rl-workbench');
  await expect(workbench).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.locator('.rl-wb-editor .monaco-editor')).toBeVisible();
  await page.getByRole('button', { name: /^Run tests/ }).click();
  await expect(page.locator('.rl-wb-summary')).toContainText(/\d+ of \d+ tests passed/, { timeout: 30_000 });
  expect(loaded.filter((url) => /worker/i.test(url) && url.startsWith(`${origin}${BASE}_astro/`)), 'Monaco workers from under the base').not.toEqual([]);

  // The game-day console, from the integration challenge's launcher, and the team view it opens.
  await follow(page, sidebar.getByRole('link', { name: /^Integration challenge/ }), `${BASE}lessons/integration-challenge/`);
  const launcher = await hydrated(page, 'game-day');
  await follow(page, launcher.getByRole('link', { name: 'Open the facilitator console' }), `${BASE}game-day/`);
  await expect(page.locator('.gd-console')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open the team view' }).click();
  const team = await popup;
  const teamWatch = guard(team);
  await expect(team).toHaveURL(`${origin}${BASE}game-day/team/`);
  await expect(team.locator('.gd-team')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });

  // Nothing was requested outside the base (the server would have answered 404, which the guard reports).
  expect(loaded.filter((url) => url.startsWith(origin) && !url.startsWith(`${origin}${BASE}`))).toEqual([]);
  watch.check();
  teamWatch.check();
});

test('a missing page under /course/ shows the styled 404 page, whose links lead home', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document') failures.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  const response = await page.goto(`${origin}${BASE}lessons/no-such-lesson/deeper/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('404');
  // Starlight's stylesheet applied (the sidebar-less layout still has its header styles).
  await expect(page.locator('header.header')).toHaveCSS('position', 'fixed');
  await follow(page, page.locator('a.site-title'), BASE);
  expect(failures).toEqual([]);
});
