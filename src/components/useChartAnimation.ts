/**
 * When a recharts chart may animate. Charts that follow a clock (a simulator playing, the game
 * day's minute ticks, a dragged time slider) must draw the current state at once: an animation
 * restarted on every tick never finishes, and the drawing falls minutes behind the clock. So a
 * chart animates only for a short while after a discrete change (a scenario, a fault, a seed),
 * never while `live`, and never when the learner prefers reduced motion.
 */
import { useRef } from 'react';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';

/** How long after a discrete change the charts may animate: recharts' default animation (1.5 s) and a frame. */
export const CHART_ANIMATION_WINDOW_MS = 1_600;

/**
 * `isAnimationActive` for the charts of one view. `changeKey` names what was chosen (parameters,
 * not the clock); `live` is true while a clock runs.
 */
export function useChartAnimation(changeKey: string, live = false): boolean {
  const reducedMotion = usePrefersReducedMotion();
  const last = useRef<{ key: string; at: number } | null>(null);
  const now = performance.now();
  if (last.current === null || last.current.key !== changeKey) last.current = { key: changeKey, at: now };
  return !reducedMotion && !live && now - last.current.at < CHART_ANIMATION_WINDOW_MS;
}
