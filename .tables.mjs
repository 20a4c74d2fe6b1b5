import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './scripts/chromium.mjs';
import { serveStatic } from './scripts/static-server.mjs';
const s = await serveStatic({ dir: 'dist' });
const b = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
const p = await b.newPage({ viewport: { width: 390, height: 844 } });
for (const [lesson, id, sel] of [['lessons/continuous-improvement/', 'toil-roi', 'opportunities'], ['lessons/continuous-improvement/', 'toil-roi', 'xkcd'], ['lessons/sre-practices/', 'canary', null]]) {
  await p.goto(s.url + lesson);
  await p.addStyleTag({ content: 'header.header { position: absolute !important; }' });
  await p.locator(`[data-simulation="${id}"]`).scrollIntoViewIfNeeded();
  await p.locator(`[data-sim="${id}"][data-ready="true"]`).waitFor({ timeout: 60000 });
  if (id === 'canary') { const n = p.getByRole('button', { name: 'Next interval' }); await n.click(); await n.click(); }
  const scroller = sel ? p.locator(`.rl-table-scroll:has(table[data-table="${sel}"])`) : p.locator(`[data-sim="canary"] .rl-table-scroll`).first();
  await scroller.scrollIntoViewIfNeeded();
  await scroller.screenshot({ path: `/tmp/uitest/table-${sel ?? id}-0.png` });
  await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth / 3; });
  await scroller.screenshot({ path: `/tmp/uitest/table-${sel ?? id}-1.png` });
}
await b.close(); await s.close();
