/**
 * Seeds as people type them, read the same way by every simulator's page URL, form and `rlab`
 * command, so the same text gives the same run everywhere.
 */

/** Largest seed accepted (fits in 31 bits, survives any URL). */
export const MAX_SEED = 2_147_483_646;

/** What a seed must be, for messages. */
export const SEED_RULE = `a whole number from 0 to ${MAX_SEED}`;

/**
 * Reads a seed: decimal digits only, surrounding spaces ignored, leading zeros allowed (`007` is
 * 7). Anything else (`abc`, `-1`, `7.0`, `0x7`, `1e3`, too large) is null: a seed is a name for a
 * run, and two spellings of one run would make shared links disagree.
 */
export function parseSeed(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,20}$/.test(s)) return null;
  const value = Number(s);
  return value <= MAX_SEED ? value : null;
}
