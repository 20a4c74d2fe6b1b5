/**
 * `rlab`, the course's command line (started by `bin/rlab.mjs`). Each simulator contributes
 * one subcommand; the registry below is the only place that lists them.
 */
import { readFileSync } from 'node:fs';
import { burnRateCommand } from './burn-rate/command';
import { canaryCommand } from './canary/command';
import { rulesCommand } from './burn-rate/rules-command';
import { runbookCommand } from './runbook-automation/command';
import { goldenSignalsCommand } from './golden-signals/command';
import { gradeCommand } from '../exercises/grader/command';
import { toilCommand } from './toil-roi/command';
import { incidentCommand, scenarioCommand } from './incident/command';
import { UsageError, type Command, type Io } from './core/command';

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

/** The real terminal and file system. */
export const nodeIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
};

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `Usage: rlab <command> [options]

Reliability Lab simulators on the command line. Same seed and inputs, same run as in the browser.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run "rlab <command> --help" for a command's options.
`;
}

/** Runs `rlab` with the arguments after the program name; returns the exit code (a promise for async commands). */
export function main(argv: string[], io: Io = nodeIo, commands: readonly Command[] = COMMANDS): number | Promise<number> {
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
    io.stderr(`rlab: unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}\nRun "rlab --help" for usage.\n`);
    return 2;
  }
  const usageFailure = (e: unknown) => {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rlab ${command.name}: ${e.message}\nRun "rlab ${command.name} --help" for usage.\n`);
    return 2;
  };
  try {
    const code = command.run(args, io);
    return typeof code === 'number' ? code : code.catch(usageFailure);
  } catch (e) {
    return usageFailure(e);
  }
}
