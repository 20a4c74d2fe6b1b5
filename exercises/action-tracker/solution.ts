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

const DAY = 86_400_000;
const vagueVerb = /^(improve|review|investigate|look into|consider)\b/i;

/** Problems with one action item, deadlines counted in days from the start of the incident. */
export function checkActionItem(item: ActionItem, incidentAt: number): string[] {
  const problems: string[] = [];
  if (item.owner.trim() === '') problems.push('no owner');
  if (item.successCriteria.trim() === '') problems.push('no success criteria: nobody can say when it is done');
  if (vagueVerb.test(item.description)) problems.push('vague verb: say what will be different afterwards');
  if (item.addresses.length === 0) problems.push('answers no contributing factor or failure');
  const window = dueWithinDays[item.priority];
  const days = Math.round((item.dueAt - incidentAt) / DAY);
  if (window !== undefined && days > window) {
    problems.push(`${item.priority} must be done within ${window} days, but is due after ${days}`);
  }
  return problems;
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
  private readonly entries = new Map<string, { item: ActionItem; doneAt?: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly target = 0.85,
  ) {}

  /** Starts tracking an item; an id may be added only once. */
  add(item: ActionItem): void {
      if (this.entries.has(item.id)) throw new Error(`duplicate action item ${item.id}`);
    this.entries.set(item.id, { item });
  }

  /** Marks an item done at the clock's time. */
  complete(id: string): void {
      const entry = this.entries.get(id);
    if (entry === undefined) throw new Error(`unknown action item ${id}`);
    entry.doneAt ??= this.clock.now();
  }

  /** Share of items done. With no items nothing is outstanding, so the rate is 1. */
  completionRate(): number {
      const all = [...this.entries.values()];
    return all.length === 0 ? 1 : all.filter((e) => e.doneAt !== undefined).length / all.length;
  }

  /** Open items whose due date has passed, oldest first. */
  overdue(): ActionItem[] {
      const now = this.clock.now();
    return [...this.entries.values()]
      .filter((e) => e.doneAt === undefined && e.item.dueAt < now)
      .map((e) => e.item)
      .sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Totals, rate, overdue items, and whether the programme is on track. */
  report(): TrackerReport {
      const total = this.entries.size;
    const completed = [...this.entries.values()].filter((e) => e.doneAt !== undefined).length;
    const overdue = this.overdue();
    const completionRate = this.completionRate();
    return { total, completed, completionRate, overdue, onTrack: overdue.length === 0 && completionRate >= this.target };
  }
}
