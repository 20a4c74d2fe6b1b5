import { describe, expect, it } from 'vitest';
import { PAYMENT_API, runGoldenSignals } from './model';
import { checkPredictionMinute, firstPage, predictionVerdict } from './prediction';
import { DEFAULT_PARAMS, RUN_SECONDS } from './params';

const run = (faults = DEFAULT_PARAMS.faults) => runGoldenSignals(PAYMENT_API, faults, { seed: 1, durationSeconds: RUN_SECONDS });

describe('predict, then see', () => {
  it('finds the first page of the default error burst some minutes after it starts at minute 10', () => {
    const page = firstPage(run())!;
    expect(page.rule).toBe('HighErrorRate');
    expect(page.at).toBeGreaterThan(600);
    expect(page.at).toBeLessThan(1200);
  });

  it('says how far off a prediction was, and when nothing fired', () => {
    const page = firstPage(run())!;
    const exact = predictionVerdict({ minute: Math.round(page.at / 60) }, run());
    expect(Math.abs(exact.offByMinutes!)).toBeLessThanOrEqual(0.5);
    const early = predictionVerdict({ minute: 10 }, run());
    expect(early.offByMinutes).toBeGreaterThan(0);
    expect(early.text).toMatch(/^You predicted the first page at minute 10; HighErrorRate fired at \d+:\d\d, [\d.]+ min later than you said\.$/);
    expect(predictionVerdict('none', run([])).text).toBe('You predicted no page, and no alert fired: right.');
    expect(predictionVerdict('none', run()).text).toMatch(/^You predicted no page; HighErrorRate fired at/);
    expect(predictionVerdict({ minute: 12 }, run([])).text).toBe('You predicted the first page at minute 12; no alert fired in this hour.');
  });

  it('accepts minutes 0 to 60 and explains anything else', () => {
    expect(checkPredictionMinute(' 14 ')).toEqual({ ok: true, minute: 14 });
    expect(checkPredictionMinute('13.5')).toEqual({ ok: true, minute: 13.5 });
    for (const bad of ['', 'soon', '-1', '61', '1e3', 'Infinity']) expect(checkPredictionMinute(bad).ok, bad).toBe(false);
  });
});
