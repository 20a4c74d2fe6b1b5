/**
 * The golden-signals simulator's state machine. The whole hour is computed by the pure model
 * whenever the seed or the faults change; a time cursor reveals it minute by minute, either
 * moved by the learner or advanced while `playing` (XState's clock, so tests use SimulatedClock).
 * It opens at minute 0, before the outcome, so the learner can predict the first page first.
 */
import { assign, setup } from 'xstate';
import { runGoldenSignals, PAYMENT_API, type Fault, type GoldenSignalsRun } from './model';
import { nextSeed } from '../burn-rate/params';
import type { PagePrediction } from './prediction';
import { checkFault, DEFAULT_PARAMS, MAX_FAULTS, MAX_SEED, RUN_SECONDS, type GoldenSignalsParams } from './params';

/** The machine's context. */
export interface GoldenSignalsContext {
  params: GoldenSignalsParams;
  run: GoldenSignalsRun;
  /** Seconds of the run shown so far (the cursor). */
  cursor: number;
  /** Why the last fault was refused, if it was. */
  error: string | null;
  /** The learner's prediction of the first page, kept until reset. */
  prediction: PagePrediction | null;
}

/** Events the view sends. */
export type GoldenSignalsEvent =
  | { type: 'fault.add'; fault: Fault }
  | { type: 'fault.remove'; index: number }
  | { type: 'param.change'; params: Partial<GoldenSignalsParams> }
  | { type: 'seed.next' }
  | { type: 'sim.reset' }
  | { type: 'time.set'; seconds: number }
  | { type: 'sim.play' }
  | { type: 'sim.pause' }
  | { type: 'prediction.set'; prediction: PagePrediction }
  | { type: 'prediction.clear' };

/** Seconds the cursor advances per tick while playing, and the tick's length in ms. */
export const PLAY_STEP_SECONDS = 60;
export const PLAY_TICK_MS = 250;

const run = (params: GoldenSignalsParams) => runGoldenSignals(PAYMENT_API, params.faults, { seed: params.seed, durationSeconds: RUN_SECONDS });
const clampCursor = (s: number) => Math.max(0, Math.min(RUN_SECONDS, Math.round(s / 15) * 15));

/** The golden-signals simulator; `input` is the starting parameters (from the page URL). */
export const goldenSignalsMachine = setup({
  types: {
    context: {} as GoldenSignalsContext,
    events: {} as GoldenSignalsEvent,
    input: {} as Partial<GoldenSignalsParams>,
  },
  guards: {
    atEnd: ({ context }) => context.cursor >= RUN_SECONDS,
  },
  actions: {
    addFault: assign(({ context, event }) => {
      if (event.type !== 'fault.add') return {};
      if (context.params.faults.length >= MAX_FAULTS) return { error: `at most ${MAX_FAULTS} faults at once` };
      const checked = checkFault(event.fault);
      if (!checked.ok) return { error: checked.error };
      const params = { ...context.params, faults: [...context.params.faults, checked.fault] };
      return { params, run: run(params), error: null };
    }),
    removeFault: assign(({ context, event }) => {
      if (event.type !== 'fault.remove') return {};
      const params = { ...context.params, faults: context.params.faults.filter((_, i) => i !== event.index) };
      return { params, run: run(params), error: null };
    }),
    changeParams: assign(({ context, event }) => {
      if (event.type !== 'param.change') return {};
      const seed = event.params.seed ?? context.params.seed;
      if (!(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) return { error: `seed must be a whole number from 0 to ${MAX_SEED}` };
      const params = { ...context.params, ...event.params, seed };
      return { params, run: run(params), error: null };
    }),
    nextSeed: assign(({ context }) => {
      const params = { ...context.params, seed: nextSeed(context.params.seed) };
      return { params, run: run(params) };
    }),
    reset: assign(() => ({ params: DEFAULT_PARAMS, run: run(DEFAULT_PARAMS), cursor: 0, error: null, prediction: null })),
    setPrediction: assign(({ event }) => (event.type === 'prediction.set' ? { prediction: event.prediction } : {})),
    clearPrediction: assign(() => ({ prediction: null })),
    setTime: assign(({ event }) => (event.type === 'time.set' ? { cursor: clampCursor(event.seconds) } : {})),
    rewindIfAtEnd: assign(({ context }) => (context.cursor >= RUN_SECONDS ? { cursor: 0 } : {})),
    advance: assign(({ context }) => ({ cursor: clampCursor(context.cursor + PLAY_STEP_SECONDS) })),
  },
}).createMachine({
  id: 'goldenSignals',
  context: ({ input }) => {
    const params = { ...DEFAULT_PARAMS, ...input };
    return { params, run: run(params), cursor: 0, error: null, prediction: null };
  },
  on: {
    'fault.add': { actions: 'addFault' },
    'fault.remove': { actions: 'removeFault' },
    'param.change': { actions: 'changeParams' },
    'seed.next': { actions: 'nextSeed' },
    'time.set': { actions: 'setTime' },
    'prediction.set': { actions: 'setPrediction' },
    'prediction.clear': { actions: 'clearPrediction' },
  },
  initial: 'paused',
  states: {
    paused: {
      on: {
        'sim.play': { target: 'playing', actions: 'rewindIfAtEnd' },
        'sim.reset': { actions: 'reset' },
      },
    },
    playing: {
      after: {
        [PLAY_TICK_MS]: [
          { guard: 'atEnd', target: 'paused' },
          { target: 'playing', reenter: true, actions: 'advance' },
        ],
      },
      on: {
        'sim.pause': { target: 'paused' },
        'sim.reset': { target: 'paused', actions: 'reset' },
      },
    },
  },
});
