/**
 * `rlab grade bundle --exercise ID`: a Gradescope autograder zip for one exercise. It holds the
 * grader's runtime files, the exercise (hidden tests and reference solution included: the zip is
 * for course staff only), a package.json and lockfile pinning TypeScript and tsx, `setup.sh`
 * (Node 20 and those two packages on Gradescope's Ubuntu image) and `run_autograder` (grades
 * the submitted .ts file and writes Gradescope's results.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatOptions, parseArgs, UsageError, type Io, type OptionsSpec } from '../../simulations/core/command';
import { exerciseIds } from './load';
import { checkOutputFile, why } from './output';
import { terminalLine } from './safe-text';
import { createZip, type ZipEntry } from './zip';

/** The repository root. */
export const projectRoot = join(import.meta.dirname, '..', '..');

/** The grader's files needed at run time, relative to the repository root (imports checked by a test). */
export const graderRuntimeFiles = [
  'exercises/grader/command.ts',
  'exercises/grader/grade.ts',
  'exercises/grader/isolate.ts',
  'exercises/grader/load.ts',
  'exercises/grader/output.ts',
  'exercises/grader/report.ts',
  'exercises/grader/safe-text.ts',
  'exercises/grader/submissions.ts',
  'exercises/grader/transpile.ts',
  'exercises/grader/child.mjs',
  'simulations/core/command.ts',
  'simulations/core/input.ts',
  'src/lib/grading/cases.ts',
  'src/lib/grading/verdict.ts',
  'src/lib/grading/sandbox-runner.mjs',
] as const;

/** An exercise's files the grader loads (`load.ts` reads them all). */
export const exerciseFiles = ['exercise.json', 'instructions.md', 'hints.md', 'starter.ts', 'solution.ts', 'tests.visible.ts', 'tests.hidden.ts'] as const;

/** npm packages the bundle installs: the TypeScript the grader transpiles with, and tsx to load .ts files. */
export const runtimePackages = ['typescript', 'tsx'] as const;

/** Where Gradescope unpacks things; `AUTOGRADER_DIR` overrides it (for trying the bundle locally). */
const AUTOGRADER = '${AUTOGRADER_DIR:-/autograder}';

/** `setup.sh`: runs once when Gradescope builds the image (as root, on Ubuntu, with network). */
export function setupScript(): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (as root, with network).
# Installs Node.js 20 from NodeSource, prlimit and unshare (util-linux), and the grader's two
# npm packages (TypeScript and tsx, pinned by package-lock.json).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg util-linux
if ! node --version 2>/dev/null | grep -q '^v20\\.'; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node grade.mjs --list
`;
}

/** `run_autograder`: grades the one .ts file in the submission folder into results/results.json. */
export function runAutograderScript(exerciseId: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for each submission: grades the submitted .ts file against the visible and
# hidden tests of "${exerciseId}" and writes results/results.json in Gradescope's format. Only a
# regular file is graded: a symbolic link, pipe, device or folder gets 0 points with the reason.
set -uo pipefail
ROOT="${AUTOGRADER}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
shopt -s nullglob
files=()
for f in "$ROOT"/submission/*.ts; do
  case "$f" in *.d.ts) ;; *) files+=("$f") ;; esac
done
if [ "\${#files[@]}" -ne 1 ]; then
  names=$(cd "$ROOT/submission" && ls -1 | head -n 20 | tr '\\n' ' ')
  node -e 'const [n, names] = process.argv.slice(1); console.log(JSON.stringify({ score: 0, output: "Submit exactly one .ts file (found " + n + ": " + (names.trim() || "nothing") + ")." }))' "\${#files[@]}" "$names" > "$RESULTS"
  exit 0
fi
cd "$ROOT/source"
node grade.mjs --exercise ${exerciseId} --format gradescope --out "$RESULTS" -- "\${files[0]}"
`;
}

/** `grade.mjs`: the bundle's command line, `rlab grade` without the rest of rlab. */
export const entryScript = `// The bundle's grader: \`node grade.mjs --exercise ID FILE... --format gradescope --out FILE\`.
import { register } from 'tsx/esm/api';

register();
const { gradeCommand } = await import('./exercises/grader/command.ts');
const io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: () => '',
};
try {
  process.exitCode = await gradeCommand.run(process.argv.slice(2), io);
} catch (e) {
  if (e?.name !== 'UsageError') throw e;
  process.stderr.write(\`grade: \${e.message}\\n\`);
  process.exitCode = 2;
}
`;

function readme(exerciseId: string): string {
  return `Gradescope autograder for the Reliability Lab exercise "${exerciseId}".

FOR COURSE STAFF ONLY: this zip contains the exercise's hidden tests and its reference solution.

Upload it as the assignment's autograder (Gradescope: Configure Autograder, Zip file upload,
Ubuntu base image). setup.sh installs Node.js 20 and the grader's packages; run_autograder grades
the single .ts file a learner submits (visible and hidden tests, each submission in its own
process with time and memory limits and no file access) and writes results/results.json.
Hidden tests are shown to the learner after the grades are published.

Try it locally: unzip into DIR/source, put a submission in DIR/submission/, run
  (cd DIR/source && npm ci) && AUTOGRADER_DIR=DIR bash DIR/source/run_autograder
and read DIR/results/results.json.
`;
}

type LockPackage = Record<string, unknown> & { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
type Lockfile = { name?: string; lockfileVersion?: number; packages: Record<string, LockPackage> };

/**
 * The part of a package-lock.json (v2/v3) that installs `roots` and what they depend on, at the
 * same versions and paths, as production dependencies of a new root package. Packages reached
 * only through optional dependencies stay optional (esbuild's per-platform binaries).
 */
export function lockfileSubset(lock: Lockfile, roots: readonly string[], name: string): Lockfile {
  const parentOf = (path: string) => {
    const i = path.lastIndexOf('/node_modules/');
    return i < 0 ? '' : path.slice(0, i);
  };
  const resolve = (from: string, dep: string): string | undefined => {
    for (let at = from; ; at = parentOf(at)) {
      const candidate = `${at ? `${at}/` : ''}node_modules/${dep}`;
      if (lock.packages[candidate]) return candidate;
      if (!at) return undefined;
    }
  };
  const required = new Set<string>();
  const optional = new Set<string>();
  const visit = (path: string, viaOptional: boolean) => {
    if (viaOptional ? required.has(path) || optional.has(path) : required.has(path)) return;
    (viaOptional ? optional : required).add(path);
    if (!viaOptional) optional.delete(path);
    const pkg = lock.packages[path]!;
    for (const [deps, opt] of [[pkg.dependencies, viaOptional], [pkg.optionalDependencies, true]] as const) {
      for (const dep of Object.keys(deps ?? {})) {
        const found = resolve(path, dep);
        if (found) visit(found, opt);
        else if (!opt) throw new Error(`package-lock.json has no ${dep} for ${path}`);
      }
    }
  };
  const dependencies: Record<string, string> = {};
  for (const root of roots) {
    const path = `node_modules/${root}`;
    const pkg = lock.packages[path];
    if (!pkg?.version) throw new Error(`package-lock.json has no ${root}`);
    dependencies[root] = pkg.version;
    visit(path, false);
  }
  const packages: Record<string, LockPackage> = { '': { name, dependencies } };
  for (const path of [...required, ...optional].sort()) {
    const { dev: _dev, devOptional: _devOptional, optional: _optional, peer: _peer, ...rest } = lock.packages[path]!;
    packages[path] = optional.has(path) ? { ...rest, optional: true } : rest;
  }
  return { name, lockfileVersion: 3, requires: true, packages } as Lockfile;
}

/** Every file of the autograder zip for one exercise, read from the repository at `root`. */
export function gradescopeBundle(exerciseId: string, root: string = projectRoot): ZipEntry[] {
  const name = `rlab-autograder-${exerciseId}`;
  const lock = lockfileSubset(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile, runtimePackages, name);
  const packageJson = { name, private: true, type: 'module', description: `Gradescope autograder for ${exerciseId}`, engines: { node: '>=20.19' }, dependencies: lock.packages['']!.dependencies };
  const file = (path: string): ZipEntry => ({ name: path, data: readFileSync(join(root, path)) });
  return [
    { name: 'setup.sh', data: setupScript(), mode: 0o755 },
    { name: 'run_autograder', data: runAutograderScript(exerciseId), mode: 0o755 },
    { name: 'README.txt', data: readme(exerciseId) },
    { name: 'grade.mjs', data: entryScript },
    { name: 'package.json', data: JSON.stringify(packageJson, null, 2) + '\n' },
    { name: 'package-lock.json', data: JSON.stringify(lock, null, 2) + '\n' },
    ...graderRuntimeFiles.map(file),
    ...exerciseFiles.map((f) => file(`exercises/${exerciseId}/${f}`)),
  ];
}

const OPTIONS = {
  exercise: { type: 'string', valueName: 'ID', description: 'the exercise the autograder grades (see rlab grade --list)' },
  out: { type: 'string', valueName: 'FILE', description: 'where to write the zip (default: <ID>-gradescope.zip)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab grade bundle --exercise ID [--out FILE]

Writes a Gradescope autograder zip for one exercise: setup.sh (installs Node.js 20 and the
grader's packages), run_autograder (grades the submitted .ts file into results.json), the grader
and the exercise. It contains the hidden tests and the reference solution: for staff only.
Upload it in Gradescope under Configure Autograder, Zip file upload.

Options:
${formatOptions(OPTIONS)}

Exit status: 0 written, 1 the zip could not be written (disk full...), 2 bad arguments (--out\nis checked first).
`;

/** `rlab grade bundle ...` (the arguments after `bundle`). */
export function runBundleCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const ids = exerciseIds();
  if (!values.exercise) throw new UsageError(`--exercise is required; exercises: ${ids.join(', ')}`);
  if (!ids.includes(values.exercise)) throw new UsageError(`no exercise "${values.exercise}"; exercises: ${ids.join(', ')}`);
  const out = values.out ?? `${values.exercise}-gradescope.zip`;
  checkOutputFile(out, 'the autograder is one zip file');
  const entries = gradescopeBundle(values.exercise);
  try {
    writeFileSync(out, createZip(entries));
  } catch (e) {
    io.stderr(`rlab grade bundle: could not write ${terminalLine(out)} (${why(e)}; it may be incomplete, do not upload it).\n`);
    return 1;
  }
  io.stderr(`Wrote ${out} (${entries.length} files): the Gradescope autograder for ${values.exercise}. It contains the hidden tests and the reference solution; share it with staff only.\n`);
  return 0;
}
