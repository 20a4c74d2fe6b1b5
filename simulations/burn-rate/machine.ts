/**
 * The burn-rate simulator's state machine: it holds the parameters and the run they produce.
 * Every change of parameters re-runs the pure model, so the snapshot is always consistent.
 */
import { assign, setup } from 'xstate';
import { DEFAULT_PARAMS, MAX_SEED, nextSeed, type BurnRateParams } from './params';
import { runBurnRate, type BurnRateRun } from './run';

/** The machine's context. */
export interface BurnRateContext {
  params: BurnRateParams;
  run: BurnRateRun;
}

/** Events the view sends. */
export type BurnRateEvent =
  | { type: 'param.change'; params: Partial<BurnRateParams> }
  | { type: 'seed.next' }
  | { type: 'sim.reset' };

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
      return { params, run: runBurnRate(params) };
    }),
    applyNextSeed: assign(({ context }) => {
      const params = { ...context.params, seed: nextSeed(context.params.seed) };
      return { params, run: runBurnRate(params) };
    }),
    applyReset: assign(() => ({ params: DEFAULT_PARAMS, run: runBurnRate(DEFAULT_PARAMS) })),
  },
}).createMachine({
  id: 'burnRate',
  context: ({ input }) => {
    const params = { ...DEFAULT_PARAMS, ...(input ?? {}) };
    return { params, run: runBurnRate(params) };
  },
  initial: 'ready',
  states: {
    ready: {
      on: {
        'param.change': { guard: 'validChange', actions: 'applyChange' },
        'seed.next': { actions: 'applyNextSeed' },
        'sim.reset': { actions: 'applyReset' },
      },
    },
  },
});
