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
  throw new Error('Not implemented: postmortemReasons');
}

/** The course's meeting deadlines, in days after resolution. */
export const meetingWithinDays: Record<Severity, number> = { 1: 1, 2: 3, 3: 7, 4: 14 };

/**
 * The post-mortem meeting deadline (ms since the epoch). A deadline that falls on a Saturday or
 * Sunday in `timeZone`, the team's IANA time zone (e.g. 'America/Los_Angeles'), moves to Monday.
 */
export function meetingDeadline(severity: Severity, resolvedAt: number, timeZone: string): number {
  throw new Error('Not implemented: meetingDeadline');
}

/** The facilitator is not the incident commander, who was a decision-maker and is now a witness. */
export function pickFacilitator(rotation: readonly string[], turn: number, commander: string): string {
  throw new Error('Not implemented: pickFacilitator');
}
