/**
 * The burn-rate simulator's parameters: defaults, validation, and their round trip through a
 * page URL (`?slo=99.9&period=30d&scenario=flapping&seed=7`), so a link reproduces a run.
 */
import { quote } from '../core/input';
import { MAX_SEED, parseSeed, SEED_RULE } from '../core/seed';
import { SCENARIO_NAMES, isScenarioName, type ScenarioName } from './model';

/** SLO targets offered, in percent. */
export const SLO_CHOICES = [99, 99.5, 99.9, 99.95, 99.99] as const;
/** SLO periods offered. */
export const PERIOD_CHOICES = ['28d', '30d'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** Everything that decides a run. */
export interface BurnRateParams {
  /** SLO target in percent, one of `SLO_CHOICES`. */
  sloPercent: number;
  period: PeriodChoice;
  scenario: ScenarioName;
  /** Seed of the traffic generator: a non-negative integer. */
  seed: number;
  /** Add Sloth's 1d/2h ticket pair to the multiwindow rules. */
  sloth: boolean;
}

/** The run a learner sees first. */
export const DEFAULT_PARAMS: BurnRateParams = { sloPercent: 99.9, period: '30d', scenario: 'flapping', seed: 1, sloth: false };

export { MAX_SEED };

/** Period choice to seconds. */
export const periodSeconds = (period: PeriodChoice) => (period === '28d' ? 28 : 30) * 86_400;

/**
 * The next seed after `seed`, for the "new seed" button: a fixed permutation (a Lehmer step),
 * so runs stay replayable and no wall clock or global random source is involved.
 */
export function nextSeed(seed: number): number {
  return ((seed * 48_271) % 2_147_483_647) || 1;
}

/** Result of reading parameters from a URL: the parameters, and what was wrong with the URL. */
export interface ParsedParams {
  params: BurnRateParams;
  problems: string[];
}

/**
 * Reads parameters from a query string; unknown or bad values fall back to defaults, with a message.
 * `prefix` namespaces the keys when several simulators share a page (`br-seed`).
 */
export function paramsFromSearch(search: string, prefix = ''): ParsedParams {
  const all = new URLSearchParams(search);
  const q = { get: (key: string) => all.get(prefix + key) };
  const params = { ...DEFAULT_PARAMS };
  const problems: string[] = [];
  const slo = q.get('slo');
  if (slo !== null) {
    const value = Number(slo);
    if ((SLO_CHOICES as readonly number[]).includes(value)) params.sloPercent = value;
    else problems.push(`slo "${slo}" is not one of ${SLO_CHOICES.join(', ')}; using ${DEFAULT_PARAMS.sloPercent}`);
  }
  const period = q.get('period');
  if (period !== null) {
    if ((PERIOD_CHOICES as readonly string[]).includes(period)) params.period = period as PeriodChoice;
    else problems.push(`period "${period}" is not 28d or 30d; using ${DEFAULT_PARAMS.period}`);
  }
  const scenario = q.get('scenario');
  if (scenario !== null) {
    if (isScenarioName(scenario)) params.scenario = scenario;
    else problems.push(`scenario "${scenario}" is not one of ${SCENARIO_NAMES.join(', ')}; using ${DEFAULT_PARAMS.scenario}`);
  }
  const seed = q.get('seed');
  if (seed !== null) {
    const value = parseSeed(seed);
    if (value !== null) params.seed = value;
    else problems.push(`seed ${quote(seed)} must be ${SEED_RULE}; using ${DEFAULT_PARAMS.seed}`);
  }
  const sloth = q.get('sloth');
  if (sloth !== null) params.sloth = sloth === '1';
  return { params, problems };
}

/** Writes parameters into a query string, keeping other parameters of the page. */
export function paramsToSearch(params: BurnRateParams, existing = '', prefix = ''): string {
  const q = new URLSearchParams(existing);
  q.set(`${prefix}slo`, String(params.sloPercent));
  q.set(`${prefix}period`, params.period);
  q.set(`${prefix}scenario`, params.scenario);
  q.set(`${prefix}seed`, String(params.seed));
  if (params.sloth) q.set(`${prefix}sloth`, '1');
  else q.delete(`${prefix}sloth`);
  return `?${q.toString()}`;
}

/** The `rlab` command that reproduces the same run in a terminal. */
export function cliCommand(params: BurnRateParams): string {
  return [
    'npx rlab burn-rate',
    `--slo ${params.sloPercent}`,
    `--period ${params.period}`,
    `--scenario ${params.scenario}`,
    `--seed ${params.seed}`,
    '--approaches',
    ...(params.sloth ? ['--sloth'] : []),
  ].join(' ');
}
