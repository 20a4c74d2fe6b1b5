/**
 * `rlab scenario validate FILE...` and `rlab incident ...`: validate scenario files, and replay an
 * incident headless from a scenario, a seed and an action log (the same run as in the browser).
 */
import { formatOptions, parseArgs, readJsonInput, UsageError, type Command, type Io, type OptionsSpec } from '../core/command';
import { clip, listProblems, quote } from '../core/input';
import { parseSeed, SEED_RULE } from '../core/seed';
import type { Action, IncidentState, Scenario } from './contract';
import { ignoredActions, MAX_MINUTES, postmortemMarkdown, stateAt, toResult } from './engine';
import { decodeActions, parseActions, parseRunFile } from './run-spec';
import { validateScenario } from './scenario-schema';
import { builtInScenarios, DEFAULT_SCENARIO_ID, scenarioIds } from './scenarios';

/** Reads and parses a JSON file (capped, regular files only, BOM and depth handled); the error says which file and why. */
const readJson = (io: Io, path: string, what = '') => readJsonInput(io, path, what);

/** Problems as indented lines: the first 20, then a count. */
const indented = (problems: readonly string[]) => listProblems(problems).map((e) => `  ${e}`).join('\n');

/** Longest --log text (characters): 300 actions in the compact encoding fit easily. */
const MAX_LOG_TEXT = 100_000;
/** Longest --team name (characters). */
const MAX_TEAM_NAME = 80;

const SCENARIO_OPTIONS = { help: { type: 'boolean', short: 'h', description: 'show this help' } } satisfies OptionsSpec;
const SCENARIO_USAGE = `Usage: rlab scenario validate FILE...

Checks incident scenario files (JSON, the format of simulations/incident/scenarios/) and reports
every problem with its location, e.g. "mitigations[2].effect must be one of fixes, partial,
nothing, worse; got \\"maybe\\"".

Exit status: 0 every file is valid, 1 a file is invalid, 2 bad arguments.

Options:
${formatOptions(SCENARIO_OPTIONS)}
`;

/** The `scenario` subcommand (`rlab scenario validate FILE...`). */
export const scenarioCommand: Command = {
  name: 'scenario',
  summary: 'validate incident scenario files (every problem, with its location)',
  run(argv, io) {
    const { values, positionals } = parseArgs(argv, SCENARIO_OPTIONS);
    if (values.help) {
      io.stdout(SCENARIO_USAGE);
      return 0;
    }
    const [verb, ...files] = positionals;
    if (verb !== 'validate') throw new UsageError(verb === undefined ? 'say what to do: rlab scenario validate FILE...' : `unknown action ${quote(verb)}; only "validate" exists`);
    if (files.length === 0) throw new UsageError('give at least one scenario file to validate');
    let invalid = 0;
    for (const file of files) {
      const read = readJson(io, file);
      const name = clip(file);
      if (!read.ok) {
        invalid += 1;
        io.stdout(`${name}: invalid\n  ${read.error}\n`);
        continue;
      }
      const checked = validateScenario(read.value);
      if (checked.ok) io.stdout(`${name}: valid (${clip(checked.scenario.id)}: ${clip(checked.scenario.title)})\n`);
      else {
        invalid += 1;
        io.stdout(`${name}: invalid, ${checked.errors.length} problem${checked.errors.length === 1 ? '' : 's'}\n${indented(checked.errors)}\n`);
      }
    }
    if (files.length > 1) io.stdout(`${files.length - invalid} of ${files.length} files valid\n`);
    return invalid > 0 ? 1 : 0;
  },
};

const OPTIONS = {
  scenario: { type: 'string', valueName: 'ID|FILE', description: `a built-in scenario (${scenarioIds.join(', ')}) or a scenario file (default ${DEFAULT_SCENARIO_ID}, as the lesson, or the run file's)` },
  seed: { type: 'string', valueName: 'N', description: `the seed of the drawn times, ${SEED_RULE} (default 1, or the run file's)` },
  actions: { type: 'string', valueName: 'FILE', description: 'a run file: { "scenario", "seed", "actions" } or a list of actions' },
  log: { type: 'string', valueName: 'ENCODED', description: 'the action log in the compact encoding of the lesson\'s links (in-log=...)' },
  until: { type: 'string', valueName: 'MINUTE', description: `replay up to this minute (default ${MAX_MINUTES}; a resolved run stops at its resolve)` },
  team: { type: 'string', valueName: 'NAME', description: `team name for --result (at most ${MAX_TEAM_NAME} characters)` },
  json: { type: 'boolean', description: 'print the state as JSON' },
  result: { type: 'boolean', description: 'print the run\'s result file (the post-mortem editor imports it)' },
  postmortem: { type: 'boolean', description: 'print a blameless Markdown post-mortem draft' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab incident [--scenario ID|FILE] [--seed N] [--actions FILE | --log ENCODED] [--until MINUTE] [--json | --result | --postmortem]

Replays a seeded incident: the scenario, the seed and the action log decide everything, so the
same inputs give the same incident as the lesson's simulator. Prints the state at --until: phase,
symptoms, timeline, messages, metrics (time to detect, acknowledge, mitigate, recover, resolve;
customer impact; error budget spent; incident-command practice checks). Actions the engine refuses
(say, resolving before service is restored) are listed with the reason.

Options:
${formatOptions(OPTIONS)}

Exit status: 0 done, 1 the scenario or run file is invalid, 2 bad arguments.

Examples:
  rlab incident --scenario database-outage --seed 42 --actions simulations/incident/fixtures/database-outage.good.json
  rlab incident --scenario memory-leak --seed 7 --until 20 --json
  rlab incident --actions simulations/incident/fixtures/retry-storm.good.json --postmortem
`;

function formatText(state: IncidentState, ignored: { action: Action; reason: string }[]): string {
  const m = state.metrics;
  const s = state.scenario;
  const min = (x: number | null) => (x === null ? '-' : `${x} min`);
  const out = [
    `${s.title} (${s.id}), seed ${state.seed}, minute ${state.minute}: ${state.phase}`,
    `Severity: ${state.severity === null ? 'not declared' : `SEV-${state.severity}`} (the facts justify SEV-${s.expectedSeverity})`,
    `Roles: ${Object.entries(state.roleHolders).map(([r, p]) => `${r} ${p}`).join(', ') || 'none assigned (the first responder holds them all)'}`,
    '',
    'Timeline (* = facilitator only):',
    ...state.timeline.map((e) => `  ${String(e.at).padStart(3)}  ${e.visibleToTeam ? ' ' : '*'} ${e.source.padEnd(11)} ${e.text}`),
  ];
  if (ignored.length > 0) out.push('', 'Refused actions:', ...ignored.map((i) => `  minute ${i.action.at} ${i.action.kind}: ${i.reason}`));
  out.push(
    '',
    'Metrics:',
    `  time to detect      ${min(m.timeToDetect)}`,
    `  time to acknowledge ${min(m.timeToAcknowledge)}`,
    `  time to mitigate    ${min(m.timeToMitigate)}`,
    `  time to recover     ${min(m.timeToRecover)}   (MTTR in this course: impact start to service restored)`,
    `  time to resolve     ${min(m.timeToResolve)}`,
    `  customer impact     ${m.customerImpactMinutes} full-outage minutes, ${m.failedRequests} failed requests`,
    `  error budget spent  ${(m.errorBudgetSpent * 100).toFixed(1)}% of ${s.slo.periodDays} days at ${(s.slo.target * 100).toFixed(2).replace(/\.?0+$/, '')}%`,
    `  practice            ${m.practice.score}%`,
    ...m.practice.checks.map((c) => `    [${c.passed ? 'x' : ' '}] ${c.name}: ${c.detail}`),
  );
  if (state.phase === 'resolved') out.push('', `Root cause: ${s.rootCause}`, '', `Debrief: ${s.debrief}`);
  return out.join('\n') + '\n';
}

/** Builds the `incident` subcommand; `now` stamps `exportedAt` of --result (a label, never computed with). */
export function makeIncidentCommand(now: () => string): Command {
  return {
    name: 'incident',
    summary: 'replay a seeded incident from a scenario, a seed and an action log',
    run(argv, io) {
      const { values, positionals } = parseArgs(argv, OPTIONS);
      if (values.help) {
        io.stdout(USAGE);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
      if (values.actions !== undefined && values.log !== undefined) throw new UsageError('give --actions FILE or --log ENCODED, not both');
      if ([values.json, values.result, values.postmortem].filter(Boolean).length > 1) throw new UsageError('choose one of --json, --result, --postmortem');

      let fromFile: { scenario?: string; seed?: number; actions: Action[] } | undefined;
      if (values.actions !== undefined) {
        const read = readJson(io, values.actions, '--actions');
        if (!read.ok) {
          io.stderr(`rlab incident: ${read.error}\n`);
          return 1;
        }
        const parsed = parseRunFile(read.value, builtInScenarios);
        if (!parsed.ok) {
          io.stderr(`rlab incident: ${clip(values.actions)} is not a valid run file:\n${indented(parsed.errors)}\n`);
          return 1;
        }
        fromFile = parsed.run;
      }

      const scenarioArg = values.scenario ?? fromFile?.scenario ?? DEFAULT_SCENARIO_ID;
      let scenario: Scenario;
      if (Object.hasOwn(builtInScenarios, scenarioArg)) scenario = builtInScenarios[scenarioArg]!;
      else if (/\.json$/i.test(scenarioArg) || scenarioArg.includes('/')) {
        const read = readJson(io, scenarioArg, '--scenario');
        if (!read.ok) {
          io.stderr(`rlab incident: ${read.error}\n`);
          return 1;
        }
        const checked = validateScenario(read.value);
        if (!checked.ok) {
          io.stderr(`rlab incident: ${clip(scenarioArg)} is not a valid scenario:\n${indented(checked.errors)}\n`);
          return 1;
        }
        scenario = checked.scenario;
      } else throw new UsageError(`unknown scenario ${quote(scenarioArg)}; built-in: ${scenarioIds.join(', ')} (or give a .json file)`);

      let seed = fromFile?.seed ?? 1;
      if (values.seed !== undefined) {
        // The page's seed parser: `--seed 007` is the link's in-seed=7.
        const parsed = parseSeed(values.seed);
        if (parsed === null) throw new UsageError(`--seed must be ${SEED_RULE}; got ${quote(values.seed)}`);
        seed = parsed;
      }
      let until = MAX_MINUTES;
      if (values.until !== undefined) {
        if (!/^\d{1,6}$/.test(values.until.trim()) || Number(values.until) > MAX_MINUTES) throw new UsageError(`--until must be a whole minute from 0 to ${MAX_MINUTES}; got ${quote(values.until)}`);
        until = Number(values.until);
      }
      if (values.team !== undefined && (values.team.length > MAX_TEAM_NAME || /[\u0000-\u001f\u007f-\u009f]/.test(values.team))) {
        throw new UsageError(`--team must be a name of at most ${MAX_TEAM_NAME} characters on one line; got ${quote(values.team)}`);
      }
      if (values.log !== undefined && values.log.length > MAX_LOG_TEXT) throw new UsageError(`--log is ${values.log.length} characters long; at most ${MAX_LOG_TEXT}`);

      let actions: Action[] = fromFile?.actions ?? [];
      if (fromFile) {
        const checked = parseActions(actions, scenario);
        if (!checked.ok) {
          io.stderr(`rlab incident: ${clip(values.actions!)} does not fit scenario ${clip(scenario.id)}:\n${indented(checked.errors)}\n`);
          return 1;
        }
      }
      if (values.log !== undefined) {
        const decoded = decodeActions(values.log, scenario);
        if (!decoded.ok) throw new UsageError(`--log: ${listProblems(decoded.errors).join('; ')}`);
        actions = decoded.actions;
      }

      const state = stateAt(scenario, seed, actions, until);
      const ignored = ignoredActions(scenario, seed, actions, until);
      if (values.result || values.postmortem) {
        const result = toResult(state, values.team ?? '', now());
        io.stdout(values.result ? JSON.stringify(result, null, 2) + '\n' : postmortemMarkdown(result));
        return 0;
      }
      if (values.json) {
        const { scenario: s, ...rest } = state;
        const report = {
          scenario: { id: s.id, title: s.title, service: s.service, expectedSeverity: s.expectedSeverity },
          ...rest,
          ignored,
          ...(state.phase === 'resolved' ? { rootCause: s.rootCause, debrief: s.debrief } : {}),
        };
        io.stdout(JSON.stringify(report, null, 2) + '\n');
        return 0;
      }
      io.stdout(formatText(state, ignored));
      return 0;
    },
  };
}

/** The `incident` subcommand (the wall clock only labels --result's `exportedAt`). */
export const incidentCommand: Command = makeIncidentCommand(() => new Date().toISOString());
