/**
 * The canary simulator's parameters in the browser: defaults, validation, the round trip through
 * the page URL (`?cn-policy=flagger&cn-fault=error-ratio:0.02&cn-steps=5:5m,25:5m,50:5m&cn-seed=3`)
 * and the equivalent `npx rlab canary ...` command.
 */
import { formatWindow } from '../core/duration';
import { MAX_SEED, parseSeed, SEED_RULE } from '../core/seed';
import { newVersionText, parseNewVersion, parseStepsText, stepProblems, stepsText } from './config';
import { DEFAULT_CONFIG, isPolicyName, policyNamed, POLICIES, type CanaryConfig, type NewVersion, type PolicyName, type RolloutStep } from './model';

/** What the view lets a learner change; everything else is `DEFAULT_CONFIG`. */
export interface CanaryParams {
  policy: PolicyName;
  newVersion: NewVersion;
  steps: RolloutStep[];
  /** Requests per second across both versions. */
  rps: number;
  /** Seed of the traffic: a non-negative integer. */
  seed: number;
}

export { MAX_SEED };
/** Largest traffic rate the view accepts, in requests per second. */
export const MAX_RPS = 100_000;

/** The run a learner sees first: the lesson's plan under Argo Rollouts, with a healthy new version. */
export const DEFAULT_PARAMS: CanaryParams = {
  policy: DEFAULT_CONFIG.policy,
  newVersion: DEFAULT_CONFIG.newVersion,
  steps: DEFAULT_CONFIG.steps,
  rps: DEFAULT_CONFIG.traffic.requestsPerSecond,
  seed: 1,
};

/** A sensible size for each kind of badness, used when the learner picks it. */
export const DEFAULT_FAULT_VALUE = { none: 0, 'error-ratio': 0.02, 'latency-shift': 300 } as const;

/** The full model config for these parameters. */
export function configFromParams(p: CanaryParams): CanaryConfig {
  return { ...DEFAULT_CONFIG, policy: p.policy, newVersion: p.newVersion, steps: p.steps, traffic: { ...DEFAULT_CONFIG.traffic, requestsPerSecond: p.rps } };
}

/** Problems with a (partial) change of parameters, each naming the setting; empty when fine. */
export function paramProblems(p: Partial<CanaryParams>): string[] {
  const problems: string[] = [];
  if (p.policy !== undefined && !isPolicyName(p.policy)) problems.push(`policy must be one of ${POLICIES.join(', ')}`);
  if (p.seed !== undefined && !(Number.isInteger(p.seed) && p.seed >= 0 && p.seed <= MAX_SEED)) problems.push(`seed must be a whole number from 0 to ${MAX_SEED}`);
  if (p.rps !== undefined && !(p.rps > 0 && p.rps <= MAX_RPS)) problems.push(`traffic must be above 0 and at most ${MAX_RPS} requests per second`);
  if (p.steps !== undefined) problems.push(...stepProblems(p.steps, DEFAULT_CONFIG.intervalSeconds));
  if (p.newVersion !== undefined) {
    try {
      parseNewVersion(newVersionText(p.newVersion));
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return problems;
}

/** Reads parameters from a query string (keys prefixed with `prefix`); bad values are reported and the default kept. */
export function paramsFromSearch(search: string, prefix = 'cn-'): { params: CanaryParams; problems: string[] } {
  const q = new URLSearchParams(search);
  const params: CanaryParams = { ...DEFAULT_PARAMS };
  const problems: string[] = [];
  const read = <K extends keyof CanaryParams>(key: string, name: K, parse: (text: string) => CanaryParams[K]) => {
    const text = q.get(prefix + key);
    if (text === null) return;
    try {
      const value = parse(text);
      const wrong = paramProblems({ [name]: value });
      if (wrong.length > 0) throw new RangeError(wrong.join('; '));
      params[name] = value;
    } catch (e) {
      problems.push(`${prefix}${key} "${text}": ${e instanceof Error ? e.message : String(e)}; using the default`);
    }
  };
  read('policy', 'policy', (t) => {
    const named = policyNamed(t);
    if (named === undefined) throw new RangeError(`not one of ${POLICIES.join(', ')}`);
    return named;
  });
  read('fault', 'newVersion', parseNewVersion);
  read('steps', 'steps', parseStepsText);
  read('rps', 'rps', (t) => {
    if (!/^\d+(\.\d+)?$/.test(t)) throw new RangeError('not a number');
    return Number(t);
  });
  read('seed', 'seed', (t) => {
    const seed = parseSeed(t);
    if (seed === null) throw new RangeError(`must be ${SEED_RULE}`);
    return seed;
  });
  return { params, problems };
}

/** Writes parameters into a query string, keeping the page's other parameters. */
export function paramsToSearch(params: CanaryParams, existing = '', prefix = 'cn-'): string {
  const q = new URLSearchParams(existing);
  q.set(`${prefix}policy`, params.policy);
  q.set(`${prefix}fault`, newVersionText(params.newVersion));
  q.set(`${prefix}steps`, stepsText(params.steps));
  q.set(`${prefix}rps`, String(params.rps));
  q.set(`${prefix}seed`, String(params.seed));
  return `?${q.toString()}`;
}

/** The `rlab` command that reproduces the same run in a terminal. */
export function cliCommand(params: CanaryParams): string {
  return [
    'npx rlab canary',
    `--policy ${params.policy}`,
    `--fault ${newVersionText(params.newVersion)}`,
    `--steps ${stepsText(params.steps)}`,
    `--interval ${formatWindow(DEFAULT_CONFIG.intervalSeconds)}`,
    `--rps ${params.rps}`,
    `--seed ${params.seed}`,
  ].join(' ');
}
