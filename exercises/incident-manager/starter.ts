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
  throw new Error('Not implemented: declareIncident');
}

/** Delegates a role to a person, records it and pages them. */
export function assignRole(incident: Incident, role: Role, person: string, deps: Deps): void {
  throw new Error('Not implemented: assignRole');
}

/** Who holds `role` now: its assignee, or the commander, who holds every role not delegated. */
export function roleHolder(incident: Incident, role: Role): string | undefined {
  throw new Error('Not implemented: roleHolder');
}

/** Raises the severity. Lowering it is a separate, deliberate decision: escalate refuses it. */
export function escalate(incident: Incident, to: Severity, reason: string, deps: Deps): void {
  throw new Error('Not implemented: escalate');
}

/** Users are no longer hurt. The recovery clock (this course's MTTR) stops at the first mitigation. */
export function mitigate(incident: Incident, how: string, deps: Deps): void {
  throw new Error('Not implemented: mitigate');
}

/** Closes the incident: only the commander may, and only once impact has ended. */
export function resolve(incident: Incident, by: string, summary: string, deps: Deps): void {
  throw new Error('Not implemented: resolve');
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

/** MTTD, MTTA and MTTR (recovery) in minutes over a set of incidents; undefined when nothing counts. */
export function responseMetrics(incidents: readonly Times[]): ResponseMetrics {
  throw new Error('Not implemented: responseMetrics');
}
