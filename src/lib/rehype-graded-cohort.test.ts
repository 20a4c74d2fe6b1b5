import { compile } from '@mdx-js/mdx';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rehypeGradedCohort, { withheldHintsNote } from './rehype-graded-cohort.mjs';

/** A throwaway `exercises/` folder with one exercise. */
const root = mkdtempSync(join(tmpdir(), 'rlab-cohort-'));
const exercisesDir = join(root, 'exercises');
const folder = join(exercisesDir, 'error-ratio');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'exercise.json'), JSON.stringify({ id: 'error-ratio', title: 'The error ratio' }));
writeFileSync(join(folder, 'starter.ts'), "export function errorRatio(before: Scrape, after: Scrape): number {\n  throw new Error('Not implemented: errorRatio');\n}\n");
writeFileSync(join(folder, 'instructions.md'), '# The error ratio\n\n## 1. Ratio\n\nUse `increase(before.total, after.total)` for both counters.\n');
writeFileSync(join(folder, 'tests.visible.ts'), 'export default [];\n');
writeFileSync(
  join(folder, 'solution.ts'),
  [
    'function increase(before: number, after: number): number {',
    '  return after >= before ? after - before : after;',
    '}',
    'export function errorRatio(before: Scrape, after: Scrape): number {',
    '  const total = increase(before.total, after.total);',
    '  return total > 0 ? increase(before.errors, after.errors) / total : NaN;',
    '}',
  ].join('\n'),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const hints = [
  '# Hints',
  '',
  '## 1. Ratio',
  '',
  '- Write a small `increase(before, after)` first.',
  '- `return after >= before ? after - before : after;` handles a restart.',
  '- Check yourself: 6 errors in 300 requests is 0.02.',
  '',
  '## 2. Edge cases',
  '',
  '- `total > 0 ? increase(before.errors, after.errors) / total : NaN` is the whole function.',
  '',
  'Or, as a block:',
  '',
  '```ts',
  'return total > 0 ? increase(before.errors, after.errors) / total : NaN;',
  '```',
].join('\n');

const lesson = [
  '# A lesson',
  '',
  'The counters reset, so:',
  '',
  '```ts',
  'function increase(before: number, after: number): number {',
  '  return after >= before ? after - before : after;',
  '}',
  '```',
  '',
  '```ts',
  'const unrelated = [1, 2, 3].map((n) => n * 2).filter((n) => n > 2);',
  '```',
  '',
  'Inline code stays: `return after >= before ? after - before : after;`.',
].join('\n');

/** Compiles Markdown as the file at `path` with the plugin, and returns the generated code. */
async function compiled(markdown: string, path: string, gradedCohort: boolean): Promise<string> {
  return String(await compile({ value: markdown, path }, { format: 'md', rehypePlugins: [[rehypeGradedCohort, { gradedCohort, exercisesDir, base: '/course/' }]] }));
}

describe('rehypeGradedCohort', () => {
  it('leaves every file of a self-paced build alone', async () => {
    const code = await compiled(hints, join(folder, 'hints.md'), false);
    expect(code).toContain('handles a restart');
    expect(code).toContain('is the whole function');
    expect(code).not.toContain('not shown in this course');
    expect(await compiled(lesson, join(root, 'content', 'lesson.mdx'), false)).not.toContain('left out');
  });

  it("leaves out of an exercise's hints those that quote its solution, and says how many per task", async () => {
    const code = await compiled(hints, join(folder, 'hints.md'), true);
    expect(code).toContain('Write a small ');
    expect(code).toContain('Check yourself: 6 errors in 300 requests is 0.02.');
    expect(code).not.toContain('handles a restart');
    expect(code).not.toContain('is the whole function');
    expect(code).not.toContain('increase(before.errors, after.errors) / total');
    expect(code).toContain('Or, as a block:');
    expect(code).toContain(withheldHintsNote(1));
    expect(code).toContain(withheldHintsNote(2));
    // The first note closes task 1: it comes before task 2's heading.
    expect(code.indexOf(withheldHintsNote(1))).toBeLessThan(code.indexOf('Edge cases'));
  });

  it("replaces a lesson's code block that quotes a solution with a note linking to the exercise", async () => {
    const code = await compiled(lesson, join(root, 'content', 'lesson.mdx'), true);
    expect(code).not.toContain('function increase(before');
    expect(code).toContain('A code example is left out here: this course grades ');
    expect(code).toContain('"/course/exercises/error-ratio/"');
    expect(code).toContain('The error ratio');
    expect(code).toContain('const unrelated');
    // Only code blocks are replaced: inline code in prose stays (README, Graded cohorts: what it does not guarantee).
    expect(code).toContain('Inline code stays');
  });

  it("leaves an exercise's own instructions alone: the learner is meant to have them", async () => {
    const code = await compiled('## 1. Ratio\n\n```ts\nreturn after >= before ? after - before : after;\n```\n', join(folder, 'instructions.md'), true);
    expect(code).toContain('after >= before ? after - before : after');
  });
});

describe('withheldHintsNote', () => {
  it('says one or several', () => {
    expect(withheldHintsNote(1)).toBe('One hint for this task quotes the reference solution, so it is not shown in this course.');
    expect(withheldHintsNote(3)).toBe('3 hints for this task quote the reference solution, so they are not shown in this course.');
  });
});
