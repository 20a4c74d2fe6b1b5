export type Severity = 'critical' | 'high' | 'medium' | 'low';
export interface Alert {
  name: string;
  severity: Severity;
  /** What the alert is about: the database, host or service the runbook would act on. */
  target: string;
  labels: Readonly<Record<string, string>>;
}
/** One past run of a runbook. `at` in ms since the epoch. */
export interface Execution {
  runbook: string;
  target: string;
  at: number;
  outcome: 'succeeded' | 'stopped' | 'failed';
}

/** Day names as `Intl.DateTimeFormat('en-US', { weekday: 'short' })` writes them. */
export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

export interface AutoPolicy {
  /** Runs on record (acted on, not stopped) before a runbook may act alone. */
  minHistory: number; // 5
  minSuccessRate: number; // 0.8
  /** How far back the track record looks, e.g. 30 days. */
  historyMs: number;
  /** Loop breaker: at most this many runs on one target within loopWindowMs. */
  maxRunsPerTarget: number; // 3
  loopWindowMs: number; // e.g. 1 hour
  /** Hours [from, to) on the named days, in the team's time zone. */
  businessHours: { timeZone: string; from: number; to: number; days: readonly Weekday[] };
}

export type Decision = { kind: 'auto' } | { kind: 'ask-human'; reason: string } | { kind: 'escalate'; reason: string };

/** The day of the week and the hour (0-23) of the instant `at` in `timeZone`, e.g. 'Europe/Berlin'. */
export function localTime(at: number, timeZone: string): { weekday: Weekday; hour: number } {
  throw new Error('Not implemented: localTime');
}

/** May `runbook` run for `alert` without a person, at time `now` (ms since the epoch)? */
export function shouldAutoExecute(alert: Alert, runbook: string, history: readonly Execution[], policy: AutoPolicy, now: number): Decision {
  throw new Error('Not implemented: shouldAutoExecute');
}
