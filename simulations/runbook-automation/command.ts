/**
 * `rlab runbook`: runs a runbook file (the simulator's YAML-like format, or JSON) on the
 * simulated clock, headless, and prints the execution log, the outcome and the total simulated
 * time. Without `--runbook` it runs the lesson's connection-pool recovery runbook; with
 * `--alert` the run goes through the self-healing orchestrator first.
 */
import { formatOptions, MAX_JSON_FILE_BYTES, parseArgs, readInput, UsageError, type Command, type Io, type OptionsSpec } from '../core/command';
import { clip, listProblems, quote } from '../core/input';
import { parseSeed, SEED_RULE } from '../core/seed';
import { formatDuration } from '../core/duration';
import { CONNECTION_POOL_RUNBOOK } from './connection-pool';
import { parseRunbook, type Runbook } from './format';
import { rollbackSummary, worstCaseSeconds } from './model';
import { ALERT_SCENARIOS, alertScenario, formatClock, policyNamed, POLICIES, runIncident, decisionText, type IncidentRun, type PolicyName } from './orchestrator';
import { applyChances, MAX_SEED, parseChance } from './params';

const OPTIONS = {
  runbook: { type: 'string', valueName: 'FILE', description: 'the runbook to run (YAML-like or JSON); default: the connection-pool recovery runbook' },
  seed: { type: 'string', valueName: 'N', description: `the same seed gives the same run (default 1; 0 to ${MAX_SEED})` },
  chance: { type: 'string', valueName: 'STEP=P', description: "set a step's success chance (0 to 1, or 50%); repeat for several steps", multiple: true },
  alert: { type: 'string', valueName: 'ALERT', description: 'fire an alert through the orchestrator (see the list below)' },
  policy: { type: 'string', valueName: 'lesson|common', description: "the auto-run rule: the lesson's corrected one (default) or the common one it corrects ('source' is accepted too)" },
  json: { type: 'boolean', description: 'print JSON instead of text' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab runbook [--runbook FILE] [--seed N] [--chance STEP=P ...] [--alert ALERT [--policy lesson|common]] [--json]

Runs a runbook on a simulated clock: steps in order, skipped when their prerequisites did not
succeed; each attempt killed at its timeout; retries after backoffSeconds * 2^(n-1); a check
may stop the runbook; a step that fails for good rolls back the steps that ran, newest first
(the failed step included). Prints the log, the outcome (succeeded, stopped, rolled-back, or
escalated without running) and the total simulated time.

Options:
${formatOptions(OPTIONS)}

Alerts (the orchestrator matches ${'PostgresConnectionPoolExhausted'} to the runbook):
${ALERT_SCENARIOS.map((a) => `  ${a.id.padEnd(18)}${a.label}`).join('\n')}

Runbook format (YAML-like; the same fields in JSON also work):
  name: my_runbook
  jitter: false                 # true: each backoff times a random factor in [0.5, 1)
  steps:
    - id: restart               # letters, digits, _ and -; unique
      action: kubectl rollout restart deployment/web
      prerequisites: [drain]    # steps written earlier that must have succeeded
      timeoutSeconds: 30        # default 300
      retries: 2                # 0 to 10, default 3
      backoffSeconds: 2         # waits 2, 4, 8 ... s; default 1
      successChance: 0.9        # per attempt, 0 to 1; default 1
      durationSeconds: 1-5      # an attempt's duration, uniform in the range; default 1-5
      rollback: none            # none | irreversible: why | the undo command
      requiresApproval: false   # a person confirms first
      continueOnFailure: false  # true: a failure does not end the runbook; steps needing it are skipped
      stopChance: 0             # chance a successful check stops the runbook

Exit status: 0 done (whatever the outcome), 2 bad arguments or a bad runbook file.

Examples:
  rlab runbook --seed 7
  rlab runbook --chance terminate_long_queries=0 --json
  rlab runbook --alert sun-0300-critical --policy common
  rlab runbook --runbook my-runbook.yaml --seed 3
`;

/** Reads and parses a runbook file; a file that cannot be read or parsed is a usage error naming every problem. */
export function loadRunbook(path: string, io: Io): Runbook {
  // Read up to 1 MB so an overlong runbook gets parseRunbook's own message (it allows 20,000 characters).
  const read = readInput(io, path, MAX_JSON_FILE_BYTES, '--runbook');
  if (!read.ok) throw new UsageError(read.error);
  const parsed = parseRunbook(read.text);
  const name = clip(path);
  if (!parsed.ok) throw new UsageError(`${name} is not a valid runbook:\n${listProblems(parsed.errors).map((e) => `  ${name}: ${e}`).join('\n')}`);
  return parsed.runbook;
}

/** `00:04:17.7` */
export function formatElapsed(seconds: number): string {
  const total = Math.round(seconds * 10);
  const whole = Math.floor(total / 10);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}.${total % 10}`;
}

const OUTCOME_TEXT: Record<IncidentRun['outcome'], string> = {
  succeeded: 'succeeded',
  stopped: 'stopped by a check, escalated to on-call',
  'rolled-back': 'rolled back, escalated to on-call',
  escalated: 'escalated to on-call without running',
};

/** One sentence on how a run ended, as the CLI and the view say it. */
export function outcomeSentence(run: IncidentRun): string {
  const e = run.execution;
  let text = `Outcome: ${OUTCOME_TEXT[run.outcome]}`;
  if (run.outcome === 'rolled-back' && e) text += ` (${e.reason}; ${rollbackSummary(e)})`;
  else if (run.outcome === 'stopped' && e) text += ` (at ${e.atStep}: ${e.reason})`;
  else if (run.outcome === 'escalated' && run.decision) text += ` (${run.decision.reason})`;
  return `${text}. Total simulated time: ${formatDuration(run.totalSeconds)}.`;
}

function printText(io: Io, runbook: Runbook, run: IncidentRun, seed: number): void {
  const out: string[] = [];
  out.push(`Runbook ${runbook.name} (${runbook.steps.length} steps), seed ${seed}, ${run.alert ? `alert ${run.alert.id}, ${run.policy} rule` : 'started by a person'}`);
  out.push(`Worst case if every attempt times out: ${worstCaseSeconds(runbook)} s (${formatDuration(worstCaseSeconds(runbook))}), waits for people not included`);
  if (run.decisions) {
    out.push('', 'Decision:');
    for (const p of POLICIES) out.push(`  ${p === run.policy ? '*' : ' '} ${p.padEnd(6)} ${decisionText(run.decisions[p].kind)}: ${run.decisions[p].reason}`);
  }
  out.push('', run.alert ? 'Log (simulated clock, and time since the alert):' : 'Log (simulated time since the start):');
  for (const l of run.log) {
    const stamp = run.alert ? `${formatClock(l.at)}  +${formatElapsed(l.at - run.startAt)}` : `+${formatElapsed(l.at)}`;
    out.push(`  ${stamp}  ${l.message}`);
  }
  out.push('', outcomeSentence(run));
  io.stdout(out.join('\n') + '\n');
}

function printJson(io: Io, runbook: Runbook, run: IncidentRun, seed: number): void {
  const e = run.execution;
  const report = {
    runbook: {
      name: runbook.name,
      steps: runbook.steps.map((s) => ({ id: s.id, prerequisites: s.prerequisites, timeoutSeconds: s.timeoutSeconds, retries: s.retries, backoffSeconds: s.backoffSeconds, successChance: s.successChance, rollback: s.rollback.kind })),
      worstCaseSeconds: worstCaseSeconds(runbook),
    },
    seed,
    alert: run.alert,
    policy: run.policy,
    decision: run.decision,
    decisions: run.decisions,
    outcome: run.outcome,
    atStep: e?.atStep ?? null,
    reason: e?.reason ?? run.decision?.reason ?? null,
    rollbackComplete: e?.rollbackComplete ?? null,
    rolledBack: e?.rolledBack ?? [],
    skipped: e?.skipped ?? [],
    escalated: run.escalated,
    startAt: run.startAt,
    totalSeconds: run.totalSeconds,
    log: run.log.map((l) => ({ at: l.at, elapsed: Math.round((l.at - run.startAt) * 10) / 10, step: l.stepId, kind: l.kind, message: l.message })),
    spans: run.spans,
  };
  io.stdout(JSON.stringify(report, null, 2) + '\n');
}

/** The `runbook` subcommand. */
export const runbookCommand: Command = {
  name: 'runbook',
  summary: 'run a runbook on a simulated clock: retries, backoff, timeouts, rollback, auto-run decisions',
  run(argv, io) {
    const { values, positionals } = parseArgs(argv, OPTIONS);
    const chanceTexts = values.chance ?? [];
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
    // The page's seed parser: `--seed 007` is the link's rb-seed=7.
    const seed = parseSeed(values.seed ?? '1');
    if (seed === null) throw new UsageError(`--seed must be ${SEED_RULE}; got ${quote(values.seed!)}`);
    const policy = policyNamed(values.policy ?? 'lesson');
    if (policy === undefined) throw new UsageError(`--policy must be ${POLICIES.join(' or ')}; got ${quote(values.policy!)}`);
    if (values.policy !== undefined && values.alert === undefined) throw new UsageError('--policy needs --alert (the policy decides whether an alert may run the runbook)');
    const alert = values.alert === undefined ? null : alertScenario(values.alert);
    if (alert === undefined) throw new UsageError(`unknown --alert ${quote(values.alert!)}; choose one of: ${ALERT_SCENARIOS.map((a) => a.id).join(', ')}`);
    const base = values.runbook === undefined ? CONNECTION_POOL_RUNBOOK : loadRunbook(values.runbook, io);
    const chances: Record<string, number> = {};
    for (const text of chanceTexts) {
      const c = parseChance(text);
      if (!c.ok) throw new UsageError(`--chance: ${c.error}`);
      if (!base.steps.some((s) => s.id === c.id)) throw new UsageError(`--chance ${clip(text)}: the runbook has no step "${c.id}"; its steps: ${clip(base.steps.map((s) => s.id).join(', '), 300)}`);
      if (Object.hasOwn(chances, c.id)) throw new UsageError(`--chance for ${c.id} given twice`);
      chances[c.id] = c.chance;
    }
    const runbook = applyChances(base, chances);
    const run = runIncident(runbook, { seed, alert, policy });
    (values.json ? printJson : printText)(io, runbook, run, seed);
    return 0;
  },
};
