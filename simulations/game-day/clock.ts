/**
 * The game day's simulated clock: how many real milliseconds one simulated minute lasts at each
 * speed, and where the clock stops. The machine drives it with XState `after` timers, so tests
 * advance it with a SimulatedClock instead of waiting.
 */

/** The speeds a facilitator can pick: one simulated minute per 10 s, 5 s, 2 s or 1 s of real time. */
export const SPEEDS = ['10s', '5s', '2s', '1s'] as const;
export type Speed = (typeof SPEEDS)[number];

/** Real milliseconds per simulated minute, by speed. */
export const MS_PER_MINUTE: Record<Speed, number> = { '10s': 10_000, '5s': 5_000, '2s': 2_000, '1s': 1_000 };

/** The speed a game day starts at: one simulated minute every 10 seconds (an hour in 10 minutes). */
export const DEFAULT_SPEED: Speed = '10s';

/** The clock stops here (4 simulated hours); the facilitator then ends the game day. */
export const MAX_MINUTE = 240;

/** True if `value` names a speed. */
export function isSpeed(value: unknown): value is Speed {
  return typeof value === 'string' && (SPEEDS as readonly string[]).includes(value);
}

/** "1 simulated minute per 10 s (an hour in 10 min)", for the speed picker. */
export function speedLabel(speed: Speed): string {
  const seconds = MS_PER_MINUTE[speed] / 1000;
  const hourMinutes = (seconds * 60) / 60;
  return `1 minute per ${seconds} s (an hour in ${hourMinutes} min)`;
}

/** The next faster speed, or the same one at the fastest. */
export function faster(speed: Speed): Speed {
  return SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(speed) + 1)]!;
}

/** A simulated minute as the clock shows it: `T+0:07` for minute 7, `T+1:05` for minute 65. */
export function clockText(minute: number): string {
  const whole = Math.max(0, Math.floor(minute));
  return `T+${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
