import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUCKETS,
  evaluateAlerts,
  evaluateRule,
  goldenSignals,
  histogramQuantile,
  INACTIVE,
  lognormalCdf,
  PAYMENT_API,
  PRESET_RULES,
  rate,
  runGoldenSignals,
  simulate,
  STATUS_CLASSES,
  validateConfig,
  validateFault,
  type AlertEvent,
  type AlertRule,
  type AlertState,
  type Bucket,
  type Fault,
  type Point,
  type RuleStatus,
  type SignalPoint,
  type TrafficConfig,
} from './model';

const HOUR = 3600;
const b = (le: number, count: number): Bucket => ({ le, count });
const run = (faults: Fault[], seed: string | number = 1, durationSeconds = HOUR) => runGoldenSignals(PAYMENT_API, faults, { seed, durationSeconds });
const eventsOf = (events: AlertEvent[], rule: string) => events.filter((e) => e.rule === rule).map(({ state, at }) => ({ state, at }));
const at = (events: AlertEvent[], rule: string, state: AlertEvent['state']) => events.find((e) => e.rule === rule && e.state === state)?.at;

describe('histogramQuantile (PromQL histogram_quantile)', () => {
  // The lesson's payment API buckets.
  const lesson = [b(0.05, 120), b(0.1, 170), b(0.25, 190), b(0.5, 196), b(1, 199), b(2.5, 200), b(Infinity, 200)];

  it.each([
    [0.5, 0.05 * (100 / 120)], // rank 100 in the first bucket, whose lower bound is 0
    [0.9, 0.1 + 0.15 * (10 / 20)], // 0.175
    [0.99, 0.5 + 0.5 * (2 / 3)], // 0.8333
    [0.995, 1], // rank 199: le=1 already holds 199, so the bucket's upper bound
  ])('lesson buckets: q=%s -> %s', (q, expected) => {
    expect(histogramQuantile(q, lesson)).toBeCloseTo(expected, 12);
  });

  it('a rank exactly on a bucket boundary gives that bound', () => {
    expect(histogramQuantile(0.5, [b(0.1, 50), b(0.2, 100), b(Infinity, 100)])).toBe(0.1);
    expect(histogramQuantile(1, [b(1, 50), b(2, 100), b(Infinity, 100)])).toBe(2);
  });

  it('the first bucket interpolates from 0', () => {
    expect(histogramQuantile(0.25, [b(0.1, 100), b(Infinity, 100)])).toBeCloseTo(0.025, 12);
  });

  it('a rank in the +Inf bucket gives the highest finite bound', () => {
    expect(histogramQuantile(0.99, [b(1, 90), b(2, 95), b(Infinity, 100)])).toBe(2);
    expect(histogramQuantile(0.5, [b(0.1, 0), b(0.2, 0), b(Infinity, 10)])).toBe(0.2);
  });

  it('NaN without observations, without a +Inf bucket, with fewer than two buckets, or for q = NaN', () => {
    expect(histogramQuantile(0.5, [b(0.1, 0), b(Infinity, 0)])).toBeNaN();
    expect(histogramQuantile(0.5, [])).toBeNaN();
    expect(histogramQuantile(0.5, [b(Infinity, 10)])).toBeNaN();
    expect(histogramQuantile(0.5, [b(0.1, 5), b(1, 10)])).toBeNaN();
    expect(histogramQuantile(NaN, lesson)).toBeNaN();
    expect(histogramQuantile(0.5, [b(0.1, NaN), b(Infinity, NaN)])).toBeNaN();
  });

  it('q < 0 is -Inf and q > 1 is +Inf', () => {
    expect(histogramQuantile(-0.1, lesson)).toBe(-Infinity);
    expect(histogramQuantile(1.1, lesson)).toBe(Infinity);
  });

  it('sorts buckets, merges equal bounds and forces counts to be monotonic', () => {
    expect(histogramQuantile(0.9, [...lesson].reverse())).toBeCloseTo(0.175, 12);
    // Two series with the same le add up: le=1 -> 4 + 6 = 10.
    expect(histogramQuantile(0.5, [b(1, 4), b(Infinity, 20), b(1, 6)])).toBe(1);
    // 8 < 10 is raised to 10, so rank 10 falls in the first bucket.
    expect(histogramQuantile(0.5, [b(1, 10), b(2, 8), b(Infinity, 20)])).toBe(1);
  });

  it('a first bound <= 0 is returned as it is when the rank falls in it', () => {
    expect(histogramQuantile(0.2, [b(-1, 5), b(1, 10), b(Infinity, 10)])).toBe(-1);
  });
});

describe('rate', () => {
  const series = (values: number[], step = 15): Point[] => values.map((value, i) => ({ t: i * step, value }));

  it('is the increase over the window divided by the window, without extrapolation', () => {
    const s = series([0, 10, 25, 45, 50, 80, 90, 100, 130]);
    expect(rate(s, 60, 8)).toBe((130 - 50) / 60);
    expect(rate(s, 30, 5)).toBe((80 - 45) / 30);
  });

  it('uses what exists before a whole window, and is NaN with no earlier sample', () => {
    const s = series([0, 10, 25]);
    expect(rate(s, 300, 2)).toBe(25 / 30);
    expect(rate(s, 300, 0)).toBeNaN();
    expect(rate(s, 300, 5)).toBeNaN();
  });

  it('treats a drop as a counter reset', () => {
    // 0 -> 10 -> 20, restart, 5 -> 15: increases 10 + 10 + 5 + 10.
    expect(rate(series([0, 10, 20, 5, 15]), 60, 4)).toBe(35 / 60);
  });
});

describe('alert rule states', () => {
  it('goes pending, then firing once the condition held for `for` (the lesson timeline)', () => {
    let status: RuleStatus = INACTIVE;
    const states: AlertState[] = [];
    for (let t = 0; t <= 180; t += 60) {
      status = evaluateRule(status, true, 120, t);
      states.push(status.state);
    }
    expect(states).toEqual(['pending', 'pending', 'firing', 'firing']);
    expect(evaluateRule(status, false, 120, 240)).toEqual(INACTIVE);
    expect(evaluateRule(INACTIVE, true, 0, 60).state).toBe('firing');
  });

  const point = (t: number, errorRatio: number): SignalPoint => ({
    t, errorRatio, trafficRps: 1, latencyP50: 0, latencyP90: 0, latencyP99: 0, errorLatencyP99: 0, cpuPercent: 0,
  });
  const rule: AlertRule = { name: 'R', signal: 'errorRatio', threshold: 0.05, forSeconds: 30, severity: 'critical', description: '' };

  it('compares strictly, treats NaN as false, and reports every transition', () => {
    const ratios = [0.05, 0.06, 0.07, 0.08, 0.09, NaN, 0.06, 0.01];
    const { states, events } = evaluateAlerts(ratios.map((r, i) => point(i * 15, r)), [rule]);
    expect(states[0]).toEqual(['inactive', 'pending', 'pending', 'firing', 'firing', 'inactive', 'pending', 'inactive']);
    expect(events).toEqual([
      { rule: 'R', state: 'pending', at: 15 },
      { rule: 'R', state: 'firing', at: 45 },
      { rule: 'R', state: 'resolved', at: 75 },
      { rule: 'R', state: 'pending', at: 90 },
      { rule: 'R', state: 'inactive', at: 105 },
    ]);
  });

  it('the presets are the lesson rules', () => {
    expect(PRESET_RULES.map((r) => [r.name, r.signal, r.threshold, r.forSeconds])).toEqual([
      ['HighErrorRate', 'errorRatio', 0.05, 120],
      ['HighLatency', 'latencyP99', 0.5, 300],
      ['HighResourceUsage', 'cpuPercent', 80, 600],
    ]);
  });
});

describe('simulate', () => {
  const samples = simulate(PAYMENT_API, [], { seed: 3, durationSeconds: HOUR });

  it('scrapes every 15 s from 0, with cumulative counters and cumulative le buckets', () => {
    expect(samples).toHaveLength(241);
    expect(samples.map((s) => s.t)).toEqual(Array.from({ length: 241 }, (_, i) => i * 15));
    expect(samples[0]!.requests).toEqual({ '2xx': 0, '4xx': 0, '5xx': 0 });
    for (let i = 1; i < samples.length; i++) {
      const [prev, cur] = [samples[i - 1]!, samples[i]!];
      for (const c of STATUS_CLASSES) expect(cur.requests[c]).toBeGreaterThanOrEqual(prev.requests[c]);
      for (const cls of ['success', 'error'] as const) {
        const counts = cur.buckets[cls];
        expect(counts).toHaveLength(DEFAULT_BUCKETS.length);
        counts.forEach((n, k) => {
          expect(n).toBeGreaterThanOrEqual(prev.buckets[cls][k]!);
          if (k > 0) expect(n).toBeGreaterThanOrEqual(counts[k - 1]!);
        });
      }
      // The +Inf bucket counts every request of its class.
      expect(cur.buckets.success.at(-1)).toBe(cur.requests['2xx'] + cur.requests['4xx']);
      expect(cur.buckets.error.at(-1)).toBe(cur.requests['5xx']);
      expect(cur.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(cur.cpuPercent).toBeLessThanOrEqual(100);
    }
  });

  it('follows the configured traffic and status mix', () => {
    const last = samples.at(-1)!.requests;
    const total = last['2xx'] + last['4xx'] + last['5xx'];
    expect(total / HOUR).toBeCloseTo(60, 0);
    expect(last['5xx'] / total).toBeCloseTo(0.02, 2);
    expect(last['4xx'] / total).toBeCloseTo(0.03, 2);
  });

  it('the same seed and inputs give the same run; another seed another run', () => {
    const faults: Fault[] = [{ kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 }];
    expect(run(faults, 'abc')).toEqual(run(faults, 'abc'));
    expect(run(faults, 'abc').samples).not.toEqual(run(faults, 'abd').samples);
  });

  it('lognormal buckets: half the successes are under the median', () => {
    expect(lognormalCdf(0.04, PAYMENT_API.latency.success)).toBeCloseTo(0.5, 6);
    expect(lognormalCdf(Infinity, PAYMENT_API.latency.success)).toBe(1);
    const p50 = goldenSignals(samples, DEFAULT_BUCKETS).at(-1)!.latencyP50;
    expect(p50).toBeGreaterThan(0.035);
    expect(p50).toBeLessThan(0.05);
  });

  it('rejects bad configs and faults with a message', () => {
    const bad = (patch: Partial<TrafficConfig>) => () => validateConfig({ ...PAYMENT_API, ...patch });
    expect(bad({ statusMix: { '2xx': 0.9, '4xx': 0.03, '5xx': 0.02 } })).toThrow(/add up to 1/);
    expect(bad({ buckets: [0.1, 1] })).toThrow(/Infinity/);
    expect(bad({ buckets: [1, 0.5, Infinity] })).toThrow(/increase/);
    expect(bad({ requestsPerSecond: -1 })).toThrow(/requestsPerSecond/);
    expect(() => validateFault({ kind: 'error-burst', startSeconds: 0, endSeconds: 10, value: 1.5 })).toThrow(/fraction/);
    expect(() => validateFault({ kind: 'traffic-spike', startSeconds: 10, endSeconds: 10, value: 2 })).toThrow(/start < end/);
    expect(() => simulate(PAYMENT_API, [{ kind: 'meteor' as never, startSeconds: 0, endSeconds: 1, value: 1 }], { seed: 1, durationSeconds: 60 })).toThrow(/unknown fault kind/);
  });
});

describe('the golden signals and the three alerts', () => {
  it.each([1, 2, 3, 4, 5])('a healthy hour (2%% 5xx) fires nothing and goes pending nowhere (seed %s)', (seed) => {
    const r = run([], seed);
    expect(r.events).toEqual([]);
    const steady = r.signals.slice(20);
    expect(Math.max(...steady.map((s) => s.errorRatio))).toBeLessThan(0.035);
    expect(Math.max(...steady.map((s) => s.latencyP99))).toBeLessThan(0.3);
    expect(Math.max(...steady.map((s) => s.cpuPercent))).toBeLessThan(70);
    expect(r.alertStates.every((states) => states.every((s) => s === 'inactive'))).toBe(true);
  });

  it('signals are NaN (no data) before the first interval; failed latency is its own, slower series', () => {
    const r = run([]);
    expect(r.signals[0]!.errorRatio).toBeNaN();
    expect(r.signals[0]!.latencyP99).toBeNaN();
    const last = r.signals.at(-1)!;
    expect(last.trafficRps).toBeCloseTo(60, -1);
    expect(last.errorLatencyP99).toBeGreaterThan(1);
    expect(last.latencyP99).toBeLessThan(0.5);
  });

  it.each([1, 2, 3])('a 20%% error burst from 10 to 20 min: pending at the first evaluation over 5%%, firing 2 min later, resolved once the window clears (seed %s)', (seed) => {
    const r = run([{ kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 }], seed);
    const firstOver = r.signals.find((s) => s.errorRatio > 0.05)!.t;
    const pending = at(r.events, 'HighErrorRate', 'pending')!;
    const firing = at(r.events, 'HighErrorRate', 'firing')!;
    const resolved = at(r.events, 'HighErrorRate', 'resolved')!;
    expect(pending).toBe(firstOver);
    // 2% + 18% x k / 20 crosses 5% after 4 of the 20 steps in the 5 m window: about 60 s.
    expect(pending).toBeGreaterThanOrEqual(600 + 45);
    expect(pending).toBeLessThanOrEqual(600 + 75);
    expect(firing - pending).toBeGreaterThanOrEqual(120);
    expect(firing - pending).toBeLessThanOrEqual(135);
    // It stays above until fewer than about 4 fault steps remain in the window: about 255 s after the end.
    expect(resolved).toBeGreaterThanOrEqual(1200 + 225);
    expect(resolved).toBeLessThanOrEqual(1200 + 300);
    expect(eventsOf(r.events, 'HighErrorRate').map((e) => e.state)).toEqual(['pending', 'firing', 'resolved']);
    expect(r.events.filter((e) => e.rule !== 'HighErrorRate')).toEqual([]);
  });

  it('a latency regression (medians x5) fires HighLatency 5 min after it goes pending', () => {
    const r = run([{ kind: 'latency-regression', startSeconds: 600, endSeconds: 1800, value: 5 }]);
    const pending = at(r.events, 'HighLatency', 'pending')!;
    const firing = at(r.events, 'HighLatency', 'firing')!;
    expect(pending).toBeGreaterThan(600);
    expect(pending).toBeLessThanOrEqual(600 + 300);
    expect(firing - pending).toBe(300);
    expect(at(r.events, 'HighLatency', 'resolved')).toBeGreaterThan(1800);
    expect(at(r.events, 'HighErrorRate', 'pending')).toBeUndefined();
  });

  it('CPU saturation (+45 points) fires HighResourceUsage 10 min after the first scrape over 80%', () => {
    const r = run([{ kind: 'cpu-saturation', startSeconds: 600, endSeconds: 1800, value: 45 }]);
    expect(eventsOf(r.events, 'HighResourceUsage')).toEqual([
      { state: 'pending', at: 615 },
      { state: 'firing', at: 1215 },
      { state: 'resolved', at: 1815 },
    ]);
  });

  it('a fault shorter than `for` goes pending and never fires', () => {
    const r = run([{ kind: 'cpu-saturation', startSeconds: 600, endSeconds: 900, value: 45 }]);
    expect(r.events).toEqual([
      { rule: 'HighResourceUsage', state: 'pending', at: 615 },
      { rule: 'HighResourceUsage', state: 'inactive', at: 915 },
    ]);
    expect(r.alertStates[2]!.includes('firing')).toBe(false);
  });

  it('a traffic spike (x3) saturates the CPU; traffic stopping silences every signal instead of alerting', () => {
    const spike = run([{ kind: 'traffic-spike', startSeconds: 600, endSeconds: 1800, value: 3 }]);
    expect(at(spike.events, 'HighResourceUsage', 'firing')).toBe(1215);
    expect(spike.signals[100]!.trafficRps).toBeGreaterThan(150);
    const drop = run([{ kind: 'traffic-spike', startSeconds: 600, endSeconds: 1800, value: 0 }]);
    expect(drop.events).toEqual([]);
    const during = drop.signals[100]!; // t = 1500, the window is all silence
    expect(during.trafficRps).toBe(0);
    expect(during.errorRatio).toBeNaN();
    expect(during.latencyP99).toBeNaN();
  });
});
