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
  return 1000 * 2 ** (retry - 1) * (0.5 + random() / 2);
}

/** The longest a runbook can take if every attempt times out, in seconds (backoff without jitter). */
export function worstCaseSeconds(steps: readonly Pick<RunbookStep, 'timeoutSeconds' | 'retries'>[]): number {
  return steps.reduce((sum, s) => sum + (s.retries + 1) * s.timeoutSeconds + (2 ** s.retries - 1), 0);
}

/** Runs one command under a timeout: kills it and waits for it to exit when the timer wins, clears the timer when the command wins. */
export async function runWithTimeout(command: Command, timeoutSeconds: number, deps: Deps): Promise<CommandResult | 'timed-out'> {
  const kill = new AbortController();
  const stopTimer = new AbortController();
  const running = deps.run(command, kill.signal).catch(
    (error: unknown): CommandResult => ({ exitCode: -1, stdout: '', stderr: String(error) }),
  );
  const timeout = deps.sleep(timeoutSeconds * 1000, stopTimer.signal).then(() => 'timed-out' as const);
  const result = await Promise.race([running, timeout]);
  if (result === 'timed-out') {
    kill.abort(); // kill it...
    await running; // ...and wait until it has exited: a retry must never run beside a stuck attempt
    return 'timed-out';
  }
  stopTimer.abort(); // the command won: clear the losing timer so it does not fire later
  return result;
}

/** Runs one step: each attempt under its timeout, killed when it overruns; retries with backoff. */
export async function executeStep(step: Pick<RunbookStep, 'name' | 'timeoutSeconds' | 'retries' | 'stopIf'>, command: Command, deps: Deps): Promise<StepOutcome> {
  let lastError = 'not run';
  for (let n = 0; n <= step.retries; n++) {
    if (n > 0) await deps.sleep(backoffMs(n, deps.random)); // after every kind of failure, timeouts included
    const result = await runWithTimeout(command, step.timeoutSeconds, deps);
    if (result !== 'timed-out' && result.exitCode === 0) {
      deps.log(step.name, `succeeded on attempt ${n + 1}: ${result.stdout.trim().split('\n')[0] ?? ''}`);
      const stop = step.stopIf?.(result);
      return stop === undefined ? { kind: 'ok' } : { kind: 'stop', reason: stop };
    }
    lastError = result === 'timed-out' ? `timed out after ${step.timeoutSeconds} s` : `exit ${result.exitCode}: ${result.stderr.trim()}`;
    deps.log(step.name, `attempt ${n + 1} of ${step.retries + 1} failed: ${lastError}`);
  }
  return { kind: 'failed', reason: lastError };
}

const safeValue = /^[A-Za-z0-9._:\/-]+$/;

/** Fills {placeholders} in each argument from the context. Values must look like names or hosts. */
export function substitute(command: Command, context: Context): string[] {
  return command.map((arg) =>
    arg.replace(/\{(\w+)\}/g, (_match, key: string) => {
      const value = context[key];
      if (value === undefined) throw new Error(`missing context value: ${key}`);
      if (!safeValue.test(value)) throw new Error(`unsafe context value for ${key}: ${JSON.stringify(value)}`);
      return value;
    }),
  );
}

/** Runs the steps in order; skips, stops, or fails and rolls back newest first. */
export async function runRunbook(steps: readonly RunbookStep[], context: Context, deps: Deps): Promise<RunbookResult> {
  const succeeded: RunbookStep[] = [];
  const skipped: string[] = [];
  for (const step of steps) {
    const missing = step.prerequisites.filter((name) => !succeeded.some((s) => s.name === name));
    if (missing.length > 0) {
      skipped.push(step.name);
      deps.log(step.name, `skipped: prerequisites not met (${missing.join(', ')})`);
      continue;
    }
    if (step.requiresApproval && !(await deps.approve(step.name))) {
      return { outcome: 'stopped', at: step.name, reason: 'a person declined this step' };
    }
    let outcome: StepOutcome;
    try {
      outcome = await executeStep(step, substitute(step.command, context), deps);
    } catch (error) {
      outcome = { kind: 'failed', reason: String(error) }; // an unsafe context value, for example
    }
    if (outcome.kind === 'stop') return { outcome: 'stopped', at: step.name, reason: outcome.reason };
    if (outcome.kind === 'failed') {
      const rollbackComplete = await rollBack([...succeeded, step], context, deps);
      return { outcome: 'failed', at: step.name, reason: outcome.reason, rollbackComplete };
    }
    succeeded.push(step);
  }
  return { outcome: 'succeeded', skipped };
}

/** Undoes steps newest first. Returns false if anything could not be undone. */
async function rollBack(steps: readonly RunbookStep[], context: Context, deps: Deps): Promise<boolean> {
  let complete = true;
  for (const step of [...steps].reverse()) {
    const rollback = step.rollback;
    if (rollback.kind === 'nothing-to-undo') continue;
    if (rollback.kind === 'irreversible') {
      complete = false;
      deps.log(step.name, `cannot be undone: ${rollback.why}`);
      continue;
    }
    try {
      const limit = rollback.timeoutSeconds ?? step.timeoutSeconds; // a rollback can hang too
      const result = await runWithTimeout(substitute(rollback.command, context), limit, deps);
      if (result === 'timed-out') throw new Error(`timed out after ${limit} s`);
      if (result.exitCode !== 0) throw new Error(result.stderr.trim());
      deps.log(step.name, 'rolled back');
    } catch (error) {
      complete = false; // keep going: undo as much as possible, then tell a person exactly what is left
      deps.log(step.name, `rollback failed: ${String(error)}`);
    }
  }
  return complete;
}
