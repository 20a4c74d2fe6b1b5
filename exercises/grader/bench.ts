/**
 * How fast `rlab grade` is against the obvious alternative: 200 submissions (by default) over
 * every exercise, graded by the real command line (isolation, `--parallel`), and the baseline,
 * one `vitest run` per submission with a generated test file that runs the same visible and
 * hidden cases and asserts them. Both run with the same parallelism (one at a time per CPU);
 * their scores must agree. `npm run bench` calls `benchGrader`; run it alone with
 * `npx tsx exercises/grader/bench.ts --count 40`.
 *
 * The submissions are a seeded mix (simulations/core/rng.ts): reference solutions, starters,
 * buggy variants made by small text mutations of the solutions (a constant off by one, a
 * boundary `<` / `<=` flipped, floor / ceil swapped) and a few hostile fixtures, which only the
 * grader runs: vitest would run them in its own process with file and network access, and a
 * synchronous loop would hang it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { createRng, type Rng } from '../../simulations/core/rng';
import { isolationMode } from './isolate';
import { exerciseIds, exercisesDir, loadExercise, type LoadedExercise } from './load';

const root = join(exercisesDir, '..');
const hostileDir = join(import.meta.dirname, 'fixtures', 'hostile');

/** Hostile fixtures (all written against histogram-quantile) in the mix, in this order. */
export const benchHostileFixtures = ['loop.ts', 'exit-in-test.ts', 'flood.ts', 'forge.ts'] as const;
/** The exercise the hostile fixtures target. */
export const hostileExercise = 'histogram-quantile';

/** One place in a solution where a small text change makes a plausible bug. */
export interface MutationSite {
  start: number;
  end: number;
  replacement: string;
  /** For reports: "line 12: 60 -> 61". */
  description: string;
}

const flips: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LessThanToken]: '<=',
  [ts.SyntaxKind.LessThanEqualsToken]: '<',
  [ts.SyntaxKind.GreaterThanToken]: '>=',
  [ts.SyntaxKind.GreaterThanEqualsToken]: '>',
};

/**
 * The places in TypeScript source where a mutation gives a plausible bug: numeric constants
 * (+1), comparison boundaries (`<` <-> `<=`, `>` <-> `>=`) and `Math.floor` <-> `Math.ceil`.
 * Types, comments and strings are never touched, nor loop conditions and increments (a
 * mutant that loops forever would measure the time limit, not the grader).
 */
export function mutationSites(source: string): MutationSite[] {
  const file = ts.createSourceFile('solution.ts', source, ts.ScriptTarget.ES2022, true);
  const sites: MutationSite[] = [];
  const line = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node, inLoopControl: boolean) => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (!inLoopControl) {
      if (ts.isNumericLiteral(node)) {
        const value = Number(node.text);
        const start = node.getStart(file);
        if (Number.isFinite(value)) sites.push({ start, end: node.end, replacement: String(value + 1), description: `line ${line(start)}: ${node.getText(file)} -> ${value + 1}` });
      } else if (ts.isBinaryExpression(node) && flips[node.operatorToken.kind]) {
        const op = node.operatorToken;
        const start = op.getStart(file);
        sites.push({ start, end: op.end, replacement: flips[op.kind]!, description: `line ${line(start)}: ${op.getText(file)} -> ${flips[op.kind]}` });
      } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Math' && (node.name.text === 'floor' || node.name.text === 'ceil')) {
        const start = node.name.getStart(file);
        const other = node.name.text === 'floor' ? 'ceil' : 'floor';
        sites.push({ start, end: node.name.end, replacement: other, description: `line ${line(start)}: Math.${node.name.text} -> Math.${other}` });
      }
    }
    const loop = ts.isForStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
    ts.forEachChild(node, (child) => {
      const control = loop && (ts.isForStatement(node) ? child === node.initializer || child === node.condition || child === node.incrementor : child === (node as ts.WhileStatement | ts.DoStatement).expression);
      visit(child, inLoopControl || control);
    });
  };
  visit(file, false);
  return sites.sort((a, b) => a.start - b.start);
}

/** Applies one or more sites (non-overlapping) to the source. */
export function applyMutations(source: string, sites: MutationSite[]): string {
  let out = source;
  for (const s of [...sites].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.replacement + out.slice(s.end);
  return out;
}

/** A buggy variant of a solution: one mutation (sometimes two), drawn with `rng`. */
export function mutateSolution(source: string, rng: Rng): { source: string; mutations: string[] } {
  const sites = mutationSites(source);
  if (sites.length === 0) throw new Error('no place to mutate in this source');
  const first = sites[Math.floor(rng() * sites.length)]!;
  const chosen = [first];
  if (rng() < 0.25) {
    const second = sites[Math.floor(rng() * sites.length)]!;
    if (second.start >= first.end || second.end <= first.start) chosen.push(second);
  }
  return { source: applyMutations(source, chosen), mutations: chosen.map((s) => s.description) };
}

/** What a bench submission is. */
export type SubmissionKind = 'solution' | 'starter' | 'mutant' | 'hostile';

/** One submission of the mix. */
export interface BenchSubmission {
  /** File name without `.ts`, unique: `s007-toil-roi-mutant`. */
  name: string;
  exercise: string;
  kind: SubmissionKind;
  source: string;
  /** For mutants: what changed. */
  mutations?: string[];
}

/** The sources the mix is drawn from. */
export interface MixSources {
  exercises: { id: string; solution: string; starter: string }[];
  hostile: { name: string; source: string }[];
}

/**
 * A deterministic mix of `count` submissions for a seed: a few hostile fixtures (one per 40
 * submissions, at most as many as given), then the exercises in turn: each exercise's first
 * submission is its solution, the second its starter, later ones a mutant (70%), a solution
 * (20%) or a starter (10%). A mutant that repeats an earlier one of its exercise is drawn again.
 */
export function submissionMix(count: number, sources: MixSources, seed: string | number = 'grader-bench'): BenchSubmission[] {
  const rng = createRng(seed);
  const hostile = sources.hostile.slice(0, Math.min(sources.hostile.length, Math.floor(count / 40)));
  const out: BenchSubmission[] = [];
  const name = (exercise: string, kind: SubmissionKind) => `s${String(out.length + 1).padStart(3, '0')}-${exercise}-${kind}`;
  for (const h of hostile) out.push({ name: name(hostileExercise, 'hostile'), exercise: hostileExercise, kind: 'hostile', source: h.source, mutations: [h.name] });
  const seen = new Set<string>();
  const ex = sources.exercises;
  for (let i = 0; out.length < count; i++) {
    const e = ex[i % ex.length]!;
    const round = Math.floor(i / ex.length);
    const draw = rng();
    const kind: SubmissionKind = round === 0 ? 'solution' : round === 1 ? 'starter' : draw < 0.7 ? 'mutant' : draw < 0.9 ? 'solution' : 'starter';
    if (kind !== 'mutant') {
      out.push({ name: name(e.id, kind), exercise: e.id, kind, source: kind === 'solution' ? e.solution : e.starter });
      continue;
    }
    let mutant = mutateSolution(e.solution, rng);
    for (let tries = 0; tries < 5 && seen.has(mutant.source); tries++) mutant = mutateSolution(e.solution, rng);
    seen.add(mutant.source);
    out.push({ name: name(e.id, 'mutant'), exercise: e.id, kind: 'mutant', source: mutant.source, mutations: mutant.mutations });
  }
  return out;
}

/** The vitest test file of the baseline: the exercise's cases against `./submission.ts`, asserted. */
export function baselineTestFile(exerciseId: string, projectRoot: string = root): string {
  const at = (path: string) => JSON.stringify(pathToFileURL(join(projectRoot, path)).href);
  return `// Generated by exercises/grader/bench.ts: one submission graded by vitest (the baseline).
import { decodeValue, encodeValue, makeKit } from ${at('src/lib/grading/sandbox-runner.mjs')};
import { firstDifference } from ${at('src/lib/grading/verdict.ts')};
import visible from ${at(`exercises/${exerciseId}/tests.visible.ts`)};
import hidden from ${at(`exercises/${exerciseId}/tests.hidden.ts`)};
import * as submission from './submission.ts';

const messageOf = (e) => (e instanceof Error ? e.message : String(e));
for (const c of [...visible, ...hidden]) {
  test(c.id, async () => {
    // The input is copied the way the grader copies it into its sandbox.
    const input = decodeValue(encodeValue(c.input));
    if (c.throws !== undefined) {
      let error;
      try {
        await c.run(submission, input, makeKit());
      } catch (e) {
        error = messageOf(e);
      }
      expect(error, 'it should throw').toBeTypeOf('string');
      expect(error).not.toMatch(/not implemented/i);
      if (c.throws !== true) expect(error.toLowerCase()).toContain(c.throws.toLowerCase());
      return;
    }
    const value = decodeValue(encodeValue(await c.run(submission, input, makeKit())));
    expect(firstDifference(c.expect, value, c.tolerance ?? 1e-9), 'where the result differs').toBeNull();
  });
}
`;
}

/** Runs `command` and resolves with its output and exit code; kills it after `timeoutMs`. */
function run(command: string, args: string[], options: { cwd: string; timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout = (stdout + c).slice(-20_000)));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-20_000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Runs `jobs` with at most `parallel` at once; results in order. */
async function pool<T>(jobs: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** Options of `benchGrader`. */
export interface BenchGraderOptions {
  /** Submissions in the mix (default 200). */
  count?: number;
  /** Baseline runs timed; fewer than the submissions it can run means sampled and extrapolated (default: all). */
  baselineSample?: number;
  /** Seed of the mix (default "grader-bench"). */
  seed?: string | number;
  /** Submissions graded at once by both sides (default: the number of CPUs, like `rlab grade`). */
  parallel?: number;
  onProgress?: (message: string) => void;
}

/** A submission whose scores differ between the grader and the baseline. */
export interface Disagreement {
  name: string;
  exercise: string;
  kind: SubmissionKind;
  grader: number | null;
  baseline: number | null;
  note?: string;
}

/** What `benchGrader` measured (plain JSON). */
export interface BenchGraderResult {
  submissions: number;
  exercises: number;
  seed: string;
  mix: Record<SubmissionKind, number>;
  parallel: number;
  isolation: string;
  /** All submissions through `rlab grade --format json --parallel N`, one command per exercise, in turn. */
  graderMs: number;
  graderMsPerSubmission: number;
  /** Submissions the baseline can run (every one but the hostile fixtures). */
  baselineSubmissions: number;
  /** Of those, how many vitest runs were timed. */
  baselineRuns: number;
  baselineExtrapolated: boolean;
  /** Wall time for all `baselineSubmissions`: measured, or extrapolated linearly from the runs. */
  baselineMs: number;
  baselineMeasuredMs: number;
  baselineMsPerSubmission: number;
  /** baselineMsPerSubmission / graderMsPerSubmission: how many times faster the grader is per submission. */
  ratio: number;
  /** How the grader scored the mix: full marks, some points, none (shows the agreement is not trivial). */
  graderScores: { full: number; partial: number; zero: number };
  agreement: { compared: number; agreed: number; disagreements: Disagreement[]; excluded: string };
  notes: string[];
}

/** Writes, grades and times the mix both ways, then cleans up. */
export async function benchGrader(options: BenchGraderOptions = {}): Promise<BenchGraderResult> {
  const count = options.count ?? 200;
  const seed = String(options.seed ?? 'grader-bench');
  const parallel = options.parallel ?? availableParallelism();
  const say = options.onProgress ?? (() => {});
  const ids = exerciseIds();
  const exercises = new Map<string, LoadedExercise>();
  for (const id of ids) exercises.set(id, await loadExercise(id));
  const mix = submissionMix(
    count,
    {
      exercises: ids.map((id) => ({ id, solution: exercises.get(id)!.solution, starter: exercises.get(id)!.starter })),
      hostile: benchHostileFixtures.map((f) => ({ name: f, source: readFileSync(join(hostileDir, f), 'utf8') })),
    },
    seed,
  );
  const tmp = mkdtempSync(join(tmpdir(), 'rlab-grader-bench-'));
  try {
    // The grader: one `rlab grade` per exercise over a folder of its submissions.
    for (const s of mix) {
      mkdirSync(join(tmp, 'grader', s.exercise), { recursive: true });
      writeFileSync(join(tmp, 'grader', s.exercise, `${s.name}.ts`), s.source);
    }
    const graderScores = new Map<string, number>();
    const spread = { full: 0, partial: 0, zero: 0 };
    say(`grader: ${mix.length} submissions over ${ids.length} exercises, --parallel ${parallel}`);
    const graderStart = performance.now();
    for (const id of ids) {
      const dir = join(tmp, 'grader', id);
      if (readdirSync(dir, { withFileTypes: true }).length === 0) continue;
      const out = join(tmp, `${id}.json`);
      const r = await run(process.execPath, [join(root, 'bin', 'rlab.mjs'), 'grade', '--exercise', id, dir, '--format', 'json', '--out', out, '--parallel', String(parallel)], { cwd: root, timeoutMs: 30 * 60_000 });
      if (r.code !== 0) throw new Error(`rlab grade --exercise ${id} failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { submissions: { learner: string; points: number; maxPoints: number }[] };
      for (const s of report.submissions) {
        graderScores.set(s.learner, s.points);
        spread[s.points === s.maxPoints ? 'full' : s.points > 0 ? 'partial' : 'zero'] += 1;
      }
      say(`grader: ${id} done (${report.submissions.length}), ${Math.round(performance.now() - graderStart)} ms so far`);
    }
    const graderMs = Math.round(performance.now() - graderStart);

    // The baseline: one vitest run per submission, in its own folder.
    const eligible = mix.filter((s) => s.kind !== 'hostile');
    const sample = Math.max(1, Math.min(eligible.length, options.baselineSample ?? eligible.length));
    const chosen = sample === eligible.length ? eligible : Array.from({ length: sample }, (_, i) => eligible[Math.floor((i * eligible.length) / sample)]!);
    const vitest = join(root, 'node_modules', '.bin', 'vitest');
    const baselineScores = new Map<string, { points: number | null; note?: string }>();
    let done = 0;
    say(`baseline: vitest once per submission, ${chosen.length} of ${eligible.length} submissions, ${parallel} at a time`);
    const jobs = chosen.map((s) => async () => {
      const dir = join(tmp, 'baseline', s.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'submission.ts'), s.source);
      writeFileSync(join(dir, 'submission.test.ts'), baselineTestFile(s.exercise));
      const ex = exercises.get(s.exercise)!;
      const timeoutMs = ex.meta.timeoutMs ?? 2000;
      const r = await run(vitest, ['run', '--root', dir, '--globals', '--reporter=json', '--outputFile', join(dir, 'vitest.json'), '--testTimeout', String(timeoutMs)], { cwd: dir, timeoutMs: 120_000 });
      let points: number | null = null;
      let note: string | undefined;
      try {
        const json = JSON.parse(readFileSync(join(dir, 'vitest.json'), 'utf8')) as { testResults: { assertionResults: { title: string; status: string }[] }[] };
        const passed = new Set(json.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'passed').map((a) => a.title)));
        points = [...ex.visible, ...ex.hidden].reduce((sum, t) => sum + (passed.has(t.id) ? (t.points ?? ex.meta.pointsPerTest) : 0), 0);
      } catch {
        note = r.timedOut ? 'vitest did not finish in 120 s and was stopped' : `vitest wrote no report (exit ${r.code})`;
      }
      baselineScores.set(s.name, { points, note });
      if (++done % 10 === 0 || done === chosen.length) say(`baseline: ${done}/${chosen.length}`);
    });
    const baselineStart = performance.now();
    await pool(jobs, parallel);
    const baselineMeasuredMs = Math.round(performance.now() - baselineStart);
    const baselineExtrapolated = chosen.length < eligible.length;
    const baselineMs = Math.round((baselineMeasuredMs * eligible.length) / chosen.length);

    const disagreements: Disagreement[] = [];
    for (const s of chosen) {
      const g = graderScores.get(s.name) ?? null;
      const b = baselineScores.get(s.name)!;
      if (g === null || b.points !== g) disagreements.push({ name: s.name, exercise: s.exercise, kind: s.kind, grader: g, baseline: b.points, ...(b.note ? { note: b.note } : {}) });
    }
    const graderMsPerSubmission = graderMs / mix.length;
    const baselineMsPerSubmission = baselineMeasuredMs / chosen.length;
    const kinds: Record<SubmissionKind, number> = { solution: 0, starter: 0, mutant: 0, hostile: 0 };
    for (const s of mix) kinds[s.kind] += 1;
    return {
      submissions: mix.length,
      exercises: ids.length,
      seed,
      mix: kinds,
      parallel,
      isolation: isolationMode().description,
      graderMs,
      graderMsPerSubmission: Math.round(graderMsPerSubmission),
      baselineSubmissions: eligible.length,
      baselineRuns: chosen.length,
      baselineExtrapolated,
      baselineMs,
      baselineMeasuredMs,
      baselineMsPerSubmission: Math.round(baselineMsPerSubmission),
      ratio: Math.round((baselineMsPerSubmission / graderMsPerSubmission) * 100) / 100,
      graderScores: spread,
      agreement: {
        compared: chosen.length,
        agreed: chosen.length - disagreements.length,
        disagreements,
        excluded: `${kinds.hostile} hostile fixture${kinds.hostile === 1 ? '' : 's'} (grader only: vitest cannot run them safely)`,
      },
      notes: [
        `Both sides run ${parallel} submission${parallel === 1 ? '' : 's'} at a time. The grader's time includes starting rlab once per exercise (${ids.length} commands, in turn) and the hostile fixtures (their time limits included); the baseline's includes starting vitest once per submission.`,
        baselineExtrapolated ? `The baseline timed ${chosen.length} of ${eligible.length} submissions (evenly spread over the mix) and baselineMs extrapolates linearly.` : 'The baseline ran every submission it can run.',
      ],
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// `npx tsx exercises/grader/bench.ts [--count N] [--baseline-sample N] [--seed S]`
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const number = (name: string) => {
    const v = arg(name);
    if (v !== undefined && !/^\d+$/.test(v)) {
      process.stderr.write(`--${name} must be a whole number\n`);
      process.exit(2);
    }
    return v === undefined ? undefined : Number(v);
  };
  benchGrader({ count: number('count'), baselineSample: number('baseline-sample'), seed: arg('seed'), onProgress: (m) => process.stderr.write(`${m}\n`) }).then(
    (result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
