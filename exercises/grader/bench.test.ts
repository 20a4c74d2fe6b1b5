/**
 * The pure parts of the grader benchmark (bench.ts): the seeded submission mix and the
 * mutations that make buggy variants. The benchmark itself runs in `npm run bench`, not here.
 */
import { describe, expect, it } from 'vitest';
import { transpileSubmission } from './transpile';
import { applyMutations, mutationSites, submissionMix, type MixSources } from './bench';
import { exerciseIds, loadExercise } from './load';

const ids = exerciseIds();
const sources: MixSources = {
  exercises: await Promise.all(ids.map(async (id) => {
    const ex = await loadExercise(id);
    return { id, solution: ex.solution, starter: ex.starter };
  })),
  hostile: ['loop.ts', 'flood.ts', 'forge.ts', 'exit-in-test.ts'].map((name) => ({ name, source: `// ${name}` })),
};

describe('the benchmark submission mix', () => {
  it('is the same for the same seed and differs for another seed', () => {
    const a = submissionMix(200, sources, 7);
    expect(submissionMix(200, sources, 7)).toEqual(a);
    expect(submissionMix(200, sources, 8).map((s) => s.source)).not.toEqual(a.map((s) => s.source));
  });

  it('has the requested size, unique names, and every exercise as solution, starter and mutant', () => {
    const mix = submissionMix(200, sources);
    expect(mix).toHaveLength(200);
    expect(new Set(mix.map((s) => s.name)).size).toBe(200);
    for (const id of ids) {
      const kinds = new Set(mix.filter((s) => s.exercise === id).map((s) => s.kind));
      expect([...kinds].sort(), id).toEqual(expect.arrayContaining(['mutant', 'solution', 'starter']));
    }
  });

  it('includes a few hostile fixtures, one per 40 submissions, all for the exercise they target', () => {
    expect(submissionMix(200, sources).filter((s) => s.kind === 'hostile')).toHaveLength(4);
    expect(submissionMix(80, sources).filter((s) => s.kind === 'hostile').map((s) => s.exercise)).toEqual(['histogram-quantile', 'histogram-quantile']);
    expect(submissionMix(39, sources).some((s) => s.kind === 'hostile')).toBe(false);
  });

  it('makes mutants that differ from their solution and from each other, and still compile', () => {
    const mutants = submissionMix(200, sources).filter((s) => s.kind === 'mutant');
    expect(mutants.length).toBeGreaterThan(100);
    const solutionOf = new Map(sources.exercises.map((e) => [e.id, e.solution]));
    for (const m of mutants) {
      expect(m.source, m.name).not.toBe(solutionOf.get(m.exercise));
      expect(m.mutations!.length, m.name).toBeGreaterThan(0);
      expect(transpileSubmission(m.source).ok, m.name).toBe(true);
    }
    expect(new Set(mutants.map((m) => m.source)).size).toBe(mutants.length);
  });
});

describe('mutation sites', () => {
  const source = [
    '// 5 in a comment is not code',
    'type Limit = 3;',
    'const label = "7 < 8";',
    'export function f(a: number, n: number): number {',
    '  let total = 0;',
    '  for (let i = 0; i < n; i += 1) total += a;',
    '  while (total > 100) total -= 10;',
    '  return a <= 2 ? Math.floor(total / 4) : total;',
    '}',
  ].join('\n');

  it('finds constants, boundaries and rounding in code, not in comments, strings, types or loop control', () => {
    expect(mutationSites(source).map((s) => s.description)).toEqual([
      'line 5: 0 -> 1',
      'line 7: 10 -> 11',
      'line 8: <= -> <',
      'line 8: 2 -> 3',
      'line 8: Math.floor -> Math.ceil',
      'line 8: 4 -> 5',
    ]);
  });

  it('changes the code at exactly that place', () => {
    for (const site of mutationSites(source)) {
      const mutated = applyMutations(source, [site]);
      expect(mutated).not.toBe(source);
      expect(mutated.slice(0, site.start)).toBe(source.slice(0, site.start));
      expect(mutated.slice(site.start + site.replacement.length)).toBe(source.slice(site.end));
    }
  });
});
