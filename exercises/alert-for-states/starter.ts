/** The three states of a Prometheus alert. */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** A rule's state after an evaluation. */
export interface RuleStatus {
  state: AlertState;
  /** When the expression became true; the start of the `for` clock. */
  activeSince?: number;
}

/** An alert rule of the form `value > threshold`, held for `forMs`. */
export interface AlertRule {
  alert: string;
  threshold: number;
  forMs: number;
}

/** One firing episode. Times in ms. */
export interface Firing {
  /** When the condition became true (the start of the `for` clock). */
  activeAt: number;
  /** The evaluation at which the alert became firing (its `startsAt` at Alertmanager). */
  firedAt: number;
  /** The first false evaluation afterwards; null while still firing. */
  resolvedAt: number | null;
}

/** The states after each evaluation, and the firing episodes. */
export interface RuleRun {
  states: AlertState[];
  firings: Firing[];
}

/** When an alert that stays true goes pending and fires, on a fixed evaluation schedule. */
export interface FireTime {
  activeAt: number;
  firedAt: number;
  /** Evaluations that saw the condition true, the firing one included. */
  evaluations: number;
}

/** A fault: the error ratio jumps from `baseline` to `faulty`, measured over a `windowMs` window. */
export interface Fault {
  baseline: number;
  faulty: number;
  windowMs: number;
}

/** When the page can arrive, in ms after the fault began. */
export interface PageWindow {
  crossAfterMs: number;
  earliestMs: number;
  latestMs: number;
}

/** One evaluation of one alert rule at time `now` (ms), as Prometheus does it. */
export function evaluateRule(previous: RuleStatus, conditionTrue: boolean, forMs: number, now: number): RuleStatus {
  throw new Error('Not implemented: evaluateRule');
}

/** Evaluates `value > rule.threshold` for each value, at `start + i * intervalMs`. */
export function runRule(rule: AlertRule, values: readonly number[], intervalMs: number, start = 0): RuleRun {
  throw new Error('Not implemented: runRule');
}

/** When a condition true from `trueFromMs` on goes pending and fires, evaluated at `phaseMs + k * intervalMs`. */
export function timeToFire(trueFromMs: number, forMs: number, intervalMs: number, phaseMs = 0): FireTime {
  throw new Error('Not implemented: timeToFire');
}

/** How long after a fault the first page can arrive, at the earliest and at the latest. */
export function pageWindow(fault: Fault, rule: AlertRule, intervalMs: number, groupWaitMs = 30_000): PageWindow {
  throw new Error('Not implemented: pageWindow');
}
