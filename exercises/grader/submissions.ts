/**
 * The submission files of a batch: which files the command-line paths stand for, a unique name
 * for each learner, and reading each file safely. Only regular files are graded: a symbolic
 * link (to the reference solution, `/dev/zero`...), a device, a named pipe, a socket or a folder
 * given as a file is refused with a reason, and no more than a fixed number of bytes is read.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../../simulations/core/command';
import { terminalLine } from './safe-text';

/** Largest submission file read, in bytes. */
export const maxSubmissionBytes = 200_000;

/** A submission's source text, or why it cannot be graded. */
export type SubmissionText = { ok: true; source: string } | { ok: false; problem: string };

const isALink = 'it is a symbolic link, not a file (only regular files are graded; submit the file itself)';

/** What a file system entry is when it is not a regular file, in words for a report. */
function notAFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return isALink;
  if (stats.isDirectory()) return 'it is a folder, not a file';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a file';
  if (stats.isSocket()) return 'it is a socket, not a file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a file';
  return 'it is not a regular file';
}

function readError(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  // Node lists a name that is not valid UTF-8 with U+FFFD in it, and no file has that name.
  if (code === 'ENOENT' && path.includes('\ufffd')) return 'its file name is not valid UTF-8, so it cannot be opened by name (rename the file)';
  if (code === 'ELOOP') return isALink; // O_NOFOLLOW met a link that replaced the file after lstat
  if (code === 'ENOENT') return 'the file does not exist (any more)';
  if (code === 'EACCES' || code === 'EPERM') return 'the grader may not read the file (permission denied)';
  return `cannot read the file (${code ?? (e as Error).message})`;
}

/**
 * Reads one submission: a regular file (checked with `lstat`, opened without following a link
 * and without blocking on a pipe, and checked again with `fstat` on what was opened, in case it
 * was swapped meanwhile), at most `maxBytes` bytes, as UTF-8. Never throws.
 */
export function readSubmission(path: string, maxBytes: number = maxSubmissionBytes): SubmissionText {
  const fail = (problem: string): SubmissionText => ({ ok: false, problem });
  try {
    const problem = notAFile(lstatSync(path));
    if (problem) return fail(problem);
  } catch (e) {
    return fail(readError(e, path));
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return fail(readError(e, path));
  }
  try {
    const stats = fstatSync(fd);
    const problem = notAFile(stats);
    if (problem) return fail(problem);
    const tooBig = (size: string) => fail(`the file is ${size} bytes; submissions may be at most ${maxBytes}`);
    if (stats.size > maxBytes) return tooBig(String(stats.size));
    // The size can change after fstat (a file still being written): read at most one byte more than allowed.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > maxBytes) return tooBig(`more than ${maxBytes}`);
    return { ok: true, source: buffer.subarray(0, length).toString('utf8') };
  } catch (e) {
    return fail(readError(e, path));
  } finally {
    closeSync(fd);
  }
}

/** The path with its folders' links resolved but not the file's own (a linked submission stays a link). */
function sameFileKey(file: string): string {
  try {
    return join(realpathSync(dirname(resolve(file))), basename(file));
  } catch {
    return resolve(file);
  }
}

const isTsFile = (name: string) => name.endsWith('.ts') && !name.endsWith('.d.ts');

/**
 * The submission files the command-line paths stand for, each once. A path ending in `.ts` is
 * always one submission (even if it is a folder or a link: it is then refused when graded, so a
 * learner cannot turn their file into a folder of other files). Any other path that is a folder
 * (a link to one is followed: the paths are staff's) stands for the `.ts` files directly in it,
 * sorted; any other file is one submission. Throws `UsageError` for a path that does not exist
 * or a folder without `.ts` files.
 */
export function submissionFiles(paths: string[]): { files: string[]; notes: string[] } {
  const files: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = sameFileKey(file);
    if (seen.has(key)) notes.push(`${terminalLine(file)} was given more than once; it is graded once`);
    else {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    try {
      lstatSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${terminalLine(path)}`);
    }
    let folder = false;
    if (!isTsFile(path.replace(/[/\\]+$/, ''))) {
      try {
        folder = statSync(path).isDirectory();
      } catch {
        folder = false; // a dangling link: graded (and refused) as a file
      }
    }
    if (!folder) {
      add(path);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (e) {
      throw new UsageError(`cannot list the folder ${terminalLine(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const inside = names.filter(isTsFile).sort();
    if (inside.length === 0) throw new UsageError(`no .ts files in ${terminalLine(path)}${names.length ? ` (it has ${names.length} other entr${names.length === 1 ? 'y' : 'ies'})` : ' (it is empty)'}`);
    const base = path.endsWith('/') || path.endsWith(sep) ? path : `${path}${sep}`;
    for (const name of inside) add(base + name);
  }
  return { files, notes };
}

/**
 * A unique name per submission for reports: the file name without `.ts`; when several files
 * share it (`s1/bob.ts`, `s2/bob.ts`), as many parent folders as make them distinct (`s1/bob`,
 * `s2/bob`), and a number if even the whole paths agree.
 */
export function learnerNames(files: string[]): string[] {
  const base = (file: string) => basename(file).replace(/\.(ts|tsx|js)$/, '') || basename(file);
  const names = files.map(base);
  const groups = new Map<string, number[]>();
  names.forEach((name, i) => groups.set(name, [...(groups.get(name) ?? []), i]));
  for (const [name, members] of groups) {
    if (members.length < 2) continue;
    const parts = members.map((i) => resolve(files[i]!).split(/[/\\]/).slice(0, -1).filter(Boolean));
    let depth = 1;
    const named = (d: number) => members.map((_, k) => [...parts[k]!.slice(-d), name].join('/'));
    while (depth < Math.max(...parts.map((p) => p.length)) && new Set(named(depth)).size < members.length) depth++;
    const distinct = named(depth);
    const counts = new Map<string, number>();
    members.forEach((i, k) => {
      const n = (counts.get(distinct[k]!) ?? 0) + 1;
      counts.set(distinct[k]!, n);
      names[i] = n === 1 ? distinct[k]! : `${distinct[k]} (${n})`;
    });
  }
  return names;
}
