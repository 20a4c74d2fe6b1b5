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
  if (o.dataAtRisk) return 1;
  switch (o.impact) {
    case 'all-customers':
      return o.coreJourneyBroken ? 1 : 2;
    case 'major-subset':
      return o.coreJourneyBroken ? 2 : 3;
    case 'minor-subset':
      return 3;
    case 'internal-only':
      return 4;
  }
}

/** If unsure, treat it as the higher severity: the worst candidate wins. */
export function whenUnsure(first: Severity, ...others: Severity[]): Severity {
  return others.reduce<Severity>((worst, s) => (s < worst ? s : worst), first);
}

/** SEV-1 and SEV-2 are major incidents: an incident commander and a war room. */
export function isMajor(s: Severity): boolean {
  return s <= 2;
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
  const every = cadenceMinutes[severity][audience];
  return every === undefined ? undefined : lastUpdateAt + every * 60_000;
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
  const posted = timeline
    .filter((e) => e.kind === `update:${audience}`)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  const late: LateUpdate[] = [];
  let last = declaredAt;
  for (const at of posted) {
    const due = nextUpdateDue(severity, audience, last);
    if (due === undefined) return [];
    if (at > due) late.push({ dueAt: due, postedAt: at, lateMinutes: (at - due) / 60_000 });
    last = at;
  }
  const due = nextUpdateDue(severity, audience, last);
  if (due !== undefined && now > due) late.push({ dueAt: due, lateMinutes: (now - due) / 60_000 });
  return late;
}
