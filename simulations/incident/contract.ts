/**
 * The incident simulator's contract: the scenario file format, the action log, the engine's
 * functions and the result a run exports. The engine (`engine.ts`), the lesson's view, the
 * game-day console and the post-mortem editor all code against these types; change them only
 * with all of their users.
 *
 * Time is simulated minutes from the start of the scenario (minute 0 = impact starts). Every
 * random draw comes from a seeded RNG (`simulations/core/rng.ts`), so a scenario + seed + action
 * log always gives the same incident, in the browser and in `npx rlab incident`.
 */

/** SEV-1 is the most severe. SEV-1 and SEV-2 are major incidents (PagerDuty). */
export type Severity = 1 | 2 | 3 | 4;

/** Incident Command System roles, as the lesson maps them (IC holds every unassigned role). */
export const roles = ['incident-commander', 'operations', 'communications', 'scribe'] as const;
export type Role = (typeof roles)[number];

/** Mitigations a team can try. */
export const mitigations = ['failover', 'restart', 'rollback', 'scale-up', 'feature-flag-off', 'renew-certificate', 'rate-limit', 'revert-config'] as const;
export type Mitigation = (typeof mitigations)[number];

/** What the team (or the facilitator) does; every action carries the simulated minute it happened. */
export type Action =
  | { at: number; kind: 'acknowledge'; by: string }
  | { at: number; kind: 'declare'; severity: Severity; title: string }
  | { at: number; kind: 'set-severity'; severity: Severity; reason: string }
  | { at: number; kind: 'assign-role'; role: Role; person: string }
  | { at: number; kind: 'status-update'; audience: 'internal' | 'public'; text: string }
  | { at: number; kind: 'diagnose'; check: string }
  | { at: number; kind: 'mitigate'; mitigation: Mitigation; target?: string }
  | { at: number; kind: 'escalate'; to: string; reason: string }
  | { at: number; kind: 'resolve' }
  | { at: number; kind: 'note'; text: string }
  /** Facilitator only: fire one of the scenario's injects now. */
  | { at: number; kind: 'inject'; inject: string };

/** A symptom the team can see, appearing at a minute (and optionally clearing at one). */
export interface SymptomSpec {
  id: string;
  kind: 'alert' | 'log' | 'customer-report' | 'chart-note' | 'status';
  /** Minute it appears; may depend on a draw: `{ min, max }` uniform, drawn from the seed. */
  at: number | { min: number; max: number };
  text: string;
  /** Shown on the team view? (false: facilitator only, e.g. a hint.) Default true. */
  visibleToTeam?: boolean;
}

/** How the service's golden signals move while the fault is active (multipliers/levels per minute). */
export interface SignalSpec {
  /** 5xx ratio while the fault is active and unmitigated (0-1). */
  errorRatio: number;
  /** p99 latency in ms while active. */
  p99Ms: number;
  /** Traffic relative to normal (1 = normal). */
  traffic: number;
  /** Saturation (CPU or pool) percent while active. */
  saturation: number;
  /** Minutes over which the fault ramps up from normal (0 = at once). */
  rampMinutes: number;
}

/** The effect of a mitigation in this scenario. */
export interface MitigationEffect {
  mitigation: Mitigation;
  /** fixes: service restored after `delayMinutes`; partial: error ratio scaled by `factor`; nothing; worse: error ratio scaled by `factor` > 1; costs time: the team is busy `delayMinutes`. */
  effect: 'fixes' | 'partial' | 'nothing' | 'worse';
  /** Minutes before the effect shows. May be a draw `{ min, max }`. */
  delayMinutes: number | { min: number; max: number };
  /** For partial/worse: multiplier on the error ratio. */
  factor?: number;
  /** Chance (0-1) that it works as described; otherwise it does nothing. Drawn from the seed. Default 1. */
  chance?: number;
  /** What the team sees when it takes effect. */
  message: string;
  /** For fixes: the fault comes back this many minutes after the fix took effect (a restart that only buys time), unless a lasting fix follows. Optional (additive). */
  recursAfterMinutes?: number;
}

/** A diagnostic check the team can run, and what it reveals. */
export interface DiagnosticSpec {
  check: string;
  /** Minutes it takes. */
  minutes: number;
  finding: string;
}

/** Something the facilitator can fire: a second failure, an executive asking for an ETA, a misleading alert. */
export interface InjectSpec {
  id: string;
  title: string;
  kind: 'second-failure' | 'stakeholder' | 'misleading-alert' | 'customer-escalation';
  text: string;
  /** For second-failure: extra error ratio added while unmitigated, and the mitigation that clears it. */
  addsErrorRatio?: number;
  clearedBy?: Mitigation;
  /** Minute it fires by itself in a self-paced run (the lesson's view adds it to the action log); a facilitator fires injects by hand. Optional (additive). */
  autoAt?: number;
}

/** A scenario file (`simulations/incident/scenarios/<id>.json`), validated by `scenario-schema.ts`. */
export interface Scenario {
  /** Format version of the file. */
  version: 1;
  id: string;
  title: string;
  /** One paragraph shown to the team at the start. */
  briefing: string;
  service: string;
  /** Normal traffic in requests per second (for impact and error-budget arithmetic). */
  requestsPerSecond: number;
  /** SLO of the service, e.g. 0.999, and its period in days, for the error budget spent. */
  slo: { target: number; periodDays: number };
  /** The severity the facts justify, by the lesson's criteria, and why. */
  expectedSeverity: Severity;
  severityReason: string;
  /** Hidden from the team: what really broke. */
  rootCause: string;
  /** Hidden: notes for the facilitator (what good looks like, common traps). */
  facilitatorNotes: string[];
  /** Minute the first alert fires (detection), possibly drawn. */
  detectionAt: number | { min: number; max: number };
  signals: SignalSpec;
  symptoms: SymptomSpec[];
  diagnostics: DiagnosticSpec[];
  mitigations: MitigationEffect[];
  injects: InjectSpec[];
  /** What the debrief explains. */
  debrief: string;
}

/** A run: everything needed to replay it exactly. Shareable as a link or a file. */
export interface RunSpec {
  scenario: string;
  seed: number;
  actions: Action[];
}

/** One minute of the service as charts show it. */
export interface SignalPoint {
  minute: number;
  errorRatio: number;
  p99Ms: number;
  trafficRps: number;
  saturation: number;
}

/** A line of the timeline the scribe would write: built from actions, symptoms and injects. */
export interface TimelineEntry {
  at: number;
  source: 'system' | 'team' | 'facilitator';
  kind: string;
  text: string;
  /** Shown on the team view? */
  visibleToTeam: boolean;
}

/** Metrics at the end (or so far), per sre-facts §4: MTTR is time to recovery (impact start -> restored). */
export interface IncidentMetrics {
  /** Minutes from impact start to the first alert (or to the team taking up an earlier customer report). */
  timeToDetect: number | null;
  /** Minutes from the first alert to acknowledgement (null when the team took it up from a report before any alert). */
  timeToAcknowledge: number | null;
  /** Minutes from impact start to the mitigation that restored service. */
  timeToMitigate: number | null;
  /** Minutes from impact start to service restored (the course's MTTR). */
  timeToRecover: number | null;
  /** Minutes from impact start to resolve. */
  timeToResolve: number | null;
  /** Sum over minutes of the share of requests failing (user-minutes of full outage equivalent). */
  customerImpactMinutes: number;
  /** Failed requests over the run. */
  failedRequests: number;
  /** Share of the period's error budget spent (0-1+). */
  errorBudgetSpent: number;
  /** Declared severity vs the scenario's expected one. */
  severity: { declared: Severity | null; expected: Severity; matches: boolean };
  /** ICS practice: roles assigned (and by when), status updates on cadence, IC not doing operations. */
  /** `score`: passed checks out of all checks, in percent (0-100, rounded). */
  practice: { score: number; checks: { name: string; passed: boolean; detail: string }[] };
}

/** The state of a run at a minute, as the engine computes it. */
export interface IncidentState {
  scenario: Scenario;
  seed: number;
  /** Minute the run has reached. */
  minute: number;
  actions: Action[];
  phase: 'undetected' | 'alerting' | 'acknowledged' | 'declared' | 'mitigated' | 'resolved';
  severity: Severity | null;
  roleHolders: Partial<Record<Role, string>>;
  /** Symptoms visible so far (with their drawn times). */
  symptoms: (SymptomSpec & { shownAt: number })[];
  signals: SignalPoint[];
  timeline: TimelineEntry[];
  /** Minute service was restored, if it was. */
  restoredAt: number | null;
  metrics: IncidentMetrics;
  /** Human-readable results of the last actions (diagnostic findings, mitigation outcomes). */
  messages: { at: number; text: string }[];
}

/** What a run exports for the debrief, the comparison page and the post-mortem editor. */
export interface RunResult {
  format: 'reliability-lab-incident-result';
  version: 1;
  /** Team name typed by the facilitator. */
  team: string;
  run: RunSpec;
  scenarioTitle: string;
  /** Minute the run ended. */
  endedAt: number;
  metrics: IncidentMetrics;
  timeline: TimelineEntry[];
  rootCause: string;
  /** ISO time the file was written (wall clock; not used in any computation). */
  exportedAt: string;
}

/** The engine's API (implemented in `engine.ts`). Pure functions; no clock, no DOM. */
export interface IncidentEngine {
  /** Loads and validates a scenario from parsed JSON; errors name the path (`mitigations[2].effect`). */
  parseScenario(value: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: string[] };
  /** The state at `minute` of a run: replays the actions up to it (actions after it are ignored). */
  stateAt(scenario: Scenario, seed: number, actions: readonly Action[], minute: number): IncidentState;
  /** Whether an action is allowed now, and why not (e.g. "resolve before service is restored"). */
  canApply(state: IncidentState, action: Action): { ok: true } | { ok: false; reason: string };
  /** The result file of a run. */
  toResult(state: IncidentState, team: string, exportedAt: string): RunResult;
  /** A Markdown post-mortem draft from a result (summary, timeline, metrics, root cause, action items to fill). */
  postmortemMarkdown(result: RunResult): string;
}
