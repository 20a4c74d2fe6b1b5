/** SEV-1 is the most severe. */
export type Severity = 1 | 2 | 3 | 4;

export interface IncidentFacts {
  severity: Severity;
  /** Share of the four-week error budget this incident consumed, 0 to 1. */
  budgetSpent: number;
  dataLost: boolean;
  /** No alert caught it: a person reported it. */
  reportedByHuman: boolean;
  /** Rollback, failover, hand-edited config. */
  manualIntervention: boolean;
}

/** Why this incident needs a written post-mortem; an empty list means it does not. */
export function postmortemReasons(f: IncidentFacts): string[] {
  const reasons: string[] = [];
  if (f.severity <= 2) reasons.push('major incident (SEV-1 or SEV-2)');
  if (f.budgetSpent > 0.2) reasons.push('spent over 20% of the error budget: needs at least one P0 action item');
  if (f.dataLost) reasons.push('data was lost');
  if (f.reportedByHuman) reasons.push('monitoring did not detect it');
  if (f.manualIntervention) reasons.push('recovery needed manual intervention');
  return reasons;
}

/** The course's meeting deadlines, in days after resolution. */
export const meetingWithinDays: Record<Severity, number> = { 1: 1, 2: 3, 3: 7, 4: 14 };

/** The weekday at `at` in the team's time zone (e.g. 'Sat'): never the server's, never UTC's unless the team works in UTC. */
function weekday(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone }).format(new Date(at));
}

/**
 * The post-mortem meeting deadline (ms since the epoch). A deadline that falls on a Saturday or
 * Sunday in `timeZone`, the team's IANA time zone (e.g. 'America/Los_Angeles'), moves to Monday.
 */
export function meetingDeadline(severity: Severity, resolvedAt: number, timeZone: string): number {
  const day = 86_400_000;
  let deadline = resolvedAt + meetingWithinDays[severity] * day;
  while (['Sat', 'Sun'].includes(weekday(deadline, timeZone))) deadline += day;
  return deadline;
}

/** The facilitator is not the incident commander, who was a decision-maker and is now a witness. */
export function pickFacilitator(rotation: readonly string[], turn: number, commander: string): string {
  const candidates = rotation.filter((person) => person !== commander);
  const pick = candidates[turn % candidates.length];
  if (pick === undefined) throw new Error('no facilitator available other than the incident commander');
  return pick;
}
