/**
 * The incident engine, pure: replays a scenario + seed + action log minute by minute and gives the
 * state at any minute (symptoms, golden signals, timeline, messages, metrics). No DOM, no clock,
 * no `Math.random`: every draw comes from a seeded stream keyed by seed, scenario and what is drawn
 * (`42/database-outage/mitigation/failover/0/delay`), so one decision never reshuffles another draw.
 *
 * Rules the engine keeps (and `canApply` explains when it refuses):
 * - minute 0 is when impact starts; the first `alert` symptom fires at the drawn detection minute;
 * - one change at a time: a mitigation keeps the team busy for its delay, and nothing else is
 *   changed in production until it has taken effect; one diagnostic runs at a time;
 * - a mitigation that "fixes" restores service when it takes effect (if its drawn chance works);
 *   "partial" and "worse" scale the error ratio; second failures (injects) add errors until the
 *   mitigation that clears them takes effect; a fix with `recursAfterMinutes` only buys time;
 * - resolving needs service restored, and ends the run.
 */
import { createRng } from '../core/rng';
import {
  mitigations as MITIGATIONS,
  roles as ROLES,
  type Action,
  type IncidentEngine,
  type IncidentMetrics,
  type IncidentState,
  type Mitigation,
  type MitigationEffect,
  type Role,
  type RunResult,
  type Scenario,
  type Severity,
  type SignalPoint,
  type SymptomSpec,
  type TimelineEntry,
} from './contract';
import { MAX_SCENARIO_MINUTE, validateScenario } from './scenario-schema';

/** The longest run, in minutes (4 hours); the clock stops there. */
export const MAX_MINUTES = MAX_SCENARIO_MINUTE;

/** The healthy service the faults move away from. */
export const NORMAL_SIGNALS = { errorRatio: 0, p99Ms: 180, traffic: 1, saturation: 35 } as const;

/** Minutes a mitigation the scenario does not list keeps the team busy (it changes nothing). */
export const UNLISTED_MITIGATION_MINUTES = 5;

/** The incident commander should be named within this many minutes of acknowledging the page. */
export const COMMANDER_WITHIN_MINUTES = 10;

/** Escalate if service is not restored this many minutes after acknowledgement (the lesson's checkpoint)... */
export const ESCALATION_CHECKPOINT_MINUTES = 30;
/** ...at the latest this many minutes after the checkpoint. */
export const ESCALATION_GRACE_MINUTES = 5;

/** An executive's question is answered by an internal update within this many minutes. */
export const STAKEHOLDER_ANSWER_MINUTES = 10;

/** An under-declared severity may be corrected within this many minutes of declaring. */
export const SEVERITY_CORRECTION_MINUTES = 15;

/**
 * Minutes between internal (stakeholder) updates by severity, from the lesson's cadence table:
 * SEV-1 about every 30 minutes, SEV-2 hourly, SEV-3 every 4 hours, SEV-4 on state changes only.
 */
export const STAKEHOLDER_CADENCE: Record<Severity, number | null> = { 1: 30, 2: 60, 3: 240, 4: null };
/** Minutes between public (customer) updates: SEV-1 30, SEV-2 60; minor incidents on state changes only. */
export const CUSTOMER_CADENCE: Record<Severity, number | null> = { 1: 30, 2: 60, 3: null, 4: null };

/** SEV-1 and SEV-2 are major incidents: the full ICS response. */
export const isMajor = (s: Severity): boolean => s <= 2;

// ---------------------------------------------------------------------------------------------
// Seeded draws
// ---------------------------------------------------------------------------------------------

/** One uniform draw in [0, 1) from the stream named `seed/scenario/key`. */
export function drawUniform(seed: number, scenarioId: string, key: string): number {
  return createRng(`${seed}/${scenarioId}/${key}`)();
}

/** A minute: fixed, or a whole number drawn uniformly from `min..max` (both included). */
export function drawMinute(spec: number | { min: number; max: number }, seed: number, scenarioId: string, key: string): number {
  if (typeof spec === 'number') return spec;
  return spec.min + Math.floor(drawUniform(seed, scenarioId, key) * (spec.max - spec.min + 1));
}

/** The drawn times of a run: detection, and when each symptom appears (the first alert is the detection). */
export function drawnTimes(scenario: Scenario, seed: number): { detectionAt: number; symptoms: Record<string, number> } {
  const detectionAt = drawMinute(scenario.detectionAt, seed, scenario.id, 'detection');
  const firstAlert = scenario.symptoms.find((s) => s.kind === 'alert');
  const symptoms: Record<string, number> = {};
  for (const s of scenario.symptoms) symptoms[s.id] = s === firstAlert ? detectionAt : drawMinute(s.at, seed, scenario.id, `symptom/${s.id}`);
  return { detectionAt, symptoms };
}

// ---------------------------------------------------------------------------------------------
// The replay
// ---------------------------------------------------------------------------------------------

const MITIGATION_LABEL: Record<Mitigation, string> = {
  failover: 'Failover',
  restart: 'Restart',
  rollback: 'Rollback',
  'scale-up': 'Scale-up',
  'feature-flag-off': 'Feature flag off',
  'renew-certificate': 'Certificate renewal',
  'rate-limit': 'Rate limiting',
  'revert-config': 'Configuration revert',
};
/** Human names of the mitigations. */
export const mitigationLabel = (m: Mitigation): string => MITIGATION_LABEL[m];

const ROLE_LABEL: Record<Role, string> = {
  'incident-commander': 'incident commander',
  operations: 'operations lead',
  communications: 'communications lead',
  scribe: 'scribe (planning)',
};
/** Human names of the ICS roles. */
export const roleLabel = (r: Role): string => ROLE_LABEL[r];

interface Pending {
  at: number;
  run: () => void;
}

/** Everything the replay tracks; `IncidentState` is built from it. */
interface Sim {
  scenario: Scenario;
  seed: number;
  t: number;
  detectionAt: number;
  symptomTimes: Record<string, number>;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  declaredAt: number | null;
  firstDeclaredSeverity: Severity | null;
  severity: Severity | null;
  roleHolders: Partial<Record<Role, string>>;
  resolvedAt: number | null;
  fault: { active: boolean; since: number; multiplier: number; relapseAt: number | null; relapses: number[] };
  usedRecurringFix: boolean;
  injects: Map<string, { firedAt: number; active: boolean }>;
  mitigationBusy: { mitigation: Mitigation; until: number } | null;
  diagnosticBusy: { check: string; until: number } | null;
  diagnosticsDone: Map<string, number>;
  attempts: Map<Mitigation, number>;
  pending: Pending[];
  timeline: TimelineEntry[];
  messages: { at: number; text: string }[];
  healthySince: number | null;
  firstHealthyAt: number | null;
  restoringActionAt: number | null;
  /** The start minute of the action whose effect is being applied right now (for time to mitigate). */
  effectActionAt: number | null;
  lastActionAt: number;
  accepted: Action[];
  signals: SignalPoint[];
  impactMinutes: number;
  failedRequests: number;
}

function newSim(scenario: Scenario, seed: number): Sim {
  const drawn = drawnTimes(scenario, seed);
  return {
    scenario,
    seed,
    t: 0,
    detectionAt: drawn.detectionAt,
    symptomTimes: drawn.symptoms,
    acknowledgedAt: null,
    acknowledgedBy: null,
    declaredAt: null,
    firstDeclaredSeverity: null,
    severity: null,
    roleHolders: {},
    resolvedAt: null,
    fault: { active: true, since: 0, multiplier: 1, relapseAt: null, relapses: [] },
    usedRecurringFix: false,
    injects: new Map(),
    mitigationBusy: null,
    diagnosticBusy: null,
    diagnosticsDone: new Map(),
    attempts: new Map(),
    pending: [],
    timeline: [{ at: 0, source: 'system', kind: 'impact-start', text: `Impact starts on ${scenario.service} (known only afterwards, from the graphs).`, visibleToTeam: false }],
    messages: [],
    healthySince: null,
    firstHealthyAt: null,
    restoringActionAt: null,
    effectActionAt: null,
    lastActionAt: 0,
    accepted: [],
    signals: [],
    impactMinutes: 0,
    failedRequests: 0,
  };
}

/** The first minute the team could know: the first alert, or an earlier customer report they can see. */
function firstNoticeAt(sim: Sim): number {
  const reports = sim.scenario.symptoms.filter((s) => s.kind === 'customer-report' && s.visibleToTeam !== false).map((s) => sim.symptomTimes[s.id]!);
  return Math.min(sim.detectionAt, ...reports);
}

const isHealthy = (sim: Sim) => !sim.fault.active && ![...sim.injects.values()].some((i) => i.active);
const nonEmpty = (s: unknown) => typeof s === 'string' && s.trim() !== '';

/** Why `action` cannot happen now in `sim`, or null if it can. */
function refusal(sim: Sim, action: Action): string | null {
  const { scenario } = sim;
  if (!Number.isInteger(action.at) || action.at < 0) return `its minute must be a whole number from 0; got ${String(action.at)}`;
  if (action.at > MAX_MINUTES) return `the run ends at minute ${MAX_MINUTES}`;
  if (action.at < sim.lastActionAt) return `actions must be in time order: minute ${action.at} comes after an action at minute ${sim.lastActionAt}`;
  if (sim.resolvedAt !== null) return `the incident was resolved at minute ${sim.resolvedAt}; the run is over`;
  const detected = action.at >= firstNoticeAt(sim);
  const acknowledged = sim.acknowledgedAt !== null;
  const needAck = 'acknowledge the page first: nobody is working on the incident yet';
  const needDeclare = 'declare the incident first';
  switch (action.kind) {
    case 'acknowledge':
      if (!detected) return 'nothing has paged yet and nobody has reported a problem';
      if (acknowledged) return `already acknowledged by ${sim.acknowledgedBy ?? 'someone'} at minute ${sim.acknowledgedAt}`;
      if (!nonEmpty(action.by)) return 'say who acknowledges the page';
      return null;
    case 'declare':
      if (!detected) return 'nothing to declare yet: no alert has fired and nobody has noticed';
      if (sim.declaredAt !== null) return `already declared as SEV-${sim.severity} at minute ${sim.declaredAt}; change the severity instead`;
      if (![1, 2, 3, 4].includes(action.severity)) return `severity must be 1, 2, 3 or 4; got ${String(action.severity)}`;
      if (!nonEmpty(action.title)) return 'give the incident a title';
      return null;
    case 'set-severity':
      if (sim.declaredAt === null) return needDeclare;
      if (![1, 2, 3, 4].includes(action.severity)) return `severity must be 1, 2, 3 or 4; got ${String(action.severity)}`;
      if (action.severity === sim.severity) return `it is already SEV-${sim.severity}`;
      if (!nonEmpty(action.reason)) return 'say why the severity changes';
      return null;
    case 'assign-role':
      if (sim.declaredAt === null) return `${needDeclare}, then hand out roles`;
      if (!(ROLES as readonly string[]).includes(action.role)) return `unknown role "${String(action.role)}"; roles: ${ROLES.join(', ')}`;
      if (!nonEmpty(action.person)) return 'name the person taking the role';
      if (sim.roleHolders[action.role] === action.person.trim()) return `${action.person} is already the ${roleLabel(action.role)}`;
      return null;
    case 'status-update':
      if (!acknowledged) return needAck;
      if (action.audience !== 'internal' && action.audience !== 'public') return `audience must be internal or public; got ${String(action.audience)}`;
      if (!nonEmpty(action.text)) return 'write the update';
      return null;
    case 'diagnose': {
      if (!acknowledged) return needAck;
      const known = scenario.diagnostics.map((d) => d.check);
      if (!known.includes(action.check)) return `unknown check "${action.check}"; checks: ${known.join('; ')}`;
      if (sim.diagnosticBusy && action.at < sim.diagnosticBusy.until) return `"${sim.diagnosticBusy.check}" is still running until minute ${sim.diagnosticBusy.until}`;
      const done = sim.diagnosticsDone.get(action.check);
      if (done !== undefined) return `"${action.check}" already ran at minute ${done}; its finding is in the messages`;
      return null;
    }
    case 'mitigate':
      if (!acknowledged) return needAck;
      if (!(MITIGATIONS as readonly string[]).includes(action.mitigation)) return `unknown mitigation "${String(action.mitigation)}"; mitigations: ${MITIGATIONS.join(', ')}`;
      if (sim.mitigationBusy && action.at < sim.mitigationBusy.until) {
        return `one change at a time: ${mitigationLabel(sim.mitigationBusy.mitigation).toLowerCase()} is still in progress until minute ${sim.mitigationBusy.until}`;
      }
      return null;
    case 'escalate':
      if (!acknowledged) return needAck;
      if (!nonEmpty(action.to)) return 'say whom you escalate to';
      if (!nonEmpty(action.reason)) return 'say why you escalate';
      return null;
    case 'resolve':
      if (!acknowledged) return needAck;
      if (!isHealthy(sim)) return 'service is not restored yet: users are still affected (resolve only after recovery)';
      return null;
    case 'note':
      if (!nonEmpty(action.text)) return 'write the note';
      return null;
    case 'inject': {
      const inject = scenario.injects.find((i) => i.id === action.inject);
      if (!inject) return `unknown inject "${action.inject}"; injects: ${scenario.injects.map((i) => i.id).join(', ') || 'none'}`;
      const fired = sim.injects.get(inject.id);
      if (fired) return `"${inject.title}" already fired at minute ${fired.firedAt}`;
      return null;
    }
    default:
      return `unknown action kind "${String((action as { kind: unknown }).kind)}"`;
  }
}

function team(sim: Sim, kind: string, text: string): void {
  sim.timeline.push({ at: sim.t, source: 'team', kind, text, visibleToTeam: true });
}
function system(sim: Sim, at: number, kind: string, text: string, visibleToTeam = true): void {
  sim.timeline.push({ at, source: 'system', kind, text, visibleToTeam });
}
function message(sim: Sim, at: number, text: string): void {
  sim.messages.push({ at, text });
}

/** The scenario's effect for a mitigation, or "changes nothing, keeps the team busy" when unlisted. */
function effectOf(scenario: Scenario, m: Mitigation): MitigationEffect {
  return (
    scenario.mitigations.find((e) => e.mitigation === m) ?? {
      mitigation: m,
      effect: 'nothing',
      delayMinutes: UNLISTED_MITIGATION_MINUTES,
      message: `${mitigationLabel(m)} finished: no change in the signals.`,
    }
  );
}

function applyMitigation(sim: Sim, action: Extract<Action, { kind: 'mitigate' }>): void {
  const { scenario, seed } = sim;
  const m = action.mitigation;
  const attempt = sim.attempts.get(m) ?? 0;
  sim.attempts.set(m, attempt + 1);
  const spec = effectOf(scenario, m);
  const key = `mitigation/${m}/${attempt}`;
  const delay = drawMinute(spec.delayMinutes, seed, scenario.id, `${key}/delay`);
  const works = drawUniform(seed, scenario.id, `${key}/chance`) < (spec.chance ?? 1);
  const effectAt = action.at + delay;
  sim.mitigationBusy = { mitigation: m, until: effectAt };
  team(sim, 'mitigate', `${mitigationLabel(m)} started${action.target ? ` on ${action.target}` : ''} (attempt ${attempt + 1}).`);
  const label = mitigationLabel(m);
  sim.pending.push({
    at: effectAt,
    run: () => {
      sim.mitigationBusy = null;
      sim.effectActionAt = action.at;
      if (!works) {
        const text = `${label} did not work this time: the signals did not change. It may work if you try again.`;
        message(sim, effectAt, text);
        system(sim, effectAt, 'mitigation-failed', text);
        return;
      }
      let text = spec.message;
      const f = sim.fault;
      if (spec.effect === 'fixes') {
        if (f.active) {
          f.active = false;
          f.relapseAt = spec.recursAfterMinutes !== undefined ? effectAt + spec.recursAfterMinutes : null;
        } else if (spec.recursAfterMinutes === undefined) f.relapseAt = null;
        if (spec.recursAfterMinutes !== undefined) sim.usedRecurringFix = true;
      } else if (spec.effect === 'partial' || spec.effect === 'worse') {
        if (f.active) f.multiplier *= spec.factor ?? 1;
        else text = `${label} finished: no change in the signals.`;
      }
      for (const inject of scenario.injects) {
        const fired = sim.injects.get(inject.id);
        if (fired?.active && inject.clearedBy === m) {
          fired.active = false;
          text += ` ${label} also cleared the second problem (${inject.title}).`;
        }
      }
      message(sim, effectAt, text);
      system(sim, effectAt, 'mitigation-effect', `${label} took effect: ${text}`);
    },
  });
}

function applyAction(sim: Sim, action: Action): void {
  const { scenario } = sim;
  switch (action.kind) {
    case 'acknowledge':
      sim.acknowledgedAt = action.at;
      sim.acknowledgedBy = action.by.trim();
      team(sim, 'acknowledge', `Page acknowledged by ${action.by.trim()}.`);
      break;
    case 'declare':
      if (sim.acknowledgedAt === null) {
        sim.acknowledgedAt = action.at;
        sim.acknowledgedBy = 'the declaring responder';
      }
      sim.declaredAt = action.at;
      sim.severity = action.severity;
      sim.firstDeclaredSeverity = action.severity;
      team(sim, 'declare', `Incident declared: SEV-${action.severity}, "${action.title.trim()}".`);
      if (isMajor(action.severity)) message(sim, action.at, `SEV-${action.severity} is a major incident: war room opened, an incident commander is paged.`);
      break;
    case 'set-severity':
      team(sim, 'set-severity', `Severity changed from SEV-${sim.severity} to SEV-${action.severity}: ${action.reason.trim()}`);
      sim.severity = action.severity;
      break;
    case 'assign-role': {
      const person = action.person.trim();
      const before = sim.roleHolders[action.role];
      sim.roleHolders[action.role] = person;
      team(sim, 'assign-role', before ? `${roleLabel(action.role)} handed from ${before} to ${person}.` : `${person} is ${roleLabel(action.role)}.`);
      break;
    }
    case 'status-update':
      team(sim, `status-update:${action.audience}`, `${action.audience === 'public' ? 'Public (status page)' : 'Internal (stakeholders)'} update: ${action.text.trim()}`);
      break;
    case 'diagnose': {
      const d = scenario.diagnostics.find((x) => x.check === action.check)!;
      const doneAt = action.at + d.minutes;
      sim.diagnosticBusy = { check: d.check, until: doneAt };
      sim.diagnosticsDone.set(d.check, action.at);
      team(sim, 'diagnose', `Running check: ${d.check}.`);
      sim.pending.push({
        at: doneAt,
        run: () => {
          sim.diagnosticBusy = null;
          message(sim, doneAt, `${d.check}: ${d.finding}`);
          system(sim, doneAt, 'finding', `Finding (${d.check}): ${d.finding}`);
        },
      });
      break;
    }
    case 'mitigate':
      applyMitigation(sim, action);
      break;
    case 'escalate':
      team(sim, 'escalate', `Escalated to ${action.to.trim()}: ${action.reason.trim()}`);
      message(sim, action.at, `${action.to.trim()} joins the incident.`);
      break;
    case 'resolve':
      sim.resolvedAt = action.at;
      team(sim, 'resolve', 'Incident resolved.');
      if (sim.fault.relapseAt !== null) {
        message(sim, action.at, `After you resolved, the problem would come back at minute ${sim.fault.relapseAt}: the fix only bought time.`);
      }
      break;
    case 'note':
      team(sim, 'note', action.text.trim());
      break;
    case 'inject': {
      const inject = scenario.injects.find((i) => i.id === action.inject)!;
      sim.injects.set(inject.id, { firedAt: action.at, active: inject.kind === 'second-failure' });
      sim.timeline.push({ at: action.at, source: 'facilitator', kind: `inject:${inject.kind}`, text: `Inject "${inject.title}" (${inject.kind}).`, visibleToTeam: false });
      system(sim, action.at, inject.kind === 'stakeholder' || inject.kind === 'customer-escalation' ? 'message' : 'alert', inject.text);
      message(sim, action.at, inject.text);
      break;
    }
  }
}

/** The fault's intensity at minute t: 0 when inactive, ramping up to the multiplier after a (re)start. */
function intensity(sim: Sim, t: number): number {
  const f = sim.fault;
  if (!f.active) return 0;
  const ramp = sim.scenario.signals.rampMinutes;
  const rampShare = ramp === 0 ? 1 : Math.min(1, (t - f.since + 1) / ramp);
  return rampShare * f.multiplier;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function pointAt(sim: Sim, t: number): SignalPoint {
  const s = sim.scenario.signals;
  const k = intensity(sim, t);
  const extra = sim.scenario.injects.reduce((sum, i) => sum + (sim.injects.get(i.id)?.active ? (i.addsErrorRatio ?? 0) : 0), 0);
  const errorRatio = Math.min(1, s.errorRatio * k + extra);
  const traffic = Math.max(0, NORMAL_SIGNALS.traffic + (s.traffic - NORMAL_SIGNALS.traffic) * k);
  const trafficRps = sim.scenario.requestsPerSecond * traffic;
  sim.impactMinutes += errorRatio;
  sim.failedRequests += errorRatio * trafficRps * 60;
  return {
    minute: t,
    errorRatio: round(errorRatio, 4),
    p99Ms: Math.round(Math.min(120_000, NORMAL_SIGNALS.p99Ms + (s.p99Ms - NORMAL_SIGNALS.p99Ms) * k)),
    trafficRps: round(trafficRps, 1),
    saturation: round(Math.min(100, Math.max(0, NORMAL_SIGNALS.saturation + (s.saturation - NORMAL_SIGNALS.saturation) * k)), 1),
  };
}

function runDue(sim: Sim): void {
  for (;;) {
    const i = sim.pending.findIndex((p) => p.at === sim.t);
    if (i < 0) return;
    const [p] = sim.pending.splice(i, 1);
    p!.run();
  }
}

/** Replays the run to `minute` (or to its resolve minute, if earlier). */
function replay(scenario: Scenario, seed: number, actions: readonly Action[], minute: number): { sim: Sim; end: number; ignored: { action: Action; reason: string }[] } {
  const sim = newSim(scenario, seed);
  const end = Math.max(0, Math.min(MAX_MINUTES, Math.floor(Number.isFinite(minute) ? minute : 0)));
  const ignored: { action: Action; reason: string }[] = [];
  const firstAlert = scenario.symptoms.find((s) => s.kind === 'alert');
  let next = 0;
  let last = end;
  for (let t = 0; t <= end; t++) {
    sim.t = t;
    sim.effectActionAt = null;
    // 1. The world moves: a temporary fix wears off, symptoms appear, earlier actions take effect.
    if (sim.fault.relapseAt === t && !sim.fault.active) {
      sim.fault.active = true;
      sim.fault.since = t;
      sim.fault.multiplier = 1;
      sim.fault.relapseAt = null;
      sim.fault.relapses.push(t);
      system(sim, t, 'relapse', 'The problem is back: the signals are getting worse again.');
      message(sim, t, 'The problem is back: the signals are getting worse again.');
    }
    for (const s of scenario.symptoms) {
      if (sim.symptomTimes[s.id] === t && sim.firstHealthyAt === null) {
        const text = s === firstAlert ? `First alert fired: ${s.text}` : `${symptomKindLabel(s.kind)}: ${s.text}`;
        system(sim, t, s === firstAlert ? 'detection' : `symptom:${s.kind}`, text, s.visibleToTeam !== false);
      }
    }
    runDue(sim);
    // 2. The team acts, in the log's order.
    while (next < actions.length && actions[next]!.at <= t) {
      const action = actions[next]!;
      next += 1;
      const why = refusal(sim, action);
      if (why !== null) {
        ignored.push({ action, reason: why });
        message(sim, t, `Not done (${action.kind} at minute ${action.at}): ${why}.`);
        continue;
      }
      sim.lastActionAt = action.at;
      sim.accepted.push(action);
      applyAction(sim, action);
      runDue(sim);
    }
    // 3. Is the service healthy from this minute on?
    if (isHealthy(sim)) {
      if (sim.healthySince === null) {
        sim.healthySince = t;
        sim.firstHealthyAt ??= t;
        sim.restoringActionAt = sim.effectActionAt;
        system(sim, t, 'restored', 'The signals are back to normal: service restored.');
      }
    } else sim.healthySince = null;
    if (sim.resolvedAt !== null) {
      last = t;
      break;
    }
    if (t < end) sim.signals.push(pointAt(sim, t));
  }
  // After resolve the run is over; actions after `end` are simply not part of this state.
  if (sim.resolvedAt !== null) for (; next < actions.length; next++) ignored.push({ action: actions[next]!, reason: `the incident was resolved at minute ${sim.resolvedAt}; the run is over` });
  sim.t = last;
  return { sim, end: last, ignored };
}

function symptomKindLabel(kind: SymptomSpec['kind']): string {
  return { alert: 'Alert', log: 'Log', 'customer-report': 'Customer report', 'chart-note': 'Dashboard', status: 'Status' }[kind];
}

// ---------------------------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------------------------

type Check = IncidentMetrics['practice']['checks'][number];

/** Who held each role after each accepted action (to judge who was hands-on when). */
function rolesAt(actions: readonly Action[], minute: number, before: number): Partial<Record<Role, string>> {
  const holders: Partial<Record<Role, string>> = {};
  for (let i = 0; i < before; i++) {
    const a = actions[i]!;
    if (a.at > minute) break;
    if (a.kind === 'assign-role') holders[a.role] = a.person.trim();
  }
  return holders;
}

/** Whether updates to one audience kept the cadence from `from` to `to`; the detail names the longest gap. */
function cadenceCheck(name: string, times: number[], from: number, to: number, every: number, audience: string, severity: Severity): Check {
  const points = [from, ...times.filter((x) => x >= from && x <= to), to];
  let worst = { gap: 0, start: from };
  for (let i = 1; i < points.length; i++) {
    const gap = points[i]! - points[i - 1]!;
    if (gap > worst.gap) worst = { gap, start: points[i - 1]! };
  }
  const count = times.filter((x) => x >= from && x <= to).length;
  // A declaration is a change of state: it needs at least one update even before the cadence runs out.
  const passed = worst.gap <= every && count > 0;
  const detail = count === 0
    ? `No ${audience} update since minute ${from} (SEV-${severity} needs one on declaring, then at least every ${every} minutes).`
    : passed
    ? `${count} ${audience} update${count === 1 ? '' : 's'}; never more than ${every} minutes apart (SEV-${severity} cadence).`
    : `${count} ${audience} update${count === 1 ? '' : 's'}; ${worst.gap} minutes without one from minute ${worst.start} (SEV-${severity} needs one at least every ${every} minutes).`;
  return { name, passed, detail };
}

function practiceChecks(sim: Sim, end: number): Check[] {
  const s = sim.scenario;
  const expected = s.expectedSeverity;
  const major = isMajor(expected);
  const acts = sim.accepted;
  const checks: Check[] = [];
  const ack = sim.acknowledgedAt;
  const icAction = acts.find((a) => a.kind === 'assign-role' && a.role === 'incident-commander');

  // 1. A commander, early.
  if (ack === null) checks.push({ name: 'Incident commander named early', passed: false, detail: 'The page was never acknowledged.' });
  else if (!icAction) checks.push({ name: 'Incident commander named early', passed: false, detail: 'Nobody was named incident commander.' });
  else {
    const late = icAction.at - ack;
    checks.push({
      name: 'Incident commander named early',
      passed: late <= COMMANDER_WITHIN_MINUTES,
      detail: `Named at minute ${icAction.at}, ${late} minute${late === 1 ? '' : 's'} after acknowledgement (within ${COMMANDER_WITHIN_MINUTES} is early).`,
    });
  }

  // 2. Roles delegated (major incidents).
  const holders = sim.roleHolders;
  const ic = holders['incident-commander'];
  if (!major) {
    checks.push({ name: 'Roles delegated', passed: true, detail: `A SEV-${expected} is not a major incident: the commander may hold every role.` });
  } else {
    const missing = (['operations', 'communications'] as const).filter((r) => !holders[r] || holders[r] === ic);
    checks.push({
      name: 'Roles delegated',
      passed: missing.length === 0,
      detail:
        missing.length === 0
          ? `Operations: ${holders.operations}; communications: ${holders.communications}; neither is the commander.`
          : `Not delegated to someone other than the commander: ${missing.map(roleLabel).join(', ')}.`,
    });
    const scribe = holders.scribe;
    checks.push({
      name: 'Someone keeps the timeline',
      passed: scribe !== undefined && scribe !== ic,
      detail: scribe !== undefined && scribe !== ic ? `${scribe} is scribe (planning).` : 'No scribe (planning chief) other than the commander: the timeline is rebuilt from memory later.',
    });
  }

  // 3. The commander's hands stay off the keyboard (major incidents).
  if (major) {
    const handsOn = acts.flatMap((a, i) => {
      if (a.kind !== 'mitigate' && a.kind !== 'diagnose') return [];
      const r = rolesAt(acts, a.at, i);
      return !r.operations || r.operations === r['incident-commander'] ? [a] : [];
    });
    checks.push({
      name: 'Commander not hands-on',
      passed: handsOn.length === 0,
      detail:
        handsOn.length === 0
          ? 'Every diagnostic and change went through an operations lead other than the commander.'
          : `${handsOn.length} diagnostic${handsOn.length === 1 ? '' : 's'} or change${handsOn.length === 1 ? '' : 's'} (first at minute ${handsOn[0]!.at}) while the commander also held operations.`,
    });
  }

  // 4. Severity: if unsure, the higher one.
  if (sim.declaredAt === null || sim.firstDeclaredSeverity === null) {
    checks.push({ name: 'Declared at the right severity', passed: false, detail: `Never declared; the facts justify SEV-${expected}.` });
  } else if (sim.firstDeclaredSeverity <= expected) {
    checks.push({ name: 'Declared at the right severity', passed: true, detail: `Declared SEV-${sim.firstDeclaredSeverity} at minute ${sim.declaredAt}; the facts justify SEV-${expected}.` });
  } else {
    const fix = acts.find((a) => a.kind === 'set-severity' && a.severity <= expected && a.at <= sim.declaredAt! + SEVERITY_CORRECTION_MINUTES);
    checks.push({
      name: 'Declared at the right severity',
      passed: fix !== undefined,
      detail: fix
        ? `Declared SEV-${sim.firstDeclaredSeverity}, raised to SEV-${(fix as { severity: Severity }).severity} at minute ${fix.at}.`
        : `Declared SEV-${sim.firstDeclaredSeverity} but the facts justify SEV-${expected}; if unsure, take the higher severity.`,
    });
  }

  // 5. Updates on cadence, from the declaration (or acknowledgement) to the end.
  const start = sim.declaredAt ?? ack;
  const stop = sim.resolvedAt ?? end;
  const updates = (audience: 'internal' | 'public') => acts.flatMap((a) => (a.kind === 'status-update' && a.audience === audience ? [a.at] : []));
  const internalEvery = STAKEHOLDER_CADENCE[expected];
  if (internalEvery !== null) {
    if (start === null) checks.push({ name: 'Stakeholder updates on cadence', passed: false, detail: 'The incident was never acknowledged, so nobody was told.' });
    else checks.push(cadenceCheck('Stakeholder updates on cadence', updates('internal'), start, stop, internalEvery, 'internal', expected));
  }
  const publicEvery = CUSTOMER_CADENCE[expected];
  if (publicEvery !== null) {
    if (start === null) checks.push({ name: 'Customer updates on cadence', passed: false, detail: 'The incident was never acknowledged, so customers heard nothing.' });
    else {
      const c = cadenceCheck('Customer updates on cadence', updates('public'), start, stop, publicEvery, 'public', expected);
      if (c.passed && sim.resolvedAt !== null && sim.healthySince !== null && !updates('public').some((x) => x >= sim.healthySince!)) {
        c.passed = false;
        c.detail += ` But no public update after service was restored at minute ${sim.healthySince}: customers were not told it is over.`;
      }
      checks.push(c);
    }
  }

  // 6. An executive asked: answered through an update, not by interrupting the commander.
  for (const inject of s.injects.filter((i) => i.kind === 'stakeholder')) {
    const fired = sim.injects.get(inject.id);
    if (!fired) continue;
    const answer = updates('internal').find((x) => x >= fired.firedAt && x <= fired.firedAt + STAKEHOLDER_ANSWER_MINUTES);
    const due = fired.firedAt + STAKEHOLDER_ANSWER_MINUTES;
    if (answer === undefined && stop < due) continue; // not due yet
    checks.push({
      name: `Answered "${inject.title}"`,
      passed: answer !== undefined,
      detail:
        answer !== undefined
          ? `Internal update at minute ${answer}, ${answer - fired.firedAt} minutes after the question (at minute ${fired.firedAt}).`
          : `No internal update within ${STAKEHOLDER_ANSWER_MINUTES} minutes of the question at minute ${fired.firedAt}.`,
    });
  }

  // 7. Escalate when stuck.
  if (ack !== null) {
    const restored = sim.healthySince;
    const checkpoint = ack + ESCALATION_CHECKPOINT_MINUTES;
    const escalation = acts.find((a) => a.kind === 'escalate' && a.at <= checkpoint + ESCALATION_GRACE_MINUTES);
    if (restored !== null && restored <= checkpoint) {
      checks.push({ name: 'Escalated when stuck', passed: true, detail: `Not needed: service restored ${restored - ack} minutes after acknowledgement (checkpoint ${ESCALATION_CHECKPOINT_MINUTES}).` });
    } else if (end > checkpoint + ESCALATION_GRACE_MINUTES || escalation) {
      checks.push({
        name: 'Escalated when stuck',
        passed: escalation !== undefined,
        detail: escalation
          ? `Escalated at minute ${escalation.at} (${escalation.kind === 'escalate' ? escalation.to : ''}).`
          : `No escalation by minute ${checkpoint + ESCALATION_GRACE_MINUTES}, although service was not restored ${ESCALATION_CHECKPOINT_MINUTES} minutes after acknowledgement.`,
      });
    }
  }

  // 8. A temporary fix is followed by a lasting one.
  if (sim.usedRecurringFix) {
    const relapsed = sim.fault.relapses;
    const pending = sim.fault.relapseAt;
    const held = relapsed.length === 0 && pending === null;
    checks.push({
      name: 'The fix holds',
      passed: held,
      detail: held
        ? 'A temporary fix bought time and a lasting fix followed.'
        : relapsed.length > 0
          ? `The problem came back at minute ${relapsed.join(', ')}: the first fix only bought time.`
          : `The fix only buys time: the problem comes back at minute ${pending}.`,
    });
  }
  return checks;
}

function metricsOf(sim: Sim, end: number): IncidentMetrics {
  const s = sim.scenario;
  const allowed = (1 - s.slo.target) * s.requestsPerSecond * 86_400 * s.slo.periodDays;
  const checks = practiceChecks(sim, end);
  const passed = checks.filter((c) => c.passed).length;
  // Detected by the first alert, or earlier when the team took up a customer report before any alert.
  const ack = sim.acknowledgedAt;
  const detectedAt = ack !== null && ack < sim.detectionAt ? ack : sim.detectionAt;
  return {
    timeToDetect: end >= detectedAt ? detectedAt : null,
    // Only a page can be acknowledged: a human-reported incident taken up before the alert has no MTTA.
    timeToAcknowledge: ack !== null && ack >= sim.detectionAt ? ack - sim.detectionAt : null,
    timeToMitigate: sim.healthySince !== null ? sim.restoringActionAt : null,
    timeToRecover: sim.healthySince,
    timeToResolve: sim.resolvedAt,
    customerImpactMinutes: round(sim.impactMinutes, 2),
    failedRequests: Math.round(sim.failedRequests),
    errorBudgetSpent: round(sim.failedRequests / allowed, 4),
    severity: { declared: sim.severity, expected: s.expectedSeverity, matches: sim.severity === s.expectedSeverity },
    practice: { score: checks.length === 0 ? 100 : Math.round((100 * passed) / checks.length), checks },
  };
}

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

function phaseOf(sim: Sim, end: number): IncidentState['phase'] {
  if (sim.resolvedAt !== null) return 'resolved';
  if (sim.healthySince !== null) return 'mitigated';
  if (sim.declaredAt !== null) return 'declared';
  if (sim.acknowledgedAt !== null) return 'acknowledged';
  return end >= sim.detectionAt ? 'alerting' : 'undetected';
}

/** The state at `minute` of a run (a resolved run stops at its resolve minute). */
export function stateAt(scenario: Scenario, seed: number, actions: readonly Action[], minute: number): IncidentState {
  const { sim, end } = replay(scenario, seed, actions, minute);
  const symptoms = scenario.symptoms
    .map((s) => ({ ...s, shownAt: sim.symptomTimes[s.id]! }))
    .filter((s) => s.shownAt <= end && (sim.firstHealthyAt === null || s.shownAt < sim.firstHealthyAt))
    .sort((a, b) => a.shownAt - b.shownAt);
  const timeline = sim.timeline.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
  return {
    scenario,
    seed,
    minute: end,
    actions: sim.accepted,
    phase: phaseOf(sim, end),
    severity: sim.severity,
    roleHolders: { ...sim.roleHolders },
    symptoms,
    signals: sim.signals,
    timeline,
    restoredAt: sim.healthySince,
    metrics: metricsOf(sim, end),
    messages: sim.messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.at - b.m.at || a.i - b.i).map(({ m }) => m),
  };
}

/** The actions of a log that the engine refused when replaying it to `minute`, with the reasons. */
export function ignoredActions(scenario: Scenario, seed: number, actions: readonly Action[], minute: number): { action: Action; reason: string }[] {
  return replay(scenario, seed, actions, minute).ignored;
}

/** Whether `action` may happen now; `action.at` must not be before the state's minute. */
export function canApply(state: IncidentState, action: Action): { ok: true } | { ok: false; reason: string } {
  if (state.phase === 'resolved') return { ok: false, reason: `the incident was resolved at minute ${state.minute}; the run is over` };
  if (!Number.isInteger(action.at) || action.at < 0) return { ok: false, reason: `its minute must be a whole number from 0; got ${String(action.at)}` };
  if (action.at < state.minute) return { ok: false, reason: `actions must be in time order: the clock is at minute ${state.minute}, the action is at minute ${action.at}` };
  const { sim } = replay(state.scenario, state.seed, state.actions, Math.min(MAX_MINUTES, action.at));
  // Replaying to the action's minute applies everything already due then; check against that.
  const why = refusal(sim, action);
  return why === null ? { ok: true } : { ok: false, reason: why };
}

/** Injects with `autoAt` at or before `minute` that the log has not fired yet (the self-paced view adds them). */
export function dueAutoInjects(scenario: Scenario, actions: readonly Action[], minute: number): Action[] {
  const fired = new Set(actions.flatMap((a) => (a.kind === 'inject' ? [a.inject] : [])));
  return scenario.injects
    .filter((i) => i.autoAt !== undefined && i.autoAt <= minute && !fired.has(i.id))
    .sort((a, b) => a.autoAt! - b.autoAt!)
    .map((i) => ({ at: i.autoAt!, kind: 'inject', inject: i.id }) as Action);
}

/** The actions taken before minute `m`: a fork continues from here with other decisions. */
export function forkAt(actions: readonly Action[], m: number): Action[] {
  return actions.filter((a) => a.at < m);
}

/** The result file of a run. */
export function toResult(state: IncidentState, team: string, exportedAt: string): RunResult {
  return {
    format: 'reliability-lab-incident-result',
    version: 1,
    team,
    run: { scenario: state.scenario.id, seed: state.seed, actions: state.actions.map((a) => ({ ...a })) },
    scenarioTitle: state.scenario.title,
    endedAt: state.minute,
    metrics: state.metrics,
    timeline: state.timeline,
    rootCause: state.scenario.rootCause,
    exportedAt,
  };
}

const minutesText = (m: number | null) => (m === null ? 'not reached' : `${m} min`);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Days to complete an action item by priority, as the post-mortem lesson gives them (P3: no deadline). */
export const ACTION_DUE_DAYS = { P0: 3, P1: 7, P2: 31, P3: null } as const;

/** A blameless Markdown post-mortem draft from a result: the team fills in the analysis. */
export function postmortemMarkdown(result: RunResult): string {
  const m = result.metrics;
  const sev = m.severity.declared === null ? 'not declared' : `SEV-${m.severity.declared}`;
  const hh = (min: number) => `T+${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  const lines: string[] = [
    `# Post-mortem: ${result.scenarioTitle}`,
    '',
    `*Blameless draft generated from a simulated run (scenario \`${result.run.scenario}\`, seed ${result.run.seed}, team ${result.team || 'unnamed'}). Times are minutes from impact start. Describe what systems and processes allowed this, not who erred.*`,
    '',
    '## Summary',
    '',
    `${result.scenarioTitle}. Severity ${sev} (the facts justify SEV-${m.severity.expected}). Service was ${m.timeToRecover === null ? 'not restored during the run' : `restored after ${m.timeToRecover} minutes`}${m.timeToResolve === null ? '' : `; the incident was resolved at minute ${m.timeToResolve}`}.`,
    '',
    '## Impact',
    '',
    `- Customer impact: ${m.customerImpactMinutes} full-outage-equivalent minutes; ${m.failedRequests.toLocaleString('en-US')} failed requests.`,
    `- Error budget spent: ${(m.errorBudgetSpent * 100).toFixed(1)}% of the SLO period's budget.`,
  ];
  if (m.errorBudgetSpent > 0.2) lines.push('- This incident spent more than 20% of the error budget: the error budget policy asks for at least one P0 action item.');
  lines.push(
    '',
    '## Metrics',
    '',
    '| metric | value |',
    '|---|---|',
    `| time to detect (impact start to first alert) | ${minutesText(m.timeToDetect)} |`,
    `| time to acknowledge (alert to acknowledgement) | ${minutesText(m.timeToAcknowledge)} |`,
    `| time to mitigate (impact start to the restoring change) | ${minutesText(m.timeToMitigate)} |`,
    `| **time to recover, this course's MTTR** (impact start to service restored) | ${minutesText(m.timeToRecover)} |`,
    `| time to resolve (impact start to resolved) | ${minutesText(m.timeToResolve)} |`,
    `| incident-command practice | ${m.practice.score}% of checks passed |`,
    '',
    '## Timeline',
    '',
    '| time | source | what happened |',
    '|---|---|---|',
    ...result.timeline.map((e) => `| ${hh(e.at)} | ${e.source} | ${cell(e.text)} |`),
    '',
    '## Incident-command practice',
    '',
    ...m.practice.checks.map((c) => `- [${c.passed ? 'x' : ' '}] ${c.name}: ${c.detail}`),
    '',
    '## Root cause',
    '',
    '_To be written by the team: the conditions that made this possible, in systems terms._',
    '',
    `> Revealed in the debrief: ${result.rootCause}`,
    '',
    '## 5 Whys',
    '',
    '1. Why did users see errors? ',
    '2. Why? ',
    '3. Why? ',
    '4. Why? ',
    '5. Why? ',
    '',
    '_Follow more than one branch, and stop at something you can change (not "human error")._',
    '',
    '## What went well / what went wrong / where we got lucky',
    '',
    '- Went well: ',
    '- Went wrong: ',
    '- Lucky: ',
    '',
    '## Action items',
    '',
    'Deadlines follow the priority: P0 within 3 days, P1 within 7 days, P2 within 31 days, P3 no deadline. Every item needs an owner and a success criterion.',
    '',
    '| priority | action | owner | due within | success criterion |',
    '|---|---|---|---|---|',
    ...(Object.entries(ACTION_DUE_DAYS) as [string, number | null][]).map(([p, d]) => `| ${p} |  |  | ${d === null ? 'no deadline' : `${d} days`} |  |`),
    '',
  );
  return lines.join('\n');
}

/** Loads and validates a scenario from parsed JSON; errors name the path. */
export function parseScenario(value: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  return validateScenario(value);
}

/** The engine as one object, per the contract. */
export const incidentEngine: IncidentEngine = { parseScenario, stateAt, canApply, toResult, postmortemMarkdown };
