import { describe, expect, it } from 'vitest';
import {
  BUDGET_PERIOD_SECONDS,
  DEFAULT_CONFIG,
  errorBudget,
  flaggerDecision,
  flaggerMinimumPromotionSeconds,
  judgeMeasurement,
  judgeSimple,
  metricPhase,
  plannedIntervals,
  POLICIES,
  runCanary,
  sampleInterval,
  scoreResult,
  summaryScore,
  type CanaryConfig,
  type KayentaMetric,
  type MeasurementPhase,
} from './model';

const bad: CanaryConfig['newVersion'] = { fault: 'error-ratio', value: 0.02 };
const slow: CanaryConfig['newVersion'] = { fault: 'latency-shift', value: 300 };
const with_ = (patch: Partial<CanaryConfig>): CanaryConfig => ({ ...DEFAULT_CONFIG, ...patch });
const argo = (patch: Partial<CanaryConfig['argo']>, rest: Partial<CanaryConfig> = {}) => with_({ policy: 'argo', argo: { ...DEFAULT_CONFIG.argo, ...patch }, ...rest });

describe('the simple rule (made precise: fractions, every interval, strict >)', () => {
  // SLO 99.95%: budget 1 - 0.9995 = 0.0005; 5x budget = 0.0025.
  const rule = DEFAULT_CONFIG.simple;
  it('rolls back above twice the baseline ratio', () => {
    expect(judgeSimple(rule, 99.95, 0.001, 0.0004).triggered).toBe('baseline'); // 0.001 > 0.0008
    expect(judgeSimple(rule, 99.95, 0.0008, 0.0004).triggered).toBeNull(); // equal is not above
  });
  it('rolls back above five times the error budget even when the baseline is as bad', () => {
    const d = judgeSimple(rule, 99.95, 0.003, 0.002); // 0.003 < 0.004 (2x) but > 0.0025 (5x budget)
    expect(d.budgetLimit).toBeCloseTo(0.0025, 12);
    expect(d.triggered).toBe('budget');
  });
  it('makes any error fatal against a baseline with none, and judges nothing without canary traffic', () => {
    expect(judgeSimple(rule, 99.95, 1 / 1500, 0).triggered).toBe('baseline');
    expect(judgeSimple(rule, 99.95, null, 0.0002).triggered).toBeNull();
  });
});

describe('Argo Rollouts analysis', () => {
  const ok = { op: '<=', value: 0.003 } as const;
  const failing = { op: '>', value: 0.0072 } as const;

  it('judges measurements: both conditions set and neither true is Inconclusive', () => {
    expect(judgeMeasurement(0.001, ok, failing)).toBe('Successful');
    expect(judgeMeasurement(0.005, ok, failing)).toBe('Inconclusive');
    expect(judgeMeasurement(0.01, ok, failing)).toBe('Failed');
    expect(judgeMeasurement(0.005, ok, null)).toBe('Failed'); // success only: false is Failed
    expect(judgeMeasurement(0.005, null, failing)).toBe('Successful'); // failure only: false is Successful
    expect(judgeMeasurement(null, ok, failing)).toBe('Error'); // no data
  });

  it('fails a metric when failed measurements exceed failureLimit: failureLimit 3 needs 4', () => {
    const limits = { failureLimit: 3, inconclusiveLimit: 0, consecutiveErrorLimit: 4 };
    const f: MeasurementPhase = 'Failed';
    expect(metricPhase([f, f, f], limits).phase).toBe('Running');
    expect(metricPhase([f, 'Successful', f, f, f], limits).phase).toBe('Failed');
    expect(metricPhase([f], { ...limits, failureLimit: 0 }).phase).toBe('Failed'); // the default: first failure
    expect(metricPhase(['Error', 'Error', 'Error', 'Error'], limits).phase).toBe('Running');
    expect(metricPhase(['Error', 'Error', 'Error', 'Error', 'Error'], limits).phase).toBe('Error');
    expect(metricPhase(['Error', 'Error', 'Successful', 'Error', 'Error', 'Error'], limits).phase).toBe('Running'); // not consecutive
  });

  it('stops at the first limit crossed, as Argo does (later measurements never change a completed metric)', () => {
    // Argo assesses after every measurement: the first Inconclusive (1 > inconclusiveLimit 0) completes
    // the metric and pauses the rollout; two later failures are never measured.
    const stop = metricPhase(['Inconclusive', 'Failed', 'Failed'], { failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4 });
    expect(stop).toEqual({ phase: 'Inconclusive', failed: 0, inconclusive: 1, consecutiveErrors: 0 });
    // Five consecutive errors complete it as Error before a later failure could count.
    expect(metricPhase(['Error', 'Error', 'Error', 'Error', 'Error', 'Failed'], { failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4 }).phase).toBe('Error');
  });

  it('in a rollout of a 2% version, failureLimit 3 aborts on the 4th failed measurement, 0 on the first', () => {
    // 2% 5xx is far above the failureCondition 0.72%, so every measurement fails.
    const r3 = runCanary(argo({ failureLimit: 3 }, { newVersion: bad }), 1);
    expect(r3.intervals.map((i) => i.detail.kind === 'argo' && i.detail.metrics[0]!.measurement)).toEqual(['Failed', 'Failed', 'Failed', 'Failed']);
    expect(r3.outcome).toMatchObject({ result: 'rolled-back', atSeconds: 240, stepIndex: 0, weight: 5 });
    expect(r3.outcome.reason).toContain('4 failed measurements of error-ratio exceed failureLimit 3');
    expect(runCanary(argo({ failureLimit: 0 }, { newVersion: bad }), 1).outcome.atSeconds).toBe(60);
  });

  it('pauses for a person when a measurement is Inconclusive (both conditions set, neither true)', () => {
    // 2% is above the success bound 0.1% and below the failure bound 50%: Inconclusive, and 1 > inconclusiveLimit 0.
    const r = runCanary(argo({ successCondition: { op: '<=', value: 0.001 }, failureCondition: { op: '>', value: 0.5 }, maxP99Ms: null }, { newVersion: bad }), 1);
    expect(r.outcome).toMatchObject({ result: 'paused', atSeconds: 60, stepIndex: 0, weight: 5 });
    expect(r.intervals[0]!.action).toBe('pause');
    expect(r.outcome.reason).toContain('waiting for a person');
  });

  it('aborts when consecutive provider errors exceed consecutiveErrorLimit: no data is not a pass', () => {
    // A step at weight 0 sends the canary nothing: every query returns no data (Error). Limit 4: the 5th aborts.
    const r = runCanary(argo({}, { steps: [{ weight: 0, pauseSeconds: 600 }, { weight: 50, pauseSeconds: 300 }] }), 1);
    expect(r.outcome).toMatchObject({ result: 'rolled-back', atSeconds: 300, weight: 0 });
    expect(r.outcome.reason).toContain('5 consecutive errors');
  });
});

describe('Flagger analysis', () => {
  it('counts failed checks cumulatively, not consecutively', () => {
    // Pass, fail, pass, fail with threshold 2: a consecutive count would never reach 2; Flagger's reaches it on the 4th.
    let state = { step: 0, failedChecks: 0 };
    const actions: string[] = [];
    for (const pass of [true, false, true, false]) {
      const d = flaggerDecision(state, pass, 10, 2);
      actions.push(d.action);
      state = { step: state.step + (d.action === 'advance' ? 1 : 0), failedChecks: d.failedChecks };
    }
    expect(actions).toEqual(['advance', 'continue', 'advance', 'rollback']);
    expect(flaggerDecision({ step: 9, failedChecks: 1 }, true, 10, 2).action).toBe('promote');
  });

  it('rolls back a slightly slow version after failures that were never in a row', () => {
    // +210 ms on a p99 of about 256 ms puts the canary's p99 near the 500 ms limit: some intervals fail.
    const config = with_({ policy: 'flagger', newVersion: { fault: 'latency-shift', value: 210 }, flagger: { ...DEFAULT_CONFIG.flagger, threshold: 2, stepWeight: 5, maxWeight: 50 } });
    const r = runCanary(config, 1);
    const pattern = r.intervals.map((i) => (i.verdict === 'fail' ? 'F' : 'P')).join('');
    expect(pattern).not.toContain('FF');
    expect(pattern.split('F').length - 1).toBe(2);
    expect(r.outcome.result).toBe('rolled-back');
    expect(r.intervals.at(-1)!.detail).toMatchObject({ kind: 'flagger', failedChecks: 2 });
  });

  it('promotes a healthy version no sooner than interval x maxWeight / stepWeight', () => {
    // 60 s x 50 / 10 = 300 s: five passing intervals at 10, 20, 30, 40, 50%.
    const config = with_({ policy: 'flagger', flagger: { ...DEFAULT_CONFIG.flagger, stepWeight: 10, maxWeight: 50 } });
    expect(flaggerMinimumPromotionSeconds(config)).toBe(300);
    const r = runCanary(config, 1);
    expect(r.outcome).toMatchObject({ result: 'promoted', atSeconds: 300, weight: 50 });
    expect(r.intervals.map((i) => i.weight)).toEqual([10, 20, 30, 40, 50]);
  });
});

describe('Kayenta scoring', () => {
  const m = (name: KayentaMetric['name'], group: KayentaMetric['group'], classification: KayentaMetric['classification'], critical = false): KayentaMetric => ({
    name,
    group,
    classification,
    fails: classification === 'High',
    critical,
    canarySamples: 10,
    baselineSamples: 10,
    u: null,
    z: null,
    p: null,
  });

  it('weights the group scores; a failing critical metric makes the score 0', () => {
    // errors Pass (100), latency High (0), weights 50/50: 50 -> Marginal (>= 50, < 75).
    const marginal = summaryScore([m('5xx-ratio', 'errors', 'Pass', true), m('latency', 'latency', 'High')], { errors: 50, latency: 50 });
    expect(marginal.score).toBe(50);
    expect(scoreResult(marginal.score, 75, 50)).toBe('Marginal');
    // errors High and critical: 0 whatever the rest -> Fail.
    expect(summaryScore([m('5xx-ratio', 'errors', 'High', true), m('latency', 'latency', 'Pass')], { errors: 50, latency: 50 }).score).toBe(0);
    // Not critical: 0.3 x 0 + 0.7 x 100 = 70 -> Marginal; 0.2 x 0 + 0.8 x 100 = 80 -> Pass.
    expect(summaryScore([m('5xx-ratio', 'errors', 'High'), m('latency', 'latency', 'Pass')], { errors: 30, latency: 70 }).score).toBe(70);
    expect(scoreResult(80, 75, 50)).toBe('Pass');
    expect(scoreResult(49.9, 75, 50)).toBe('Fail');
  });

  it('leaves out groups with no data and does not count a Low against the canary', () => {
    const noLatency = summaryScore([m('5xx-ratio', 'errors', 'Pass'), m('latency', 'latency', 'NoData')], { errors: 50, latency: 50 });
    expect(noLatency).toEqual({ score: 100, groupScores: { errors: 100, latency: null } });
    expect(summaryScore([m('5xx-ratio', 'errors', 'Low'), m('latency', 'latency', 'Pass')], { errors: 50, latency: 50 }).score).toBe(100);
  });

  it('judges once per step: a 2% version fails at the end of the first step, a slow one is marginal and pauses', () => {
    const failed = runCanary(with_({ policy: 'kayenta', newVersion: bad }), 1);
    expect(failed.outcome).toMatchObject({ result: 'rolled-back', atSeconds: 300, weight: 5 });
    expect(failed.intervals.slice(0, 4).every((i) => i.verdict === 'collecting')).toBe(true);
    const j = failed.intervals[4]!.detail;
    expect(j.kind === 'kayenta' && j.judgement?.metrics[0]).toMatchObject({ name: '5xx-ratio', classification: 'High', critical: true });
    const paused = runCanary(with_({ policy: 'kayenta', newVersion: slow }), 1);
    expect(paused.outcome).toMatchObject({ result: 'paused', atSeconds: 300 });
    expect(paused.outcome.reason).toContain('score 50.0 (Marginal)');
  });
});

describe('rollouts', () => {
  it('are deterministic per seed, and differ between seeds', () => {
    for (const policy of POLICIES) {
      const config = with_({ policy, newVersion: slow });
      expect(runCanary(config, 7)).toEqual(runCanary(config, 7));
    }
    expect(sampleInterval(DEFAULT_CONFIG, 1, 0, 5)).not.toEqual(sampleInterval(DEFAULT_CONFIG, 2, 0, 5));
  });

  it('draw traffic per interval from the seed alone: the policies see the same first interval', () => {
    const first = POLICIES.map((policy) => runCanary(with_({ policy }), 3).intervals[0]!.canary);
    expect(new Set(first.map((c) => JSON.stringify(c))).size).toBe(1);
    // 200 req/s x 60 s x 5% = 600 canary requests expected; Poisson and binomial noise stay within 5 sd (5 x sqrt(600) = 122).
    expect(Math.abs(first[0]!.requests - 600)).toBeLessThan(122);
  });

  it.each(POLICIES)('%s rolls a 2%%-error version back before 100%%, and promotes a healthy one (seed 66)', (policy) => {
    const rolledBack = runCanary(with_({ policy, newVersion: bad }), 66);
    expect(rolledBack.outcome.result).toBe('rolled-back');
    expect(rolledBack.outcome.weight).toBeLessThan(100);
    expect(runCanary(with_({ policy }), 66).outcome.result).toBe('promoted');
  });

  it('a latency regression: Argo (p99 metric) and Flagger (request-duration) roll back; the simple rule cannot see latency', () => {
    expect(runCanary(with_({ policy: 'argo', newVersion: slow }), 66).outcome.result).toBe('rolled-back');
    expect(runCanary(with_({ policy: 'flagger', newVersion: slow }), 66).outcome.result).toBe('rolled-back');
    // Seed 66 is one where the simple rule's noise does not roll back a healthy version: it promotes the slow one.
    expect(runCanary(with_({ policy: 'simple', newVersion: slow }), 66).outcome.result).toBe('promoted');
  });

  it('the simple rule rolls back most healthy versions by chance; Argo and Flagger almost never do', () => {
    // At 5% weight a canary serves ~600 requests a minute; with a 0.02% baseline, 2 x baseline allows
    // 0.24 errors, so a single error (probability 1 - e^-0.12 = 11% per minute) rolls back.
    const falseRollbacks = (policy: CanaryConfig['policy']) => {
      let n = 0;
      for (let seed = 1; seed <= 60; seed++) if (runCanary(with_({ policy }), seed).outcome.result === 'rolled-back') n += 1;
      return n / 60;
    };
    expect(falseRollbacks('simple')).toBeGreaterThan(0.8);
    expect(falseRollbacks('argo')).toBeLessThan(0.1);
    expect(falseRollbacks('flagger')).toBeLessThan(0.1);
  });
});

describe('cost against a big bang', () => {
  it('counts the canary requests until the decision, and the big bang as all of the first interval', () => {
    const r = runCanary(argo({ failureLimit: 1 }, { newVersion: bad }), 1);
    expect(r.outcome.atSeconds).toBe(120);
    const canaryRequests = r.intervals[0]!.canary.requests + r.intervals[1]!.canary.requests;
    // Excess failures: requests x (2% - 0.02%) = requests x 0.0198.
    expect(r.cost.canary.requests).toBe(canaryRequests);
    expect(r.cost.canary.excessErrors).toBeCloseTo(canaryRequests * 0.0198, 6);
    // The 30-day budget: 0.0005 x 200 req/s x 2,592,000 s = 259,200 failed requests.
    expect(r.budgetRequests).toBeCloseTo(259_200, 6);
    expect(BUDGET_PERIOD_SECONDS * errorBudget(99.95) * 200).toBeCloseTo(259_200, 6);
    expect(r.cost.canary.budgetFraction).toBeCloseTo((canaryRequests * 0.0198) / 259_200, 12);
    // Big bang: all of interval 0 (about 12,000 requests) on the new version.
    const bigBang = sampleInterval(r.config, 1, 0, 100).canary.requests;
    expect(Math.abs(bigBang - 12_000)).toBeLessThan(5 * Math.sqrt(12_000));
    expect(r.cost.bigBang.excessErrors).toBeCloseTo(bigBang * 0.0198, 6);
    // Two minutes at 5% is ~1/10 of one minute at 100%.
    expect(r.cost.canary.excessErrors / r.cost.bigBang.excessErrors).toBeGreaterThan(0.07);
    expect(r.cost.canary.excessErrors / r.cost.bigBang.excessErrors).toBeLessThan(0.13);
  });

  it('a healthy version costs nothing; a slow one costs slowed requests, not errors', () => {
    expect(runCanary(DEFAULT_CONFIG, 66).cost.canary.excessErrors).toBe(0);
    const s = runCanary(with_({ policy: 'flagger', newVersion: slow }), 66);
    expect(s.cost.canary.excessErrors).toBe(0);
    expect(s.cost.canary.slowedRequests).toBe(s.cost.canary.requests);
    expect(s.cost.bigBang.slowedRequests).toBe(s.cost.bigBang.requests);
  });
});

describe('what a learner may know before a rollout runs', () => {
  it('plans one interval per minute of pause, whatever the run does', () => {
    expect(plannedIntervals(DEFAULT_CONFIG)).toBe(15);
    const failing = { ...DEFAULT_CONFIG, newVersion: { ...DEFAULT_CONFIG.newVersion, fault: 'error-ratio' as const, value: 0.05 } };
    const run = runCanary(failing, 1);
    expect(run.outcome.result).not.toBe('promoted');
    expect(run.intervals.length).toBeLessThan(plannedIntervals(failing)); // the abort comes early: the view must not say so first
  });
});
