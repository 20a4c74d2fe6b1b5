/**
 * The stress dial: how often the scenario's injects fire by themselves during a game day.
 * `off` never; `low` fires the distracting injects (stakeholders, customers, misleading alerts,
 * never a second failure) every 15-25 simulated minutes; `high` fires every inject, the second
 * failure included, every 5-10 minutes. Order and gaps are drawn from the run's seed, so the same
 * seed and dial give the same game day, and each inject fires at most once.
 */
import { createRng } from '../core/rng';
import type { Action, InjectSpec } from '../incident/contract';
import { MAX_MINUTE } from './clock';

/** The dial's positions. */
export const STRESS_LEVELS = ['off', 'low', 'high'] as const;
export type StressLevel = (typeof STRESS_LEVELS)[number];

/** True if `value` names a stress level. */
export function isStressLevel(value: unknown): value is StressLevel {
  return typeof value === 'string' && (STRESS_LEVELS as readonly string[]).includes(value);
}

/** Gaps between automatic injects (simulated minutes, inclusive) and how many may fire, per level. */
export const STRESS_PACE: Record<Exclude<StressLevel, 'off'>, { minGap: number; maxGap: number; maxInjects: number; secondFailures: boolean }> = {
  low: { minGap: 15, maxGap: 25, maxInjects: 2, secondFailures: false },
  high: { minGap: 5, maxGap: 10, maxInjects: Infinity, secondFailures: true },
};

/** One automatic inject: its id and the minute it fires. */
export interface ScheduledInject {
  at: number;
  inject: string;
}

/**
 * The automatic injects of a game day, in firing order. Drawn from the stream `<seed>/stress/<level>`
 * (its own stream, so the dial never changes any other draw of the run): the eligible injects are
 * shuffled, then each fires a drawn gap after the previous one (the first a gap after minute 0).
 */
export function stressSchedule(injects: readonly InjectSpec[], seed: number, level: StressLevel): ScheduledInject[] {
  if (level === 'off') return [];
  const pace = STRESS_PACE[level];
  const rng = createRng(`${seed}/stress/${level}`);
  const pool = injects.filter((i) => pace.secondFailures || i.kind !== 'second-failure').map((i) => i.id);
  // Fisher-Yates shuffle with the seeded stream.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const schedule: ScheduledInject[] = [];
  let at = 0;
  for (const inject of pool.slice(0, Math.min(pool.length, pace.maxInjects))) {
    at += pace.minGap + Math.floor(rng() * (pace.maxGap - pace.minGap + 1));
    if (at > MAX_MINUTE) break;
    schedule.push({ at, inject });
  }
  return schedule;
}

/**
 * The inject actions due when the clock moves from `fromMinute` (exclusive) to `toMinute`
 * (inclusive), skipping injects the log already holds (fired by hand or earlier).
 */
export function dueInjects(schedule: readonly ScheduledInject[], fromMinute: number, toMinute: number, actions: readonly Action[]): Action[] {
  const fired = new Set(actions.flatMap((a) => (a.kind === 'inject' ? [a.inject] : [])));
  return schedule.filter((s) => s.at > fromMinute && s.at <= toMinute && !fired.has(s.inject)).map((s) => ({ at: s.at, kind: 'inject', inject: s.inject }));
}
