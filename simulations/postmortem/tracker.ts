/**
 * The source's action tracker, corrected: one definition of the completion rate (done / all, and
 * 1 for no items, as the lesson fixes it), overdue items at an injected "today", and the lesson's
 * on-track rule: no overdue item AND a completion rate of at least 85%. Whole-number arithmetic,
 * so exactly 85% (34 of 40) is on track without a floating-point coin toss.
 */
import { dayNumber } from './dates';
import { effectiveDue, PRIORITIES, TARGET_PERCENT, type ActionItem, type PostMortem, type Priority } from './document';

/** One item as the tracker sees it. `due` null: no deadline (P3 without a date). */
export interface TrackedItem {
  postmortemId: string;
  postmortemTitle: string;
  id: string;
  description: string;
  owner: string;
  priority: Priority;
  due: string | null;
  status: 'open' | 'done';
  doneDate: string;
}

/** Completion within one owner or one priority. */
export interface TrackerGroup {
  key: string;
  total: number;
  completed: number;
  /** done / total (1 when total is 0). */
  completionRate: number;
  overdue: number;
}

/** The tracker's report at `today`. */
export interface TrackerReport {
  today: string;
  total: number;
  completed: number;
  /** done / all; 1 with no items (nothing is outstanding). */
  completionRate: number;
  targetPercent: number;
  /** Open items whose due day has passed, oldest due first. */
  overdue: TrackedItem[];
  /** Done items closed after their due day. */
  closedLate: number;
  onTrack: boolean;
  /** Why it is or is not on track, in one sentence. */
  verdict: string;
  byOwner: TrackerGroup[];
  byPriority: TrackerGroup[];
}

/** An item is overdue on the day after its due day, if it is still open. */
export function isOverdue(item: Pick<TrackedItem, 'due' | 'status'>, today: string): boolean {
  if (item.status === 'done' || item.due === null) return false;
  const due = dayNumber(item.due);
  const now = dayNumber(today);
  return due !== null && now !== null && now > due;
}

/** The items of some post-mortems, with their effective due dates. */
export function trackedItems(postmortems: readonly PostMortem[]): TrackedItem[] {
  return postmortems.flatMap((pm) =>
    pm.actionItems.map((item: ActionItem) => ({
      postmortemId: pm.id,
      postmortemTitle: pm.title.trim() || pm.incidentId.trim() || pm.id,
      id: item.id,
      description: item.description,
      owner: item.owner,
      priority: item.priority,
      due: effectiveDue(item, pm.date),
      status: item.status,
      doneDate: item.doneDate,
    })),
  );
}

const rate = (completed: number, total: number) => (total === 0 ? 1 : completed / total);

function groupBy(items: readonly TrackedItem[], key: (i: TrackedItem) => string, today: string, order?: readonly string[]): TrackerGroup[] {
  const groups = new Map<string, TrackedItem[]>();
  for (const k of order ?? []) groups.set(k, []);
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  const result = [...groups].map(([k, list]) => {
    const completed = list.filter((i) => i.status === 'done').length;
    return { key: k, total: list.length, completed, completionRate: rate(completed, list.length), overdue: list.filter((i) => isOverdue(i, today)).length };
  });
  return order ? result : result.sort((a, b) => a.key.localeCompare(b.key));
}

/** Formats a rate as a percentage with at most one decimal (`85%`, `82.5%`). */
export function formatRate(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

/**
 * The report on `items` at `today` (a `YYYY-MM-DD` the caller supplies: the model has no clock).
 * Throws on a bad `today`, which the view validates before asking.
 */
export function trackItems(items: readonly TrackedItem[], today: string, targetPercent = TARGET_PERCENT): TrackerReport {
  if (dayNumber(today) === null) throw new Error(`today must be a date written YYYY-MM-DD, got "${today}"`);
  const total = items.length;
  const completed = items.filter((i) => i.status === 'done').length;
  const overdue = items
    .filter((i) => isOverdue(i, today))
    .sort((a, b) => dayNumber(a.due!)! - dayNumber(b.due!)! || a.postmortemId.localeCompare(b.postmortemId) || a.id.localeCompare(b.id));
  const closedLate = items.filter((i) => {
    if (i.status !== 'done' || i.due === null) return false;
    const done = dayNumber(i.doneDate);
    return done !== null && done > dayNumber(i.due)!;
  }).length;
  // completed / total >= target / 100, kept in whole numbers: 34 * 100 >= 85 * 40.
  const meetsTarget = completed * 100 >= targetPercent * total;
  const onTrack = overdue.length === 0 && meetsTarget;
  const completionRate = rate(completed, total);
  const done = `${completed} of ${total} done (${formatRate(completionRate)})`;
  const verdict =
    total === 0
      ? 'On track: no action items, so nothing is outstanding.'
      : onTrack
        ? `On track: ${done}, at least ${targetPercent}%, and nothing overdue.`
        : overdue.length > 0 && !meetsTarget
          ? `Not on track: ${done}, below ${targetPercent}%, and ${overdue.length} overdue.`
          : overdue.length > 0
            ? `Not on track: ${done} meets ${targetPercent}%, but ${overdue.length} ${overdue.length === 1 ? 'item is' : 'items are'} overdue, and any overdue item means off track.`
            : `Not on track: ${done}, below ${targetPercent}%.`;
  return {
    today,
    total,
    completed,
    completionRate,
    targetPercent,
    overdue,
    closedLate,
    onTrack,
    verdict,
    byOwner: groupBy(items, (i) => i.owner.trim() || '(no owner)', today),
    byPriority: groupBy(items, (i) => i.priority, today, PRIORITIES),
  };
}

/** The report over whole post-mortems. */
export function trackPostMortems(postmortems: readonly PostMortem[], today: string, targetPercent = TARGET_PERCENT): TrackerReport {
  return trackItems(trackedItems(postmortems), today, targetPercent);
}
