/**
 * `rlab grade`: grades learners' TypeScript files for one exercise, in parallel, each in its own
 * isolated process, with the visible and hidden tests, and writes a text, JSON, Gradescope or
 * JUnit report. `rlab grade bundle` (bundle.ts) packs the grader as a Gradescope autograder.
 */
import { formatOptions, parseArgs, UsageError, type Command, type OptionsSpec } from '../../simulations/core/command';
import { gradeFiles } from './grade';
import { isolationMode, weakIsolationRefusal } from './isolate';
import { exerciseIds, loadExercise } from './load';
import { planOutput, writeReport } from './output';
import { formats, progressLine, type Format } from './report';
import { terminalLine } from './safe-text';
import { learnerNames, maxSubmissionBytes, submissionFiles } from './submissions';
import { typescriptVersion } from './transpile';

const OPTIONS = {
  exercise: { type: 'string', valueName: 'ID', description: 'the exercise to grade against (see --list)' },
  format: { type: 'string', valueName: 'FORMAT', description: `report format: ${formats.join(', ')} (default text)` },
  out: { type: 'string', valueName: 'PATH', description: 'write the report to a file, checked before grading (gradescope with several submissions or an existing folder: a folder, one <learner>.results.json each)' },
  parallel: { type: 'string', valueName: 'N', description: 'submissions graded at once (default: the number of CPUs)' },
  'allow-weak-isolation': { type: 'boolean', description: 'grade even where no OS-level layer (root or user namespaces) isolates submissions; reports carry a WARNING' },
  list: { type: 'boolean', description: 'list the exercises and exit' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab grade --exercise ID PATH... [--format text|json|gradescope|junit] [--out PATH] [--parallel N] [--allow-weak-isolation]
       rlab grade bundle --exercise ID [--out FILE]   (a Gradescope autograder zip; see bundle --help)

Grades learners' TypeScript submissions of one exercise with its visible and hidden tests. PATH is a
.ts file or a folder of them (one file per learner; the file name is the learner's name in reports,
with its folders when two learners' files have the same name; put -- before paths that start
with -). Only regular files of at most ${maxSubmissionBytes} bytes are graded: a symbolic link, a
device, a pipe or a folder named .ts gets its own error in the report, and the rest are graded.
Each submission runs in its own process, in a JavaScript realm without Node's globals, as its own
user when rlab runs as root, with a time limit per test, a memory limit, no file access and (where
Linux namespaces are available) no network; what it prints is kept as data, truncated, and shown
with control characters escaped. Where neither root nor user namespaces are available, grading is
refused unless --allow-weak-isolation. Points per test come from the exercise's exercise.json.
Progress goes to stderr.

Options:
${formatOptions(OPTIONS)}

Exit status: 0 graded (whatever the scores), 1 graded but --out could not be written (the
report went to stdout instead), 2 bad arguments or grading refused (weak isolation; nothing graded).

Examples:
  rlab grade --exercise histogram-quantile exercises/histogram-quantile/solution.ts
  rlab grade --exercise runbook-executor submissions/ --format junit --out junit.xml
  rlab grade --exercise burn-rate-alerts submissions/ --format gradescope --out results/
  rlab grade bundle --exercise burn-rate-alerts --out burn-rate-alerts.zip
`;

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
      let broken = 0;
      for (const id of exerciseIds()) {
        try {
          const ex = await loadExercise(id);
          io.stdout(`${id.padEnd(24)} block ${ex.meta.block}  ${ex.meta.title} (${ex.visible.length} visible + ${ex.hidden.length} hidden tests)\n`);
        } catch (e) {
          broken += 1;
          io.stdout(`${id.padEnd(24)} BROKEN: ${terminalLine((e as Error).message)}\n`);
        }
      }
      return broken ? 1 : 0;
    }
    if (!values.exercise) throw new UsageError(`--exercise is required; exercises: ${exerciseIds().join(', ')}`);
    const format = (values.format ?? 'text') as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${terminalLine(values.format!)}"`);
    let parallel: number | undefined;
    if (values.parallel !== undefined) {
      if (!/^\d+$/.test(values.parallel) || Number(values.parallel) < 1 || Number(values.parallel) > 64) throw new UsageError(`--parallel must be a whole number from 1 to 64; got "${terminalLine(values.parallel)}"`);
      parallel = Number(values.parallel);
    }
    if (positionals.length === 0) throw new UsageError('give at least one submission file or folder');
    let exercise;
    try {
      exercise = await loadExercise(values.exercise);
    } catch (e) {
      throw new UsageError(terminalLine((e as Error).message));
    }
    const { files, notes } = submissionFiles(positionals);
    const plan = planOutput(values.out, format, files);
    const refusal = weakIsolationRefusal(isolationMode());
    if (refusal && !values['allow-weak-isolation']) throw new UsageError(refusal);
    const isolation = isolationMode().description;
    io.stderr(`Grading ${files.length} submission${files.length === 1 ? '' : 's'} of ${exercise.meta.id} (${exercise.visible.length + exercise.hidden.length} tests each), TypeScript ${typescriptVersion}.\nIsolation: ${isolation}.\n`);
    for (const note of [...notes, ...sharedNames(files)]) io.stderr(`Note: ${note}.\n`);
    const reports = await gradeFiles(exercise, files, {
      parallel,
      allowWeakIsolation: values['allow-weak-isolation'],
      onProgress: (done, total, r) => io.stderr(progressLine(done, total, r)),
    });
    return writeReport(plan, format, reports, isolation, io);
  },
};

/** Notes for learners whose files have the same name, and the names the reports give them. */
function sharedNames(files: string[]): string[] {
  const names = learnerNames(files);
  const base = (f: string) => learnerNames([f])[0]!;
  const byBase = new Map<string, number[]>();
  files.forEach((f, i) => byBase.set(base(f), [...(byBase.get(base(f)) ?? []), i]));
  return [...byBase].filter(([, members]) => members.length > 1).map(([name, members]) => `${members.length} files are named ${terminalLine(name)} (without the extension); the reports call them ${members.map((i) => terminalLine(names[i]!)).join(', ')}`);
}
