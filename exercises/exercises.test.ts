/**
 * Every exercise is well formed, its reference solution passes every test (visible and hidden),
 * and its starter compiles but passes none. The grader's own tests live in `grader/`.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gradeInProcess } from '../src/lib/grading/grade-in-process';
import { exerciseIds, loadExercise } from './grader/load';

const ids = exerciseIds();

describe('the exercise set', () => {
  it('has at least twelve exercises, two or more in each focus block', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(12);
    const blocks = await Promise.all(ids.map(async (id) => (await loadExercise(id)).meta.block));
    for (let b = 1; b <= 6; b++) expect(blocks.filter((x) => x === b).length, `block ${b}`).toBeGreaterThanOrEqual(2);
  });
});

describe.each(ids)('exercise %s', (id) => {
  it('has numbered tasks with hints of the same numbers, and every test names a task', async () => {
    const ex = await loadExercise(id);
    const numbers = (md: string) => [...md.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
    const tasks = numbers(ex.instructions);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks).toEqual(tasks.map((_, i) => i + 1));
    expect(numbers(ex.hints)).toEqual(tasks);
    for (const t of [...ex.visible, ...ex.hidden]) expect(tasks, `${t.id} names task ${t.task}`).toContain(t.task);
  });

  it('has unique test ids, visible tests for every task and hidden tests too', async () => {
    const ex = await loadExercise(id);
    const all = [...ex.visible, ...ex.hidden].map((t) => t.id);
    expect(all.filter((x, i) => all.indexOf(x) !== i)).toEqual([]);
    expect(ex.hidden.length).toBeGreaterThan(0);
    const tasks = [...ex.instructions.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
    for (const task of tasks) expect(ex.visible.some((t) => t.task === task), `task ${task} has a visible test`).toBe(true);
  });

  it('has a reference solution that passes every test', async () => {
    const ex = await loadExercise(id);
    const solution = await import(pathToFileURL(join(ex.dir, 'solution.ts')).href);
    const results = await gradeInProcess(ex.meta, ex.visible, ex.hidden, solution);
    expect(results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
  });

  it('has a starter that throws "not implemented" and passes no test', async () => {
    const ex = await loadExercise(id);
    expect(ex.starter).toMatch(/not implemented/i);
    const starter = await import(pathToFileURL(join(ex.dir, 'starter.ts')).href);
    const results = await gradeInProcess(ex.meta, ex.visible, ex.hidden, starter);
    expect(results.filter((r) => r.status === 'passed').map((r) => r.id)).toEqual([]);
  });
});
