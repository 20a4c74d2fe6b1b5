/**
 * The facilitator console's state machine. The console holds the game day's inputs (scenario,
 * seed, team, the action log, the minute) and nothing else: the incident itself is always
 * `engine.stateAt(scenario, seed, actions, minute)`. The simulated clock advances one minute per
 * tick while `running`; a tick lasts `MS_PER_MINUTE[speed]` on XState's clock, so tests drive it
 * with a SimulatedClock. The stress dial adds the scenario's injects by itself as minutes pass.
 *
 * setup -> running <-> paused -> ended (debrief); resolving the incident also ends it.
 */
import { assign, setup } from 'xstate';
import type { Action, IncidentEngine, IncidentState, Scenario } from '../incident/contract';
import { DEFAULT_SPEED, MAX_MINUTE, MS_PER_MINUTE, type Speed } from './clock';
import { dueInjects, stressSchedule, type ScheduledInject, type StressLevel } from './stress';
import type { LiveGame, ScenarioRef } from './sync';
import { MAX_SEED } from './params';


/** An action as the console records it: the machine stamps it with the current minute. */
export type ActionInput = Action extends infer A ? (A extends Action ? Omit<A, 'at'> : never) : never;

/** What the console starts with. */
export interface GameDayInput {
  /** The incident engine (injected, so the machine stays a pure function of its inputs). */
  engine: IncidentEngine;
  /** The built-in scenarios; the first is the default. */
  scenarios: readonly Scenario[];
  scenarioId?: string;
  seed?: number;
  team?: string;
  speed?: Speed;
  stress?: StressLevel;
}

/** The console's context. */
export interface GameDayContext {
  engine: IncidentEngine;
  scenarios: readonly Scenario[];
  source: ScenarioRef;
  scenario: Scenario;
  seed: number;
  team: string;
  actions: Action[];
  minute: number;
  speed: Speed;
  stress: StressLevel;
  schedule: ScheduledInject[];
  state: IncidentState;
  /** Why the last request was refused (shown as an alert), or null. */
  error: string | null;
  /** The last thing that happened, for the console's polite live region. */
  announcement: string;
}

/** Events the console sends. */
export type GameDayEvent =
  | { type: 'setup.scenario'; id: string }
  | { type: 'setup.custom'; scenario: Scenario }
  | { type: 'setup.seed'; seed: number }
  | { type: 'setup.team'; team: string }
  | { type: 'speed.set'; speed: Speed }
  | { type: 'stress.set'; stress: StressLevel }
  | { type: 'game.start' }
  | { type: 'game.pause' }
  | { type: 'game.resume' }
  | { type: 'game.end' }
  | { type: 'game.reset' }
  | { type: 'action.record'; action: ActionInput }
  | { type: 'inject.fire'; inject: string }
  /** Picks up a game day this browser was running (after a reload): lands paused. */
  | { type: 'game.restore'; game: RestoredGame };

/** A game day read back from storage, its scenario already resolved and validated. */
export interface RestoredGame {
  source: ScenarioRef;
  scenario: Scenario;
  seed: number;
  team: string;
  actions: Action[];
  minute: number;
  speed: Speed;
  stress: StressLevel;
}

const recompute = (c: Pick<GameDayContext, 'engine' | 'scenario' | 'seed' | 'actions' | 'minute'>) => c.engine.stateAt(c.scenario, c.seed, c.actions, c.minute);

/** The context for a scenario/seed pick: a fresh game at minute 0. */
function fresh(c: GameDayContext, changes: Partial<Pick<GameDayContext, 'source' | 'scenario' | 'seed'>>): Partial<GameDayContext> {
  const next = { ...c, ...changes, actions: [] as Action[], minute: 0 };
  return { ...changes, actions: [], minute: 0, schedule: stressSchedule(next.scenario.injects, next.seed, next.stress), state: recompute(next), error: null };
}

/** Describes an accepted action for the live region. */
function describe(action: Action, scenario: Scenario): string {
  switch (action.kind) {
    case 'inject':
      return `Inject fired: ${scenario.injects.find((i) => i.id === action.inject)?.title ?? action.inject}.`;
    case 'declare':
      return `Declared SEV-${action.severity}.`;
    case 'set-severity':
      return `Severity set to SEV-${action.severity}.`;
    case 'assign-role':
      return `${action.person} is ${action.role}.`;
    case 'mitigate':
      return `Mitigation started: ${action.mitigation}.`;
    case 'resolve':
      return 'Incident resolved. Debrief below.';
    default:
      return `Recorded: ${action.kind}.`;
  }
}

/** Checks an action against the engine now; returns the stamped action or the refusal. */
function check(c: GameDayContext, input: ActionInput): { ok: true; action: Action } | { ok: false; reason: string } {
  const action = { ...input, at: c.minute } as Action;
  if (action.kind === 'inject') {
    if (!c.scenario.injects.some((i) => i.id === action.inject)) return { ok: false, reason: `this scenario has no inject "${action.inject}"` };
    if (c.actions.some((a) => a.kind === 'inject' && a.inject === action.inject)) return { ok: false, reason: 'that inject has already fired' };
  }
  const verdict = c.engine.canApply(c.state, action);
  return verdict.ok ? { ok: true, action } : { ok: false, reason: verdict.reason };
}

/** The facilitator console; `input` carries the engine, the built-in scenarios and the setup from the link. */
export const gameDayMachine = setup({
  types: {
    context: {} as GameDayContext,
    events: {} as GameDayEvent,
    input: {} as GameDayInput,
  },
  delays: {
    minute: ({ context }) => MS_PER_MINUTE[context.speed],
  },
  guards: {
    atMaxMinute: ({ context }) => context.minute >= MAX_MINUTE - 1,
    resolvesIncident: ({ context, event }) => event.type === 'action.record' && event.action.kind === 'resolve' && check(context, event.action).ok,
  },
  actions: {
    pickScenario: assign(({ context, event }) => {
      if (event.type !== 'setup.scenario') return {};
      const scenario = context.scenarios.find((s) => s.id === event.id);
      if (!scenario) return { error: `no built-in scenario "${event.id}"` };
      return fresh(context, { source: { kind: 'built-in', id: scenario.id }, scenario });
    }),
    pickCustom: assign(({ context, event }) =>
      event.type === 'setup.custom' ? fresh(context, { source: { kind: 'custom', scenario: event.scenario }, scenario: event.scenario }) : {},
    ),
    pickSeed: assign(({ context, event }) => {
      if (event.type !== 'setup.seed') return {};
      if (!(Number.isInteger(event.seed) && event.seed >= 0 && event.seed <= MAX_SEED)) return { error: `seed must be a whole number from 0 to ${MAX_SEED}` };
      return fresh(context, { seed: event.seed });
    }),
    setTeam: assign(({ event }) => (event.type === 'setup.team' ? { team: event.team.slice(0, 80) } : {})),
    setSpeed: assign(({ event }) => (event.type === 'speed.set' ? { speed: event.speed, announcement: `Clock speed: one simulated minute per ${MS_PER_MINUTE[event.speed] / 1000} s.` } : {})),
    setStress: assign(({ context, event }) =>
      event.type === 'stress.set'
        ? { stress: event.stress, schedule: stressSchedule(context.scenario.injects, context.seed, event.stress), announcement: `Stress dial: ${event.stress}.` }
        : {},
    ),
    tick: assign(({ context }) => {
      const minute = context.minute + 1;
      const injected = dueInjects(context.schedule, context.minute, minute, context.actions);
      const actions = injected.length ? [...context.actions, ...injected] : context.actions;
      const announcement = injected.length ? injected.map((a) => describe(a, context.scenario)).join(' ') : context.announcement;
      return { minute, actions, state: recompute({ ...context, actions, minute }), announcement };
    }),
    record: assign(({ context, event }) => {
      const input: ActionInput | null = event.type === 'action.record' ? event.action : event.type === 'inject.fire' ? { kind: 'inject', inject: event.inject } : null;
      if (!input) return {};
      const checked = check(context, input);
      if (!checked.ok) return { error: `Not recorded: ${checked.reason}.` };
      const actions = [...context.actions, checked.action];
      return { actions, state: recompute({ ...context, actions }), error: null, announcement: describe(checked.action, context.scenario) };
    }),
    announce: assign((_, text: string) => ({ announcement: text })),
    restore: assign(({ context, event }) => {
      if (event.type !== 'game.restore') return {};
      const g = event.game;
      const minute = Math.min(MAX_MINUTE, Math.max(0, Math.floor(g.minute)));
      const next = { ...context, ...g, minute };
      return {
        ...g,
        minute,
        schedule: stressSchedule(g.scenario.injects, g.seed, g.stress),
        state: recompute(next),
        error: null,
        announcement: `Resumed ${g.team || 'the team'}'s game day at minute ${minute}, paused.`,
      };
    }),
    restart: assign(({ context }) => ({ ...fresh(context, {}), announcement: 'New game day: pick the scenario and start the clock.' })),
  },
}).createMachine({
  id: 'gameDay',
  context: ({ input }) => {
    const scenario = input.scenarios.find((s) => s.id === input.scenarioId) ?? input.scenarios[0];
    if (!scenario) throw new Error('the game-day console needs at least one scenario');
    const seed = input.seed ?? 1;
    const stress = input.stress ?? 'off';
    const base = { engine: input.engine, scenario, seed, actions: [] as Action[], minute: 0 };
    return {
      ...base,
      scenarios: input.scenarios,
      source: { kind: 'built-in', id: scenario.id },
      team: input.team ?? '',
      speed: input.speed ?? DEFAULT_SPEED,
      stress,
      schedule: stressSchedule(scenario.injects, seed, stress),
      state: recompute(base),
      error: null,
      announcement: '',
    };
  },
  on: {
    'speed.set': { actions: 'setSpeed' },
    'stress.set': { actions: 'setStress' },
    'setup.team': { actions: 'setTeam' },
  },
  initial: 'setup',
  states: {
    setup: {
      on: {
        'setup.scenario': { actions: 'pickScenario' },
        'setup.custom': { actions: 'pickCustom' },
        'setup.seed': { actions: 'pickSeed' },
        'game.restore': { target: 'paused', actions: 'restore' },
        'game.start': { target: 'running', actions: { type: 'announce', params: 'Game day started: the clock is running.' } },
      },
    },
    running: {
      after: {
        minute: [
          { guard: 'atMaxMinute', target: 'paused', actions: ['tick', { type: 'announce', params: 'The clock stopped at its 4-hour limit; end the game day for the debrief.' }] },
          { target: 'running', reenter: true, actions: 'tick' },
        ],
      },
      on: {
        'game.pause': { target: 'paused', actions: { type: 'announce', params: 'Clock paused.' } },
        // A new speed restarts the minute's timer at the new length.
        'speed.set': { target: 'running', reenter: true, actions: 'setSpeed' },
        'action.record': [{ guard: 'resolvesIncident', target: 'ended', actions: 'record' }, { actions: 'record' }],
        'inject.fire': { actions: 'record' },
        'game.end': { target: 'ended', actions: { type: 'announce', params: 'Game day ended. Debrief below.' } },
      },
    },
    paused: {
      on: {
        'game.resume': { target: 'running', actions: { type: 'announce', params: 'Clock running.' } },
        'action.record': [{ guard: 'resolvesIncident', target: 'ended', actions: 'record' }, { actions: 'record' }],
        'inject.fire': { actions: 'record' },
        'game.end': { target: 'ended', actions: { type: 'announce', params: 'Game day ended. Debrief below.' } },
      },
    },
    ended: {
      on: {
        'game.reset': { target: 'setup', actions: 'restart' },
      },
    },
  },
});

/** The live game the console broadcasts to the team view. */
export function liveGame(context: GameDayContext, status: 'setup' | 'running' | 'paused' | 'ended'): LiveGame {
  return {
    scenario: context.source,
    seed: context.seed,
    team: context.team,
    actions: context.actions,
    minute: context.minute,
    running: status === 'running',
    speed: context.speed,
    stress: context.stress,
    ended: status === 'ended',
  };
}
