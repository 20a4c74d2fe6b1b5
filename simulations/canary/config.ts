/**
 * Reading a canary config: the JSON file of `rlab canary --config`, and the short texts shared
 * by the CLI flags and the page URL (`error-ratio:0.02`, `5:5m,25:5m,50:5m`). Every problem is
 * reported with the field it is in; nothing is silently dropped. Pure (no Node APIs).
 */
import { formatWindow, parseDuration } from '../core/duration';
import { clip, describe, parseJsonText, quote } from '../core/input';
import { parseSeed, SEED_RULE } from '../core/seed';
import {
  BUCKET_SECONDS,
  DEFAULT_CONFIG,
  FAULT_KINDS,
  isFaultKind,
  policyNamed,
  MAX_INTERVALS,
  POLICIES,
  type CanaryConfig,
  type Condition,
  type NewVersion,
  type RolloutStep,
} from './model';

/** Most canary steps before the final 100%. */
export const MAX_ROLLOUT_STEPS = 20;

/** A config that cannot be used; `problems` names each field and what is wrong with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** A value for "got ...": bounded, `Infinity` by name, safe at any depth (see `core/input`). */
const show = (v: unknown) => describe(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects problems while reading nested fields. */
class Reader {
  readonly problems: string[] = [];
  fail(path: string, what: string, got: unknown) {
    this.problems.push(`${path} must be ${what}, got ${show(got)}`);
  }
  /** Reports keys of `obj` not in `known`. */
  known(obj: Record<string, unknown>, path: string, known: readonly string[]) {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) this.problems.push(`unknown field ${path ? `${path}.` : ''}${clip(key)} (known: ${known.join(', ')})`);
    }
  }
  number(v: unknown, path: string, min: number, max: number, fallback: number, opts: { integer?: boolean; minExclusive?: boolean } = {}): number {
    if (v === undefined) return fallback;
    const what = `${opts.integer ? 'a whole number' : 'a number'} from ${min}${opts.minExclusive ? ' (exclusive)' : ''} to ${max}`;
    if (typeof v !== 'number' || !Number.isFinite(v) || v > max || (opts.minExclusive ? v <= min : v < min) || (opts.integer && !Number.isInteger(v))) {
      this.fail(path, what, v);
      return fallback;
    }
    return v;
  }
  nullableNumber(v: unknown, path: string, min: number, max: number, fallback: number | null): number | null {
    if (v === null) return null;
    if (v === undefined) return fallback;
    const n = this.number(v, path, min, max, NaN, { minExclusive: true });
    if (Number.isNaN(n)) this.problems[this.problems.length - 1] = this.problems.at(-1)!.replace(' must be ', ' must be null or ');
    return Number.isNaN(n) ? fallback : n;
  }
  duration(v: unknown, path: string, fallback: number): number {
    if (v === undefined) return fallback;
    const seconds = typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : typeof v === 'string' ? parseDuration(v) : null;
    if (seconds === null) {
      this.fail(path, 'a duration such as "5m" or a number of seconds', v);
      return fallback;
    }
    return seconds;
  }
  section(v: unknown, path: string): Record<string, unknown> {
    if (v === undefined) return {};
    if (!isObject(v)) {
      this.fail(path, 'an object', v);
      return {};
    }
    return v;
  }
}

/** Reads `result[0] <= 0.003` (or `result <= 0.003`); null if it is not that shape. */
export function parseCondition(text: string): Condition | null {
  const m = /^\s*result(?:\[0\])?\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(text);
  return m ? { op: m[1] as Condition['op'], value: Number(m[2]) } : null;
}

/** Reads `none`, `error-ratio:0.02` (or `2%`) or `latency-shift:300`; throws a RangeError with a message otherwise. */
export function parseNewVersion(text: string): NewVersion {
  const [kind = '', valueText, ...extra] = text.trim().split(':');
  if (!isFaultKind(kind) || extra.length > 0) throw new RangeError(`the fault must be none, error-ratio:FRACTION or latency-shift:MS; got ${quote(text)}`);
  if (kind === 'none') {
    if (valueText !== undefined) throw new RangeError(`the fault "none" takes no value; got ${quote(text)}`);
    return { fault: 'none', value: 0 };
  }
  const percent = kind === 'error-ratio' && valueText?.endsWith('%');
  const numberText = percent ? valueText!.slice(0, -1) : valueText;
  const value = numberText !== undefined && /^\d+(?:\.\d+)?$/.test(numberText) ? Number(numberText) / (percent ? 100 : 1) : NaN;
  return checkNewVersion({ fault: kind, value }, text);
}

function checkNewVersion(v: NewVersion, text: string): NewVersion {
  if (v.fault === 'error-ratio' && !(v.value >= 0 && v.value <= 1)) throw new RangeError(`error-ratio needs a 5xx fraction from 0 to 1 (or a percentage); got ${quote(text)}`);
  if (v.fault === 'latency-shift' && !(v.value >= 0 && v.value <= 60_000)) throw new RangeError(`latency-shift needs milliseconds from 0 to 60000; got ${quote(text)}`);
  return v;
}

/** `error-ratio:0.02`, the inverse of `parseNewVersion`. */
export const newVersionText = (v: NewVersion) => (v.fault === 'none' ? 'none' : `${v.fault}:${v.value}`);

/** Reads `5:5m,25:5m,50:5m` (weight:pause, pause as a duration); throws a RangeError naming the bad part. */
export function parseStepsText(text: string): RolloutStep[] {
  const parts = text.split(',').map((p) => p.trim());
  return parts.map((part, i) => {
    const m = /^(\d+(?:\.\d+)?):(\S+)$/.exec(part);
    const pauseSeconds = m ? parseDuration(m[2]!) : null;
    if (!m || pauseSeconds === null) throw new RangeError(`step ${i + 1} must look like WEIGHT:PAUSE, e.g. 25:5m; got ${quote(part)}`);
    return { weight: Number(m[1]), pauseSeconds };
  });
}

/** `5:5m,25:5m,50:5m`, the inverse of `parseStepsText`. */
export const stepsText = (steps: readonly RolloutStep[]) => steps.map((s) => `${s.weight}:${formatWindow(s.pauseSeconds)}`).join(',');

/** Problems with a rollout's steps for a given interval (empty when fine). */
export function stepProblems(steps: readonly RolloutStep[], intervalSeconds: number, path = 'steps'): string[] {
  const problems: string[] = [];
  if (steps.length === 0 || steps.length > MAX_ROLLOUT_STEPS) problems.push(`${path} must hold 1 to ${MAX_ROLLOUT_STEPS} steps, got ${steps.length}`);
  steps.forEach((s, i) => {
    if (!(s.weight >= 0 && s.weight <= 100)) problems.push(`${path}[${i}].weight must be a number from 0 to 100, got ${show(s.weight)}`);
    else if (i > 0 && !(s.weight > steps[i - 1]!.weight)) problems.push(`${path}[${i}].weight must be larger than the step before (${steps[i - 1]!.weight}), got ${s.weight}`);
    if (!(s.pauseSeconds >= 0) || s.pauseSeconds % intervalSeconds !== 0) {
      problems.push(`${path}[${i}].pause must be a multiple of the analysis interval (${formatWindow(intervalSeconds)}), got ${formatWindow(s.pauseSeconds)}`);
    }
  });
  const total = steps.reduce((n, s) => n + s.pauseSeconds / intervalSeconds, 0);
  if (total > MAX_INTERVALS) problems.push(`${path}: the pauses add up to ${total} analysis intervals; at most ${MAX_INTERVALS}`);
  return problems;
}

/**
 * Validates a parsed config object (every field optional; missing ones take `DEFAULT_CONFIG`'s
 * values). Returns the config, the optional seed, and every problem found, each naming its field.
 */
export function readConfig(input: unknown): { config: CanaryConfig; seed: string | null; problems: string[] } {
  const r = new Reader();
  const d = DEFAULT_CONFIG;
  if (!isObject(input)) {
    r.fail('the config', 'a JSON object', input);
    return { config: d, seed: null, problems: r.problems };
  }
  r.known(input, '', ['policy', 'seed', 'interval', 'steps', 'traffic', 'newVersion', 'simple', 'source', 'argo', 'flagger', 'kayenta']);

  let policy = d.policy;
  if (input.policy !== undefined) {
    const named = typeof input.policy === 'string' ? policyNamed(input.policy) : undefined;
    if (named !== undefined) policy = named;
    else r.fail('policy', `one of ${POLICIES.join(', ')}`, input.policy);
  }
  let seed: string | null = null;
  if (input.seed !== undefined) {
    // The seed parser of the flags and the page URL, so a file's seed replays the same run there.
    const parsed = typeof input.seed === 'number' ? (Number.isInteger(input.seed) ? parseSeed(String(input.seed)) : null) : typeof input.seed === 'string' ? parseSeed(input.seed) : null;
    if (parsed !== null) seed = String(parsed);
    else r.fail('seed', SEED_RULE, input.seed);
  }
  let intervalSeconds = r.duration(input.interval, 'interval', d.intervalSeconds);
  if (intervalSeconds < 10 || intervalSeconds > 3600 || intervalSeconds % BUCKET_SECONDS !== 0) {
    r.fail('interval', `a multiple of ${BUCKET_SECONDS}s from 10s to 1h`, input.interval);
    intervalSeconds = d.intervalSeconds;
  }

  let steps = d.steps;
  if (input.steps !== undefined) {
    if (!Array.isArray(input.steps)) r.fail('steps', 'an array of {"weight": N, "pause": "5m"}', input.steps);
    // Too many steps is the one problem worth saying; checking each would bury it.
    else if (input.steps.length > MAX_ROLLOUT_STEPS) r.problems.push(`steps must hold 1 to ${MAX_ROLLOUT_STEPS} steps, got ${input.steps.length}`);
    else {
      const read: RolloutStep[] = [];
      input.steps.forEach((s: unknown, i) => {
        const path = `steps[${i}]`;
        if (!isObject(s)) return r.fail(path, 'an object like {"weight": 25, "pause": "5m"}', s);
        r.known(s, path, ['weight', 'pause']);
        if (s.weight === undefined) r.problems.push(`${path}.weight is missing`);
        const weight = r.number(s.weight, `${path}.weight`, 0, 100, NaN);
        const pauseSeconds = r.duration(s.pause, `${path}.pause`, d.steps[0]!.pauseSeconds);
        if (!Number.isNaN(weight)) read.push({ weight, pauseSeconds });
      });
      if (read.length === input.steps.length) {
        r.problems.push(...stepProblems(read, intervalSeconds));
        steps = read;
      }
    }
  }

  const t = r.section(input.traffic, 'traffic');
  r.known(t, 'traffic', ['requestsPerSecond', 'baselineErrorRatio', 'latencyMedianMs', 'latencySigma', 'sloPercent']);
  const traffic = {
    requestsPerSecond: r.number(t.requestsPerSecond, 'traffic.requestsPerSecond', 0, 100_000, d.traffic.requestsPerSecond, { minExclusive: true }),
    baselineErrorRatio: r.number(t.baselineErrorRatio, 'traffic.baselineErrorRatio', 0, 1, d.traffic.baselineErrorRatio),
    latencyMedianMs: r.number(t.latencyMedianMs, 'traffic.latencyMedianMs', 0, 60_000, d.traffic.latencyMedianMs, { minExclusive: true }),
    latencySigma: r.number(t.latencySigma, 'traffic.latencySigma', 0, 3, d.traffic.latencySigma),
    sloPercent: r.number(t.sloPercent, 'traffic.sloPercent', 0, 100, d.traffic.sloPercent, { minExclusive: true }),
  };
  if (traffic.sloPercent === 100) r.problems.push('traffic.sloPercent must be below 100 (a 100% SLO has no error budget)');

  let newVersion = d.newVersion;
  const nv = r.section(input.newVersion, 'newVersion');
  r.known(nv, 'newVersion', ['fault', 'value']);
  if (input.newVersion !== undefined) {
    if (typeof nv.fault !== 'string' || !isFaultKind(nv.fault)) r.fail('newVersion.fault', `one of ${FAULT_KINDS.join(', ')}`, nv.fault);
    else if (nv.fault === 'none') newVersion = { fault: 'none', value: 0 };
    else {
      const [max, what] = nv.fault === 'error-ratio' ? [1, 'a 5xx fraction'] : [60_000, 'milliseconds'];
      const value = r.number(nv.value, 'newVersion.value', 0, max, NaN);
      if (Number.isNaN(value)) r.problems[r.problems.length - 1] += ` (${what} for ${nv.fault})`;
      else newVersion = { fault: nv.fault, value };
    }
  }

  // `source` is the old name of the `simple` section, still read from older files.
  const sectionName = input.simple === undefined && input.source !== undefined ? 'source' : 'simple';
  const s = r.section(input[sectionName], sectionName);
  r.known(s, sectionName, ['baselineMultiple', 'budgetMultiple']);
  const simple = {
    baselineMultiple: r.number(s.baselineMultiple, `${sectionName}.baselineMultiple`, 0, 1000, d.simple.baselineMultiple),
    budgetMultiple: r.number(s.budgetMultiple, `${sectionName}.budgetMultiple`, 0, 1000, d.simple.budgetMultiple),
  };

  const a = r.section(input.argo, 'argo');
  r.known(a, 'argo', ['failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit', 'successCondition', 'failureCondition', 'maxP99Ms']);
  const condition = (v: unknown, path: string, fallback: Condition | null): Condition | null => {
    if (v === undefined) return fallback;
    if (v === null) return null;
    const c = typeof v === 'string' ? parseCondition(v) : null;
    if (c === null) r.fail(path, 'null or a condition on the error ratio like "result[0] <= 0.003"', v);
    return c ?? fallback;
  };
  const argo = {
    failureLimit: r.number(a.failureLimit, 'argo.failureLimit', 0, 1000, d.argo.failureLimit, { integer: true }),
    inconclusiveLimit: r.number(a.inconclusiveLimit, 'argo.inconclusiveLimit', 0, 1000, d.argo.inconclusiveLimit, { integer: true }),
    consecutiveErrorLimit: r.number(a.consecutiveErrorLimit, 'argo.consecutiveErrorLimit', 0, 1000, d.argo.consecutiveErrorLimit, { integer: true }),
    successCondition: condition(a.successCondition, 'argo.successCondition', d.argo.successCondition),
    failureCondition: condition(a.failureCondition, 'argo.failureCondition', d.argo.failureCondition),
    maxP99Ms: r.nullableNumber(a.maxP99Ms, 'argo.maxP99Ms', 0, 60_000, d.argo.maxP99Ms),
  };
  if (argo.successCondition === null && argo.failureCondition === null) r.problems.push('argo: set successCondition, failureCondition or both (with neither, every measurement succeeds)');

  const f = r.section(input.flagger, 'flagger');
  r.known(f, 'flagger', ['threshold', 'minSuccessRatePercent', 'maxP99Ms', 'stepWeight', 'maxWeight']);
  const flagger = {
    threshold: r.number(f.threshold, 'flagger.threshold', 1, 1000, d.flagger.threshold, { integer: true }),
    minSuccessRatePercent: r.number(f.minSuccessRatePercent, 'flagger.minSuccessRatePercent', 0, 100, d.flagger.minSuccessRatePercent),
    maxP99Ms: r.number(f.maxP99Ms, 'flagger.maxP99Ms', 0, 60_000, d.flagger.maxP99Ms, { minExclusive: true }),
    stepWeight: r.nullableNumber(f.stepWeight, 'flagger.stepWeight', 0, 100, d.flagger.stepWeight),
    maxWeight: r.number(f.maxWeight, 'flagger.maxWeight', 0, 100, d.flagger.maxWeight, { minExclusive: true }),
  };

  const k = r.section(input.kayenta, 'kayenta');
  r.known(k, 'kayenta', ['confidence', 'passScore', 'marginalScore', 'errorsWeight', 'latencyWeight', 'errorsCritical']);
  const kayenta = {
    confidence: r.number(k.confidence, 'kayenta.confidence', 0, 1, d.kayenta.confidence, { minExclusive: true }),
    passScore: r.number(k.passScore, 'kayenta.passScore', 0, 100, d.kayenta.passScore),
    marginalScore: r.number(k.marginalScore, 'kayenta.marginalScore', 0, 100, d.kayenta.marginalScore),
    errorsWeight: r.number(k.errorsWeight, 'kayenta.errorsWeight', 0, 1000, d.kayenta.errorsWeight),
    latencyWeight: r.number(k.latencyWeight, 'kayenta.latencyWeight', 0, 1000, d.kayenta.latencyWeight),
    errorsCritical: d.kayenta.errorsCritical,
  };
  if (k.errorsCritical !== undefined) {
    if (typeof k.errorsCritical === 'boolean') kayenta.errorsCritical = k.errorsCritical;
    else r.fail('kayenta.errorsCritical', 'true or false', k.errorsCritical);
  }
  if (kayenta.marginalScore > kayenta.passScore) r.problems.push(`kayenta.marginalScore (${kayenta.marginalScore}) must not be above kayenta.passScore (${kayenta.passScore})`);
  if (kayenta.errorsWeight + kayenta.latencyWeight === 0) r.problems.push('kayenta: errorsWeight and latencyWeight cannot both be 0');

  const config: CanaryConfig = { policy, intervalSeconds, steps, traffic, newVersion, simple, argo, flagger, kayenta };
  return { config, seed, problems: r.problems };
}

/** Parses and validates a JSON config file's text; throws `ConfigError` listing every problem. */
export function parseConfigJson(text: string): { config: CanaryConfig; seed: string | null } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ConfigError([`the file ${parsed.error}`]);
  const { config, seed, problems } = readConfig(parsed.value);
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, seed };
}

/** The config in the JSON file's own shape (durations as text, conditions as Argo writes them), so it can be saved and fed back. */
export function configToJson(config: CanaryConfig): Record<string, unknown> {
  return {
    policy: config.policy,
    interval: formatWindow(config.intervalSeconds),
    steps: config.steps.map((s) => ({ weight: s.weight, pause: formatWindow(s.pauseSeconds) })),
    traffic: { ...config.traffic },
    newVersion: { ...config.newVersion },
    simple: { ...config.simple },
    argo: {
      ...config.argo,
      successCondition: config.argo.successCondition && `result[0] ${config.argo.successCondition.op} ${config.argo.successCondition.value}`,
      failureCondition: config.argo.failureCondition && `result[0] ${config.argo.failureCondition.op} ${config.argo.failureCondition.value}`,
    },
    flagger: { ...config.flagger },
    kayenta: { ...config.kayenta },
  };
}
