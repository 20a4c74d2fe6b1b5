/** SEV-1 is the most severe: the lower the number, the bigger the response. */
export type Severity = 1 | 2 | 3 | 4;
/** The four ICS roles; `planning` is the planning chief (PagerDuty's scribe). */
export type Role = 'commander' | 'operations' | 'communications' | 'planning';
export type Audience = 'responders' | 'stakeholders' | 'customers';

/** Milliseconds since the epoch. Injected, so tests control time. */
export interface Clock {
  now(): number;
}

/** Paging, chat and the status page, injected rather than imported. */
export interface Channels {
  page(person: string, reason: string): void;
  openWarRoom(incidentId: string): void;
  post(incidentId: string, audience: Audience, text: string): void;
}

export interface TimelineEntry {
  at: number;
  kind: string;
  detail: string;
}

export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  affectedServices: string[];
  /** In users' words; reused in customer updates. */
  customerImpact: string;
  /** Users began to hurt; often only known afterwards. */
  impactStartedAt: number;
  /** Someone or something noticed. */
  detectedAt: number;
  /** Missing when a human reported it. */
  alertFiredAt?: number;
  /** A person took the page. */
  acknowledgedAt?: number;
  /** Users no longer hurt: the recovery clock stops. */
  mitigatedAt?: number;
  /** The commander closed the incident. */
  resolvedAt?: number;
  roles: Partial<Record<Role, string>>;
  timeline: TimelineEntry[];
}

export type NewIncident = Omit<Incident, 'id' | 'roles' | 'timeline'>;

export interface Deps {
  clock: Clock;
  channels: Channels;
  nextId: () => string;
}

/** Opens the incident record with its commander; SEV-1 and SEV-2 start the major-incident response. */
export function declareIncident(init: NewIncident, commander: string, deps: Deps): Incident {
  const incident: Incident = { ...init, id: deps.nextId(), roles: { commander }, timeline: [] };
  const note = `SEV-${init.severity} declared, commander ${commander}`;
  incident.timeline.push({ at: deps.clock.now(), kind: 'declared', detail: note });
  if (init.severity <= 2) {
    deps.channels.page(commander, `${incident.id} SEV-${init.severity}: ${init.title}`);
    deps.channels.openWarRoom(incident.id);
  }
  if (init.severity === 1) deps.channels.post(incident.id, 'stakeholders', `SEV-1: ${init.title}`);
  return incident;
}

/** Delegates a role to a person, records it and pages them. */
export function assignRole(incident: Incident, role: Role, person: string, deps: Deps): void {
  incident.roles[role] = person;
  incident.timeline.push({ at: deps.clock.now(), kind: 'role', detail: `${role}: ${person}` });
  deps.channels.page(person, `You are ${role} for ${incident.id}`);
}

/** Who holds `role` now: its assignee, or the commander, who holds every role not delegated. */
export function roleHolder(incident: Incident, role: Role): string | undefined {
  return incident.roles[role] ?? incident.roles.commander;
}

/** Raises the severity. Lowering it is a separate, deliberate decision: escalate refuses it. */
export function escalate(incident: Incident, to: Severity, reason: string, deps: Deps): void {
  const from = incident.severity;
  if (to >= from) throw new RangeError(`SEV-${to} is not more severe than SEV-${from}`);
  incident.severity = to;
  incident.timeline.push({ at: deps.clock.now(), kind: 'escalated', detail: `SEV-${from} to SEV-${to}: ${reason}` });
  if (from > 2 && to <= 2) {
    // It has just become a major incident: it needs a commander and a war room now.
    deps.channels.page(incident.roles.commander ?? 'incident-commander-rotation', `${incident.id} is now SEV-${to}`);
    deps.channels.openWarRoom(incident.id);
  }
  if (to === 1) deps.channels.post(incident.id, 'stakeholders', `${incident.id} escalated to SEV-1: ${reason}`);
}

/** Users are no longer hurt. The recovery clock (this course's MTTR) stops at the first mitigation. */
export function mitigate(incident: Incident, how: string, deps: Deps): void {
  incident.mitigatedAt ??= deps.clock.now();
  incident.timeline.push({ at: deps.clock.now(), kind: 'mitigated', detail: how });
  deps.channels.post(incident.id, 'customers', 'Service has been restored. We are monitoring and will post a final update.');
}

/** Closes the incident: only the commander may, and only once impact has ended. */
export function resolve(incident: Incident, by: string, summary: string, deps: Deps): void {
  if (by !== incident.roles.commander) throw new Error(`only the commander resolves ${incident.id}`);
  if (incident.mitigatedAt === undefined) throw new Error(`${incident.id} still has user impact`);
  incident.resolvedAt = deps.clock.now();
  incident.timeline.push({ at: incident.resolvedAt, kind: 'resolved', detail: summary });
}

/** The timestamps the metrics need (ms since the epoch); the optional ones may be missing. */
export interface Times {
  impactStartedAt: number;
  detectedAt: number;
  alertFiredAt?: number;
  acknowledgedAt?: number;
  mitigatedAt?: number;
}

export interface ResponseMetrics {
  /** Mean time to detect: impact start to detection, in minutes. */
  mttd?: number;
  /** Mean time to acknowledge: alert fired to acknowledged, alerted incidents only. */
  mtta?: number;
  /** Mean time to recovery: impact start to service restored, mitigated incidents only. */
  mttrRecovery?: number;
  incidents: number;
}

/** The mean of some spans in ms, in minutes; undefined for no spans (no data is not 0). */
const meanMinutes = (spans: number[]): number | undefined =>
  spans.length === 0 ? undefined : spans.reduce((a, b) => a + b, 0) / spans.length / 60_000;

/** MTTD, MTTA and MTTR (recovery) in minutes over a set of incidents; undefined when nothing counts. */
export function responseMetrics(incidents: readonly Times[]): ResponseMetrics {
  const detect = incidents.map((i) => i.detectedAt - i.impactStartedAt);
  const ack = incidents.flatMap((i) =>
    i.alertFiredAt !== undefined && i.acknowledgedAt !== undefined ? [i.acknowledgedAt - i.alertFiredAt] : [],
  );
  const recover = incidents.flatMap((i) => (i.mitigatedAt === undefined ? [] : [i.mitigatedAt - i.impactStartedAt]));
  return { mttd: meanMinutes(detect), mtta: meanMinutes(ack), mttrRecovery: meanMinutes(recover), incidents: incidents.length };
}
