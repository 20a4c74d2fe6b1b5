/**
 * The review log in this tab: one `ReviewStore` over localStorage, kept in step with other tabs
 * through the `storage` event, and a React hook that re-renders when the log changes.
 */
import { useSyncExternalStore } from 'react';
import { ReviewStore } from '../lib/srs/review-store';
import type { ReviewLog } from '../lib/srs/review-log';
import { reviewLogArea } from '../lib/srs/review-log';
import { storageKey } from '../lib/storage';
import { areaNotice, browserStore } from './browser-store';

let store: ReviewStore | undefined;
const listeners = new Set<() => void>();
let shownProblems = 0;

function notify(): void {
  if (!store) return;
  for (const problem of store.problems.slice(shownProblems)) areaNotice(reviewLogArea, problem.message);
  shownProblems = store.problems.length;
  for (const listener of listeners) listener();
}

/** A random id for this tab's log entries (not a simulation draw: only needs to differ between tabs). */
function tabId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** This tab's review store (created on first use). */
export function reviewStore(): ReviewStore {
  if (!store) {
    store = new ReviewStore(browserStore(), tabId(), () => Date.now());
    window.addEventListener('storage', (event) => {
      if (event.key === storageKey(reviewLogArea.area) || event.key === null) {
        if (store!.refresh()) notify();
      }
    });
    queueMicrotask(notify);
  }
  return store;
}

/** Runs a change to the log and tells every subscriber. */
export function changeLog<T>(change: (store: ReviewStore) => T): T {
  const result = change(reviewStore());
  notify();
  return result;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The current review log; `null` until mounted (the server renders without it). */
export function useReviewLog(): ReviewLog | null {
  return useSyncExternalStore<ReviewLog | null>(subscribe, () => reviewStore().log(), () => null);
}
