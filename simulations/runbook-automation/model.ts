/**
 * The runbook executor on a simulated clock, as the lesson corrects the common one: steps run in
 * order; a step whose prerequisites did not all succeed is skipped; each attempt runs under a
 * timeout (killed when it overruns); a failed or timed-out attempt is retried after an
 * exponential backoff (`backoffSeconds * 2^(n-1)` before retry n, optionally with jitter);
 * a check may stop the runbook ("not this problem"); a step that fails for good triggers
 * rollback of the steps that ran, newest first, the failed step included (it may have
 * half-happened), and the result says whether the rollback was complete. Skipped steps and
 * steps never reached are not rolled back. A step marked `continueOnFailure` may fail without
 * ending the runbook (the steps that need it are then skipped); it is still rolled back later.
 *
 * Pure: no timers (the clock is a number of seconds), no DOM, no Node APIs. Every random draw
 * comes from a seeded RNG, one stream per step (`seed/stepId`), so changing one step's
 * success chance never reshuffles another step's draws.
 */
import { createRng, type Rng } from '../core/rng';
import { formatDuration } from '../core/duration';
import type { Runbook, RunbookStep } from './format';

/** What one attempt came to. */
export type AttemptResult = 'succeeded' | 'failed' | 'timed-out' | 'stopped';

/** A bar of the timeline: one attempt, a backoff wait, a wait for approval, or one rollback. */
export interface Span {
  stepId: string;
  kind: 'attempt' | 'backoff' | 'approval' | 'rollback';
  /** 1-based attempt number (attempts and the backoff before them). */
  attempt?: number;
  start: number;
  end: number;
  /** Attempts: how they ended. Rollbacks: what undoing meant. */
  result?: AttemptResult | 'undone' | 'nothing-to-undo' | 'irreversible';
}

/** Kinds of execution-log line. */
export type LogKind =
  | 'alert'
  | 'decision'
  | 'approval'
  | 'step-started'
  | 'attempt-started'
  | 'attempt-failed'
  | 'attempt-timed-out'
  | 'backoff'
  | 'step-succeeded'
  | 'step-failed'
  | 'step-skipped'
  | 'step-stopped'
  | 'rollback'
  | 'escalated'
  | 'notified'
  | 'finished';

/** One line of the execution log, timestamped in seconds on the simulated clock. */
export interface LogEntry {
  at: number;
  stepId: string | null;
  kind: LogKind;
  message: string;
}

/** How a runbook run ended. */
export type ExecutionOutcome = 'succeeded' | 'stopped' | 'rolled-back';

/** One run of a runbook. */
export interface Execution {
  outcome: ExecutionOutcome;
  /** The step that failed for good or stopped the runbook. */
  atStep: string | null;
  reason: string | null;
  /** Null unless rolled back; false when a step could not be undone. */
  rollbackComplete: boolean | null;
  /** Steps rolled back, in the order it happened (newest first), whether or not they could be undone. */
  rolledBack: string[];
  /** Steps the rollback could not undo, newest first, each with why (empty unless rolled back). */
  notUndone: { step: string; why: string }[];
  skipped: string[];
  /** Steps that succeeded, in order. */
  succeeded: string[];
  startAt: number;
  endAt: number;
  log: LogEntry[];
  spans: Span[];
}

/**
 * What a rollback left behind, in words. Complete: "rollback complete: b, a undone". Otherwise the
 * steps that could not be undone come first: "rollback incomplete: c was not undone (why); b, a
 * undone". Steps with nothing to undo (checks) are not listed.
 */
export function rollbackSummary(e: Pick<Execution, 'rollbackComplete' | 'notUndone' | 'spans'>): string {
  const undone = e.spans.filter((s) => s.kind === 'rollback' && s.result === 'undone').map((s) => s.stepId);
  const undoneText = undone.length ? `${undone.join(', ')} undone` : 'nothing needed undoing';
  if (e.rollbackComplete !== false) return `rollback complete: ${undoneText}`;
  const list = e.notUndone.map((n) => `${n.step} (${n.why})`).join(', ');
  return `rollback incomplete: ${list} ${e.notUndone.length === 1 ? 'was' : 'were'} not undone${undone.length ? `; ${undoneText}` : ''}`;
}

/** Options of one run. */
export interface ExecuteOptions {
  seed: number | string;
  /** Simulated time the runbook starts (seconds). */
  startAt?: number;
  /** How long a person takes to approve a step that requires approval (seconds). */
  approvalSeconds?: number;
}

/** Approval delay when the person who started the runbook is at the keyboard. */
export const AT_KEYBOARD_APPROVAL_SECONDS = 30;

/** Rounds to a tenth of a second (the simulated clock's resolution). */
export const tenth = (x: number) => Math.round(x * 10) / 10;

/** Seconds for people: `2 s`, `3.5 s`, `1m 30s` style for long ones is left to views. */
export const seconds = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(1)} s`;

/**
 * Wait before retry `retry` (1-based): `base * 2^(retry - 1)` (the common `2 ** attempt` is
 * base 1: 1, 2, 4 s), times a random factor in [0.5, 1) when `jitter` is on (the lesson's).
 */
export function backoffSeconds(base: number, retry: number, jitter: Rng | null): number {
  const wait = base * 2 ** (retry - 1);
  return tenth(jitter ? wait * (0.5 + jitter() / 2) : wait);
}

/**
 * Worst-case running time of a runbook if every attempt times out: for each step
 * `(retries + 1) * timeout + base * (2^retries - 1)` (the backoff waits), summed. Waits for a
 * person and rollbacks are not included. With jitter the waits are shorter, so this is a bound.
 */
export function worstCaseSeconds(runbook: Runbook): number {
  return tenth(runbook.steps.reduce((sum, s) => sum + (s.retries + 1) * s.timeoutSeconds + s.backoffSeconds * (2 ** s.retries - 1), 0));
}

/** One attempt: did it succeed, how long did it take, did it time out? Three draws at most. */
function attempt(step: RunbookStep, rng: Rng): { result: AttemptResult; duration: number } {
  const ok = rng() < step.successChance;
  const duration = tenth(step.duration.min + (step.duration.max - step.duration.min) * rng());
  if (duration > step.timeoutSeconds) return { result: 'timed-out', duration: step.timeoutSeconds };
  if (!ok) return { result: 'failed', duration };
  if (step.stopChance > 0 && rng() < step.stopChance) return { result: 'stopped', duration };
  return { result: 'succeeded', duration };
}

/** Runs a runbook on the simulated clock. Same runbook, seed and options: the same run. */
export function executeRunbook(runbook: Runbook, options: ExecuteOptions): Execution {
  const { seed } = options;
  const approvalSeconds = options.approvalSeconds ?? AT_KEYBOARD_APPROVAL_SECONDS;
  const startAt = options.startAt ?? 0;
  const log: LogEntry[] = [];
  const spans: Span[] = [];
  const succeeded: RunbookStep[] = [];
  /** Steps that ran, in order: the ones that succeeded and the ones that failed but let the runbook go on. */
  const ran: RunbookStep[] = [];
  const skipped: string[] = [];
  let now = startAt;
  const say = (stepId: string | null, kind: LogKind, message: string) => log.push({ at: now, stepId, kind, message });

  const finish = (outcome: ExecutionOutcome, rest: Partial<Execution> = {}): Execution => ({
    outcome,
    atStep: null,
    reason: null,
    rollbackComplete: null,
    rolledBack: [],
    notUndone: [],
    skipped,
    succeeded: succeeded.map((s) => s.id),
    startAt,
    endAt: now,
    log,
    spans,
    ...rest,
  });

  const rollBack = (steps: RunbookStep[]): { complete: boolean; order: string[]; notUndone: { step: string; why: string }[] } => {
    const order = [...steps].reverse();
    say(null, 'rollback', `rolling back ${order.length} step${order.length === 1 ? '' : 's'}, newest first: ${order.map((s) => s.id).join(', ')}`);
    let complete = true;
    const notUndone: { step: string; why: string }[] = [];
    for (const step of order) {
      const rb = step.rollback;
      if (rb.kind === 'none') {
        say(step.id, 'rollback', `rolling back ${step.id}: nothing to undo`);
        spans.push({ stepId: step.id, kind: 'rollback', start: now, end: now, result: 'nothing-to-undo' });
      } else if (rb.kind === 'irreversible') {
        complete = false;
        notUndone.push({ step: step.id, why: rb.why });
        say(step.id, 'rollback', `rolling back ${step.id}: cannot be undone (${rb.why})`);
        spans.push({ stepId: step.id, kind: 'rollback', start: now, end: now, result: 'irreversible' });
      } else {
        const rng = createRng(`${seed}/${step.id}/rollback`);
        const duration = tenth(step.duration.min + (step.duration.max - step.duration.min) * rng());
        say(step.id, 'rollback', `rolling back ${step.id}: ${rb.command}`);
        spans.push({ stepId: step.id, kind: 'rollback', start: now, end: tenth(now + duration), result: 'undone' });
        now = tenth(now + duration);
        say(step.id, 'rollback', `rolled back ${step.id} in ${seconds(duration)}`);
      }
    }
    return { complete, order: order.map((s) => s.id), notUndone };
  };

  for (const step of runbook.steps) {
    const missing = step.prerequisites.filter((p) => !succeeded.some((s) => s.id === p));
    if (missing.length > 0) {
      skipped.push(step.id);
      say(step.id, 'step-skipped', `${step.id}: skipped, prerequisites not met (${missing.join(', ')})`);
      continue;
    }
    if (step.requiresApproval) {
      say(step.id, 'approval', `${step.id}: waiting for a person to approve`);
      spans.push({ stepId: step.id, kind: 'approval', start: now, end: tenth(now + approvalSeconds) });
      now = tenth(now + approvalSeconds);
      say(step.id, 'approval', `${step.id}: approved after ${formatDuration(approvalSeconds)}`);
    }
    const rng = createRng(`${seed}/${step.id}`);
    const jitter = runbook.jitter ? rng : null;
    const attempts = step.retries + 1;
    say(step.id, 'step-started', `${step.id}: started (up to ${attempts} attempt${attempts === 1 ? '' : 's'}, timeout ${seconds(step.timeoutSeconds)} each)`);
    let outcome: AttemptResult = 'failed';
    for (let n = 1; n <= attempts; n++) {
      if (n > 1) {
        const wait = backoffSeconds(step.backoffSeconds, n - 1, jitter);
        say(step.id, 'backoff', `${step.id}: backing off ${seconds(wait)} before attempt ${n}`);
        spans.push({ stepId: step.id, kind: 'backoff', attempt: n, start: now, end: tenth(now + wait) });
        now = tenth(now + wait);
        say(step.id, 'attempt-started', `${step.id}: attempt ${n} of ${attempts} started`);
      }
      const a = attempt(step, rng);
      spans.push({ stepId: step.id, kind: 'attempt', attempt: n, start: now, end: tenth(now + a.duration), result: a.result });
      now = tenth(now + a.duration);
      outcome = a.result;
      if (a.result === 'failed') say(step.id, 'attempt-failed', `${step.id}: attempt ${n} of ${attempts} failed after ${seconds(a.duration)} (non-zero exit)`);
      else if (a.result === 'timed-out') say(step.id, 'attempt-timed-out', `${step.id}: attempt ${n} of ${attempts} timed out after ${seconds(a.duration)}; killed`);
      else break;
    }
    if (outcome === 'succeeded') {
      const attemptsUsed = spans.filter((s) => s.stepId === step.id && s.kind === 'attempt').length;
      say(step.id, 'step-succeeded', `${step.id}: succeeded on attempt ${attemptsUsed}`);
      succeeded.push(step);
      ran.push(step);
      continue;
    }
    if (outcome === 'stopped') {
      say(step.id, 'step-stopped', `${step.id}: stopped the runbook: ${step.stopReason}`);
      return finish('stopped', { atStep: step.id, reason: step.stopReason });
    }
    const reason = `${step.id} failed for good after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (step.continueOnFailure) {
      say(step.id, 'step-failed', `${reason}; the runbook goes on (continueOnFailure), steps that need it will be skipped`);
      ran.push(step);
      continue;
    }
    say(step.id, 'step-failed', reason);
    const { complete, order, notUndone } = rollBack([...ran, step]);
    return finish('rolled-back', { atStep: step.id, reason, rollbackComplete: complete, rolledBack: order, notUndone });
  }
  say(null, 'finished', `runbook ${runbook.name} succeeded${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}`);
  return finish('succeeded');
}
