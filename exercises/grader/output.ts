/**
 * Where `rlab grade` writes its report, checked before any grading starts (so a typo in
 * `--out` costs nothing), and the writing itself, which never loses the results: when the file
 * cannot be written after all (disk full, permission, a read-only file system) the report goes
 * to stdout instead and the exit code says so.
 */
import { accessSync, constants, mkdirSync, readdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError, type Io } from '../../simulations/core/command';
import type { SubmissionReport } from './grade';
import { gradescopeReport, gradescopeResult, jsonReport, junitReport, textReport, type Format } from './report';
import { safeFileName, terminalLine } from './safe-text';

/** Where the report goes: stdout, one file, or a folder of Gradescope `results.json` files (one per learner). */
export type OutputPlan = { to: 'stdout' } | { to: 'file'; path: string } | { to: 'folder'; path: string };

const statOrUndefined = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};
/** The error code (ENOSPC, EACCES...) or message of a failed file operation. */
export const why = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Checks `--out` before grading and decides what it means. Gradescope with several submissions,
 * or with an existing folder or a path ending in `/`, writes one `<learner>.results.json` per
 * submission into that folder (created now); every other case writes one file, whose folder
 * must exist. Throws `UsageError` with the reason when the path cannot be used.
 */
export function planOutput(out: string | undefined, format: Format, submissions: string[]): OutputPlan {
  if (out === undefined) return { to: 'stdout' };
  const shown = terminalLine(out);
  const existing = statOrUndefined(out);
  const endsInSlash = out.endsWith('/') || out.endsWith(sep);
  if (submissions.some((f) => resolve(f) === resolve(out))) throw new UsageError(`--out ${shown} is one of the submissions; the report would overwrite it`);
  if (format === 'gradescope' && (submissions.length > 1 || existing?.isDirectory() || endsInSlash)) {
    if (existing && !existing.isDirectory()) {
      throw new UsageError(`--out ${shown} is a file, but --format gradescope with ${submissions.length} submissions writes one results.json per learner into a folder: give a folder (it is created if needed)`);
    }
    if (!existing && /\.json$/i.test(out)) {
      throw new UsageError(`--out ${shown} looks like a file name, but --format gradescope with ${submissions.length} submissions writes one results.json per learner into a folder: give a folder name (it is created if needed)`);
    }
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot create the folder ${shown} for the results (${why(e)})`);
    }
    if (!writable(out)) throw new UsageError(`cannot write into the folder ${shown} (permission denied)`);
    return { to: 'folder', path: out };
  }
  checkOutputFile(out, `--format ${format} writes one file`);
  return { to: 'file', path: out };
}

/**
 * Checks that `out` can be written as one file (`what` says why one file, for the message):
 * not a folder, writable if it exists, in an existing writable folder if not. Throws `UsageError`.
 */
export function checkOutputFile(out: string, what: string): void {
  const shown = terminalLine(out);
  const existing = statOrUndefined(out);
  if (existing?.isDirectory() || out.endsWith('/') || out.endsWith(sep)) throw new UsageError(`--out ${shown} is a folder; ${what}: give a file name`);
  if (existing) {
    if (!writable(out)) throw new UsageError(`cannot write ${shown} (permission denied)`);
    return;
  }
  const folder = dirname(out);
  const parent = statOrUndefined(folder);
  if (!parent) throw new UsageError(`cannot write ${shown}: the folder ${terminalLine(folder)} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`cannot write ${shown}: ${terminalLine(folder)} is not a folder`);
  if (!writable(folder)) throw new UsageError(`cannot write ${shown}: no permission to write in ${terminalLine(folder)}`);
}

/** The report text of a format. */
export function formatReport(format: Format, reports: SubmissionReport[], isolation: string): string {
  if (format === 'json') return jsonReport(reports, isolation);
  if (format === 'gradescope') return gradescopeReport(reports, isolation);
  if (format === 'junit') return junitReport(reports, isolation);
  return textReport(reports, isolation);
}

/**
 * File names for the per-learner Gradescope results: `<learner>.results.json`, made safe for
 * any file system and unique even where case does not count (`Bob` and `bob` on macOS).
 */
export function resultFileNames(learners: string[]): string[] {
  const taken = new Set<string>();
  return learners.map((learner) => {
    const stem = safeFileName(learner);
    let name = `${stem}.results.json`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}.results.json`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * Writes the report as planned, and says where on stderr. A file that cannot be written costs
 * nothing: its report goes to stdout with the reason on stderr, and the exit code is 1.
 * Returns the exit code: 0 written as asked, 1 written to stdout instead.
 */
export function writeReport(plan: OutputPlan, format: Format, reports: SubmissionReport[], isolation: string, io: Io): number {
  if (plan.to === 'stdout') {
    io.stdout(formatReport(format, reports, isolation));
    return 0;
  }
  if (plan.to === 'file') {
    const text = formatReport(format, reports, isolation);
    try {
      writeFileSync(plan.path, text);
      io.stderr(`Wrote ${terminalLine(plan.path)}\n`);
      return 0;
    } catch (e) {
      io.stderr(`rlab grade: could not write ${terminalLine(plan.path)} (${why(e)}; it may be incomplete). The report follows on stdout so that no result is lost.\n`);
      io.stdout(text);
      return 1;
    }
  }
  const names = resultFileNames(reports.map((r) => r.learner));
  const failed: SubmissionReport[] = [];
  let firstError = '';
  reports.forEach((r, i) => {
    try {
      writeFileSync(join(plan.path, names[i]!), JSON.stringify(gradescopeResult(r, isolation), null, 2) + '\n');
    } catch (e) {
      firstError ||= why(e);
      failed.push(r);
    }
  });
  const renamed = reports.flatMap((r, i) => (names[i] === `${basenameWithoutTs(r.file)}.results.json` ? [] : [`${terminalLine(r.file)} -> ${terminalLine(names[i]!)}`]));
  const folder = terminalLine(plan.path.replace(/[/\\]+$/, ''));
  io.stderr(`Wrote ${reports.length - failed.length} results.json file${reports.length - failed.length === 1 ? '' : 's'} to ${folder}/\n`);
  if (renamed.length) io.stderr(`File names made unique or safe (same name in several folders, or characters a file name cannot hold):\n${renamed.map((line) => `  ${line}\n`).join('')}`);
  const stale = olderResults(plan.path, new Set(names));
  if (stale.length) io.stderr(`Note: ${folder}/ also holds ${stale.length} results.json file${stale.length === 1 ? '' : 's'} not from this run (${stale.slice(0, 5).map(terminalLine).join(', ')}${stale.length > 5 ? ', ...' : ''}); remove them before uploading.\n`);
  if (failed.length === 0) return 0;
  io.stderr(`rlab grade: could not write ${failed.length} of them in ${folder}/ (${firstError}). Their results follow on stdout (keyed by file) so that none is lost.\n`);
  io.stdout(JSON.stringify(Object.fromEntries(failed.map((r) => [r.file, gradescopeResult(r, isolation)])), null, 2) + '\n');
  return 1;
}

/** `.results.json` files in the folder that this run did not write (left from an earlier run). */
function olderResults(folder: string, written: Set<string>): string[] {
  try {
    return readdirSync(folder).filter((f) => f.endsWith('.results.json') && !written.has(f)).sort();
  } catch {
    return [];
  }
}

const basenameWithoutTs = (file: string) => (file.split(/[/\\]/).pop() ?? file).replace(/\.(ts|tsx|js)$/, '');
