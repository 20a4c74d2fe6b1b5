/**
 * The burn-rate simulator's state machine: it holds the parameters and the run they produce.
 * Every change of parameters re-runs the pure model, so the snapshot is always consistent.
 */
import { assign, setup } from 'xstate';
import { DEFAULT_PARAMS, MAX_SEED, nextSeed, type BurnRateParams } from './params';
import { parseSeriesCsv } from './model';
import { runBurnRate, type BurnRateRun, type CustomSeries } from './run';

/** The machine's context. */
export interface BurnRateContext {
  params: BurnRateParams;
  /** The learner's own series, replacing the scenario until cleared. */
  custom: CustomSeries | null;
  /** Problems found in the last CSV the learner loaded (nothing is replaced when there are any). */
  csvErrors: string[];
  run: BurnRateRun;
}

/** Step of a learner's CSV series: one minute, as in the built-in scenarios. */
export const CSV_STEP_SECONDS = 60;

/** Events the view sends. */
export type BurnRateEvent =
  | { type: 'param.change'; params: Partial<BurnRateParams> }
  | { type: 'seed.next' }
  | { type: 'sim.reset' }
  | { type: 'series.load'; label: string; csv: string }
  | { type: 'series.clear' };

/** A seed the model accepts. */
const validSeed = (seed: number) => Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;

/** The burn-rate simulator: `input` is the starting parameters (from the page URL). */
export const burnRateMachine = setup({
  types: {
    context: {} as BurnRateContext,
    events: {} as BurnRateEvent,
    input: {} as Partial<BurnRateParams> | undefined,
  },
  guards: {
    validChange: ({ event }) => event.type !== 'param.change' || event.params.seed === undefined || validSeed(event.params.seed),
  },
  actions: {
    applyChange: assign(({ context, event }) => {
      if (event.type !== 'param.change') return {};
      const params = { ...context.params, ...event.params };
      // Choosing a scenario leaves the learner's own series.
      const custom = event.params.scenario !== undefined ? null : context.custom;
      return { params, custom, run: runBurnRate(params, undefined, custom ?? undefined) };
    }),
    applyNextSeed: assign(({ context }) => {
      const params = { ...context.params, seed: nextSeed(context.params.seed) };
      return { params, custom: null, run: runBurnRate(params) };
    }),
    applyReset: assign(() => ({ params: DEFAULT_PARAMS, custom: null, csvErrors: [], run: runBurnRate(DEFAULT_PARAMS) })),
    loadSeries: assign(({ context, event }) => {
      if (event.type !== 'series.load') return {};
      const parsed = parseSeriesCsv(event.csv, CSV_STEP_SECONDS);
      if (!parsed.ok) return { csvErrors: parsed.errors };
      if (parsed.series.samples.length === 0) return { csvErrors: ['the file has no samples'] };
      const custom = { label: event.label, series: parsed.series };
      return { custom, csvErrors: [], run: runBurnRate(context.params, undefined, custom) };
    }),
    clearSeries: assign(({ context }) => ({ custom: null, csvErrors: [], run: runBurnRate(context.params) })),
  },
}).createMachine({
  id: 'burnRate',
  context: ({ input }) => {
    const params = { ...DEFAULT_PARAMS, ...(input ?? {}) };
    return { params, custom: null, csvErrors: [], run: runBurnRate(params) };
  },
  initial: 'ready',
  states: {
    ready: {
      on: {
        'param.change': { guard: 'validChange', actions: 'applyChange' },
        'seed.next': { actions: 'applyNextSeed' },
        'sim.reset': { actions: 'applyReset' },
        'series.load': { actions: 'loadSeries' },
        'series.clear': { actions: 'clearSeries' },
      },
    },
  },
});
