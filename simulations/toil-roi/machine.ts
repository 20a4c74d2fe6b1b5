/**
 * The toil-roi simulator's state machine. The learner edits a draft of the team (text as typed);
 * every edit is validated, and while the draft is valid the analysis follows it. While it is not,
 * the machine is in `invalid`, keeps the last valid team's analysis and lists the problems by path.
 */
import { assign, setup } from 'xstate';
import { analyzeTeam, KNOWN_ACTIVITIES, planTimeline, type FrequencyId, type Team, type Timeline, type ToilAnalysis } from './model';
import {
  checkDraft,
  DEFAULT_SETTINGS,
  hourlyCostProblem,
  MAX_PEOPLE,
  MAX_TASKS,
  sourceTeam,
  teamToDraft,
  validateTeam,
  type TeamDraft,
  type TeamIssue,
  type ToilSettings,
} from './params';

/** The activity a new task gets when the source's five are taken. */
export const OTHER_ACTIVITY = 'other';
/** Activities the form offers, in order. */
export const FORM_ACTIVITIES: readonly string[] = [...KNOWN_ACTIVITIES, OTHER_ACTIVITY];

/** Which survey task the xkcd table highlights: `${personIndex}:${activity}`, or `team:${activity}` for the team's total. */
export type TaskKey = string;

/** The machine's context. */
export interface ToilContext {
  draft: TeamDraft;
  /** The last valid team: what the analysis shows. */
  team: Team;
  /** Problems in the draft, by path; empty when it is valid. */
  issues: TeamIssue[];
  settings: ToilSettings;
  /** Why the last settings change was refused, if it was. */
  settingsError: string | null;
  analysis: ToilAnalysis;
  timeline: Timeline;
  /** The xkcd table's highlighted task and how often it runs. */
  xkcd: { task: TaskKey | null; frequency: FrequencyId };
  /** Why the last structural edit (add or remove) was refused, if it was. */
  editError: string | null;
}

/** Which text field of a person or a task changed. */
export type PersonField = 'name' | 'totalWorkHours';
export type TaskField = 'activity' | 'hoursPerWeek';

/** Events the view sends. */
export type ToilEvent =
  | { type: 'person.add' }
  | { type: 'person.remove'; index: number }
  | { type: 'person.edit'; index: number; field: PersonField; value: string }
  | { type: 'task.add'; person: number }
  | { type: 'task.remove'; person: number; task: number }
  | { type: 'task.edit'; person: number; task: number; field: TaskField; value: string }
  | { type: 'team.load'; team: Team }
  | { type: 'team.reset' }
  | { type: 'settings.change'; settings: Partial<ToilSettings> }
  | { type: 'xkcd.pick'; task?: TaskKey | null; frequency?: FrequencyId };

/** What the machine starts from: a team (default the source's) and settings. */
export interface ToilInput {
  team?: Team;
  settings?: Partial<ToilSettings>;
}

const derive = (team: Team, settings: ToilSettings) => {
  const analysis = analyzeTeam(team, settings.hourlyCost);
  return { analysis, timeline: planTimeline(analysis.plan, analysis.ranked, settings.hourlyCost, settings.order, settings.schedule) };
};

/** Applies a new draft: validate, and move the analysis along if it is valid. */
const withDraft = (context: ToilContext, draft: TeamDraft): Partial<ToilContext> => {
  const checked = checkDraft(draft);
  if (!checked.ok) return { draft, issues: checked.issues, editError: null };
  return { draft, issues: [], team: checked.team, editError: null, ...derive(checked.team, context.settings), xkcd: keepPick(context.xkcd, checked.team) };
};

/** Drops the xkcd pick if the task it named is gone. */
const keepPick = (xkcd: ToilContext['xkcd'], team: Team): ToilContext['xkcd'] => {
  if (xkcd.task === null) return xkcd;
  const [who, activity] = [xkcd.task.slice(0, xkcd.task.indexOf(':')), xkcd.task.slice(xkcd.task.indexOf(':') + 1)];
  const exists = who === 'team' ? team.people.some((p) => p.tasks.some((t) => t.activity === activity)) : team.people[Number(who)]?.tasks.some((t) => t.activity === activity);
  return exists ? xkcd : { ...xkcd, task: null };
};

const uniqueName = (draft: TeamDraft): string => {
  for (let n = draft.people.length + 1; ; n++) if (!draft.people.some((p) => p.name.trim() === `person ${n}`)) return `person ${n}`;
};

/** The toil-roi simulator; `input` is the starting team and settings. */
export const toilMachine = setup({
  types: {
    context: {} as ToilContext,
    events: {} as ToilEvent,
    input: {} as ToilInput,
  },
  guards: {
    draftInvalid: ({ context }) => context.issues.length > 0,
    draftValid: ({ context }) => context.issues.length === 0,
  },
  actions: {
    addPerson: assign(({ context }) => {
      if (context.draft.people.length >= MAX_PEOPLE) return { editError: `a team may have at most ${MAX_PEOPLE} people` };
      return withDraft(context, { people: [...context.draft.people, { name: uniqueName(context.draft), totalWorkHours: '40', tasks: [] }] });
    }),
    removePerson: assign(({ context, event }) => {
      if (event.type !== 'person.remove') return {};
      if (context.draft.people.length <= 1) return { editError: 'the team needs at least one person' };
      const kept = withDraft(context, { people: context.draft.people.filter((_, i) => i !== event.index) });
      // Person indices shift: a pick on a person is dropped rather than moved to someone else.
      return { ...kept, xkcd: context.xkcd.task?.startsWith('team:') ? (kept.xkcd ?? context.xkcd) : { ...context.xkcd, task: null } };
    }),
    editPerson: assign(({ context, event }) => {
      if (event.type !== 'person.edit' || !context.draft.people[event.index]) return {};
      return withDraft(context, { people: context.draft.people.map((p, i) => (i === event.index ? { ...p, [event.field]: event.value } : p)) });
    }),
    addTask: assign(({ context, event }) => {
      if (event.type !== 'task.add') return {};
      const person = context.draft.people[event.person];
      if (!person) return {};
      if (person.tasks.length >= MAX_TASKS) return { editError: `a person may have at most ${MAX_TASKS} tasks` };
      const free = FORM_ACTIVITIES.find((a) => !person.tasks.some((t) => t.activity === a));
      if (!free) return { editError: `${person.name || `person ${event.person + 1}`} already has every activity` };
      const tasks = [...person.tasks, { activity: free, hoursPerWeek: '0' }];
      return withDraft(context, { people: context.draft.people.map((p, i) => (i === event.person ? { ...p, tasks } : p)) });
    }),
    removeTask: assign(({ context, event }) => {
      if (event.type !== 'task.remove') return {};
      return withDraft(context, {
        people: context.draft.people.map((p, i) => (i === event.person ? { ...p, tasks: p.tasks.filter((_, k) => k !== event.task) } : p)),
      });
    }),
    editTask: assign(({ context, event }) => {
      if (event.type !== 'task.edit') return {};
      return withDraft(context, {
        people: context.draft.people.map((p, i) =>
          i === event.person ? { ...p, tasks: p.tasks.map((t, k) => (k === event.task ? { ...t, [event.field]: event.value } : t)) } : p,
        ),
      });
    }),
    loadTeam: assign(({ context, event }) => {
      if (event.type !== 'team.load') return {};
      const checked = validateTeam(event.team);
      if (!checked.ok) return { editError: `the team was not loaded: ${checked.issues.map((i) => i.message).join('; ')}` };
      return withDraft({ ...context, xkcd: { ...context.xkcd, task: null } }, teamToDraft(checked.team));
    }),
    resetTeam: assign(({ context }) => withDraft({ ...context, xkcd: { ...context.xkcd, task: null } }, teamToDraft(sourceTeam()))),
    changeSettings: assign(({ context, event }) => {
      if (event.type !== 'settings.change') return {};
      const settings = { ...context.settings, ...event.settings };
      const problem = hourlyCostProblem(settings.hourlyCost);
      if (problem) return { settingsError: problem };
      return { settings, settingsError: null, ...derive(context.team, settings) };
    }),
    pick: assign(({ context, event }) => {
      if (event.type !== 'xkcd.pick') return {};
      return { xkcd: { task: event.task === undefined ? context.xkcd.task : event.task, frequency: event.frequency ?? context.xkcd.frequency } };
    }),
  },
}).createMachine({
  id: 'toilRoi',
  context: ({ input }) => {
    const settings = { ...DEFAULT_SETTINGS, ...input.settings };
    const team = input.team ?? sourceTeam();
    return {
      draft: teamToDraft(team),
      team,
      issues: [],
      settings,
      settingsError: null,
      ...derive(team, settings),
      xkcd: { task: null, frequency: 'daily' },
      editError: null,
    };
  },
  on: {
    'person.add': { actions: 'addPerson' },
    'person.remove': { actions: 'removePerson' },
    'person.edit': { actions: 'editPerson' },
    'task.add': { actions: 'addTask' },
    'task.remove': { actions: 'removeTask' },
    'task.edit': { actions: 'editTask' },
    'team.load': { actions: 'loadTeam' },
    'team.reset': { actions: 'resetTeam' },
    'settings.change': { actions: 'changeSettings' },
    'xkcd.pick': { actions: 'pick' },
  },
  initial: 'valid',
  states: {
    valid: { always: { guard: 'draftInvalid', target: 'invalid' } },
    invalid: { always: { guard: 'draftValid', target: 'valid' } },
  },
});
