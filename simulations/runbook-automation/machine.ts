/**
 * The runbook simulator's state machine. The whole incident is computed by the pure model
 * whenever the runbook or the parameters change; the log is then revealed line by line
 * (`run.step`) or all at once (`run.all`), and `run.reset` rewinds it. The learner's runbook
 * text is kept as a draft: a parse error is reported and never replaces the runbook running.
 */
import { assign, setup } from 'xstate';
import { nextSeed } from '../burn-rate/params';
import { CONNECTION_POOL_RUNBOOK, CONNECTION_POOL_TEXT } from './connection-pool';
import { parseRunbook, type Runbook } from './format';
import { alertScenario, POLICIES, runIncident, type IncidentRun } from './orchestrator';
import { applyChances, DEFAULT_PARAMS, MAX_SEED, unknownChanceIds, type RunbookParams } from './params';

/** The machine's context. */
export interface RunbookContext {
  params: RunbookParams;
  /** The runbook as written (built-in or the learner's), before the slider chances. */
  base: Runbook;
  /** True when the learner's own runbook is running. */
  own: boolean;
  /** The runbook that runs: `base` with the learner's chances. */
  runbook: Runbook;
  run: IncidentRun;
  /** Log lines revealed so far. */
  cursor: number;
  /** The learner's runbook text, kept whatever happens. */
  draft: string;
  /** Problems in the draft from the last "run my runbook" (empty when it was applied). */
  draftErrors: string[];
  /** Why the last parameter change was refused, if it was. */
  error: string | null;
}

/** Events the view sends. */
export type RunbookEvent =
  | { type: 'param.change'; params: Partial<RunbookParams> }
  | { type: 'chance.set'; stepId: string; chance: number }
  | { type: 'seed.next' }
  | { type: 'run.all' }
  | { type: 'run.step' }
  | { type: 'run.reset' }
  | { type: 'draft.edit'; text: string }
  | { type: 'draft.apply' }
  | { type: 'draft.builtin' };

/** What the machine starts from: parameters (from the link) and a saved draft. */
export type RunbookInput = Partial<RunbookParams> & { draft?: string };

/** Recomputes the incident for a runbook and parameters. */
function compute(base: Runbook, params: RunbookParams): { runbook: Runbook; run: IncidentRun } {
  const runbook = applyChances(base, params.chances);
  const alert = params.alert === 'none' ? null : (alertScenario(params.alert) ?? null);
  return { runbook, run: runIncident(runbook, { seed: params.seed, alert, policy: params.policy }) };
}

/** Checks a parameter change; returns a message when it cannot be used. */
function checkParams(params: RunbookParams, base: Runbook): string | null {
  if (!(Number.isInteger(params.seed) && params.seed >= 0 && params.seed <= MAX_SEED)) return `seed must be a whole number from 0 to ${MAX_SEED}`;
  if (params.alert !== 'none' && !alertScenario(params.alert)) return `unknown alert "${params.alert}"`;
  if (!(POLICIES as readonly string[]).includes(params.policy)) return `policy must be ${POLICIES.join(' or ')}`;
  for (const [id, p] of Object.entries(params.chances)) if (!(p >= 0 && p <= 1)) return `the success chance of ${id} must be from 0 to 1`;
  const unknown = unknownChanceIds(base, params.chances);
  if (unknown.length > 0) return `the runbook has no step ${unknown.map((id) => `"${id}"`).join(', ')}`;
  return null;
}

/** Why a success chance cannot be set, or null. */
function chanceProblem(base: Runbook, stepId: string, chance: number): string | null {
  if (!base.steps.some((s) => s.id === stepId)) return `the runbook has no step "${stepId}"`;
  if (!(chance >= 0 && chance <= 1)) return `the success chance of ${stepId} must be from 0 to 1`;
  return null;
}

/** The runbook automation simulator; `input` is the starting parameters (from the page URL) and draft. */
export const runbookMachine = setup({
  types: {
    context: {} as RunbookContext,
    events: {} as RunbookEvent,
    input: {} as RunbookInput,
  },
  guards: {
    revealsLastLine: ({ context }) => context.cursor + 1 >= context.run.log.length,
    paramsUsable: ({ context, event }) => event.type === 'param.change' && checkParams({ ...context.params, ...event.params }, context.base) === null,
    chanceUsable: ({ context, event }) => event.type === 'chance.set' && chanceProblem(context.base, event.stepId, event.chance) === null,
  },
  actions: {
    changeParams: assign(({ context, event }) => {
      if (event.type !== 'param.change') return {};
      const params = { ...context.params, ...event.params };
      return { params, ...compute(context.base, params), cursor: 0, error: null };
    }),
    setChance: assign(({ context, event }) => {
      if (event.type !== 'chance.set') return {};
      const step = context.base.steps.find((s) => s.id === event.stepId)!;
      const chances = { ...context.params.chances };
      // The runbook's own value is no override: keeps links and commands short.
      if (event.chance === step.successChance) delete chances[event.stepId];
      else chances[event.stepId] = event.chance;
      const params = { ...context.params, chances };
      return { params, ...compute(context.base, params), cursor: 0, error: null };
    }),
    refuse: assign(({ context, event }) => ({
      error:
        event.type === 'param.change'
          ? checkParams({ ...context.params, ...event.params }, context.base)
          : event.type === 'chance.set'
            ? chanceProblem(context.base, event.stepId, event.chance)
            : null,
    })),
    nextSeed: assign(({ context }) => {
      const params = { ...context.params, seed: nextSeed(context.params.seed) };
      return { params, ...compute(context.base, params), cursor: 0, error: null };
    }),
    revealAll: assign(({ context }) => ({ cursor: context.run.log.length })),
    revealNext: assign(({ context }) => ({ cursor: Math.min(context.run.log.length, context.cursor + 1) })),
    rewind: assign(() => ({ cursor: 0 })),
    editDraft: assign(({ event }) => (event.type === 'draft.edit' ? { draft: event.text } : {})),
    applyDraft: assign(({ context }) => {
      const parsed = parseRunbook(context.draft);
      if (!parsed.ok) return { draftErrors: parsed.errors };
      const params = { ...context.params, chances: {} };
      return { base: parsed.runbook, own: true, params, ...compute(parsed.runbook, params), cursor: 0, draftErrors: [], error: null };
    }),
    useBuiltin: assign(({ context }) => {
      const params = { ...context.params, chances: {} };
      return { base: CONNECTION_POOL_RUNBOOK, own: false, params, ...compute(CONNECTION_POOL_RUNBOOK, params), cursor: 0, draftErrors: [], error: null };
    }),
  },
}).createMachine({
  id: 'runbookAutomation',
  context: ({ input }) => {
    const { draft, ...rest } = input;
    const candidate: RunbookParams = { ...DEFAULT_PARAMS, ...rest };
    const error = checkParams(candidate, CONNECTION_POOL_RUNBOOK);
    const params = error ? DEFAULT_PARAMS : candidate;
    return {
      params,
      base: CONNECTION_POOL_RUNBOOK,
      own: false,
      ...compute(CONNECTION_POOL_RUNBOOK, params),
      cursor: 0,
      draft: draft ?? CONNECTION_POOL_TEXT,
      draftErrors: [],
      error,
    };
  },
  on: {
    'param.change': [{ guard: 'paramsUsable', target: '.idle', actions: 'changeParams' }, { actions: 'refuse' }],
    'chance.set': [{ guard: 'chanceUsable', target: '.idle', actions: 'setChance' }, { actions: 'refuse' }],
    'seed.next': { target: '.idle', actions: 'nextSeed' },
    'draft.edit': { actions: 'editDraft' },
    'draft.apply': { target: '.idle', actions: 'applyDraft' },
    'draft.builtin': { target: '.idle', actions: 'useBuiltin' },
    'run.reset': { target: '.idle', actions: 'rewind' },
    'run.all': { target: '.done', actions: 'revealAll' },
  },
  initial: 'idle',
  states: {
    idle: {
      on: {
        'run.step': [{ guard: 'revealsLastLine', target: 'done', actions: 'revealNext' }, { target: 'stepping', actions: 'revealNext' }],
      },
    },
    stepping: {
      on: {
        'run.step': [{ guard: 'revealsLastLine', target: 'done', actions: 'revealNext' }, { actions: 'revealNext' }],
      },
    },
    done: {},
  },
});
