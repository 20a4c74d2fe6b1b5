/**
 * `rlab grade`: grades learners' TypeScript files for one exercise, in parallel, each in its own
 * isolated process, with the visible and hidden tests, and writes a text, JSON, Gradescope or
 * JUnit report. `rlab grade bundle` (bundle.ts) packs the grader as a Gradescope autograder.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatOptions, parseArgs, UsageError, type Command, type OptionsSpec } from '../../simulations/core/command';
import { gradeFiles } from './grade';
import { isolationMode, weakIsolationRefusal } from './isolate';
import { exerciseIds, loadExercise } from './load';
import { formats, gradescopeReport, gradescopeResult, jsonReport, junitReport, textReport, type Format } from './report';
import { typescriptVersion } from './transpile';

const OPTIONS = {
  exercise: { type: 'string', valueName: 'ID', description: 'the exercise to grade against (see --list)' },
  format: { type: 'string', valueName: 'FORMAT', description: `report format: ${formats.join(', ')} (default text)` },
  out: { type: 'string', valueName: 'PATH', description: 'write the report to a file (gradescope with several submissions: a folder, one results.json each)' },
  parallel: { type: 'string', valueName: 'N', description: 'submissions graded at once (default: the number of CPUs)' },
  'allow-weak-isolation': { type: 'boolean', description: 'grade even where no OS-level layer (root or user namespaces) isolates submissions; reports carry a WARNING' },
  list: { type: 'boolean', description: 'list the exercises and exit' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab grade --exercise ID PATH... [--format text|json|gradescope|junit] [--out PATH] [--parallel N] [--allow-weak-isolation]
       rlab grade bundle --exercise ID [--out FILE]   (a Gradescope autograder zip; see bundle --help)

Grades learners' TypeScript submissions of one exercise with its visible and hidden tests. PATH is a
.ts file or a folder of them (one file per learner; the file name is the learner's name in reports).
Each submission runs in its own process, in a JavaScript realm without Node's globals, as its own
user when rlab runs as root, with a time limit per test, a memory limit, no file access and (where
Linux namespaces are available) no network; what it prints is kept as data, truncated. Where
neither root nor user namespaces are available, grading is refused unless --allow-weak-isolation.
Points per test come from the exercise's exercise.json. Progress goes to stderr.

Options:
${formatOptions(OPTIONS)}

Exit status: 0 graded (whatever the scores), 2 bad arguments or grading refused (weak isolation).

Examples:
  rlab grade --exercise histogram-quantile exercises/histogram-quantile/solution.ts
  rlab grade --exercise runbook-executor submissions/ --format junit --out junit.xml
  rlab grade --exercise burn-rate-alerts submissions/ --format gradescope --out results/
  rlab grade bundle --exercise burn-rate-alerts --out burn-rate-alerts.zip
`;

/** The .ts files a PATH stands for: the file, or the .ts files of a folder (sorted, not recursive). */
export function submissionFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`no such file or folder: ${path}`);
    if (statSync(path).isDirectory()) {
      const inside = readdirSync(path)
        .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
        .sort()
        .map((f) => join(path, f));
      if (inside.length === 0) throw new UsageError(`no .ts files in ${path}`);
      files.push(...inside);
    } else files.push(path);
  }
  return files;
}

/** The `grade` subcommand. */
export const gradeCommand: Command = {
  name: 'grade',
  summary: "grade learners' TypeScript submissions of an exercise, isolated (text, JSON, Gradescope, JUnit)",
  async run(argv, io) {
    if (argv[0] === 'bundle') {
      const { runBundleCommand } = await import('./bundle');
      return runBundleCommand(argv.slice(1), io);
    }
    const { values, positionals } = parseArgs(argv, OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (values.list) {
      for (const id of exerciseIds()) {
        const ex = await loadExercise(id);
        io.stdout(`${id.padEnd(24)} block ${ex.meta.block}  ${ex.meta.title} (${ex.visible.length} visible + ${ex.hidden.length} hidden tests)\n`);
      }
      return 0;
    }
    if (!values.exercise) throw new UsageError(`--exercise is required; exercises: ${exerciseIds().join(', ')}`);
    const format = (values.format ?? 'text') as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${values.format}"`);
    let parallel: number | undefined;
    if (values.parallel !== undefined) {
      if (!/^\d+$/.test(values.parallel) || Number(values.parallel) < 1 || Number(values.parallel) > 64) throw new UsageError(`--parallel must be a whole number from 1 to 64; got "${values.parallel}"`);
      parallel = Number(values.parallel);
    }
    if (positionals.length === 0) throw new UsageError('give at least one submission file or folder');
    let exercise;
    try {
      exercise = await loadExercise(values.exercise);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const files = submissionFiles(positionals);
    const refusal = weakIsolationRefusal(isolationMode());
    if (refusal && !values['allow-weak-isolation']) throw new UsageError(refusal);
    const isolation = isolationMode().description;
    io.stderr(`Grading ${files.length} submission${files.length === 1 ? '' : 's'} of ${exercise.meta.id} (${exercise.visible.length + exercise.hidden.length} tests each), TypeScript ${typescriptVersion}.\nIsolation: ${isolation}.\n`);
    const reports = await gradeFiles(exercise, files, {
      parallel,
      allowWeakIsolation: values['allow-weak-isolation'],
      onProgress: (done, total, r) => io.stderr(`[${done}/${total}] ${r.learner}: ${r.points}/${r.maxPoints}${r.problem ? ` (${r.problem})` : ''}\n`),
    });

    if (format === 'gradescope' && values.out && reports.length > 1) {
      mkdirSync(values.out, { recursive: true });
      for (const r of reports) writeFileSync(join(values.out, `${basename(r.learner)}.results.json`), JSON.stringify(gradescopeResult(r, isolation), null, 2) + '\n');
      io.stderr(`Wrote ${reports.length} results.json files to ${values.out}/\n`);
      return 0;
    }
    const text = format === 'json' ? jsonReport(reports, isolation) : format === 'gradescope' ? gradescopeReport(reports, isolation) : format === 'junit' ? junitReport(reports, isolation) : textReport(reports, isolation);
    if (values.out) {
      writeFileSync(values.out, text);
      io.stderr(`Wrote ${values.out}\n`);
    } else io.stdout(text);
    return 0;
  },
};
