export type Priority = 'P0' | 'P1' | 'P2' | 'P3';

/** Days from the incident to done, by priority; P3 has no deadline. One table, used everywhere. */
export const dueWithinDays: Record<Priority, number | undefined> = { P0: 3, P1: 7, P2: 31, P3: undefined };

export interface ActionItem {
  id: string;
  description: string;
  /** A named person or team, never left blank. */
  owner: string;
  priority: Priority;
  /** ms since the epoch. */
  dueAt: number;
  /** How we will know it worked. */
  successCriteria: string;
  /** Ids of the contributing factors or 'went wrong' items it answers. */
  addresses: string[];
}

/** Problems with one action item, deadlines counted in days from the start of the incident. */
export function checkActionItem(item: ActionItem, incidentAt: number): string[] {
  throw new Error('Not implemented: checkActionItem');
}

/** ms since the epoch. Injected, so tests move time. */
export interface Clock {
  now(): number;
}

export interface TrackerReport {
  total: number;
  completed: number;
  completionRate: number;
  overdue: ActionItem[];
  onTrack: boolean;
}

/** Tracks action items to done against a completion target (the often-quoted 85%). */
export class ActionTracker {
  constructor(
    private readonly clock: Clock,
    private readonly target = 0.85,
  ) {}

  /** Starts tracking an item; an id may be added only once. */
  add(item: ActionItem): void {
    throw new Error('Not implemented: add');
  }

  /** Marks an item done at the clock's time. */
  complete(id: string): void {
    throw new Error('Not implemented: complete');
  }

  /** Share of items done. With no items nothing is outstanding, so the rate is 1. */
  completionRate(): number {
    throw new Error('Not implemented: completionRate');
  }

  /** Open items whose due date has passed, oldest first. */
  overdue(): ActionItem[] {
    throw new Error('Not implemented: overdue');
  }

  /** Totals, rate, overdue items, and whether the programme is on track. */
  report(): TrackerReport {
    throw new Error('Not implemented: report');
  }
}
