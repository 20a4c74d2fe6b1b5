import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { configToJson, ConfigError, parseConfigJson, parseCondition, parseNewVersion, parseStepsText, readConfig, stepsText } from './config';
import { argoRolloutYaml, flaggerCanaryYaml } from './export';
import { DEFAULT_CONFIG, type CanaryConfig } from './model';

describe('readConfig', () => {
  it('fills every missing field from the defaults, and round-trips through configToJson', () => {
    expect(readConfig({})).toEqual({ config: DEFAULT_CONFIG, seed: null, problems: [] });
    const custom: CanaryConfig = { ...DEFAULT_CONFIG, policy: 'flagger', intervalSeconds: 30, steps: [{ weight: 10, pauseSeconds: 90 }], newVersion: { fault: 'latency-shift', value: 120 } };
    expect(readConfig(configToJson(custom))).toEqual({ config: custom, seed: null, problems: [] });
  });

  it('reads files written before the simple rule was renamed: policy "source" and a "source" section', () => {
    const { config, problems } = readConfig({ policy: 'source', source: { baselineMultiple: 3 } });
    expect(problems).toEqual([]);
    expect(config.policy).toBe('simple');
    expect(config.simple).toEqual({ baselineMultiple: 3, budgetMultiple: 5 });
    expect(configToJson(config)).toMatchObject({ policy: 'simple', simple: { baselineMultiple: 3, budgetMultiple: 5 } });
  });

  it('names the field, what it must be and what it got', () => {
    const { problems } = readConfig({ steps: [{ weight: 5, pause: '5m' }, { weight: 25, pause: '5m' }, { weight: 'abc', pause: '5m' }] });
    expect(problems).toEqual(['steps[2].weight must be a number from 0 to 100, got "abc"']);
  });

  it.each([
    [{ policy: 'spinnaker' }, 'policy must be one of simple, argo, flagger, kayenta, got "spinnaker"'],
    [{ polcy: 'argo' }, 'unknown field polcy'],
    [{ traffic: { rps: 5 } }, 'unknown field traffic.rps'],
    [{ interval: '15s' }, 'interval must be a multiple of 10s from 10s to 1h, got "15s"'],
    [{ steps: [{ weight: 50, pause: '5m' }, { weight: 25, pause: '5m' }] }, 'steps[1].weight must be larger than the step before (50), got 25'],
    [{ steps: [{ weight: 5, pause: '90s' }] }, 'steps[0].pause must be a multiple of the analysis interval (1m), got 90s'],
    [{ steps: [{ weight: 5, pause: 'soon' }] }, 'steps[0].pause must be a duration such as "5m" or a number of seconds, got "soon"'],
    [{ steps: [{ pause: '5m' }] }, 'steps[0].weight is missing'],
    [{ steps: [] }, 'steps must hold 1 to 20 steps, got 0'],
    [{ steps: [{ weight: 5, pause: '8h' }] }, 'the pauses add up to 480 analysis intervals; at most 400'],
    [{ newVersion: { fault: 'error-ratio', value: 2 } }, 'newVersion.value must be a number from 0 to 1, got 2 (a 5xx fraction for error-ratio)'],
    [{ newVersion: { fault: 'explode' } }, 'newVersion.fault must be one of none, error-ratio, latency-shift, got "explode"'],
    [{ traffic: { sloPercent: 100 } }, 'traffic.sloPercent must be below 100'],
    [{ argo: { failureLimit: 1.5 } }, 'argo.failureLimit must be a whole number from 0 to 1000, got 1.5'],
    [{ argo: { successCondition: 'result < lots' } }, 'argo.successCondition must be null or a condition on the error ratio like "result[0] <= 0.003", got "result < lots"'],
    [{ argo: { successCondition: null, failureCondition: null } }, 'argo: set successCondition, failureCondition or both'],
    [{ flagger: { threshold: 0 } }, 'flagger.threshold must be a whole number from 1 to 1000, got 0'],
    [{ kayenta: { passScore: 40 } }, 'kayenta.marginalScore (50) must not be above kayenta.passScore (40)'],
    [{ kayenta: { errorsCritical: 'yes' } }, 'kayenta.errorsCritical must be true or false, got "yes"'],
    [[1, 2], 'the config must be a JSON object, got [1,2]'],
  ])('%j: %s', (input, message) => {
    expect(readConfig(input).problems.join('\n')).toContain(message);
  });

  it('reports every problem at once, and where a JSON syntax error is', () => {
    expect(readConfig({ policy: 1, traffic: { requestsPerSecond: 0 } }).problems).toHaveLength(2);
    expect(() => parseConfigJson('{\n  "policy": "argo",\n  steps: []\n}')).toThrow(ConfigError);
    expect(() => parseConfigJson('{\n  "policy": "argo",\n  steps: []\n}')).toThrow(/not valid JSON \(line 3, column 3\)/);
  });
});

describe('short forms shared by the CLI flags and the URL', () => {
  it('reads faults, steps and conditions, and writes them back', () => {
    expect(parseNewVersion('error-ratio:2%')).toEqual({ fault: 'error-ratio', value: 0.02 });
    expect(parseNewVersion('latency-shift:300')).toEqual({ fault: 'latency-shift', value: 300 });
    expect(parseNewVersion('none')).toEqual({ fault: 'none', value: 0 });
    expect(() => parseNewVersion('error-ratio:1.5')).toThrow('a 5xx fraction from 0 to 1');
    expect(() => parseNewVersion('meteor:1')).toThrow('none, error-ratio:FRACTION or latency-shift:MS');
    expect(parseStepsText('5:5m,25:300,50:10m')).toEqual([
      { weight: 5, pauseSeconds: 300 },
      { weight: 25, pauseSeconds: 300 },
      { weight: 50, pauseSeconds: 600 },
    ]);
    expect(stepsText(DEFAULT_CONFIG.steps)).toBe('5:5m,25:5m,50:5m');
    expect(() => parseStepsText('5:5m,25')).toThrow('step 2 must look like WEIGHT:PAUSE');
    expect(parseCondition('result[0] <= 0.003')).toEqual({ op: '<=', value: 0.003 });
    expect(parseCondition('result > 7.2e-3')).toEqual({ op: '>', value: 0.0072 });
  });
});

interface ArgoTemplate {
  kind: string;
  spec: { metrics: { name: string; interval: string; failureLimit: number; inconclusiveLimit: number; consecutiveErrorLimit: number; successCondition?: string; failureCondition?: string; provider: { prometheus: { query: string } } }[] };
}
interface ArgoRollout {
  kind: string;
  spec: { strategy: { canary: { steps: Record<string, unknown>[]; analysis: { startingStep: number; templates: { templateName: string }[] } } } };
}
interface FlaggerCanary {
  kind: string;
  apiVersion: string;
  spec: { analysis: { interval: string; threshold: number; stepWeights?: number[]; stepWeight?: number; maxWeight?: number; metrics: { name: string; interval: string; thresholdRange: { min?: number; max?: number } }[] } };
}

describe('YAML export', () => {
  it('writes an Argo AnalysisTemplate and Rollout that a YAML parser reads back with the configured fields', () => {
    const docs = loadAll(argoRolloutYaml(DEFAULT_CONFIG)) as [ArgoTemplate, ArgoRollout];
    expect(docs.map((d) => d.kind)).toEqual(['AnalysisTemplate', 'Rollout']);
    const [errorRatio, latency] = docs[0].spec.metrics;
    expect(errorRatio).toMatchObject({ name: 'error-ratio', interval: '1m', failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4, successCondition: 'result[0] <= 0.003', failureCondition: 'result[0] > 0.0072' });
    expect(errorRatio!.provider.prometheus.query).toContain('status=~"5.."}[1m]');
    expect(latency).toMatchObject({ name: 'latency-p99', successCondition: 'result[0] <= 0.5' });
    expect(latency!.failureCondition).toBeUndefined();
    const canary = docs[1].spec.strategy.canary;
    expect(canary.steps).toEqual([{ setWeight: 5 }, { pause: { duration: '5m' } }, { setWeight: 25 }, { pause: { duration: '5m' } }, { setWeight: 50 }, { pause: { duration: '5m' } }]);
    expect(canary.analysis).toMatchObject({ startingStep: 1, templates: [{ templateName: 'payment-api-canary-analysis' }] });
  });

  it("selects only the canary's requests: the recording rules' service label plus the new pods' template hash", () => {
    const [template, rollout] = loadAll(argoRolloutYaml(DEFAULT_CONFIG)) as [ArgoTemplate & { spec: { args: { name: string }[] } }, ArgoRollout & { spec: { strategy: { canary: { analysis: { args: unknown[] } } } } }];
    for (const metric of template.spec.metrics) {
      expect(metric.provider.prometheus.query).not.toContain('payment-api-canary');
      for (const selector of metric.provider.prometheus.query.match(/\{[^}]*\}(?=\[)/g) ?? []) {
        expect(selector, metric.name).toContain('rollouts_pod_template_hash="{{args.canary-hash}}"');
      }
    }
    expect(template.spec.args.map((a) => a.name)).toEqual(['service', 'canary-hash']);
    expect(rollout.spec.strategy.canary.analysis.args).toEqual([
      { name: 'service', value: 'payment-api' },
      { name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } },
    ]);
  });

  it('leaves out what is not configured: no latency metric, no failure condition, no pause', () => {
    const config: CanaryConfig = { ...DEFAULT_CONFIG, steps: [{ weight: 10, pauseSeconds: 0 }, { weight: 60, pauseSeconds: 120 }], argo: { ...DEFAULT_CONFIG.argo, failureLimit: 3, failureCondition: null, maxP99Ms: null } };
    const [template, rollout] = loadAll(argoRolloutYaml(config)) as [ArgoTemplate, ArgoRollout];
    expect(template.spec.metrics).toHaveLength(1);
    expect(template.spec.metrics[0]).toMatchObject({ failureLimit: 3, successCondition: 'result[0] <= 0.003' });
    expect(template.spec.metrics[0]!.failureCondition).toBeUndefined();
    expect(rollout.spec.strategy.canary.steps).toEqual([{ setWeight: 10 }, { setWeight: 60 }, { pause: { duration: '2m' } }]);
  });

  it('writes a Flagger Canary with interval, threshold, step weights and both built-in checks', () => {
    const canary = load(flaggerCanaryYaml(DEFAULT_CONFIG)) as FlaggerCanary;
    expect(canary).toMatchObject({ apiVersion: 'flagger.app/v1beta1', kind: 'Canary' });
    expect(canary.spec.analysis).toMatchObject({ interval: '1m', threshold: 3, stepWeights: [5, 25, 50] });
    expect(canary.spec.analysis.metrics).toEqual([
      { name: 'request-success-rate', thresholdRange: { min: 99.28 }, interval: '1m' },
      { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' },
    ]);
    const even = load(flaggerCanaryYaml({ ...DEFAULT_CONFIG, intervalSeconds: 30, flagger: { ...DEFAULT_CONFIG.flagger, threshold: 2, stepWeight: 10, maxWeight: 50 } })) as FlaggerCanary;
    expect(even.spec.analysis).toMatchObject({ interval: '30s', threshold: 2, stepWeight: 10, maxWeight: 50 });
    expect(even.spec.analysis.stepWeights).toBeUndefined();
  });
});
