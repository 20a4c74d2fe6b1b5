/**
 * The canary simulator's state machine. The pure model computes the whole rollout whenever the
 * parameters change; the machine reveals it one analysis interval at a time, on "Next interval"
 * or while `playing` (XState's clock, so tests use SimulatedClock).
 */
import { assign, setup } from 'xstate';
import { nextSeed } from '../burn-rate/params';
import { runCanary, type CanaryRun } from './model';
import { configFromParams, DEFAULT_PARAMS, paramProblems, type CanaryParams } from './params';
import type { RolloutPrediction } from './prediction';

/** The machine's context. */
export interface CanaryContext {
  params: CanaryParams;
  run: CanaryRun;
  /** How many intervals of the run are shown (0: the rollout has not started). */
  cursor: number;
  /** Why the last change was refused, if it was. */
  error: string | null;
  /** How the learner predicted the rollout ends, kept until reset. */
  prediction: RolloutPrediction | null;
}

/** Events the view sends. */
export type CanaryEvent =
  | { type: 'param.change'; params: Partial<CanaryParams> }
  | { type: 'seed.next' }
  | { type: 'sim.step' }
  | { type: 'sim.play' }
  | { type: 'sim.pause' }
  | { type: 'sim.reset' }
  | { type: 'prediction.set'; prediction: RolloutPrediction | null };

/** Milliseconds between intervals while playing. */
export const PLAY_TICK_MS = 400;

const run = (params: CanaryParams) => runCanary(configFromParams(params), params.seed);

/** The canary simulator; `input` is the starting parameters (from the page URL). */
export const canaryMachine = setup({
  types: {
    context: {} as CanaryContext,
    events: {} as CanaryEvent,
    input: {} as Partial<CanaryParams>,
  },
  guards: {
    atEnd: ({ context }) => context.cursor >= context.run.intervals.length,
  },
  actions: {
    changeParams: assign(({ context, event }) => {
      if (event.type !== 'param.change') return {};
      const problems = paramProblems(event.params);
      if (problems.length > 0) return { error: problems.join('; ') };
      const params = { ...context.params, ...event.params };
      return { params, run: run(params), cursor: 0, error: null };
    }),
    nextSeed: assign(({ context }) => {
      const params = { ...context.params, seed: nextSeed(context.params.seed) };
      return { params, run: run(params), cursor: 0, error: null };
    }),
    step: assign(({ context }) => ({ cursor: Math.min(context.run.intervals.length, context.cursor + 1) })),
    rewind: assign({ cursor: 0 }),
    setPrediction: assign(({ event }) => (event.type === 'prediction.set' ? { prediction: event.prediction } : {})),
    rewindIfAtEnd: assign(({ context }) => (context.cursor >= context.run.intervals.length ? { cursor: 0 } : {})),
  },
}).createMachine({
  id: 'canary',
  context: ({ input }) => {
    const params = { ...DEFAULT_PARAMS, ...input };
    return { params, run: run(params), cursor: 0, error: null, prediction: null };
  },
  on: {
    'prediction.set': { actions: 'setPrediction' },
  },
  initial: 'paused',
  states: {
    paused: {
      on: {
        'param.change': { actions: 'changeParams' },
        'seed.next': { actions: 'nextSeed' },
        'sim.step': { actions: 'step' },
        'sim.play': { target: 'playing', actions: 'rewindIfAtEnd' },
        'sim.reset': { actions: 'rewind' },
      },
    },
    playing: {
      after: {
        [PLAY_TICK_MS]: [
          { guard: 'atEnd', target: 'paused' },
          { target: 'playing', reenter: true, actions: 'step' },
        ],
      },
      on: {
        'sim.pause': { target: 'paused' },
        'sim.step': { target: 'paused', actions: 'step' },
        'param.change': { target: 'paused', actions: 'changeParams' },
        'seed.next': { target: 'paused', actions: 'nextSeed' },
        'sim.reset': { target: 'paused', actions: 'rewind' },
      },
    },
  },
});
