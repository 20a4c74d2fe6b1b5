// @ts-check
/**
 * One home for how this project starts Debian's Chromium (Playwright's own browser download
 * does not work here): where it lives and the flags it needs on a machine with no outside
 * network (without the background-networking flags it keeps trying to reach Google's hosts).
 * Used by playwright.config.ts, the bench and the Lighthouse runner.
 */
import { existsSync } from 'node:fs';

/** Flags for headless runs on this machine and in CI. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Debian's chromium lives (CHROMIUM_PATH overrides). Throws with the fix when absent. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter(Boolean);
  const found = candidates.find((p) => existsSync(/** @type {string} */ (p)));
  if (!found) throw new Error('No Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH.');
  return /** @type {string} */ (found);
}
