/**
 * The lesson's incident simulator as a state machine. The run is the scenario + seed + action log;
 * the engine recomputes the state whenever the clock moves or an action is taken. The clock moves by
 * buttons (1, 5, 15 minutes) or plays one minute per tick (XState's `after`, so tests use
 * SimulatedClock). Injects with `autoAt` join the log as the clock passes them. After the run ends
 * (resolved, or the 4-hour limit), a replay cursor steps through it and "fork" continues from there.
 */
import { assign, setup } from 'xstate';
import type { Action, IncidentState } from './contract';
import { canApply, dueAutoInjects, forkAt, MAX_MINUTES, stateAt } from './engine';
import { MAX_SEED } from './run-spec';
import { builtInScenarios, DEFAULT_SCENARIO_ID } from './scenarios';

/** An action as the view sends it: the machine stamps the current minute. */
export type ActionRequest = Action extends infer A ? (A extends Action ? Omit<A, 'at'> : never) : never;

/** The machine's context. */
export interface IncidentContext {
  scenarioId: string;
  seed: number;
  /** The action log (the run is this plus scenario and seed). */
  actions: Action[];
  /** The minute the clock shows. */
  minute: number;
  /** The engine's state at `minute`. */
  state: IncidentState;
  /** Why the last action was refused, if it was. */
  error: string | null;
  /** While reviewing a finished run: the minute shown, and the state there. */
  review: { minute: number; state: IncidentState } | null;
}

/** Events the view sends. */
export type IncidentEvent =
  | { type: 'run.load'; scenarioId: string; seed: number; actions: Action[]; minute: number }
  | { type: 'scenario.choose'; scenarioId: string }
  | { type: 'seed.set'; seed: number }
  | { type: 'run.restart' }
  | { type: 'time.advance'; minutes: number }
  | { type: 'act'; action: ActionRequest }
  | { type: 'clock.play' }
  | { type: 'clock.pause' }
  | { type: 'review.set'; minute: number }
  | { type: 'review.fork' };

/** Simulated minutes per tick while playing, and the tick's length in ms. */
export const PLAY_MINUTES_PER_TICK = 1;
export const PLAY_TICK_MS = 1000;

const scenarioOf = (id: string) => builtInScenarios[id] ?? builtInScenarios[DEFAULT_SCENARIO_ID]!;
const compute = (scenarioId: string, seed: number, actions: Action[], minute: number) => stateAt(scenarioOf(scenarioId), seed, actions, minute);

/** Moves the clock to `minute`, adding self-paced injects the clock has passed. */
function moveTo(c: IncidentContext, minute: number): Partial<IncidentContext> {
  const target = Math.min(MAX_MINUTES, Math.max(c.minute, minute));
  const injects = dueAutoInjects(scenarioOf(c.scenarioId), c.actions, target);
  const actions = injects.length ? [...c.actions, ...injects].map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i).map(({ a }) => a) : c.actions;
  const state = compute(c.scenarioId, c.seed, actions, target);
  return { actions, minute: state.minute, state, error: null };
}

function fresh(scenarioId: string, seed: number): Pick<IncidentContext, 'scenarioId' | 'seed' | 'actions' | 'minute' | 'state' | 'error' | 'review'> {
  const id = Object.hasOwn(builtInScenarios, scenarioId) ? scenarioId : DEFAULT_SCENARIO_ID;
  return { scenarioId: id, seed, actions: [], minute: 0, state: compute(id, seed, [], 0), error: null, review: null };
}

/** The run is over: resolved, or the clock reached its limit. */
export const isFinished = (c: Pick<IncidentContext, 'state'>) => c.state.phase === 'resolved' || c.state.minute >= MAX_MINUTES;

/** The incident simulator; `input` may name the scenario and seed to start with. */
export const incidentMachine = setup({
  types: {
    context: {} as IncidentContext,
    events: {} as IncidentEvent,
    input: {} as { scenarioId?: string; seed?: number },
  },
  guards: {
    finished: ({ context }) => isFinished(context),
  },
  actions: {
    load: assign(({ event }) => {
      if (event.type !== 'run.load') return {};
      const base = fresh(event.scenarioId, event.seed);
      const state = compute(base.scenarioId, base.seed, event.actions, event.minute);
      return { ...base, actions: event.actions, minute: state.minute, state };
    }),
    choose: assign(({ context, event }) => (event.type === 'scenario.choose' ? fresh(event.scenarioId, context.seed) : {})),
    setSeed: assign(({ context, event }) => {
      if (event.type !== 'seed.set') return {};
      if (!(Number.isInteger(event.seed) && event.seed >= 0 && event.seed <= MAX_SEED)) return { error: `the seed must be a whole number from 0 to ${MAX_SEED}` };
      return fresh(context.scenarioId, event.seed);
    }),
    restart: assign(({ context }) => fresh(context.scenarioId, context.seed)),
    advance: assign(({ context, event }) => (event.type === 'time.advance' ? moveTo(context, context.minute + Math.max(0, Math.floor(event.minutes))) : {})),
    tick: assign(({ context }) => moveTo(context, context.minute + PLAY_MINUTES_PER_TICK)),
    act: assign(({ context, event }) => {
      if (event.type !== 'act') return {};
      const action = { ...event.action, at: context.minute } as Action;
      const allowed = canApply(context.state, action);
      if (!allowed.ok) return { error: allowed.reason };
      const actions = [...context.actions, action];
      const state = compute(context.scenarioId, context.seed, actions, context.minute);
      return { actions, state, error: null };
    }),
    review: assign(({ context, event }) => {
      if (event.type !== 'review.set') return {};
      const minute = Math.max(0, Math.min(context.minute, Math.round(event.minute)));
      return { review: { minute, state: compute(context.scenarioId, context.seed, context.actions, minute) } };
    }),
    fork: assign(({ context }) => {
      if (!context.review) return {};
      const m = context.review.minute;
      const actions = forkAt(context.actions, m);
      const state = compute(context.scenarioId, context.seed, actions, m);
      return { actions, minute: state.minute, state, review: null, error: null };
    }),
    startReview: assign(({ context }) => ({ review: { minute: context.minute, state: context.state } })),
  },
}).createMachine({
  id: 'incident',
  context: ({ input }) => fresh(input.scenarioId ?? DEFAULT_SCENARIO_ID, input.seed ?? 1),
  initial: 'running',
  on: {
    'run.load': { target: '.route', actions: 'load' },
    'scenario.choose': { target: '.running', actions: 'choose' },
    'seed.set': { target: '.running', actions: 'setSeed' },
    'run.restart': { target: '.running', actions: 'restart' },
  },
  states: {
    /** Decides where a loaded run belongs. */
    route: {
      always: [{ guard: 'finished', target: 'finished' }, { target: 'running' }],
    },
    running: {
      initial: 'paused',
      states: {
        paused: {
          on: {
            'clock.play': { target: 'playing' },
          },
        },
        playing: {
          after: {
            [PLAY_TICK_MS]: { target: 'playing', reenter: true, actions: 'tick' },
          },
          on: {
            'clock.pause': { target: 'paused' },
          },
        },
      },
      on: {
        'time.advance': { actions: 'advance' },
        act: { actions: 'act' },
      },
      always: { guard: 'finished', target: 'finished' },
    },
    finished: {
      entry: 'startReview',
      on: {
        'review.set': { actions: 'review' },
        'review.fork': { target: 'running', actions: 'fork' },
      },
    },
  },
});
