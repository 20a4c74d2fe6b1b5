import { describe, expect, it } from 'vitest';
import {
  alertThreshold,
  allowedDowntimeSeconds,
  budgetSpent,
  burnFactor,
  burnRate,
  errorBudget,
  evaluate,
  groupBySeverity,
  multiwindowRules,
  parseSeriesCsv,
  RATIO_REQUESTS_PER_STEP,
  resetTimeSeconds,
  scenario,
  SCENARIO_NAMES,
  slidingErrorRatio,
  timeToExhaustion,
  workbookApproaches,
  type AlertRule,
  type Evaluation,
  type RuleResult,
  type Sample,
  type Series,
  type SloSpec,
} from './model';

const MIN = 60;
const HOUR = 3_600;
const DAY = 86_400;
const SLO_30D: SloSpec = { target: 0.999, periodSeconds: 30 * DAY };
const SLO_28D: SloSpec = { target: 0.999, periodSeconds: 28 * DAY };

/** A series at `step` seconds, one sample per entry of [requests, errors]. */
const series = (step: number, counts: [number, number][]): Series => ({
  stepSeconds: step,
  samples: counts.map(([requests, errors], i) => ({ t: (i + 1) * step, requests, errors })),
});
const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);
const oneRule = (longSeconds: number, shortSeconds: number | null, factor: number, forSeconds?: number): AlertRule => ({
  id: 'test',
  label: 'test',
  severity: 'page',
  pairs: [{ longSeconds, shortSeconds, factor }],
  ...(forSeconds === undefined ? {} : { forSeconds }),
});
const byId = (ev: Evaluation, id: string): RuleResult => {
  const r = ev.rules.find((x) => x.rule.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const MW = 'multiwindow-multi-burn-rate';

describe('Workbook arithmetic (sre-facts section 1)', () => {
  it('error budget is 1 - SLO, exact for the decimal targets people write', () => {
    expect(1 - 0.999).not.toBe(0.001); // the floating-point trap errorBudget avoids
    expect(errorBudget(0.999)).toBe(0.001);
    expect([0.9, 0.99, 0.995, 0.9995, 0.9999, 0.99999].map(errorBudget)).toEqual([0.1, 0.01, 0.005, 0.0005, 0.0001, 0.00001]);
  });

  it('1,000,000 requests at 99.9% allow 1,000 errors (example error budget policy)', () => {
    expect(errorBudget(0.999) * 1_000_000).toBe(1_000);
  });

  // The table in sre-facts: value as printed, in its unit; tolerance is half the last printed digit.
  const table: [number, [number, number][]][] = [
    [0.99, [[3.65 * DAY, 0.005 * DAY], [7.2 * HOUR, 0.05 * HOUR], [6.72 * HOUR, 0.005 * HOUR]]],
    [0.995, [[1.83 * DAY, 0.005 * DAY], [3.6 * HOUR, 0.05 * HOUR], [3.36 * HOUR, 0.005 * HOUR]]],
    [0.999, [[8.76 * HOUR, 0.005 * HOUR], [43.2 * MIN, 0.05 * MIN], [40.32 * MIN, 0.005 * MIN]]],
    [0.9995, [[4.38 * HOUR, 0.005 * HOUR], [21.6 * MIN, 0.05 * MIN], [20.16 * MIN, 0.005 * MIN]]],
    [0.9999, [[52.56 * MIN, 0.005 * MIN], [4.32 * MIN, 0.005 * MIN], [4.03 * MIN, 0.005 * MIN]]],
    [0.99999, [[5.26 * MIN, 0.005 * MIN], [25.9, 0.05], [24.2, 0.05]]],
  ];
  it.each(table)('allowed downtime at %d per 365 d, 30 d and 28 d', (target, expected) => {
    [365 * DAY, 30 * DAY, 28 * DAY].forEach((period, i) => {
      const [value, tolerance] = expected[i]!;
      expect(Math.abs(allowedDowntimeSeconds(target, period) - value)).toBeLessThanOrEqual(tolerance);
    });
  });

  it('burn factors of table 5-8 on 30 days: 2% in 1h = 14.4, 5% in 6h = 6, 10% in 3d = 1', () => {
    expect(burnFactor(2, 30 * DAY, HOUR)).toBe(14.4);
    expect(burnFactor(5, 30 * DAY, 6 * HOUR)).toBe(6);
    expect(burnFactor(10, 30 * DAY, 3 * DAY)).toBe(1);
  });

  it('corrects the course text: 36x is 5% in 1h, and 10% in 6h would be 12x', () => {
    expect(burnFactor(5, 30 * DAY, HOUR)).toBe(36);
    expect(burnFactor(2, 30 * DAY, HOUR)).not.toBe(36);
    expect(budgetSpent(6, 6 * HOUR, 30 * DAY)).toBeCloseTo(0.05, 12);
    expect(burnFactor(10, 30 * DAY, 6 * HOUR)).toBe(12);
  });

  it("Sloth's 28-day factors are 13.44, 5.6, 2.8 and 0.9333", () => {
    expect(burnFactor(2, 28 * DAY, HOUR)).toBe(13.44);
    expect(burnFactor(5, 28 * DAY, 6 * HOUR)).toBe(5.6);
    expect(burnFactor(10, 28 * DAY, DAY)).toBe(2.8);
    expect(burnFactor(10, 28 * DAY, 3 * DAY)).toBeCloseTo(0.9333, 4);
  });

  it('budget spent when each pair fires: 2%, 5%, 10%', () => {
    expect(budgetSpent(14.4, HOUR, 30 * DAY)).toBeCloseTo(0.02, 12);
    expect(budgetSpent(6, 6 * HOUR, 30 * DAY)).toBeCloseTo(0.05, 12);
    expect(budgetSpent(1, 3 * DAY, 30 * DAY)).toBeCloseTo(0.1, 12);
  });

  it('time to exhaustion is period / burn', () => {
    expect(timeToExhaustion(30 * DAY, 1)).toBe(30 * DAY);
    expect(timeToExhaustion(30 * DAY, 14.4)).toBeCloseTo(50 * HOUR, 6);
    expect(timeToExhaustion(30 * DAY, 6)).toBe(5 * DAY);
    expect(timeToExhaustion(30 * DAY, 0)).toBe(Infinity);
  });

  it('low traffic: at 10 req/h one failure in an hour is burn 100 and spends 13.9% of a 30-day 99.9% budget', () => {
    const burn = burnRate(1 / 10, errorBudget(0.999));
    expect(burn).toBeCloseTo(100, 9);
    expect(budgetSpent(burn, HOUR, 30 * DAY)).toBeCloseTo(0.139, 3);
  });

  it('at SLO 90% the largest possible burn is 10, below the 14.4x page', () => {
    expect(burnRate(1, errorBudget(0.9))).toBe(10);
    expect(alertThreshold(14.4, errorBudget(0.9))).toBeGreaterThan(1);
  });

  it('reset time W * (1 - t/e): approach 4 (1h at 36x) resets about 58 min after a total outage', () => {
    expect(resetTimeSeconds(HOUR, 36 * 0.001, 1) / MIN).toBeCloseTo(57.84, 2);
    expect(resetTimeSeconds(5 * MIN, 14.4 * 0.001, 1)).toBeCloseTo(295.68, 2);
    expect(resetTimeSeconds(HOUR, 0.05, 0.01)).toBe(0);
  });
});

describe('thresholds: strict > at factor * B', () => {
  it('a ratio exactly at 14.4 x 0.001 does not fire; one request more does', () => {
    expect(14.4 * 0.001).not.toBe(0.0144); // raw floating point
    expect(alertThreshold(14.4, 0.001)).toBe(144 / 10_000);
    const at = series(60, repeat(180, [10_000, 144]));
    const above = series(60, repeat(180, [10_000, 145]));
    const rule = oneRule(HOUR, 5 * MIN, 14.4);
    expect(evaluate(at, SLO_30D, [rule]).rules[0]!.intervals).toEqual([]);
    expect(evaluate(above, SLO_30D, [rule]).rules[0]!.intervals).toEqual([{ firedAt: 60, resolvedAt: null }]);
  });

  it('the same holds for a 28-day factor (13.44)', () => {
    const [page] = multiwindowRules(SLO_28D);
    expect(evaluate(series(60, repeat(120, [100_000, 1_344])), SLO_28D, [page!]).rules[0]!.intervals).toEqual([]);
    expect(evaluate(series(60, repeat(120, [100_000, 1_345])), SLO_28D, [page!]).rules[0]!.intervals).toHaveLength(1);
  });
});

describe('slidingErrorRatio', () => {
  it('matches a direct sum over (t - W, t] on an uneven series, for windows shorter and longer than a step', () => {
    const samples: Sample[] = [];
    let t = 0;
    for (let i = 0; i < 400; i++) {
      t += [15, 30, 45][i % 3]!;
      const requests = i % 7 === 0 ? 0 : 50 + (i % 11);
      samples.push({ t, requests, errors: Math.min(requests, i % 5) });
    }
    const s: Series = { stepSeconds: 15, samples };
    for (const w of [10, 15, 60, 300, 3_600]) {
      const fast = slidingErrorRatio(s, w);
      samples.forEach((x, i) => {
        const inWindow = samples.filter((y) => y.t > x.t - w && y.t <= x.t);
        const req = inWindow.reduce((a, y) => a + y.requests, 0);
        const err = inWindow.reduce((a, y) => a + y.errors, 0);
        expect(fast[i]).toBe(req > 0 ? err / req : 0);
      });
    }
  });

  it('a window without requests has ratio 0', () => {
    expect(Array.from(slidingErrorRatio(series(60, [[0, 0], [0, 0], [10, 5]]), 60))).toEqual([0, 0, 0.5]);
  });
});

describe('alert rules', () => {
  it('ANDs the long and short window of a pair', () => {
    // 10 minutes of 100% errors, then clean traffic: the 1h window stays above 14.4x for a long
    // time, but the 5m window drops after 5 minutes, and so does the pair.
    const s = series(60, [...repeat(60, [100, 0] as [number, number]), ...repeat(10, [100, 100] as [number, number]), ...repeat(60, [100, 0] as [number, number])]);
    const longOnly = evaluate(s, SLO_30D, [oneRule(HOUR, null, 14.4)]).rules[0]!;
    const pair = evaluate(s, SLO_30D, [oneRule(HOUR, 5 * MIN, 14.4)]).rules[0]!;
    const end = 70 * 60;
    expect(pair.intervals).toEqual([{ firedAt: 61 * 60, resolvedAt: end + 5 * 60 }]);
    expect(longOnly.intervals[0]!.resolvedAt!).toBeGreaterThan(end + 30 * 60);
  });

  it('ORs the pairs of a rule: a grouped page alert fires exactly when one of its pairs does', () => {
    const sc = scenario('fast-burn', { slo: SLO_30D, seed: 'or' });
    const pairs = multiwindowRules(SLO_30D).filter((r) => r.severity === 'page');
    const [grouped] = groupBySeverity(pairs, 'mw');
    expect(grouped!.pairs).toHaveLength(2);
    const ev = evaluate(sc.series, SLO_30D, [...pairs, grouped!], { states: true });
    const [a, b, g] = ev.rules.map((r) => r.states!);
    g!.forEach((state, i) => expect(state === 'firing').toBe(a![i] === 'firing' || b![i] === 'firing'));
    expect(g!.filter((x) => x === 'firing').length).toBeGreaterThan(0);
  });

  it('follows Prometheus `for`: pending while the condition holds, reset when it breaks, firing after `for`', () => {
    // 1m window, for 5m. Errors for 4 minutes, one clean minute, then errors for 8 minutes.
    const bad: [number, number] = [100, 50];
    const ok: [number, number] = [100, 0];
    const s = series(60, [ok, ...repeat(4, bad), ok, ...repeat(8, bad), ok, ok]);
    const r = evaluate(s, SLO_30D, [oneRule(MIN, null, 1, 5 * MIN)], { states: true }).rules[0]!;
    const secondStart = s.samples[6]!.t;
    expect(r.states!.slice(0, 6)).toEqual(['inactive', 'pending', 'pending', 'pending', 'pending', 'inactive']);
    expect(r.intervals).toEqual([{ firedAt: secondStart + 5 * MIN, resolvedAt: s.samples[14]!.t }]);
    expect(r.states!.filter((x) => x === 'firing')).toHaveLength(3);
  });
});

describe('presets', () => {
  it("are the Workbook's six approaches, in order, with their windows, factors and `for`", () => {
    const a = workbookApproaches(SLO_30D);
    expect(a.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const shape = (n: number) =>
      a[n - 1]!.rules.map((r) => [r.severity, ...r.pairs.flatMap((p) => [p.longSeconds, p.shortSeconds, p.factor]), r.forSeconds ?? 0]);
    expect(shape(1)).toEqual([['page', 10 * MIN, null, 1, 0]]);
    expect(shape(2)).toEqual([['page', 36 * HOUR, null, 1, 0]]);
    expect(shape(3)).toEqual([['page', MIN, null, 1, HOUR]]);
    expect(shape(4)).toEqual([['page', HOUR, null, 36, 0]]);
    expect(shape(5)).toEqual([
      ['page', HOUR, null, 14.4, 0],
      ['page', 6 * HOUR, null, 6, 0],
      ['ticket', 3 * DAY, null, 1, 0],
    ]);
    expect(shape(6)).toEqual([
      ['page', HOUR, 5 * MIN, 14.4, 0],
      ['page', 6 * HOUR, 30 * MIN, 6, 0],
      ['ticket', 3 * DAY, 6 * HOUR, 1, 0],
    ]);
  });

  it('short windows are 1/12 of the long ones, and rule ids are unique', () => {
    const rules = workbookApproaches(SLO_30D, { sloth: true }).flatMap((x) => x.rules);
    for (const p of rules.flatMap((r) => r.pairs)) if (p.shortSeconds !== null) expect(p.shortSeconds * 12).toBe(p.longSeconds);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it("with Sloth's pair on 28 days gives Sloth's factors", () => {
    const rules = multiwindowRules(SLO_28D, { sloth: true });
    expect(rules.map((r) => [r.pairs[0]!.longSeconds, r.pairs[0]!.shortSeconds, r.severity])).toEqual([
      [HOUR, 5 * MIN, 'page'],
      [6 * HOUR, 30 * MIN, 'page'],
      [3 * DAY, 6 * HOUR, 'ticket'],
      [DAY, 2 * HOUR, 'ticket'],
    ]);
    const factors = rules.map((r) => r.pairs[0]!.factor);
    expect(factors.slice(0, 2)).toEqual([13.44, 5.6]);
    expect(factors[2]).toBeCloseTo(0.9333, 4);
    expect(factors[3]).toBe(2.8);
    expect(multiwindowRules(SLO_30D, { sloth: true })[3]!.pairs[0]!.factor).toBe(3);
  });
});

describe('scenarios', () => {
  it.each(SCENARIO_NAMES)('%s: the same seed gives the same series, another seed a different one', (name) => {
    const a = scenario(name, { slo: SLO_30D, seed: 7 });
    expect(scenario(name, { slo: SLO_30D, seed: 7 }).series).toEqual(a.series);
    expect(scenario(name, { slo: SLO_30D, seed: 8 }).series).not.toEqual(a.series);
    const last = a.series.samples[a.series.samples.length - 1]!.t;
    expect(a.event.startSeconds).toBeGreaterThan(0);
    expect(a.event.endSeconds).toBeGreaterThan(a.event.startSeconds);
    expect(a.event.endSeconds).toBeLessThanOrEqual(last);
  });

  it('draws traffic around the requested rate and fails every request during a total outage', () => {
    const sc = scenario('total-outage', { slo: SLO_30D, seed: 1, requestsPerSecond: 5, stepSeconds: 30 });
    const reqs = sc.series.samples.map((s) => s.requests);
    expect(reqs.reduce((a, b) => a + b, 0) / reqs.length).toBeCloseTo(150, 0);
    const during = sc.series.samples.filter((s) => s.t > sc.event.startSeconds && s.t <= sc.event.endSeconds);
    expect(during).toHaveLength(HOUR / 30);
    expect(during.every((s) => s.errors === s.requests)).toBe(true);
  });

  it('rejects a series too short for its event', () => {
    expect(() => scenario('slow-burn', { slo: SLO_30D, seed: 1, days: 2 })).toThrow(RangeError);
  });
});

describe('evaluate on the scenarios', () => {
  const run = (name: (typeof SCENARIO_NAMES)[number], slo = SLO_30D, seed: string | number = 1) => {
    const sc = scenario(name, { slo, seed });
    const approaches = workbookApproaches(slo);
    return { sc, ev: evaluate(sc.series, slo, approaches.flatMap((a) => a.rules), { event: sc.event }) };
  };

  it('total outage: the 1h/5m page fires within a few minutes and resets about 5 minutes after recovery', () => {
    const { sc, ev } = run('total-outage');
    const page = byId(ev, `${MW}:1h-5m`);
    expect(page.missed).toBe(false);
    expect(page.detectionDelaySeconds!).toBeLessThanOrEqual(3 * MIN);
    const expectedReset = resetTimeSeconds(5 * MIN, 14.4 * 0.001, 1);
    expect(Math.abs(page.resetSeconds! - expectedReset)).toBeLessThanOrEqual(sc.series.stepSeconds);
  });

  it('total outage: approach 4 (1h at 36x) keeps firing about 58 minutes after recovery', () => {
    const { sc, ev } = run('total-outage');
    const r = byId(ev, 'burn-rate:1h');
    expect(Math.abs(r.resetSeconds! - resetTimeSeconds(HOUR, 36 * 0.001, 1))).toBeLessThanOrEqual(sc.series.stepSeconds);
  });

  it('total outage: spends about 140% of the budget and exhausts it after about 43 minutes', () => {
    const { sc, ev } = run('total-outage');
    const oneHour = budgetSpent(burnRate(1, 0.001), HOUR, SLO_30D.periodSeconds);
    expect(ev.budgetSpent).toBeGreaterThan(oneHour);
    expect(ev.budgetSpent).toBeLessThan(oneHour * 1.02);
    const expected = sc.event.startSeconds + allowedDowntimeSeconds(0.999, SLO_30D.periodSeconds);
    expect(Math.abs(ev.exhaustedAt! - expected)).toBeLessThanOrEqual(2 * MIN);
  });

  it('flapping (5 min of 100% errors in every 10): approach 3 never fires, approach 6 pages', () => {
    const { sc, ev } = run('flapping');
    const duration = byId(ev, 'alert-duration:1m');
    expect(duration.missed).toBe(true);
    expect(duration.intervals).toEqual([]);
    // The Workbook's version, with a 10-minute `for`, misses it too.
    const tenMinutes = evaluate(sc.series, SLO_30D, [oneRule(MIN, null, 1, 10 * MIN)], { event: sc.event }).rules[0]!;
    expect(tenMinutes.intervals).toEqual([]);
    const page = byId(ev, `${MW}:1h-5m`);
    expect(page.missed).toBe(false);
    expect(page.detectionDelaySeconds!).toBeLessThanOrEqual(5 * MIN);
  });

  it('flapping spends about 35% of a 30-day budget unnoticed by approach 3 (15 of 43.2 minutes)', () => {
    const { sc, ev } = run('flapping');
    const t = sc.series.samples.map((s) => s.t);
    const before = ev.budgetRemaining[t.indexOf(sc.event.startSeconds)]!;
    const after = ev.budgetRemaining[t.indexOf(sc.event.endSeconds)]!;
    const fifteenMinutes = budgetSpent(burnRate(1, 0.001), 15 * MIN, SLO_30D.periodSeconds);
    // Traffic is random, so the failed requests in those 15 minutes vary by about 1%.
    expect(Math.abs(before - after - fifteenMinutes) / fifteenMinutes).toBeLessThan(0.05);
    expect(before - after).toBeCloseTo(0.35, 1);
  });

  it('fast burn (20x): the 1h/5m page fires when the 1h ratio crosses 14.4x, with about 2% of the budget spent', () => {
    const { sc, ev } = run('fast-burn');
    const page = byId(ev, `${MW}:1h-5m`);
    // Baseline 0.1x before the event: the 1h window crosses 14.4x after (14.4 - 0.1) / (20 - 0.1) h.
    const crossing = (HOUR * (14.4 - 0.1)) / (20 - 0.1);
    // Random traffic moves the crossing by a few minutes either way.
    expect(Math.abs(page.detectionDelaySeconds! - crossing)).toBeLessThanOrEqual(10 * MIN);
    const expectedSpent = budgetSpent(20, crossing, SLO_30D.periodSeconds) + budgetSpent(0.1, sc.event.startSeconds, SLO_30D.periodSeconds);
    expect(page.budgetSpentAtDetection!).toBeCloseTo(expectedSpent, 2);
    expect(byId(ev, 'burn-rate:1h').missed).toBe(true); // 36x is too high for a 20x burn
  });

  it('slow burn (2x for 3 days) and ticket leak (1.2x for 5 days): only the 3d/6h ticket fires, no page', () => {
    for (const name of ['slow-burn', 'ticket-leak'] as const) {
      const { ev } = run(name);
      expect(byId(ev, `${MW}:3d-6h`).missed).toBe(false);
      for (const id of [`${MW}:1h-5m`, `${MW}:6h-30m`]) expect(byId(ev, id).intervals).toEqual([]);
    }
  });

  it('low traffic: a single failure pages, having spent about 13.9% of the budget', () => {
    const { sc, ev } = run('low-traffic');
    const page = byId(ev, `${MW}:1h-5m`);
    expect(page.detectionDelaySeconds!).toBeLessThanOrEqual(sc.series.stepSeconds);
    const oneFailure = budgetSpent(burnRate(1 / 10, 0.001), HOUR, SLO_30D.periodSeconds);
    expect(Math.abs(page.budgetSpentAtDetection! - oneFailure) / oneFailure).toBeLessThan(0.2);
  });

  it('at SLO 90% the 14.4x page never fires, even in a total outage (which burns at only 10x)', () => {
    const slo = { target: 0.9, periodSeconds: 30 * DAY };
    const { ev } = run('total-outage', slo);
    expect(byId(ev, `${MW}:1h-5m`).intervals).toEqual([]);
    expect(byId(ev, `${MW}:1h-5m`).missed).toBe(true);
    // One hour at 10x, plus the scenario's background of 0.1x over the other 47 hours.
    expect(ev.budgetSpent).toBeCloseTo(budgetSpent(10, HOUR, slo.periodSeconds) + budgetSpent(0.1, 47 * HOUR, slo.periodSeconds), 3);
  });

  it('without an event, reports the first firing and leaves event fields empty', () => {
    const sc = scenario('total-outage', { slo: SLO_30D, seed: 1 });
    const withEvent = evaluate(sc.series, SLO_30D, multiwindowRules(SLO_30D), { event: sc.event }).rules[0]!;
    const without = evaluate(sc.series, SLO_30D, multiwindowRules(SLO_30D)).rules[0]!;
    expect(without.detectedAt).toBe(withEvent.detectedAt);
    expect(without.budgetSpentAtDetection).toBe(withEvent.budgetSpentAtDetection);
    expect([without.missed, without.detectionDelaySeconds, without.resetSeconds]).toEqual([null, null, null]);
  });

  it('budget: no errors leaves it whole; a steady 1x burn spends it at the rate of elapsed / period', () => {
    const clean = evaluate(series(60, repeat(100, [1_000, 0])), SLO_30D, []);
    expect(Array.from(clean.budgetRemaining).every((x) => x === 1)).toBe(true);
    expect(clean.exhaustedAt).toBeNull();
    const day = evaluate(series(HOUR, repeat(24, [1_000, 1])), SLO_30D, []);
    expect(day.budgetSpent).toBeCloseTo(budgetSpent(1, DAY, SLO_30D.periodSeconds), 9);
  });
});

describe('parseSeriesCsv', () => {
  const ok = (text: string, step: number): Series => {
    const r = parseSeriesCsv(text, step);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.series;
  };
  const errorsOf = (text: string, step = 60): string[] => {
    const r = parseSeriesCsv(text, step);
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  };

  it('error_ratio: holds each ratio until the next row, with constant traffic', () => {
    const s = ok('t_seconds,error_ratio\n0,0\n3600,1\n5400,0\n9000,0\n', 60);
    expect(s.samples).toHaveLength(9000 / 60 + 1);
    expect(s.samples.every((x, i) => x.t === (i + 1) * 60 && x.requests === RATIO_REQUESTS_PER_STEP)).toBe(true);
    const failing = s.samples.filter((x) => x.errors > 0);
    expect(failing.map((x) => x.t)).toEqual(Array.from({ length: 30 }, (_, i) => 3660 + i * 60));
    expect(failing.every((x) => x.errors === x.requests)).toBe(true);
  });

  it('error_ratio: a change inside a step is time-weighted', () => {
    const s = ok('t_seconds,error_ratio\n0,0\n30,0.5\n120,0.5\n', 60);
    expect(s.samples[0]!.errors / s.samples[0]!.requests).toBe(0.25);
    expect(s.samples[1]!.errors / s.samples[1]!.requests).toBe(0.5);
  });

  it('requests,errors: sums rows into the step that contains them; steps without rows have no traffic', () => {
    const s = ok('t_seconds,requests,errors\n15,100,1\n30,100,2\n75,50,0\n300,10,10\n', 60);
    expect(s.samples).toEqual([
      { t: 60, requests: 200, errors: 3 },
      { t: 120, requests: 50, errors: 0 },
      { t: 180, requests: 0, errors: 0 },
      { t: 240, requests: 0, errors: 0 },
      { t: 300, requests: 10, errors: 10 },
    ]);
  });

  it('accepts CRLF, a BOM, blank lines, spaces and header case', () => {
    const s = ok('\uFEFF T_Seconds , Requests,errors\r\n\r\n60, 10 ,1\r\n120,10,0\r\n', 60);
    expect(s.samples).toEqual([
      { t: 60, requests: 10, errors: 1 },
      { t: 120, requests: 10, errors: 0 },
    ]);
  });

  it('reports an empty file, and a header without rows', () => {
    expect(errorsOf('')).toEqual([expect.stringMatching(/^empty file/)]);
    expect(errorsOf('\n  \n')).toEqual([expect.stringMatching(/^empty file/)]);
    expect(errorsOf('t_seconds,error_ratio\n')).toEqual([expect.stringMatching(/^line 1: no data rows/)]);
  });

  it('reports an unknown header with its line', () => {
    expect(errorsOf('\ntime,ratio\n0,0\n')).toEqual([expect.stringMatching(/^line 2: unknown header "time,ratio"/)]);
  });

  it('reports every bad row with its line, in order', () => {
    const text = [
      't_seconds,requests,errors', // 1
      '60,100,1', // 2
      '120,abc,1', // 3 not a number
      '100,100,1', // 4 t not increasing
      '180,-5,0', // 5 negative
      '240,10,20', // 6 errors > requests
      '300,10', // 7 wrong count
      '360,10,1', // 8 fine
      '', // 9
      '360,10,1', // 10 t repeated
    ].join('\n');
    const errors = errorsOf(text);
    expect(errors.map((e) => Number(/^line (\d+):/.exec(e)?.[1]))).toEqual([3, 4, 5, 6, 7, 10]);
    expect(errors[0]).toContain('requests "abc" is not a number');
    expect(errors[1]).toMatch(/t_seconds 100 is not after 120 \(line 3\)/); // line 3's time was fine
    expect(errors[2]).toContain('requests must not be negative');
    expect(errors[3]).toContain('errors (20) exceed requests (10)');
    expect(errors[4]).toContain('expected 3 values');
    expect(errors[5]).toMatch(/t_seconds 360 is not after 360 \(line 8\)/);
  });

  it('reports ratios outside [0, 1]', () => {
    const errors = errorsOf('t_seconds,error_ratio\n0,0.5\n60,1.5\n120,-0.1\n180,1\n');
    expect(errors).toEqual([
      expect.stringMatching(/^line 3: error_ratio 1.5 is outside \[0, 1\]/),
      expect.stringMatching(/^line 4: error_ratio -0.1 is outside \[0, 1\]/),
    ]);
  });

  it('a CSV outage is alerted on like the same outage generated in the model', () => {
    const s = ok('t_seconds,error_ratio\n0,0\n7200,1\n10800,0\n18000,0\n', 60);
    const ev = evaluate(s, SLO_30D, multiwindowRules(SLO_30D), { event: { startSeconds: 7200, endSeconds: 10800 } });
    expect(ev.rules[0]!.detectionDelaySeconds).toBe(60);
    expect(ev.rules[0]!.resetSeconds).toBe(5 * MIN);
    // 43.2 minutes of full outage exhaust a 30-day 99.9% budget.
    expect(ev.exhaustedAt).toBe(7200 + Math.ceil(allowedDowntimeSeconds(0.999, 30 * DAY) / 60) * 60);
  });
});
