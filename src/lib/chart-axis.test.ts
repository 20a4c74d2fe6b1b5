import { describe, expect, it } from 'vitest';
import { axisWidthFor, decimalsFor, niceAxis, niceStep, tickFormatterFor } from './chart-axis';

/** Labels join number and unit with a no-break space (so they never wrap). */
const nbsp = (label: string) => label.replace(' ', '\u00a0');

/** A tick step is 1, 2 or 5 times a power of ten. */
const isOneTwoFive = (step: number) => {
  const fraction = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return [1, 2, 5].some((n) => Math.abs(fraction - n) < 1e-9);
};

describe('niceStep', () => {
  it('rounds to the nearest 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(55)).toBe(50);
    expect(niceStep(215)).toBe(200);
    expect(niceStep(0.03)).toBe(0.02);
    expect(niceStep(8)).toBe(10);
    expect(niceStep(1)).toBe(1);
  });
  it('returns 1 for zero, negatives and non-numbers', () => {
    for (const bad of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(niceStep(bad)).toBe(1);
  });
});

describe('niceAxis', () => {
  it('ends the issue’s odd tops on round numbers: traffic 221, latency 862 ms', () => {
    expect(niceAxis([0, 180, 221]).domain).toEqual([0, 250]);
    const latency = niceAxis([120, 862], { unit: 'ms' });
    expect(latency.domain).toEqual([0, 1000]);
    expect(latency.ticks.map(latency.tickFormatter)).toEqual(['0', '0.2 s', '0.4 s', '0.6 s', '0.8 s', '1 s'].map(nbsp));
  });

  it('caps a percentage that cannot pass 100 (saturation once topped out at 108%)', () => {
    const axis = niceAxis([40, 98, 104], { unit: 'percent', cap: 100 });
    expect(axis.domain).toEqual([0, 100]);
    expect(axis.ticks.at(-1)).toBe(100);
    expect(axis.allowDataOverflow).toBe(true);
    expect(axis.ticks.map(axis.tickFormatter)).toContain('100%');
  });

  it('writes large counts compactly (33000 -> 33k) and keeps them apart', () => {
    const axis = niceAxis([17000, 33000]);
    const labels = axis.ticks.map(axis.tickFormatter);
    expect(labels).toEqual(['0', '10k', '20k', '30k', '40k']);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps a threshold in view', () => {
    expect(niceAxis([0.2, 0.4], { unit: 'percent', include: [5] }).domain[1]).toBeGreaterThanOrEqual(5);
  });

  it('draws an axis for a flat zero line and for no data', () => {
    expect(niceAxis([0, 0, 0]).domain).toEqual([0, 1]);
    expect(niceAxis([]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceAxis([Number.NaN, Number.POSITIVE_INFINITY]).domain).toEqual([0, 1]);
  });

  it('goes below zero on a round number when values do (an overspent budget)', () => {
    const axis = niceAxis([-37, 100], { unit: 'percent' });
    expect(axis.domain[0]).toBeLessThanOrEqual(-37);
    expect(axis.ticks).toContain(0);
    expect(axis.ticks.map(axis.tickFormatter)[0]).toMatch(/^-\d+%$/);
  });

  it('has evenly spaced 1-2-5 ticks covering the data, labels that tell them apart, and room for them', () => {
    for (const max of [0.004, 0.07, 0.9, 3, 17, 99, 108, 450, 862, 1234, 9999, 33000, 2.5e6]) {
      for (const unit of ['count', 'ms', 'percent', 'dollars'] as const) {
        const axis = niceAxis([0, max], { unit });
        const step = axis.ticks[1]! - axis.ticks[0]!;
        expect(isOneTwoFive(step), `${max} ${unit}: step ${step}`).toBe(true);
        expect(axis.domain[1]).toBeGreaterThanOrEqual(max);
        expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
        expect(axis.ticks.length).toBeLessThanOrEqual(8);
        const labels = axis.ticks.map(axis.tickFormatter);
        expect(new Set(labels).size, `${max} ${unit}: ${labels.join(' ')}`).toBe(labels.length);
        expect(axis.width).toBeGreaterThanOrEqual(Math.max(...labels.map((l) => l.length)) * 7);
      }
    }
  });
});

describe('labels', () => {
  it('uses as many decimals as the step needs', () => {
    expect(decimalsFor(0.5)).toBe(1);
    expect(decimalsFor(0.05)).toBe(2);
    expect(decimalsFor(20)).toBe(0);
    expect(tickFormatterFor('percent', 0.5, 2)(1.5)).toBe('1.5%');
    expect(tickFormatterFor('ms', 100, 400)(300)).toBe(nbsp('300 ms'));
    expect(tickFormatterFor('ms', 500, 1500)(1500)).toBe(nbsp('1.5 s'));
    expect(tickFormatterFor('dollars', 20000, 80000)(60000)).toBe('$60k');
    expect(tickFormatterFor('count', 0.2, 1)(0)).toBe('0');
  });
  it('sizes the axis for its longest label', () => {
    expect(axisWidthFor(['0', '100%'])).toBeGreaterThan(axisWidthFor(['0', '5']));
  });
});
