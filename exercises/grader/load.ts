/**
 * Finds and loads the exercises: every folder of `exercises/` with an `exercise.json`.
 * Node only (the CLI grader and the tests); the site reads the same files at build time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkExerciseMeta, type ExerciseMeta, type TestCase } from '../../src/lib/grading/cases';

/** The `exercises/` folder. */
export const exercisesDir = join(import.meta.dirname, '..');

/** An exercise with its files and tests. */
export interface LoadedExercise {
  meta: ExerciseMeta;
  dir: string;
  visible: TestCase<any>[];
  hidden: TestCase<any>[];
  instructions: string;
  hints: string;
  starter: string;
  solution: string;
}

/**
 * Ids of every exercise in `dir` (default `exercises/`), sorted by block then id. An
 * `exercise.json` that cannot be read sorts first; `loadExercise` then says what is wrong with it.
 */
export function exerciseIds(dir: string = exercisesDir): string[] {
  const block = (id: string) => {
    try {
      const b = (JSON.parse(readFileSync(join(dir, id, 'exercise.json'), 'utf8')) as { block?: unknown } | null)?.block;
      return typeof b === 'number' ? b : 0;
    } catch {
      return 0;
    }
  };
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'exercise.json')))
    .map((d) => ({ id: d.name, block: block(d.name) }))
    .sort((a, b) => a.block - b.block || a.id.localeCompare(b.id))
    .map((e) => e.id);
}

/** Loads one exercise; throws an Error naming the file and problem if it is malformed. */
export async function loadExercise(id: string, root: string = exercisesDir): Promise<LoadedExercise> {
  const dir = join(root, id);
  if (!/^[a-z0-9-]+$/.test(id) || !existsSync(join(dir, 'exercise.json'))) {
    throw new Error(`no exercise "${id}"; exercises: ${exerciseIds(root).join(', ')}`);
  }
  const read = (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new Error(`exercises/${id}/${name} is missing`);
    return readFileSync(path, 'utf8');
  };
  let raw: unknown;
  try {
    raw = JSON.parse(read('exercise.json'));
  } catch (e) {
    throw new Error(`exercises/${id}/exercise.json is not valid JSON: ${(e as Error).message}`);
  }
  const checked = checkExerciseMeta(raw, id);
  if (!checked.ok) throw new Error(`exercises/${id}/exercise.json: ${checked.errors.join('; ')}`);
  const tests = async (name: string) => {
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(join(dir, name)).href)) as { default?: unknown };
    } catch (e) {
      throw new Error(`exercises/${id}/${name} cannot be loaded: ${(e as Error).message}`);
    }
    if (!Array.isArray(mod.default)) throw new Error(`exercises/${id}/${name} must export default defineTests([...])`);
    return mod.default as TestCase<any>[];
  };
  return {
    meta: checked.meta,
    dir,
    visible: await tests('tests.visible.ts'),
    hidden: await tests('tests.hidden.ts'),
    instructions: read('instructions.md'),
    hints: read('hints.md'),
    starter: read('starter.ts'),
    solution: read('solution.ts'),
  };
}
