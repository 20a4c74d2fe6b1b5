/**
 * The "N due" badge on the sidebar's Drills link, on every page. A browser without a review log
 * loads nothing more; one with a log imports the scheduler once the page is idle, so the badge
 * never delays the page. Updates when another tab answers cards.
 */
import { storageKey } from '../lib/storage';

/** Text of the badge: nothing when no card is due. */
export function dueBadgeText(due: number): string {
  return due <= 0 ? '' : due > 99 ? '99+ due' : `${due} due`;
}

function hasReviewLog(): boolean {
  try {
    return window.localStorage.getItem(storageKey('reviews')) !== null;
  } catch {
    return false;
  }
}

/** Fills the badges of every `[data-rl-drills-link]` link (desktop sidebar and phone menu share it). */
export function startDueBadge(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('a[data-rl-drills-link]')];
  if (links.length === 0) return;
  const update = async () => {
    if (!hasReviewLog()) return;
    const { dueCountNow } = await import('./due-count');
    const text = dueBadgeText(dueCountNow(Date.now()));
    for (const link of links) {
      let badge = link.querySelector<HTMLElement>('.rl-due-badge');
      if (!badge) {
        badge = document.createElement('span');
        badge.className = 'rl-due-badge';
        link.append(badge);
      }
      badge.textContent = text;
      badge.hidden = text === '';
    }
  };
  const idle = (fn: () => void) => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 200));
  idle(() => void update());
  window.addEventListener('storage', (event) => {
    if (event.key === storageKey('reviews')) void update();
  });
}
