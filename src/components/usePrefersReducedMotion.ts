/**
 * Whether the learner asked the system for reduced motion (`prefers-reduced-motion: reduce`).
 * Every recharts chart passes `isAnimationActive={!reducedMotion}`, so charts draw their final
 * state at once for those learners and animate for everyone else. Follows live changes of the setting.
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/** True when the learner prefers reduced motion; true on the server too, so nothing animates before hydration. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => true,
  );
}
