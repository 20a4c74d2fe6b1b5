/**
 * Predict, then see, for the canary: before the rollout plays, the learner says how it ends
 * (promoted, rolled back, or paused for a person); at the end the view sets that beside the
 * outcome. Pure.
 */
import type { CanaryRun, Outcome } from './model';
import { formatDuration } from '../core/duration';

/** A predicted ending. */
export type RolloutPrediction = Outcome['result'];

/** The endings a learner can predict, in the words the view shows. */
export const PREDICTION_CHOICES: { value: RolloutPrediction; label: string }[] = [
  { value: 'promoted', label: 'It is promoted to 100%' },
  { value: 'rolled-back', label: 'It is rolled back' },
  { value: 'paused', label: 'It pauses for a person to decide' },
];

const WORDS: Record<RolloutPrediction, string> = { promoted: 'a promotion', 'rolled-back': 'a rollback', paused: 'a pause for a person' };

/** The prediction beside the outcome, in one sentence. */
export function rolloutVerdict(prediction: RolloutPrediction, run: Pick<CanaryRun, 'outcome'>): { text: string; right: boolean } {
  const o = run.outcome;
  const right = prediction === o.result;
  const what = `${WORDS[o.result]} after ${formatDuration(o.atSeconds)}, at step ${o.stepIndex + 1} (weight ${o.weight}%)`;
  return { right, text: right ? `You predicted ${WORDS[prediction]}: right, ${what}.` : `You predicted ${WORDS[prediction]}; it was ${what}.` };
}
