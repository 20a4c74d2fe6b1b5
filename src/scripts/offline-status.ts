/**
 * What the offline status in the header says, from what the page knows about its service
 * worker and the network. Pure; `offline-client.ts` feeds it and renders the result.
 */

export type OfflineState =
  /** Not known yet (before registration) or not applicable (dev server): nothing shown. */
  | { kind: 'unknown' }
  /** No service workers here, or registration failed: the site works online as before. */
  | { kind: 'unavailable' }
  /** First install: the worker is saving the course. */
  | { kind: 'saving'; done: number; total: number }
  /** The first install failed (a file could not be fetched): the site works online only; it retries on the next visit. */
  | { kind: 'failed' }
  /** A worker is active: the saved pages work offline. */
  | { kind: 'ready' }
  /** A new version is installed and waiting for the learner to reload. */
  | { kind: 'update' };

export interface StatusView {
  /** Short state name, for styling and tests. */
  state: 'none' | 'unavailable' | 'failed' | 'saving' | 'ready' | 'update' | 'offline';
  /** The text, read by screen readers and shown. */
  text: string;
  /** Shown but not announced (the changing percentage, so a screen reader hears "Saving" once). */
  detail: string;
  /** Whether the Reload button is shown. */
  reload: boolean;
}

/** The status to show for a worker state and the browser's online flag. */
export function describeStatus(state: OfflineState, online: boolean): StatusView {
  if (state.kind === 'update') return { state: 'update', text: 'Update ready —', detail: '', reload: true };
  if (!online) return { state: 'offline', text: 'Offline', detail: '', reload: false };
  switch (state.kind) {
    case 'unavailable':
      return { state: 'unavailable', text: 'Offline use unavailable in this browser', detail: '', reload: false };
    case 'failed':
      return { state: 'failed', text: 'Could not save for offline use', detail: '', reload: false };
    case 'saving': {
      const percent = state.total > 0 ? Math.min(100, Math.floor((state.done / state.total) * 100)) : 0;
      return { state: 'saving', text: 'Saving for offline…', detail: ` ${percent}%`, reload: false };
    }
    case 'ready':
      return { state: 'ready', text: 'Available offline', detail: '', reload: false };
    default:
      return { state: 'none', text: '', detail: '', reload: false };
  }
}
