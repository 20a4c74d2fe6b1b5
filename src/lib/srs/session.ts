/**
 * What a drill session asks, in which order: cards that are due first, interleaved across the
 * course's blocks so one topic does not come in a long run, then (if the learner wants them)
 * new cards the learner has not met yet, in course order.
 */
import type { CourseCard } from '../cards/schema';
import { dueCards, type CardState, type SrsSettings } from './schedule';

/** One planned question of a session. */
export interface SessionItem {
  card: CourseCard;
  /** Due for review, or new to the learner. */
  kind: 'due' | 'new';
}

/** Round-robin over groups, keeping each group's own order: [a1 a2] [b1] -> a1 b1 a2. */
export function interleave<T>(groups: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...groups.map((g) => g.length));
  for (let i = 0; i < longest; i++) for (const g of groups) if (i < g.length) out.push(g[i]!);
  return out;
}

/** Groups items by block, groups in block order. */
function byBlock<T>(items: T[], blockOf: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(blockOf(item), [...(groups.get(blockOf(item)) ?? []), item]);
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/**
 * Plans a session at `now`: up to `sessionLength` due cards (most overdue first within each
 * block, blocks interleaved), then up to `newPerSession` new cards if `includeNew` and there is room.
 */
export function planSession(
  cards: readonly CourseCard[],
  states: Map<string, CardState>,
  now: number,
  settings: Pick<SrsSettings, 'sessionLength' | 'newPerSession'>,
  includeNew: boolean,
): SessionItem[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  // Cards removed from the course since they were reviewed are skipped.
  const due = dueCards(states, now).flatMap((s) => (byId.has(s.card) ? [byId.get(s.card)!] : []));
  const dueItems = interleave(byBlock(due, (c) => c.block)).slice(0, settings.sessionLength).map((card) => ({ card, kind: 'due' as const }));
  if (!includeNew) return dueItems;
  const room = Math.min(settings.newPerSession, settings.sessionLength - dueItems.length);
  const fresh = cards.filter((c) => !states.has(c.id));
  const newItems = interleave(byBlock(fresh, (c) => c.block)).slice(0, Math.max(0, room)).map((card) => ({ card, kind: 'new' as const }));
  return [...dueItems, ...newItems];
}

/** How many cards are new (in the course, never reviewed). */
export const countNew = (cards: readonly CourseCard[], states: Map<string, CardState>) => cards.filter((c) => !states.has(c.id)).length;
