// @ts-check
/**
 * Screenshots to look at: every built page, and every simulator in its opening, running and
 * finished states, at desktop (1280x800) and phone (390x844) sizes, from the last build (`dist/`)
 * served by scripts/static-server.mjs, in Debian's chromium (scripts/chromium.mjs). Writes PNGs
 * and an index (index.html to browse, index.md to read) into `.shots/` (gitignored).
 *
 *   npm run shots                      # everything (a few minutes)
 *   npm run shots -- --only golden     # only shots whose name contains "golden"
 *   npm run shots -- --no-pages        # simulators only (--no-sims: pages only)
 *   npm run shots -- --out DIR --dir dist-course --base /course/
 *
 * Pages are captured whole, down to a height of 12,000 px; simulators as their own section, so
 * each state reads at a glance. A shot that fails (a button missing, a timeout) is listed in the
 * index with its error and the run exits 1 after taking the others.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';
import { builtPages } from './built-pages.mjs';

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').Locator} Locator */
/** @typedef {{ name: string; act?: (sim: Locator, page: Page) => Promise<void> }} SimState */
/** @typedef {{ id: string; page: string; root: string; states: SimState[] }} SimCase */

/** The two screen sizes of the course's checks. */
export const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** Tallest page capture in px (Chromium struggles with taller bitmaps; the top is what matters). */
const MAX_PAGE_HEIGHT = 12_000;

const wait = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Each simulator: where it lives, the element to capture, and how to reach each state from the
 * previous one (states run in order on one page).
 * @type {SimCase[]}
 */
export const SIMULATORS = [
  {
    id: 'golden-signals',
    page: '/lessons/observability/',
    root: '[data-simulation="golden-signals"]',
    states: [
      { name: 'opening' },
      {
        name: 'running',
        act: async (sim) => {
          await sim.getByRole('button', { name: /^Play/ }).click();
          await wait(3_000);
        },
      },
      {
        name: 'finished',
        act: async (sim) => {
          await sim.getByRole('button', { name: /^Play/ }).waitFor({ timeout: 30_000 });
          await wait(500);
        },
      },
    ],
  },
  {
    id: 'runbook-automation',
    page: '/lessons/runbooks-automation/',
    root: '[data-simulation="runbook-automation"]',
    states: [
      { name: 'opening' },
      {
        name: 'running',
        act: async (sim) => {
          const step = sim.getByRole('button', { name: /^Step/ });
          await step.click();
          await step.click();
          await wait(300);
        },
      },
      {
        name: 'finished',
        act: async (sim) => {
          await sim.getByRole('button', { name: 'Run', exact: true }).click();
          await wait(1_000);
        },
      },
    ],
  },
  {
    id: 'incident',
    page: '/lessons/incident-response/',
    root: '[data-simulation="incident"]',
    states: [
      { name: 'opening' },
      {
        name: 'running',
        act: async (sim) => {
          await sim.getByRole('button', { name: /^Play/ }).click();
          await wait(5_000);
        },
      },
      {
        name: 'finished',
        act: async (sim) => {
          await sim.getByRole('button', { name: 'Pause' }).click();
          const later = sim.getByRole('button', { name: '+15 min' });
          for (let i = 0; i < 30 && (await later.count()) > 0 && (await later.isEnabled()); i++) await later.click();
          await wait(500);
        },
      },
    ],
  },
  {
    id: 'postmortem',
    page: '/lessons/post-mortems/',
    root: '[data-simulation="postmortem"]',
    states: [
      { name: 'opening' },
      {
        name: 'editing',
        act: async (sim) => {
          const field = sim.getByRole('textbox').first();
          await field.fill('Checkout outage: payments failed for 25 minutes');
          await wait(300);
        },
      },
    ],
  },
  {
    id: 'toil-roi',
    page: '/lessons/continuous-improvement/',
    root: '[data-simulation="toil-roi"]',
    states: [
      { name: 'opening' },
      {
        name: 'edited',
        act: async (sim) => {
          await sim.getByLabel('Manual deployments hours per week, alice@company.example').fill('2');
          await wait(2_000);
        },
      },
    ],
  },
  {
    id: 'burn-rate',
    page: '/lessons/sre-practices/',
    root: '[data-simulation="burn-rate"]',
    states: [
      { name: 'opening' },
      {
        name: 'another-scenario',
        act: async (sim, page) => {
          await sim.getByRole('combobox', { name: 'Scenario' }).focus();
          await page.keyboard.press('End');
          await wait(2_000);
        },
      },
    ],
  },
  {
    id: 'canary',
    page: '/lessons/sre-practices/',
    root: '[data-simulation="canary"]',
    states: [
      { name: 'opening' },
      {
        name: 'running',
        act: async (sim) => {
          await sim.getByRole('button', { name: 'Play', exact: true }).click();
          await wait(700);
        },
      },
      {
        name: 'finished',
        act: async (sim) => {
          await sim.locator('[data-outcome]').waitFor({ timeout: 30_000 });
          await wait(2_000);
        },
      },
    ],
  },
  {
    id: 'game-day-launcher',
    page: '/lessons/integration-challenge/',
    root: '[data-simulation="game-day"]',
    states: [{ name: 'opening' }],
  },
  {
    id: 'game-day-console',
    page: '/game-day/',
    root: '.gd-console',
    states: [
      { name: 'opening' },
      {
        name: 'running',
        act: async (sim) => {
          await sim.getByLabel('Clock speed').selectOption('1s');
          await sim.getByRole('button', { name: 'Start the game day' }).click();
          await wait(6_000);
        },
      },
      {
        name: 'finished',
        act: async (sim) => {
          await sim.getByRole('button', { name: 'End the game day' }).click();
          await wait(1_000);
        },
      },
    ],
  },
];


/** A file-name-safe name for a URL path (`/lessons/x/` -> `lessons-x`, `/` -> `home`). */
export function slugFor(/** @type {string} */ path) {
  return path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'home';
}

/** Scrolls through the page so lazy islands and diagrams load, then back to the top. */
async function scrollThrough(/** @type {Page} */ page) {
  await page.evaluate(async () => {
    const step = Math.max(300, window.innerHeight * 0.9);
    for (let y = 0; y < document.body.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 40));
    }
    window.scrollTo(0, 0);
  });
  await page
    .locator('.rl-diagram-canvas[data-state="pending"]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
  await wait(500);
}

function parseArgs(/** @type {string[]} */ argv) {
  const args = [...argv];
  const option = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const flag = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? (args.splice(i, 1), true) : false;
  };
  const parsed = {
    out: resolve(option('--out') ?? '.shots'),
    dir: option('--dir') ?? 'dist',
    base: option('--base') ?? '/',
    only: option('--only'),
    pages: !flag('--no-pages'),
    sims: !flag('--no-sims'),
  };
  if (args.length) throw new Error(`Unknown argument(s): ${args.join(' ')}. Options: --out DIR --dir DIR --base PATH --only TEXT --no-pages --no-sims`);
  return parsed;
}

/** Writes index.html (thumbnails by group) and index.md (a list) for the shots taken. */
function writeIndex(/** @type {string} */ out, /** @type {{ file: string; group: string; title: string; error?: string }[]} */ shots) {
  const groups = [...new Set(shots.map((s) => s.group))];
  const esc = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reliability Lab screenshots</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}figure{display:inline-block;vertical-align:top;margin:0 1rem 1rem 0;max-width:22rem}
img{max-width:22rem;max-height:30rem;border:1px solid #ccc;object-fit:cover;object-position:top}figcaption{font-size:.85rem;overflow-wrap:anywhere}.error{color:#b00020}</style></head><body>
<h1>Reliability Lab screenshots</h1><p>${shots.length} shots, ${new Date().toISOString()}</p>
${groups
  .map(
    (g) => `<h2>${esc(g)}</h2>\n${shots
      .filter((s) => s.group === g)
      .map((s) =>
        s.error
          ? `<figure><figcaption class="error">${esc(s.title)}: ${esc(s.error)}</figcaption></figure>`
          : `<figure><a href="${esc(s.file)}"><img src="${esc(s.file)}" alt="${esc(s.title)}" loading="lazy"></a><figcaption>${esc(s.title)}<br><code>${esc(s.file)}</code></figcaption></figure>`,
      )
      .join('\n')}`,
  )
  .join('\n')}
</body></html>\n`;
  writeFileSync(join(out, 'index.html'), html);
  const md = [`# Screenshots (${shots.length})`, ''];
  for (const g of groups) {
    md.push(`## ${g}`, '');
    for (const s of shots.filter((x) => x.group === g)) md.push(s.error ? `- ${s.title}: FAILED (${s.error})` : `- ${s.title}: \`${s.file}\``);
    md.push('');
  }
  writeFileSync(join(out, 'index.md'), md.join('\n'));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const server = await serveStatic({ dir: options.dir, base: options.base });
  const origin = server.url.replace(/\/$/, '');
  rmSync(options.out, { recursive: true, force: true });
  mkdirSync(options.out, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  /** @type {{ file: string; group: string; title: string; error?: string }[]} */
  const shots = [];
  const wanted = (/** @type {string} */ name) => !options.only || name.includes(options.only);
  try {
    for (const size of SIZES) {
      // No service worker: it would serve an older build's pages.
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, serviceWorkers: 'block' });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      if (options.pages) {
        for (const path of builtPages(options.dir)) {
          const file = `${size.name}/page-${slugFor(path)}.png`;
          if (!wanted(file)) continue;
          const title = `${path} (${size.name})`;
          try {
            await page.goto(`${origin}${path}`, { waitUntil: 'load' });
            await scrollThrough(page);
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            mkdirSync(join(options.out, size.name), { recursive: true });
            await page.screenshot({ path: join(options.out, file), fullPage: true, clip: { x: 0, y: 0, width: size.width, height: Math.min(height, MAX_PAGE_HEIGHT) } });
            shots.push({ file, group: `Pages (${size.name})`, title });
          } catch (error) {
            shots.push({ file, group: `Pages (${size.name})`, title, error: String(error instanceof Error ? error.message.split('\n')[0] : error) });
          }
          process.stdout.write('.');
        }
      }
      if (options.sims) {
        for (const sim of SIMULATORS) {
          const names = sim.states.map((s, i) => `${size.name}/sim-${sim.id}-${i + 1}-${s.name}.png`);
          if (!names.some(wanted)) continue;
          const group = `Simulator ${sim.id} (${size.name})`;
          try {
            await page.goto(`${origin}${sim.page}`, { waitUntil: 'load' });
            // Fixed and sticky bars (Starlight's header, the phone's "On this page") would be drawn
            // across a tall section's capture: they scroll with the page for these shots.
            await page.evaluate((root) => {
              for (const el of document.querySelectorAll('body *')) {
                if (el.closest(root)) continue;
                const { position } = getComputedStyle(el);
                if (position === 'fixed' || position === 'sticky') /** @type {HTMLElement} */ (el).style.setProperty('position', 'absolute', 'important');
              }
            }, sim.root);
            const root = page.locator(sim.root).first();
            await root.scrollIntoViewIfNeeded();
            await page.locator(`${sim.root} [data-ready="true"], ${sim.root}[data-ready="true"]`).first().waitFor({ timeout: 30_000 });
            await wait(1_800); // the first draw's animation
          } catch (error) {
            shots.push({ file: names[0] ?? '', group, title: `${sim.id}: open`, error: String(error instanceof Error ? error.message.split('\n')[0] : error) });
            continue;
          }
          for (const [i, state] of sim.states.entries()) {
            const file = /** @type {string} */ (names[i]);
            const title = `${sim.id}: ${state.name} (${size.name})`;
            try {
              const root = page.locator(sim.root).first();
              if (state.act) await state.act(root, page);
              mkdirSync(join(options.out, size.name), { recursive: true });
              await root.screenshot({ path: join(options.out, file), animations: 'allow' });
              shots.push({ file, group, title });
            } catch (error) {
              shots.push({ file, group, title, error: String(error instanceof Error ? error.message.split('\n')[0] : error) });
              break;
            }
            process.stdout.write('.');
          }
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  writeIndex(options.out, shots);
  const failed = shots.filter((s) => s.error);
  console.log(`\n${shots.length - failed.length} screenshots in ${relative(process.cwd(), options.out) || '.'}/ (index.html, index.md)`);
  for (const f of failed) console.log(`FAILED ${f.title}: ${f.error}`);
  if (failed.length) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
