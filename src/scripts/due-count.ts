/**
 * How many cards are due now: the number beside the sidebar's Drills link. Loaded on demand by
 * `due-badge.ts` (it brings ts-fsrs), only in browsers that hold a review log.
 */
import { reviewLogArea } from '../lib/srs/review-log';
import { deriveStates, dueCards, settingsArea } from '../lib/srs/schedule';
import { load } from './browser-store';

/** Cards whose FSRS due time is at or before `now`, from the stored review log and settings. */
export function dueCountNow(now: number): number {
  return dueCards(deriveStates(load(reviewLogArea), load(settingsArea)), now).length;
}
