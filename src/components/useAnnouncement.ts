/**
 * The text for a simulator's polite live region, held back until it has stopped changing for a
 * moment, so holding an arrow key on a slider announces where it stopped, not every step.
 */
import { useEffect, useState } from 'react';

/** How long the text must stay the same before a screen reader hears it (ms). */
export const ANNOUNCE_DELAY_MS = 400;

/** `text` once it has been stable for `delayMs`; the first value is shown at once (and not announced, as live regions announce changes only). */
export function useSettledAnnouncement(text: string, delayMs = ANNOUNCE_DELAY_MS): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    if (text === settled) return;
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, settled, delayMs]);
  return settled;
}
