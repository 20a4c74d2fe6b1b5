/**
 * Where the console keeps the last game day's result in the browser: the storage area
 * `rlab:game-day-result` (versioned, validated on read like every area of `src/lib/storage.ts`),
 * so the post-mortem editor can prefill from it.
 */
import type { StoredArea } from '../../src/lib/storage';
import type { RunResult } from '../incident/contract';
import { checkResult } from './compare';

/** The last result the game-day console produced (null before any). */
export const lastGameDayResultArea: StoredArea<RunResult | null> = {
  area: 'game-day-result',
  version: 1,
  empty: () => null,
  parse: (value) => {
    if (value === null) return { ok: true, value: null };
    const checked = checkResult(value);
    return checked.ok ? { ok: true, value: checked.result } : { ok: false, error: checked.errors.slice(0, 5).join('; ') };
  },
};

/** A file name for a team's downloads: `game-day-database-outage-seed-7-blue-team.json`. */
export function resultFileName(result: RunResult, extension: 'json' | 'md'): string {
  const team = result.team.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'team';
  return `game-day-${result.run.scenario}-seed-${result.run.seed}-${team}.${extension}`;
}
