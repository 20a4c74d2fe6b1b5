import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, getNextSnapshot } from 'xstate';
import { canaryMachine } from './machine';
import { DEFAULT_CONFIG, runCanary } from './model';
import { rolloutVerdict } from './prediction';

describe('predict, then see (canary)', () => {
  const healthy = runCanary(DEFAULT_CONFIG, 1);
  const failing = runCanary({ ...DEFAULT_CONFIG, newVersion: { fault: 'error-ratio', value: 0.05 } }, 1);

  it('says whether the predicted ending happened, and when and where it did', () => {
    expect(healthy.outcome.result).toBe('promoted');
    expect(rolloutVerdict('promoted', healthy)).toMatchObject({ right: true, text: expect.stringMatching(/^You predicted a promotion: right, a promotion after .+, at step \d \(weight \d+%\)\.$/) });
    expect(rolloutVerdict('promoted', failing)).toMatchObject({ right: false, text: expect.stringMatching(/^You predicted a promotion; it was a rollback after /) });
  });

  it('keeps the prediction while stepping and after a rewind', () => {
    let s = getInitialSnapshot(canaryMachine, {});
    expect(s.context.prediction).toBeNull();
    s = getNextSnapshot(canaryMachine, s, { type: 'prediction.set', prediction: 'rolled-back' });
    s = getNextSnapshot(canaryMachine, s, { type: 'sim.step' });
    s = getNextSnapshot(canaryMachine, s, { type: 'sim.reset' });
    expect(s.context.prediction).toBe('rolled-back');
    s = getNextSnapshot(canaryMachine, s, { type: 'prediction.set', prediction: null });
    expect(s.context.prediction).toBeNull();
  });
});
