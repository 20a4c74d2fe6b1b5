/**
 * The exercise editor types where it draws: a click on a line puts the caret there, the typed text
 * lands on that line of the code, and the drawn row holding it sits where the caret, the current-line
 * highlight and the line number are drawn (Starlight's content spacing once pushed every row down).
 * At desktop and phone sizes.
 */
import { expect, test, type Page } from '@playwright/test';

const PAGE = '/exercises/histogram-quantile/';
const MARKER = 'qzxMARK';

type Box = { top: number; bottom: number; left: number; right: number };

/** Vertical centre of a box. */
const middle = (b: Box) => (b.top + b.bottom) / 2;

async function typeOnLine(page: Page, lineNumber: number) {
  await page.goto(PAGE);
  await expect(page.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  const editor = page.locator('.rl-wb-editor');
  await editor.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const number = editor.locator('.line-numbers', { hasText: new RegExp(`^${lineNumber}$`) });
  const numberBox = (await number.boundingBox())!;
  const content = (await editor.locator('.monaco-editor .view-lines').boundingBox())!;
  // Click in the empty space right of the (short) line's text, on the row beside its number (clear
  // of the scrollbar at the right edge), then go to the line's end.
  await page.mouse.click(content.x + content.width * 0.6, numberBox.y + numberBox.height / 2);
  await page.keyboard.press('End');
  await page.keyboard.type(MARKER);
  return editor;
}

for (const size of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`${size.name}: typed text lands on the clicked line, where the caret is drawn`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const line = 4;
    const editor = await typeOnLine(page, line);
    // The code: the marker is at the end of the clicked line.
    const lines = ((await page.evaluate(() => (window as any).rlabWorkbench.value())) as string).split('\n');
    expect(lines[line - 1], `line ${line} of the code`).toContain(MARKER);

    const drawn = await editor.evaluate((root, marker) => {
      const box = (el: Element | null | undefined) => {
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      };
      const rows = [...root.querySelectorAll('.view-line')];
      const row = rows.find((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').includes(marker));
      return {
        row: box(row),
        caret: box(root.querySelector('.cursors-layer .cursor')),
        highlight: box(root.querySelector('.view-overlays .current-line')),
        rowMargins: rows.map((r) => getComputedStyle(r).marginTop).filter((m) => m !== '0px'),
      };
    }, MARKER);
    expect(drawn.row, 'a drawn row shows the typed text').not.toBeNull();
    expect(drawn.caret, 'the caret is drawn').not.toBeNull();
    expect(drawn.rowMargins, 'rows carry no margin from the page').toEqual([]);
    const row = drawn.row!;
    const caret = drawn.caret!;
    // The caret is drawn inside the row with the typed text, just after it.
    expect(middle(caret)).toBeGreaterThan(row.top);
    expect(middle(caret)).toBeLessThan(row.bottom);
    // The current-line highlight covers that row.
    expect(drawn.highlight).not.toBeNull();
    expect(Math.abs(middle(drawn.highlight!) - middle(row))).toBeLessThan(3);
    // The line number is drawn beside the row (the marker is short, so the line does not wrap).
    const number = (await editor.locator('.line-numbers', { hasText: new RegExp(`^${line}$`) }).boundingBox())!;
    expect(Math.abs(number.y + number.height / 2 - middle(row))).toBeLessThan(3);
  });
}
