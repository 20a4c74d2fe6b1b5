/**
 * `rlab`, the course's command line (started by `bin/rlab.mjs`). Each simulator contributes
 * one subcommand; the registry below is the only place that lists them.
 */
import { burnRateCommand } from './burn-rate/command';
import { canaryCommand } from './canary/command';
import { rulesCommand } from './burn-rate/rules-command';
import { runbookCommand } from './runbook-automation/command';
import { goldenSignalsCommand } from './golden-signals/command';
import { gradeCommand } from '../exercises/grader/command';
import { toilCommand } from './toil-roi/command';
import { incidentCommand, scenarioCommand } from './incident/command';
import { UsageError, type Command, type Io } from './core/command';
import { clip, terminalSafe } from './core/input';
import { readTextFile } from './core/read-file';

/** The subcommands. A new simulator adds one line here. */
export const COMMANDS: readonly Command[] = [
  burnRateCommand,
  canaryCommand,
  goldenSignalsCommand,
  gradeCommand,
  incidentCommand,
  rulesCommand,
  runbookCommand,
  scenarioCommand,
  toilCommand,
];

/** The real terminal and file system (regular files only, capped: see `core/read-file`). */
export const nodeIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: readTextFile,
};

/** `io` with every control character a file or flag could smuggle in (colours, `\r`) made visible. */
function safeIo(io: Io): Io {
  return { stdout: (text) => io.stdout(terminalSafe(text)), stderr: (text) => io.stderr(terminalSafe(text)), readFile: (path, maxBytes) => io.readFile(path, maxBytes) };
}

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `Usage: rlab <command> [options]

Reliability Lab simulators on the command line. Same seed and inputs, same run as in the browser.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run "rlab <command> --help" for a command's options.
`;
}

/** Longest usage message printed (characters): 20 problems of at most 500 characters, and some. */
const MAX_MESSAGE = 12_000;

/** Exit status for a failure that is rlab's own fault (BSD's EX_SOFTWARE). */
export const EXIT_INTERNAL_ERROR = 70;

/**
 * Runs `rlab` with the arguments after the program name; returns the exit code (a promise for async
 * commands). Usage errors exit 2 with their message; any other error is reported in one paragraph
 * without a stack trace (set RLAB_DEBUG=1 to see it) and exits 70.
 */
export function main(argv: string[], rawIo: Io = nodeIo, commands: readonly Command[] = COMMANDS): number | Promise<number> {
  const io = safeIo(rawIo);
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    io.stdout(usage(commands));
    return 0;
  }
  if (first === undefined) {
    io.stderr(usage(commands));
    return 2;
  }
  // `rlab help burn-rate` is `rlab burn-rate --help`.
  const [name, args] = first === 'help' && rest[0] !== undefined ? [rest[0], ['--help']] : [first, rest];
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`rlab: unknown command "${clip(name)}"; commands: ${commands.map((c) => c.name).join(', ')}\nRun "rlab --help" for usage.\n`);
    return 2;
  }
  const usageFailure = (e: unknown) => {
    if (!(e instanceof UsageError)) {
      // A bug, or the machine ran out of something: say so plainly, never as a stack trace.
      const detail = e instanceof RangeError && /call stack/i.test(e.message) ? 'the input is nested too deeply to process' : clip(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 300);
      io.stderr(`rlab ${command.name}: internal error (${detail}); the command stopped. This is a bug in rlab: please report it with the command you ran${process.env.RLAB_DEBUG ? '' : ' (RLAB_DEBUG=1 shows the stack trace)'}.\n`);
      if (process.env.RLAB_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
      return EXIT_INTERNAL_ERROR;
    }
    // Each command clips what it echoes; this bounds a message that forgot to.
    const message = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}…` : e.message;
    io.stderr(`rlab ${command.name}: ${message}\nRun "rlab ${command.name} --help" for usage.\n`);
    return 2;
  };
  try {
    const code = command.run(args, io);
    return typeof code === 'number' ? code : code.catch(usageFailure);
  } catch (e) {
    return usageFailure(e);
  }
}
