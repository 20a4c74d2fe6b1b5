import { expect, test, type Page } from '@playwright/test';
const T0 = new Date('2026-03-02T09:00:00');
const out = '/tmp/scratch-cards/shots';
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`shots ${name}`, async ({ page, context }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await context.clock.install({ time: T0 });
    await page.goto('/lessons/integration-challenge/');
    const quiz = page.locator('.rl-quiz');
    await quiz.scrollIntoViewIfNeeded();
    await expect(quiz).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await quiz.getByRole('button', { name: /Start the quiz/ }).click();
    // card 1 numeric right
    let form = page.locator('form.rl-card');
    await form.getByLabel('Your answer').fill('3.6');
    await form.getByRole('button', { name: 'Check answer' }).click();
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/quiz-right-${name}.png` });
    await form.getByRole('button', { name: /Next question/ }).click();
    await page.locator('form.rl-card').getByLabel('Your answer').fill('69');
    await page.locator('form.rl-card').getByRole('button', { name: 'Check answer' }).click();
    await page.locator('form.rl-card').getByRole('button', { name: /Next question/ }).click();
    form = page.locator('form.rl-card');
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/quiz-choices-${name}.png` });
    await form.locator('.rl-card-choices input').first().check();
    await form.getByRole('button', { name: 'Check answer' }).click();
    await page.screenshot({ path: `${out}/quiz-choice-result-${name}.png` });
    await form.getByRole('button', { name: /Next question/ }).click();
    await page.locator('form.rl-card').getByRole('button', { name: /Next question/ }).count();
    // cloze
    await page.locator('form.rl-card').getByLabel('Blank 1', { exact: true }).fill('recovery');
    await page.locator('form.rl-card').getByRole('button', { name: 'Check answer' }).click();
    await page.locator('form.rl-card').getByRole('button', { name: /Next question/ }).click();
    await page.locator('form.rl-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/quiz-cloze-${name}.png` });
    await context.clock.setSystemTime(T0.getTime() + 11 * 60_000);
    await page.goto('/drills/');
    await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await page.getByLabel(/Then add up to/).uncheck();
    await page.getByRole('button', { name: /Start a session/ }).click();
    const d = page.locator('form.rl-card');
    await d.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/drills-asking-${name}.png` });
    const type = await d.getAttribute('data-type');
    if (type === 'single' || type === 'multiple') await d.locator('.rl-card-choices input').nth(1).check();
    else if (type === 'numeric') await d.getByLabel('Your answer').fill('1');
    else await d.getByLabel('Blank 1', { exact: true }).fill('x');
    await d.getByRole('button', { name: 'Check answer' }).click();
    await d.locator('.rl-card-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/drills-result-${name}.png` });
  });
}
