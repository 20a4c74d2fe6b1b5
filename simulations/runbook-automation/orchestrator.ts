/**
 * The self-healing orchestrator on the simulated clock: an alert arrives, is matched to a
 * runbook by name, a policy decides whether the runbook may run on its own, asks a person, or
 * escalates; the runbook runs; a failure or a stop escalates to the on-call engineer.
 *
 * Two policies. `common` is the widely copied `_should_auto_execute`, replicated exactly (the old
 * name `source` is still accepted in links and on the command line):
 *   1. if the runbook has MORE than 5 recent runs and under 80% succeeded: ask a person;
 *   2. if the alert is critical: run;
 *   3. if 9 <= hour <= 17 (server-local hour; any day of the week): run unless severity is low;
 *   4. otherwise: run.
 * `lesson` is the lesson's corrected `shouldAutoExecute`, which fixes three gaps:
 *   a loop breaker (3 runs on the same target within an hour escalate: the fix is not holding);
 *   trust is earned (fewer than 5 runs on record: ask a person; the common rule never checks them);
 *   business hours are explicit, [9, 17) so 17:59 is not "business hours", and Monday to Friday
 *   (the common rule calls Sunday 14:00 business hours; nobody is at a desk to decide then).
 * Times are simulated: seconds since Monday 00:00 in the team's time zone. Pure.
 */
import { AT_KEYBOARD_APPROVAL_SECONDS, executeRunbook, rollbackSummary, tenth, type Execution, type LogEntry, type Span } from './model';
import type { Runbook } from './format';

/** Alert severities (the common rule's and the lesson's names). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Which rule decides. */
export const POLICIES = ['lesson', 'common'] as const;
export type PolicyName = (typeof POLICIES)[number];

/** Old policy names still accepted in share links and on the command line. */
const POLICY_ALIASES: Readonly<Record<string, PolicyName>> = { source: 'common' };

/** The policy a name stands for (an alias gives its current name), or undefined if unknown. */
export function policyNamed(name: string): PolicyName | undefined {
  return (POLICIES as readonly string[]).includes(name) ? (name as PolicyName) : POLICY_ALIASES[name];
}

/** Day names, Monday first (simulated time starts on a Monday at 00:00). */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** An alert as it arrives, with what the orchestrator knows about the runbook's record. */
export interface AlertScenario {
  id: string;
  /** What the learner sees in the list. */
  label: string;
  /** Alert name; runbooks are matched by it. */
  alertName: string;
  severity: Severity;
  /** Seconds since Monday 00:00 when it fires. */
  at: number;
  /** What it is about (the loop breaker counts runs per target). */
  target: string;
  /** The runbook's track record: runs acted on (stops excluded) and how many succeeded. */
  history: { runs: number; successes: number };
  /** Runs of this runbook on this target in the last hour. */
  recentRunsOnTarget: number;
}

/** What the policy decided, and why. */
export type Decision = { kind: 'auto' | 'ask-human' | 'escalate'; reason: string };

/** The corrected policy's settings (the lesson's AutoPolicy values). */
export const LESSON_POLICY = {
  minHistory: 5,
  minSuccessRate: 0.8,
  maxRunsPerTarget: 3,
  businessHours: { from: 9, to: 17, weekdays: [0, 1, 2, 3, 4] as readonly number[] },
};

/**
 * How long a person takes to answer a page (simulation assumptions): at a desk on weekdays
 * 9:00-17:00, 2 minutes; otherwise woken by the page, 10 minutes.
 */
export const ON_CALL_RESPONSE_SECONDS = { atDesk: 120, paged: 600 } as const;

/** The alert name the connection-pool runbook (or the learner's runbook) answers. */
export const MATCHED_ALERT = 'PostgresConnectionPoolExhausted';

const time = (day: number, hour: number, minute = 0) => day * 86_400 + hour * 3600 + minute * 60;

/** Alerts the learner can fire. */
export const ALERT_SCENARIOS: readonly AlertScenario[] = [
  { id: 'sun-0300-critical', label: 'Pool exhausted, critical, Sunday 03:00', alertName: MATCHED_ALERT, severity: 'critical', at: time(6, 3), target: 'payments-db', history: { runs: 12, successes: 11 }, recentRunsOnTarget: 0 },
  { id: 'tue-1400-high', label: 'Pool exhausted, high, Tuesday 14:00', alertName: MATCHED_ALERT, severity: 'high', at: time(1, 14), target: 'payments-db', history: { runs: 12, successes: 11 }, recentRunsOnTarget: 0 },
  { id: 'tue-1400-low', label: 'Pool nearly full, low, Tuesday 14:00', alertName: MATCHED_ALERT, severity: 'low', at: time(1, 14), target: 'payments-db', history: { runs: 12, successes: 11 }, recentRunsOnTarget: 0 },
  { id: 'tue-1730-low', label: 'Pool nearly full, low, Tuesday 17:30', alertName: MATCHED_ALERT, severity: 'low', at: time(1, 17, 30), target: 'payments-db', history: { runs: 12, successes: 11 }, recentRunsOnTarget: 0 },
  { id: 'sun-1400-low', label: 'Pool nearly full, low, Sunday 14:00', alertName: MATCHED_ALERT, severity: 'low', at: time(6, 14), target: 'payments-db', history: { runs: 12, successes: 11 }, recentRunsOnTarget: 0 },
  { id: 'new-runbook', label: 'Pool exhausted, critical, Sunday 03:00, runbook new (2 runs)', alertName: MATCHED_ALERT, severity: 'critical', at: time(6, 3), target: 'payments-db', history: { runs: 2, successes: 2 }, recentRunsOnTarget: 0 },
  { id: 'poor-record', label: 'Pool exhausted, medium, Tuesday 14:00, 6 of 10 runs succeeded', alertName: MATCHED_ALERT, severity: 'medium', at: time(1, 14), target: 'payments-db', history: { runs: 10, successes: 6 }, recentRunsOnTarget: 0 },
  { id: 'loop', label: 'Pool exhausted, critical, Wednesday 02:10, 3rd time this hour', alertName: MATCHED_ALERT, severity: 'critical', at: time(2, 2, 10), target: 'payments-db', history: { runs: 14, successes: 13 }, recentRunsOnTarget: 3 },
  { id: 'disk-full', label: 'Disk full, high, Tuesday 14:00 (no runbook)', alertName: 'NodeDiskFull', severity: 'high', at: time(1, 14), target: 'node-7', history: { runs: 0, successes: 0 }, recentRunsOnTarget: 0 },
];

/** The scenario with this id, if any. */
export const alertScenario = (id: string) => ALERT_SCENARIOS.find((a) => a.id === id);

/** Day (0 = Monday), hour and minute of a simulated time. */
export function clockParts(at: number): { day: number; hour: number; minute: number; second: number } {
  const s = Math.floor(at);
  return { day: Math.floor(s / 86_400) % 7, hour: Math.floor((s % 86_400) / 3600), minute: Math.floor((s % 3600) / 60), second: s % 60 };
}

/** `Sun 03:02:07` for a simulated time. */
export function formatClock(at: number): string {
  const { day, hour, minute, second } = clockParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[day]} ${two(hour)}:${two(minute)}:${two(second)}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The widely copied `_should_auto_execute`, line for line (see the module comment). */
export function commonDecision(alert: AlertScenario): Decision {
  const { runs, successes } = alert.history;
  if (runs > 5) {
    const rate = successes / runs;
    if (rate < 0.8) return { kind: 'ask-human', reason: `success rate ${pct(rate)} over ${runs} recent runs is under 80%` };
  }
  const unchecked = runs > 5 ? '' : ` (track record not checked: ${runs} runs, the common rule checks only above 5)`;
  if (alert.severity === 'critical') return { kind: 'auto', reason: `critical alert: runs automatically${unchecked}` };
  const { hour } = clockParts(alert.at);
  if (hour >= 9 && hour <= 17) {
    return alert.severity !== 'low'
      ? { kind: 'auto', reason: `business hours (9 <= hour ${hour} <= 17) and severity ${alert.severity} is not low${unchecked}` }
      : { kind: 'ask-human', reason: `low severity during business hours (9 <= hour ${hour} <= 17, any day of the week)` };
  }
  return { kind: 'auto', reason: `outside business hours (hour ${hour}): runs automatically${unchecked}` };
}

/** The lesson's corrected rule, with business hours Monday to Friday (see the module comment). */
export function lessonDecision(alert: AlertScenario, policy = LESSON_POLICY): Decision {
  if (alert.recentRunsOnTarget >= policy.maxRunsPerTarget) {
    return { kind: 'escalate', reason: `ran ${alert.recentRunsOnTarget} times on ${alert.target} in the last hour: the fix is not holding (loop breaker)` };
  }
  const { runs, successes } = alert.history;
  if (runs < policy.minHistory) return { kind: 'ask-human', reason: `only ${runs} runs on record, under ${policy.minHistory}: trust is earned` };
  const rate = successes / runs;
  if (rate < policy.minSuccessRate) return { kind: 'ask-human', reason: `success rate ${pct(rate)} over ${runs} runs is under ${pct(policy.minSuccessRate)}` };
  if (alert.severity === 'critical') return { kind: 'auto', reason: 'critical alert and a proven runbook: waiting for a person would prolong the outage' };
  const { day, hour } = clockParts(alert.at);
  const { from, to, weekdays } = policy.businessHours;
  if (weekdays.includes(day) && hour >= from && hour < to && alert.severity === 'low') {
    return { kind: 'ask-human', reason: `low severity during business hours (${WEEKDAYS[day]}, ${from}:00 to ${to}:00): someone is there to decide` };
  }
  return { kind: 'auto', reason: `severity ${alert.severity}, ${weekdays.includes(day) && hour >= from && hour < to ? 'business hours' : 'outside business hours'}, proven runbook (${pct(rate)} of ${runs} runs)` };
}

/** The decision of the named policy. */
export const decide = (policy: PolicyName, alert: AlertScenario) => (policy === 'common' ? commonDecision(alert) : lessonDecision(alert));

/** True on weekdays from 9:00 to 17:00, when someone is at a desk to answer. */
export function atDesk(at: number): boolean {
  const { day, hour } = clockParts(at);
  return day < 5 && hour >= 9 && hour < 17;
}

/** How a whole incident ended. `escalated`: the runbook never ran, a person has it. */
export type Outcome = 'succeeded' | 'stopped' | 'rolled-back' | 'escalated';

/** One simulated incident (or a runbook started by hand when there is no alert). */
export interface IncidentRun {
  outcome: Outcome;
  /** The alert that started it; null when a person started the runbook. */
  alert: AlertScenario | null;
  policy: PolicyName;
  decision: Decision | null;
  /** Both rules' decisions, for comparison. */
  decisions: Record<PolicyName, Decision> | null;
  /** The runbook run, if it ran. */
  execution: Execution | null;
  /** Whether the on-call engineer was paged with the log at the end. */
  escalated: boolean;
  /** Simulated time of the first log line (the alert time, or 0). */
  startAt: number;
  /** Seconds from the first to the last log line. */
  totalSeconds: number;
  log: LogEntry[];
  spans: Span[];
}

/** Inputs of one incident. */
export interface IncidentOptions {
  seed: number;
  alert: AlertScenario | null;
  policy: PolicyName;
}

/** Runs an alert through the orchestrator (or the runbook alone when `alert` is null). */
export function runIncident(runbook: Runbook, options: IncidentOptions): IncidentRun {
  const { alert, policy, seed } = options;
  if (!alert) {
    const execution = executeRunbook(runbook, { seed, startAt: 0, approvalSeconds: AT_KEYBOARD_APPROVAL_SECONDS });
    const log = [...execution.log];
    const escalated = execution.outcome !== 'succeeded';
    if (escalated) log.push({ at: execution.endAt, stepId: null, kind: 'escalated', message: escalation(execution) });
    return { outcome: execution.outcome, alert: null, policy, decision: null, decisions: null, execution, escalated, startAt: 0, totalSeconds: execution.endAt, log, spans: execution.spans };
  }
  const log: LogEntry[] = [];
  const start = alert.at;
  const say = (at: number, kind: LogEntry['kind'], message: string) => log.push({ at, stepId: null, kind, message });
  say(start, 'alert', `alert ${alert.alertName} (${alert.severity}) fired on ${alert.target} at ${formatClock(start)}`);
  const decisions = { lesson: lessonDecision(alert), common: commonDecision(alert) };
  const base = { alert, policy, decisions, startAt: start, spans: [] as Span[] };
  if (alert.alertName !== MATCHED_ALERT) {
    const decision: Decision = { kind: 'escalate', reason: `no runbook matches ${alert.alertName}` };
    say(start, 'escalated', `escalated to on-call: ${decision.reason}`);
    return { ...base, outcome: 'escalated', decision, decisions: null, execution: null, escalated: true, totalSeconds: 0, log };
  }
  const decision = decisions[policy];
  say(start, 'decision', `matched runbook ${runbook.name}; ${policy === 'common' ? 'the common' : "the lesson's"} rule decides: ${decisionText(decision.kind)}: ${decision.reason}`);
  if (decision.kind === 'escalate') {
    say(start, 'escalated', `escalated to on-call: ${decision.reason}`);
    return { ...base, outcome: 'escalated', decision, execution: null, escalated: true, totalSeconds: 0, log };
  }
  const response = atDesk(start) ? ON_CALL_RESPONSE_SECONDS.atDesk : ON_CALL_RESPONSE_SECONDS.paged;
  let runAt = start;
  const spans: Span[] = [];
  if (decision.kind === 'ask-human') {
    say(start, 'approval', `paged on-call to approve ${runbook.name}`);
    spans.push({ stepId: '(approval)', kind: 'approval', start, end: start + response });
    runAt = start + response;
    say(runAt, 'approval', `on-call approved the run after ${response / 60} minutes`);
  }
  // Step approvals inside the runbook take as long as a page at this time of day.
  const execution = executeRunbook(runbook, { seed, startAt: runAt, approvalSeconds: response });
  log.push(...execution.log);
  const escalated = execution.outcome !== 'succeeded';
  if (escalated) log.push({ at: execution.endAt, stepId: null, kind: 'escalated', message: escalation(execution) });
  else log.push({ at: execution.endAt, stepId: null, kind: 'notified', message: `notified the incident channel: ${runbook.name} succeeded; watching ${alert.alertName} until it resolves` });
  return { ...base, outcome: execution.outcome, decision, execution, escalated, totalSeconds: tenth(execution.endAt - start), log, spans: [...spans, ...execution.spans] };
}

/** "runs on its own" etc. */
export function decisionText(kind: Decision['kind']): string {
  return kind === 'auto' ? 'run automatically' : kind === 'ask-human' ? 'ask a person first' : 'escalate, do not run';
}

function escalation(e: Execution): string {
  if (e.outcome === 'stopped') return `escalated to on-call: stopped at ${e.atStep}: ${e.reason}`;
  return `escalated to on-call: ${e.reason}; ${rollbackSummary(e)}`;
}
