/** Durations in seconds, written the Prometheus way: `15s`, `5m`, `1h`, `30d`, `1h30m`. */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const PART = /(\d+(?:\.\d+)?)([smhdw])/g;
const WHOLE = /^(?:\d+(?:\.\d+)?[smhdw])+$/;

/** Longest duration text read (characters); anything longer is not a duration a person typed. */
const MAX_DURATION_TEXT = 64;

/**
 * Parses `15s`, `1m`, `6h`, `28d`, `1w`, compounds like `1h30m`, or a bare number of seconds.
 * Returns null for anything else (including negative, empty, overlong or infinite input).
 */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s.length > MAX_DURATION_TEXT) return null;
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number.isFinite(Number(s)) ? Number(s) : null;
  if (!WHOLE.test(s)) return null;
  let total = 0;
  for (const [, value, unit] of s.matchAll(PART)) total += Number(value) * UNIT_SECONDS[unit!]!;
  return Number.isFinite(total) ? total : null;
}

/** A window length in its largest exact unit: 300 -> `5m`, 129600 -> `36h`, 259200 -> `3d`. */
export function formatWindow(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit]!;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** A duration for people: 3480 -> `58m`, 86460 -> `1d 1m`, 0 -> `0s`, -90 -> `-1m 30s`. */
export function formatDuration(seconds: number): string {
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  const parts: string[] = [];
  let rest = Math.round(seconds * 1000) / 1000;
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest = Math.round((rest - count * size) * 1000) / 1000;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(' ');
}
