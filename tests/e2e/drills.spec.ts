/**
 * Quizzes and drills in the browser, with Playwright's clock standing in for the days passing:
 * a quiz fills the deck, cards come due when the forecast says, progress moves between
 * browsers, a damaged log is reported and kept, and two tabs keep each other's reviews.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { expect, test, type Page } from '@playwright/test';
import type { Card } from '../../src/lib/cards/schema';
import { guard, seriousAxeViolations } from './site';

const modules = join(import.meta.dirname, '..', '..', 'content', 'modules');
/** The cards of a lesson, read from its cards.yaml as the site builds them. */
function lessonCards(folder: string): Card[] {
  return (yaml.load(readFileSync(join(modules, folder, 'cards.yaml'), 'utf8')) as { cards: Card[] }).cards;
}
const allCardCount = readdirSync(modules)
  .filter((f) => existsSync(join(modules, f, 'cards.yaml')))
  .reduce((n, f) => n + lessonCards(f).length, 0);

const QUIZ_FOLDER = '07-integration-challenge';
const QUIZ_LESSON = '/lessons/integration-challenge/';
const T0 = new Date('2026-03-02T09:00:00');
const DAY = 86_400_000;

/** Answers the card on screen with the keyboard only; right or deliberately wrong. */
async function answer(page: Page, card: Card, right: boolean) {
  const form = page.locator(`form[data-card="${card.id}"]`);
  await expect(form).toHaveAttribute('data-state', 'asking');
  const key = (k: string) => page.keyboard.press(k);
  switch (card.type) {
    case 'single': {
      // Choices are shown shuffled; each input carries its written index.
      const target = right ? card.answer : (card.answer + 1) % card.choices.length;
      await form.locator(`.rl-card-choices input[data-choice="${target}"]`).focus();
      await key('Space');
      break;
    }
    case 'multiple': {
      const picks = right ? card.answers : card.choices.map((_, i) => i).filter((i) => !card.answers.includes(i)).slice(0, 1);
      for (const i of picks) {
        await form.locator(`.rl-card-choices input[data-choice="${i}"]`).focus();
        await key('Space');
      }
      break;
    }
    case 'numeric':
      await form.getByLabel('Your answer').focus();
      await page.keyboard.type(String(right ? card.answer : card.answer + 10 * card.tolerance + 1));
      break;
    case 'cloze': {
      const blanks = [...card.text.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1]!.split('|')[0]!.trim());
      for (const [i, text] of blanks.entries()) {
        await form.getByLabel(`Blank ${i + 1}`, { exact: true }).focus();
        await page.keyboard.type(right ? text : 'not this');
      }
      break;
    }
    case 'ordering':
      if (right) {
        for (let i = 0; i < card.items.length; i++) {
          const shown = await form.locator('.rl-card-order-text').allTextContents();
          const j = shown.indexOf(card.items[i]!.replace(/`/g, ''));
          await form.locator('.rl-card-order li').nth(j).focus();
          for (let k = j; k > i; k--) await key('Alt+ArrowUp');
        }
      }
      await form.locator('.rl-card-order li').first().focus();
      break;
    case 'recall':
      await form.locator('textarea').focus();
      await key('Control+Enter');
      await expect(form.getByText('Model answer:')).toBeVisible();
      await key(right ? '3' : '1');
      await expect(form).toHaveAttribute('data-state', right ? 'right' : 'wrong');
      return;
  }
  await key('Enter');
  await expect(form).toHaveAttribute('data-state', right ? 'right' : 'wrong');
}

/** Takes the lesson quiz by keyboard; `wrong` lists card ids to miss on purpose. */
async function takeQuiz(page: Page, cards: Card[], wrong: Set<string> = new Set()) {
  await page.goto(QUIZ_LESSON);
  const quiz = page.locator('.rl-quiz');
  await quiz.scrollIntoViewIfNeeded();
  await expect(quiz).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await quiz.getByRole('button', { name: /Start the quiz|Take the quiz again/ }).click();
  for (const card of cards) {
    await answer(page, card, !wrong.has(card.id));
    await page.keyboard.press('Enter'); // the focused "Next" button
  }
  await expect(quiz).toHaveAttribute('data-state', 'finished');
  await expect(quiz.getByRole('heading', { level: 3 })).toHaveText(`You got ${cards.length - wrong.size} of ${cards.length} right`);
}

async function openDrills(page: Page) {
  await page.goto('/drills/');
  await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

const dueCount = async (page: Page) => {
  const text = await page.locator('.rl-drills-due').textContent();
  return /Nothing is due/.test(text ?? '') ? 0 : Number(await page.locator('[data-due]').getAttribute('data-due'));
};

test.describe.configure({ mode: 'serial' });

test('a lesson quiz fills the deck, and the cards come due on the days the forecast shows', async ({ page, context }) => {
  test.setTimeout(120_000);
  const watch = guard(page);
  await context.clock.install({ time: T0 });
  const cards = lessonCards(QUIZ_FOLDER);
  const missed = new Set([cards[0]!.id]);
  await takeQuiz(page, cards, missed);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Right after the quiz nothing is due: every card is in its first learning step.
  await openDrills(page);
  expect(await dueCount(page)).toBe(0);
  await expect(page.locator('[data-stat="reviews"]')).toHaveText(String(cards.length));
  await expect(page.locator('tr[data-stage="new"] td')).toHaveText(String(allCardCount - cards.length));

  // Ten minutes later (FSRS's second learning step) all of them are due; the missed one first (1 minute).
  await context.clock.setSystemTime(T0.getTime() + 11 * 60_000);
  await openDrills(page);
  expect(await dueCount(page)).toBe(cards.length);
  await page.getByLabel(/Then add up to/).uncheck();
  await page.getByRole('button', { name: /Start a session/ }).click();
  for (let i = 0; i < cards.length; i++) {
    const id = await page.locator('form.rl-card').getAttribute('data-card');
    await answer(page, cards.find((c) => c.id === id)!, true);
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('.rl-drills-summary h3')).toHaveText(`Session done: ${cards.length} cards, ${cards.length} right`);
  await expect(page.locator('.rl-drills-summary h3')).toBeFocused();
  expect(await seriousAxeViolations(page)).toEqual([]);

  // The forecast says on which days they come back; jump to each day and find exactly that many due.
  await page.getByRole('button', { name: 'Back to your deck' }).click();
  await page.locator('details summary', { hasText: 'forecast' }).click();
  const rows = await page.locator('.rl-drills-forecast tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ day: tr.getAttribute('data-day')!, due: Number(tr.querySelectorAll('td')[1]!.textContent) })),
  );
  // Today holds at most the card missed in the quiz: one Good after Again is still a learning step.
  expect(rows[0]!.due).toBeLessThanOrEqual(missed.size);
  expect(rows.reduce((s, r) => s + r.due, 0)).toBe(cards.length);
  let cumulative = 0;
  for (const [i, row] of rows.entries()) {
    if (row.due === 0) continue;
    cumulative += row.due;
    // The end of that day: everything forecast up to then is due, nothing later.
    await context.clock.setSystemTime(T0.getTime() + i * DAY + 14 * 3_600_000);
    await openDrills(page);
    expect(await dueCount(page), `due on ${row.day}`).toBe(cumulative);
  }
  expect(cumulative).toBe(cards.length);
  watch.check();
});

test('progress moves to another browser by export and import, and a bad file changes nothing', async ({ page, browser, context }) => {
  await context.clock.install({ time: T0 });
  const cards = lessonCards(QUIZ_FOLDER).slice(0, 3);
  await page.goto(QUIZ_LESSON);
  // Answer three cards of the quiz, then stop.
  const quiz = page.locator('.rl-quiz');
  await quiz.scrollIntoViewIfNeeded();
  await expect(quiz).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  for (const card of cards) {
    await answer(page, card, true);
    await page.keyboard.press('Enter');
  }
  await openDrills(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress (JSON)' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('reliability-lab-progress');
  expect(exported.areas.reviews.data.entries).toHaveLength(3);

  const other = await browser.newContext();
  await other.clock.install({ time: T0 });
  const page2 = await other.newPage();
  await openDrills(page2);
  await expect(page2.locator('[data-stat="reviews"]')).toHaveText('0');
  // A file that is not a progress file is refused with a reason.
  await page2.locator('input[type=file]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"anki"}') });
  await expect(page2.getByRole('alert').filter({ hasText: 'notes.json' })).toContainText('not a Reliability Lab progress file');
  await page2.locator('input[type=file]').setInputFiles(file);
  await expect(page2.locator('[data-transfer-message]')).toContainText('reviews: 3 new entries');
  await expect(page2.locator('[data-stat="reviews"]')).toHaveText('3');
  // Importing the same file again adds nothing.
  await page2.locator('input[type=file]').setInputFiles(file);
  await expect(page2.locator('[data-stat="reviews"]')).toHaveText('3');
  await other.close();
});

test('a damaged review log is reported and kept as a backup, and the drills still work', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('rlab:reviews', '{"version":1,"data":{"entries":[{"id":"a","kind":"review"');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openDrills(page);
  await expect(page.getByRole('alert').first()).toContainText('not valid JSON');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:reviews:')));
  expect(backups).toHaveLength(1);
  expect(await page.evaluate((k) => localStorage.getItem(k), backups[0]!)).toContain('"id":"a"');
  // The page is usable: a new card can be drilled and is saved.
  await page.getByRole('button', { name: /Start a session/ }).click();
  await expect(page.locator('form.rl-card')).toBeVisible();
});

test('two open tabs keep each other’s reviews', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openDrills(a);
  await openDrills(b);
  const all = readdirSync(modules).filter((f) => existsSync(join(modules, f, 'cards.yaml'))).flatMap(lessonCards);
  for (const tab of [a, b]) {
    await tab.bringToFront();
    await tab.getByRole('button', { name: /Start a session/ }).click();
    const id = await tab.locator('form.rl-card').getAttribute('data-card');
    await answer(tab, all.find((c) => c.id === id)!, true);
  }
  const stored = async (p: Page) => (await p.evaluate(() => JSON.parse(localStorage.getItem('rlab:reviews')!).data.entries.length)) as number;
  await expect.poll(() => stored(a)).toBe(2);
  // Each tab heard of the other's review without a reload (the storage event).
  await expect(a.locator('[data-stat="reviews"]')).toHaveText('2');
  await expect(b.locator('[data-stat="reviews"]')).toHaveText('2');
});

test('a card that lapsed eight times is flagged as a leech and points back to its section', async ({ page }) => {
  const { deriveStates, defaultSettings } = await import('../../src/lib/srs/schedule');
  const card = lessonCards(QUIZ_FOLDER)[1]!;
  // Build a log the way a learner would: learn it, then forget it each time it comes back.
  const entries: Record<string, unknown>[] = [];
  let t = Date.now() - 400 * DAY;
  const add = (rating: number) => entries.push({ id: `${t}-seed-${entries.length}`, kind: 'review', card: card.id, rating, correct: rating > 1, at: t, latencyMs: 4000, source: 'drill' });
  add(4);
  for (let lapse = 0; lapse < 8; lapse++) {
    t = deriveStates({ entries } as never, defaultSettings).get(card.id)!.fsrs.due.getTime();
    add(1);
    t = deriveStates({ entries } as never, defaultSettings).get(card.id)!.fsrs.due.getTime();
    add(3);
  }
  expect(deriveStates({ entries } as never, defaultSettings).get(card.id)!.leech).toBe(true);
  await page.addInitScript((log) => localStorage.setItem('rlab:reviews', log), JSON.stringify({ version: 1, data: { entries } }));
  await openDrills(page);
  const leech = page.locator(`.rl-drills-leech-list li[data-card="${card.id}"]`);
  await expect(leech).toContainText('8 lapses');
  await expect(leech.getByRole('link')).toHaveAttribute('href', `/lessons/integration-challenge/#${card.section}`);
  await expect(page.locator('tr[data-stage="leech"] td')).toHaveText('1');
});
