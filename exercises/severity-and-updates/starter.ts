/** SEV-1 is the most severe: the lower the number, the bigger the response. */
export type Severity = 1 | 2 | 3 | 4;

/** Who is affected, seen from the users' side. */
export type Impact = 'all-customers' | 'major-subset' | 'minor-subset' | 'internal-only';

export interface Observation {
  impact: Impact;
  /** Customer data lost, corrupted or exposed. */
  dataAtRisk: boolean;
  /** A core journey (log in, pay, write through the API) fails outright rather than slows down. */
  coreJourneyBroken: boolean;
}

/** Severity from user impact, not from how alarming the cause looks. */
export function classify(o: Observation): Severity {
  throw new Error('Not implemented: classify');
}

/** If unsure, treat it as the higher severity: the worst candidate wins. */
export function whenUnsure(first: Severity, ...others: Severity[]): Severity {
  throw new Error('Not implemented: whenUnsure');
}

/** SEV-1 and SEV-2 are major incidents: an incident commander and a war room. */
export function isMajor(s: Severity): boolean {
  throw new Error('Not implemented: isMajor');
}

export type Audience = 'responders' | 'stakeholders' | 'customers';

/** Minutes between scheduled updates for each audience; missing means "on state changes only". */
export const cadenceMinutes: Record<Severity, Partial<Record<Audience, number>>> = {
  1: { stakeholders: 30, customers: 30 },
  2: { stakeholders: 60, customers: 60 },
  3: { stakeholders: 240 },
  4: {},
};

/** When the next update to this audience is due (ms since the epoch), or undefined if none is scheduled. */
export function nextUpdateDue(severity: Severity, audience: Audience, lastUpdateAt: number): number | undefined {
  throw new Error('Not implemented: nextUpdateDue');
}

/** An incident timeline entry; an update to an audience has kind `update:<audience>`. */
export interface TimelineEntry {
  at: number;
  kind: string;
  detail: string;
}

/** An update that came after its due time, or (without `postedAt`) one still outstanding at `now`. */
export interface LateUpdate {
  dueAt: number;
  postedAt?: number;
  /** Minutes past `dueAt`: until it was posted, or until `now` if it is still outstanding. */
  lateMinutes: number;
}

/** The late updates to one audience, from the declaration (`declaredAt`) until `now`. */
export function lateUpdates(
  severity: Severity,
  audience: Audience,
  declaredAt: number,
  timeline: readonly TimelineEntry[],
  now: number,
): LateUpdate[] {
  throw new Error('Not implemented: lateUpdates');
}
