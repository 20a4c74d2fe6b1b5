/**
 * A broken exercise folder (an edit in progress) gets a message naming the file, never a stack
 * trace, and does not stop the others from being listed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseIds, exercisesDir, loadExercise } from './load';

const root = mkdtempSync(join(tmpdir(), 'rlab-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loading exercises', () => {
  /** A copy of histogram-quantile named `id`, its tests importing the real cases module. */
  const copy = (id: string) => {
    cpSync(join(exercisesDir, 'histogram-quantile'), join(root, id), { recursive: true });
    const meta = JSON.parse(readFileSync(join(root, id, 'exercise.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(root, id, 'exercise.json'), JSON.stringify({ ...meta, id }));
    for (const f of ['tests.visible.ts', 'tests.hidden.ts']) {
      writeFileSync(join(root, id, f), readFileSync(join(root, id, f), 'utf8').replace("'../../src/lib/grading/cases'", JSON.stringify(join(exercisesDir, '..', 'src', 'lib', 'grading', 'cases.ts'))));
    }
  };

  it('lists every exercise even when one exercise.json is not JSON, and says which file is wrong', async () => {
    copy('histogram-quantile');
    copy('truncated');
    writeFileSync(join(root, 'truncated', 'exercise.json'), '{"id": "trunc');
    copy('bad-tests');
    writeFileSync(join(root, 'bad-tests', 'tests.hidden.ts'), 'export default [;');
    expect(exerciseIds(root).sort()).toEqual(['bad-tests', 'histogram-quantile', 'truncated']);
    await expect(loadExercise('truncated', root)).rejects.toThrow(/^exercises\/truncated\/exercise\.json is not valid JSON/);
    await expect(loadExercise('bad-tests', root)).rejects.toThrow(/^exercises\/bad-tests\/tests\.hidden\.ts cannot be loaded: /);
    expect((await loadExercise('histogram-quantile', root)).hidden.length).toBeGreaterThan(0);
  });
});
