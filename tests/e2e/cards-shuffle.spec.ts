/**
 * Quizzes that test, not hint, in the browser: choices are shown in the seeded order of
 * `choiceOrder` (card id + how many reviews of it came before), the same after a reload or an
 * undo and a new one at the next review; after an answer the learner reads what the rating means
 * and when the card comes back; cloze blanks do not give their answer's length away.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Card } from '../../src/lib/cards/schema';
import { choiceOrder } from '../../src/lib/cards/grade';
import { guard } from './site';

const cards = (yaml.load(readFileSync(join(import.meta.dirname, '..', '..', 'content', 'modules', '07-integration-challenge', 'cards.yaml'), 'utf8')) as { cards: Card[] }).cards;
const LESSON = '/lessons/integration-challenge/';
const T0 = new Date('2026-03-02T09:00:00');
const firstSingle = cards.findIndex((c) => c.type === 'single');
const single = cards[firstSingle] as Extract<Card, { type: 'single' }>;

/** The written indexes of the choices, in the order they are on screen. */
const shownOrder = async (form: Locator) => (await form.locator('.rl-card-choices input').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-choice')))));

async function startQuiz(page: Page) {
  await page.goto(LESSON);
  const quiz = page.locator('.rl-quiz');
  await quiz.scrollIntoViewIfNeeded();
  await expect(quiz).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await quiz.getByRole('button', { name: /Start the quiz|Take the quiz again/ }).click();
}

/** Answers the number and cloze cards from `from` up to (not including) `index`, right, and goes on. */
async function answerUpTo(page: Page, index: number, from = 0) {
  for (const card of cards.slice(from, index)) {
    const form = page.locator(`form[data-card="${card.id}"]`);
    if (card.type === 'numeric') await form.getByLabel('Your answer').fill(String(card.answer));
    else if (card.type === 'cloze') {
      const blanks = [...card.text.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1]!.split('|')[0]!.trim());
      for (const [i, text] of blanks.entries()) await form.getByLabel(`Blank ${i + 1}`, { exact: true }).fill(text);
    } else throw new Error(`answerUpTo does not answer ${card.type} cards`);
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect(form).toHaveAttribute('data-state', 'right');
    await form.getByRole('button', { name: /Next question/ }).click();
  }
}

test.describe.configure({ mode: 'serial' });

test('the quiz shuffles choices the same way after a reload, and says what each rating means', async ({ page, context }) => {
  test.setTimeout(90_000);
  const watch = guard(page);
  await context.clock.install({ time: T0 });
  expect(firstSingle, 'the lesson has a single-choice card after a few number cards').toBeGreaterThan(0);

  await startQuiz(page);
  // A right, quick answer: "Correct." once, then what Good means and when the card is back.
  const first = page.locator(`form[data-card="${cards[0]!.id}"]`);
  await first.getByLabel('Your answer').fill(String((cards[0] as Extract<Card, { type: 'numeric' }>).answer));
  await first.getByRole('button', { name: 'Check answer' }).click();
  await expect(first.locator('.rl-card-verdict')).toHaveText(/^Correct\./);
  await expect(first.locator('.rl-card-result')).not.toContainText('Right. Right.');
  await expect(first.locator('.rl-card-rating')).toHaveText("Rated Good: you'll see it again in 10 minutes, on your drills page; each right answer spaces it out further.");
  await first.getByRole('button', { name: /Next question/ }).click();
  await answerUpTo(page, firstSingle, 1);

  const form = page.locator(`form[data-card="${single.id}"]`);
  const order = await shownOrder(form);
  expect(order).toEqual(choiceOrder(single, 0));

  // A reload asks the card afresh in the same order (it was never answered, so it is the same review).
  await page.reload();
  await startQuiz(page);
  await answerUpTo(page, firstSingle);
  expect(await shownOrder(form)).toEqual(order);

  // A wrong answer: "Not yet.", the right choice marked, and when the card comes back.
  await form.locator(`input[data-choice="${(single.answer + 1) % single.choices.length}"]`).check();
  await form.getByRole('button', { name: 'Check answer' }).click();
  await expect(form.locator('.rl-card-verdict')).toHaveText(`Not yet. The answer is "${single.choices[single.answer]}".`);
  await expect(form.locator('.rl-card-rating')).toHaveText('Rated Again: it comes back in about a minute, on your drills page, and then less and less often as you get it right.');
  await expect(form.locator('[data-right="true"]')).toContainText('(right answer)');
  // The order stays put while the result shows, although the review is now recorded.
  expect(await shownOrder(form)).toEqual(order);
  watch.check();
});

test('cloze blanks are all the same width, whatever their answers', async ({ page }) => {
  const index = cards.findIndex((c) => c.type === 'cloze' && (c.text.match(/\{\{/g) ?? []).length >= 3);
  expect(index).toBeGreaterThan(0);
  const card = cards[index] as Extract<Card, { type: 'cloze' }>;
  const lengths = [...card.text.matchAll(/\{\{([^{}|]+)/g)].map((m) => m[1]!.trim().length);
  expect(new Set(lengths).size, 'the blanks of this card have answers of different lengths').toBeGreaterThan(1);
  await startQuiz(page);
  // Walk to the card: answer what comes before it (choice cards at random, they are not checked here).
  for (const before of cards.slice(0, index)) {
    const f = page.locator(`form[data-card="${before.id}"]`);
    if (before.type === 'numeric') await f.getByLabel('Your answer').fill(String(before.answer));
    else if (before.type === 'cloze') for (let i = 0; i < (before.text.match(/\{\{/g) ?? []).length; i++) await f.getByLabel(`Blank ${i + 1}`, { exact: true }).fill('x');
    else if (before.type === 'single' || before.type === 'multiple') await f.locator('.rl-card-choices input').first().check();
    await f.getByRole('button', { name: /Check answer|Show the answer/ }).click();
    await f.getByRole('button', { name: /Next question/ }).click();
  }
  const widths = await page.locator(`form[data-card="${card.id}"] .rl-card-blank input`).evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
  expect(widths.length).toBe(lengths.length);
  expect(new Set(widths).size).toBe(1);
});

test('drills: the same order after an undo and after a reload, a new one at the next review, and words for Again', async ({ page, context }) => {
  test.setTimeout(90_000);
  const watch = guard(page);
  // The quiz: the cards before the choice card right (due in 10 minutes), the choice card wrong (due in 1).
  await context.clock.install({ time: T0 });
  await startQuiz(page);
  await answerUpTo(page, firstSingle);
  const asked = page.locator(`form[data-card="${single.id}"]`);
  await asked.locator(`input[data-choice="${(single.answer + 1) % single.choices.length}"]`).check();
  await asked.getByRole('button', { name: 'Check answer' }).click();
  await expect(asked).toHaveAttribute('data-state', 'wrong');
  // Five minutes later only the missed card is due.
  await context.clock.setSystemTime(T0.getTime() + 5 * 60_000);
  await page.goto('/drills/');
  await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await page.getByLabel(/Then add up to/).uncheck();
  await page.getByRole('button', { name: /Start a session/ }).click();
  const form = page.locator(`form[data-card="${single.id}"]`);
  await expect(form).toHaveAttribute('data-state', 'asking');
  // Its second review: a new order, seeded by the review number.
  const second = choiceOrder(single, 1);
  expect(await shownOrder(form)).toEqual(second);

  await form.locator(`input[data-choice="${(single.answer + 1) % single.choices.length}"]`).check();
  await form.getByRole('button', { name: 'Check answer' }).click();
  await expect(form.locator('.rl-card-rating')).toHaveText('Rated Again: it comes back in about a minute, later in this session, and then less and less often as you get it right.');

  // Undo asks the same review again, in the same order.
  await form.getByRole('button', { name: 'Undo rating' }).click();
  await expect(form).toHaveAttribute('data-state', 'asking');
  expect(await shownOrder(form)).toEqual(second);

  // So does a reload in the middle of the session.
  await page.reload();
  await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await page.getByLabel(/Then add up to/).uncheck();
  await page.getByRole('button', { name: /Start a session/ }).click();
  await expect(form).toHaveAttribute('data-state', 'asking');
  expect(await shownOrder(form)).toEqual(second);

  // A right answer marked Certain and fast: Easy, and the wait in days or minutes as FSRS set it.
  await form.locator(`input[data-choice="${single.answer}"]`).check();
  await form.getByLabel('Certain').check();
  await form.getByRole('button', { name: 'Check answer' }).click();
  await expect(form.locator('.rl-card-verdict')).toHaveText(/^Correct, quick and certain\.$/);
  await expect(form.locator('.rl-card-rating')).toHaveText(/^Rated Easy: you'll see it again (tomorrow|in \d+ (days|weeks)), a longer wait than Good\.$/);
  watch.check();
});
