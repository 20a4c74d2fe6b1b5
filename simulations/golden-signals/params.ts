/**
 * The golden-signals simulator's parameters and their round trip through a page URL, in the
 * same `KIND:START-END:VALUE` fault notation as `rlab golden-signals --fault`.
 */
import { quote } from '../core/input';
import { MAX_SEED, parseSeed, SEED_RULE } from '../core/seed';
import { parseFault } from './command';
import { FAULT_KINDS, MAX_FAULTS, type Fault, type FaultKind } from './model';

/** Everything that decides a run. */
export interface GoldenSignalsParams {
  /** Seed of the traffic generator: a non-negative integer. */
  seed: number;
  /** Injected faults, in the order the learner added them. */
  faults: Fault[];
}

/** Length of a run in the browser: one hour. */
export const RUN_SECONDS = 3600;
export { MAX_SEED };
export { MAX_FAULTS } from './model';

/** The run a learner sees first: a 20% error burst from minute 10 to minute 20. */
export const DEFAULT_PARAMS: GoldenSignalsParams = {
  seed: 1,
  faults: [{ kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 }],
};

/** A sensible size for each kind of fault, used when the learner adds one. */
export const DEFAULT_FAULT_VALUE: Record<FaultKind, number> = {
  'error-burst': 0.2,
  'latency-regression': 5,
  'cpu-saturation': 70,
  'traffic-spike': 3,
};

/** What a fault's value means, for labels. */
export const FAULT_VALUE_LABEL: Record<FaultKind, string> = {
  'error-burst': '5xx fraction (0 to 1)',
  'latency-regression': 'latency multiplier',
  'cpu-saturation': 'CPU points added',
  'traffic-spike': 'traffic multiplier (0: a drop to zero)',
};

export { FAULT_KINDS };

/** A fault in the CLI's notation: `error-burst:600-1200:0.2`. */
export const faultToText = (f: Fault) => `${f.kind}:${f.startSeconds}-${f.endSeconds}:${f.value}`;

/** Checks one fault as the learner entered it; returns the fault or a message. */
export function checkFault(f: Fault): { ok: true; fault: Fault } | { ok: false; error: string } {
  if (f.endSeconds > RUN_SECONDS) return { ok: false, error: `faults must end by minute ${RUN_SECONDS / 60}` };
  try {
    return { ok: true, fault: parseFault(faultToText(f)) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.replace(/^--fault /, 'the fault ') : String(e) };
  }
}

/** Reads parameters from a query string (keys prefixed with `prefix`); bad values are reported and skipped. */
export function paramsFromSearch(search: string, prefix = 'gs-'): { params: GoldenSignalsParams; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const params: GoldenSignalsParams = { seed: DEFAULT_PARAMS.seed, faults: DEFAULT_PARAMS.faults };
  const seed = q.get(`${prefix}seed`);
  if (seed !== null) {
    const value = parseSeed(seed);
    if (value !== null) params.seed = value;
    else problems.push(`seed ${quote(seed)} must be ${SEED_RULE}`);
  }
  const faults = q.get(`${prefix}faults`);
  if (faults !== null) {
    params.faults = [];
    for (const text of faults.split(',').filter((t) => t.trim() !== '')) {
      try {
        const fault = parseFault(text);
        const checked = checkFault(fault);
        if (!checked.ok) problems.push(`fault "${text}": ${checked.error}`);
        else if (params.faults.length >= MAX_FAULTS) problems.push(`fault "${text}": at most ${MAX_FAULTS} faults`);
        else params.faults.push(checked.fault);
      } catch (e) {
        problems.push(e instanceof Error ? e.message.replace(/^--fault /, 'a fault ') : String(e));
      }
    }
  }
  return { params, problems };
}

/** Writes parameters into a query string, keeping other parameters of the page. */
export function paramsToSearch(params: GoldenSignalsParams, existing = '', prefix = 'gs-'): string {
  const q = new URLSearchParams(existing);
  q.set(`${prefix}seed`, String(params.seed));
  q.set(`${prefix}faults`, params.faults.map(faultToText).join(','));
  return `?${q.toString()}`;
}

/** The `rlab` command that reproduces the same run in a terminal. */
export function cliCommand(params: GoldenSignalsParams): string {
  return ['npx rlab golden-signals', `--seed ${params.seed}`, `--duration ${RUN_SECONDS / 60}m`, ...params.faults.map((f) => `--fault ${faultToText(f)}`)].join(' ');
}
