/**
 * The configured rollout as the real tools' manifests, emitted by hand as YAML text (no YAML
 * library in browser code): an Argo Rollouts `AnalysisTemplate` + `Rollout`, and a Flagger
 * `Canary`. Pure.
 */
import { formatWindow } from '../core/duration';
import { conditionText, flaggerWeights, type CanaryConfig } from './model';

/** Names used in the manifests. */
export const MANIFEST_NAMES = { service: 'payment-api', namespace: 'payments', template: 'payment-api-canary-analysis', image: 'registry.example.com/payment-api:v2.1.0' } as const;

const PROMETHEUS = 'http://prometheus.monitoring.svc:9090';
/** The label selector of the canary's series: the service and the new version's pod-template hash. */
const CANARY = 'service="{{args.service}}",rollouts_pod_template_hash="{{args.canary-hash}}"';

/** Indents every line of `text` by `spaces`. */
const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(spaces) + l))
    .join('\n');

/**
 * The Argo Rollouts manifests for `config.argo` and `config.steps`: an AnalysisTemplate with the
 * error-ratio metric (and the p99 latency metric when `maxP99Ms` is set) measured every interval,
 * and a Rollout whose steps are `setWeight` + `pause`, with the analysis running in the background
 * from step 1 (`startingStep` is 0-based: after the first `setWeight`) to the end of the rollout.
 * Canary requests are told apart by the pod label `rollouts-pod-template-hash` (relabelled by
 * Prometheus to `rollouts_pod_template_hash`), whose value the Rollout passes in with
 * `podTemplateHashValue: Latest`; `service` alone would blend canary and stable traffic.
 */
export function argoRolloutYaml(config: CanaryConfig): string {
  const a = config.argo;
  const n = MANIFEST_NAMES;
  const window = formatWindow(config.intervalSeconds);
  const limits = [`interval: ${window}`, `failureLimit: ${a.failureLimit}`, `inconclusiveLimit: ${a.inconclusiveLimit}`, `consecutiveErrorLimit: ${a.consecutiveErrorLimit}`];
  const errorMetric = [
    '- name: error-ratio',
    ...indent(
      [
        ...limits,
        ...(a.successCondition ? [`successCondition: ${conditionText(a.successCondition)}`] : []),
        ...(a.failureCondition ? [`failureCondition: ${conditionText(a.failureCondition)}`] : []),
        'provider:',
        '  prometheus:',
        `    address: ${PROMETHEUS}`,
        '    query: |',
        `      sum(rate(http_requests_total{${CANARY},status=~"5.."}[${window}]))`,
        '      /',
        `      sum(rate(http_requests_total{${CANARY}}[${window}]))`,
      ].join('\n'),
      2,
    ).split('\n'),
  ];
  const latencyMetric =
    a.maxP99Ms === null
      ? []
      : [
          '- name: latency-p99',
          ...indent(
            [
              ...limits,
              `successCondition: result[0] <= ${a.maxP99Ms / 1000}`,
              'provider:',
              '  prometheus:',
              `    address: ${PROMETHEUS}`,
              '    query: |',
              `      histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{${CANARY}}[${window}])) by (le))`,
            ].join('\n'),
            2,
          ).split('\n'),
        ];
  const template = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: AnalysisTemplate',
    'metadata:',
    `  name: ${n.template}`,
    'spec:',
    '  args:',
    '    - name: service',
    '    - name: canary-hash',
    '  metrics:',
    indent([...errorMetric, ...latencyMetric].join('\n'), 4),
  ].join('\n');
  const steps = config.steps.flatMap((s) => [`- setWeight: ${s.weight}`, ...(s.pauseSeconds > 0 ? [`- pause: { duration: ${formatWindow(s.pauseSeconds)} }`] : [])]);
  const rollout = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Rollout',
    'metadata:',
    `  name: ${n.service}`,
    'spec:',
    '  replicas: 20',
    '  selector:',
    '    matchLabels:',
    `      app: ${n.service}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${n.service}`,
    '    spec:',
    '      containers:',
    `        - name: ${n.service}`,
    `          image: ${n.image}`,
    '  strategy:',
    '    canary:',
    `      canaryService: ${n.service}-canary`,
    `      stableService: ${n.service}-stable`,
    '      analysis: # in the background until the rollout ends',
    '        startingStep: 1 # 0-based: after the first setWeight, once the canary has traffic',
    '        templates:',
    `          - templateName: ${n.template}`,
    '        args:',
    '          - name: service',
    `            value: ${n.service} # the label every recording rule uses`,
    '          - name: canary-hash # tells canary requests apart from stable ones',
    '            valueFrom:',
    '              podTemplateHashValue: Latest',
    '      steps:',
    indent(steps.join('\n'), 8),
  ].join('\n');
  return `${template}\n---\n${rollout}\n`;
}

/**
 * The Flagger Canary for `config.flagger`: `interval` is the analysis interval, `stepWeights` the
 * rollout steps' weights (or `stepWeight` + `maxWeight`), `threshold`, and the two built-in checks.
 */
export function flaggerCanaryYaml(config: CanaryConfig): string {
  const f = config.flagger;
  const n = MANIFEST_NAMES;
  const window = formatWindow(config.intervalSeconds);
  const weights = f.stepWeight === null ? [`stepWeights: [${flaggerWeights(config).join(', ')}]`] : [`stepWeight: ${f.stepWeight}`, `maxWeight: ${f.maxWeight}`];
  return (
    [
      'apiVersion: flagger.app/v1beta1',
      'kind: Canary',
      'metadata:',
      `  name: ${n.service}`,
      `  namespace: ${n.namespace}`,
      'spec:',
      '  targetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      `    name: ${n.service}`,
      '  service:',
      '    port: 8080',
      '  analysis:',
      `    interval: ${window}`,
      `    threshold: ${f.threshold} # rollback when failed checks (cumulative) reach it`,
      ...weights.map((w) => `    ${w}`),
      '    metrics:',
      '      - name: request-success-rate',
      '        thresholdRange:',
      `          min: ${f.minSuccessRatePercent}`,
      `        interval: ${window}`,
      '      - name: request-duration',
      '        thresholdRange:',
      `          max: ${f.maxP99Ms}`,
      `        interval: ${window}`,
    ].join('\n') + '\n'
  );
}
