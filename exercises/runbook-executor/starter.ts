/** A command as an argument list, never a shell string: alert data cannot inject shell syntax. */
export type Command = readonly string[];

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What undoing a step means. */
export type Rollback =
  | { kind: 'command'; command: Command; timeoutSeconds?: number } // default: the step's own timeout
  | { kind: 'nothing-to-undo' } // reads, checks, restarts
  | { kind: 'irreversible'; why: string };

export interface RunbookStep {
  name: string;
  description: string;
  command: Command;
  /** Seconds one attempt may run before it is killed. */
  timeoutSeconds: number;
  /** Extra attempts after the first: 3 means up to 4 attempts. */
  retries: number;
  /** Steps that must have succeeded before this one may run. */
  prerequisites: readonly string[];
  rollback: Rollback;
  /** A person must confirm before this step runs. */
  requiresApproval?: boolean;
  /** For diagnostic steps: a reason to stop the runbook here, or undefined to go on. */
  stopIf?: (result: CommandResult) => string | undefined;
}

/** Values for the {placeholders} in commands, from the alert. */
export type Context = Readonly<Record<string, string>>;

/** The outside world, injected: a fake shell and a simulated clock in the tests. */
export interface Deps {
  /** Runs a command; when `signal` aborts, kills the process and rejects once it has exited. */
  run(command: Command, signal: AbortSignal): Promise<CommandResult>;
  /** Resolves after `ms` of (simulated) time, or at once when `signal` aborts (timer cleared). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  random(): number;
  log(step: string, message: string): void;
  /** Asks a person to confirm one step; false when declined or unanswered. */
  approve(step: string): Promise<boolean>;
}

export type StepOutcome = { kind: 'ok' } | { kind: 'stop'; reason: string } | { kind: 'failed'; reason: string };

export type RunbookResult =
  | { outcome: 'succeeded'; skipped: string[] }
  | { outcome: 'stopped'; at: string; reason: string } // "not this problem", or a person said no
  | { outcome: 'failed'; at: string; reason: string; rollbackComplete: boolean };

/** Wait before retry n (1-based): 1 s, 2 s, 4 s ... times a random factor in [0.5, 1). */
export function backoffMs(retry: number, random: () => number): number {
  throw new Error('Not implemented: backoffMs');
}

/** The longest a runbook can take if every attempt times out, in seconds (backoff without jitter). */
export function worstCaseSeconds(steps: readonly Pick<RunbookStep, 'timeoutSeconds' | 'retries'>[]): number {
  throw new Error('Not implemented: worstCaseSeconds');
}

/** Runs one command under a timeout: kills it and waits for it to exit when the timer wins, clears the timer when the command wins. */
export async function runWithTimeout(command: Command, timeoutSeconds: number, deps: Deps): Promise<CommandResult | 'timed-out'> {
  throw new Error('Not implemented: runWithTimeout');
}

/** Runs one step: each attempt under its timeout, killed when it overruns; retries with backoff. */
export async function executeStep(step: Pick<RunbookStep, 'name' | 'timeoutSeconds' | 'retries' | 'stopIf'>, command: Command, deps: Deps): Promise<StepOutcome> {
  throw new Error('Not implemented: executeStep');
}

/** Fills {placeholders} in each argument from the context. Values must look like names or hosts. */
export function substitute(command: Command, context: Context): string[] {
  throw new Error('Not implemented: substitute');
}

/** Runs the steps in order; skips, stops, or fails and rolls back newest first. */
export async function runRunbook(steps: readonly RunbookStep[], context: Context, deps: Deps): Promise<RunbookResult> {
  throw new Error('Not implemented: runRunbook');
}
