/**
 * The runbook automation simulator's view: the runbook's steps with their success chances,
 * seed, alert and policy, Run / Step / Reset, the orchestrator's decision, the execution log,
 * a timeline of attempts, backoffs and rollbacks (with a table alternative), and an editor
 * for the learner's own runbook. Thin: every number comes from the machine's run.
 */
import { useMachine } from '@xstate/react';
import { useEffect, useId, useMemo } from 'react';
import { formatDuration } from '../core/duration';
import { load, save } from '../../src/scripts/browser-store';
import { useLinkedParams, type LinkedParams } from '../../src/simulations/use-linked-params';
import { formatElapsed, outcomeSentence } from './command';
import { CONNECTION_POOL_TEXT } from './connection-pool';
import { runbookDraftArea } from './draft-area';
import { runbookMachine } from './machine';
import { worstCaseSeconds, type Span } from './model';
import { ALERT_SCENARIOS, decisionText, formatClock, POLICIES, WEEKDAYS, clockParts, type PolicyName } from './orchestrator';
import { cliCommand, MAX_SEED, OWN_RUNBOOK_FILE, paramsFromSearch, paramsToSearch, type RunbookParams } from './params';
import { useSettledAnnouncement } from '../../src/components/useAnnouncement';

const PREFIX = 'rb-';
const LINK: LinkedParams<RunbookParams> = {
  read: (search) => paramsFromSearch(search, PREFIX),
  write: (params, existing) => paramsToSearch(params, existing, PREFIX),
};

const POLICY_LABELS: Record<PolicyName, string> = {
  lesson: "The lesson's corrected rule",
  common: 'The common rule, as usually written',
};

const ROLLBACK_TEXT = { none: 'nothing to undo', irreversible: 'irreversible', command: 'has an undo command' } as const;

const SPAN_TEXT: Record<NonNullable<Span['result']>, string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  'timed-out': 'timed out, killed',
  stopped: 'stopped the runbook',
  undone: 'rolled back',
  'nothing-to-undo': 'rolled back (nothing to undo)',
  irreversible: 'could not be undone',
};

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** The runbook automation simulator. Reads and writes its parameters in the page URL. */
export default function RunbookAutomationView() {
  const [snapshot, send] = useMachine(runbookMachine, { input: {} });
  const { params, own, base, runbook, run, cursor, draft, draftErrors, error } = snapshot.context;
  // A learner's own runbook is not in the link, so neither are its chances.
  const linked = useMemo(() => (own ? { ...params, chances: {} } : params), [own, params]);
  const { problems: linkProblems, ready } = useLinkedParams(linked, LINK, (p) => send({ type: 'param.change', params: p }));
  const id = useId();

  // The saved draft comes back after the first render (the server rendered the built-in text).
  useEffect(() => {
    const saved = load(runbookDraftArea);
    if (saved.text !== '') send({ type: 'draft.edit', text: saved.text });
  }, [send]);

  const shown = run.log.slice(0, cursor);
  const last = shown[shown.length - 1];
  const revealedUntil = last ? last.at : run.startAt - 1;
  const finished = snapshot.matches('done');
  const total = Math.max(run.totalSeconds, 1);
  const lanes = [...new Set(run.spans.map((s) => s.stepId))];
  const visibleSpans = run.spans.filter((s) => s.start <= revealedUntil);
  const stamp = (at: number) => (run.alert ? `${formatClock(at)} (+${formatElapsed(at - run.startAt)})` : `+${formatElapsed(at)}`);
  // Settled, so holding an arrow key on a chance slider announces the value it stopped at.
  const announcement = useSettledAnnouncement(
    cursor === 0
      ? `Ready to run with success chances ${runbook.steps.map((s) => `${s.id} ${pct(s.successChance)}`).join(', ')}. Press Run to see the whole run, or Step to go through it line by line.`
      : finished
        ? outcomeSentence(run)
        : `Line ${cursor} of ${run.log.length}: ${last!.message}`,
  );

  const editDraft = (text: string) => {
    send({ type: 'draft.edit', text });
    save(runbookDraftArea, { text });
  };

  return (
    <div className="rl-sim rb-sim" data-sim="runbook-automation" data-ready={ready} data-outcome={finished ? run.outcome : undefined}>
      {linkProblems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and were skipped: {linkProblems.join('; ')}.
        </p>
      )}

      <div>
        <p className="rl-sim-label">
          Runbook <code>{runbook.name}</code> {own ? '(yours)' : '(the lesson’s connection-pool recovery)'}
        </p>
        {runbook.description && <p className="rb-note">{runbook.description}</p>}
        <p className="rb-note">
          Worst case if every attempt times out: {formatDuration(worstCaseSeconds(runbook))} ({worstCaseSeconds(runbook)} s), waits for people
          not included. {runbook.jitter ? 'Backoff waits have jitter (a random factor from 0.5 to 1).' : 'Backoff waits double without jitter.'}
        </p>
      </div>

      {/* Run and Step first: the first thing to do is the first thing seen (the sliders are optional). */}
      <fieldset className="rl-sim-controls">
        <legend>Run</legend>
        <label>
          Seed
          <input
            type="number"
            min={0}
            max={MAX_SEED}
            step={1}
            value={params.seed}
            onChange={(e) => e.target.value !== '' && send({ type: 'param.change', params: { seed: Number(e.target.value) } })}
          />
        </label>
        <label>
          Alert
          <select value={params.alert} onChange={(e) => send({ type: 'param.change', params: { alert: e.target.value } })}>
            <option value="none">None: a person starts the runbook</option>
            {ALERT_SCENARIOS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Auto-run rule
          <select value={params.policy} onChange={(e) => send({ type: 'param.change', params: { policy: e.target.value as PolicyName } })}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {POLICY_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <div className="rl-sim-buttons rb-buttons">
          <button type="button" className="rl-button" onClick={() => send({ type: 'run.all' })}>
            Run
          </button>
          {/* aria-disabled, not disabled: a keyboard user stepping to the end keeps focus on the button. */}
          <button type="button" className="rl-button" onClick={() => send({ type: 'run.step' })} aria-disabled={finished}>
            Step
          </button>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'run.reset' })}>
            Reset
          </button>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'seed.next' })}>
            New seed
          </button>
        </div>
        {error && (
          <p className="rl-sim-warning" role="alert">
            Not changed: {error}.
          </p>
        )}
      </fieldset>

      <p className="rl-sim-summary" aria-live="polite" id={`${id}-summary`}>
        {announcement}
      </p>

      <fieldset className="rl-sim-controls rb-steps">
        <legend>Steps and the chance that one attempt succeeds</legend>
        <ol>
          {runbook.steps.map((s, i) => (
            <li key={s.id} data-step={s.id}>
              <label className="rb-step-chance">
                <span>
                  <code>{s.id}</code> success chance: <strong>{pct(s.successChance)}</strong>
                </span>
                <input
                  type="range"
                  min={0}
                  max={100}
                  step={5}
                  value={Math.round(s.successChance * 100)}
                  aria-valuetext={pct(s.successChance)}
                  onChange={(e) => send({ type: 'chance.set', stepId: s.id, chance: Number(e.target.value) / 100 })}
                />
              </label>
              <span className="rb-note">
                Step {i + 1}: {s.action.length > 90 ? `${s.action.slice(0, 90)}…` : s.action}. Timeout {s.timeoutSeconds} s, {s.retries} retr{s.retries === 1 ? 'y' : 'ies'}
                {s.retries > 0 ? ` (backoff from ${s.backoffSeconds} s, doubling)` : ''}, takes {s.duration.min === s.duration.max ? `${s.duration.min}` : `${s.duration.min} to ${s.duration.max}`} s
                {s.prerequisites.length > 0 ? `, needs ${s.prerequisites.join(', ')}` : ''}
                {s.requiresApproval ? ', a person approves first' : ''}
                {s.continueOnFailure ? ', may fail without ending the runbook' : ''}
                {s.stopChance > 0 ? `, stops the runbook ${pct(s.stopChance)} of the time` : ''}, rollback: {ROLLBACK_TEXT[s.rollback.kind]}.
              </span>
            </li>
          ))}
        </ol>
      </fieldset>

      {run.alert && (
        <section className="rb-decision" aria-label="Orchestrator decision">
          <p className="rl-sim-label">
            Alert <code>{run.alert.alertName}</code>, {run.alert.severity}, {WEEKDAYS[clockParts(run.alert.at).day]} {formatClock(run.alert.at).slice(4, 9)} on{' '}
            {run.alert.target}; track record {run.alert.history.successes} of {run.alert.history.runs} runs succeeded, {run.alert.recentRunsOnTarget} on this target
            in the last hour.
          </p>
          {run.decisions ? (
            <ul>
              {POLICIES.map((p) => (
                <li key={p} data-policy={p} data-decision={run.decisions![p].kind} className={p === params.policy ? 'rb-chosen' : undefined}>
                  <strong>
                    {POLICY_LABELS[p]}
                    {p === params.policy ? ' (used)' : ''}:
                  </strong>{' '}
                  {decisionText(run.decisions![p].kind)}. {run.decisions![p].reason}.
                </li>
              ))}
            </ul>
          ) : (
            <p data-decision="escalate">Escalate: {run.decision?.reason}.</p>
          )}
        </section>
      )}

      <figure className="rb-timeline">
        <figcaption>
          Timeline on the simulated clock, {stamp(run.startAt)} to {stamp(run.startAt + run.totalSeconds)}: attempts (green succeeded, red failed, orange timed
          out, blue stopped), grey backoff waits, dashed waits for a person, purple rollbacks. The table below and the log say the same in words.
        </figcaption>
        <div className="rb-lanes" aria-hidden="true">
          {lanes.map((lane) => (
            <div className="rb-lane" key={lane}>
              <span className="rb-lane-label">{lane}</span>
              <svg className="rb-track" viewBox="0 0 1000 18" preserveAspectRatio="none" focusable="false">
                <line x1={0} x2={1000} y1={9} y2={9} className="rb-track-line" />
                {visibleSpans
                  .filter((s) => s.stepId === lane)
                  .map((s, i) => {
                    // Short bars and instant rollbacks stay visible; nothing is drawn past the end.
                    const w = Math.max(((s.end - s.start) / total) * 1000, s.kind === 'rollback' ? 12 : 8);
                    const x = Math.min(((s.start - run.startAt) / total) * 1000, 1000 - w);
                    const cls = `rb-span rb-span-${s.kind}${s.result ? ` rb-result-${s.result}` : ''}`;
                    const [y, h] = s.kind === 'backoff' ? [7, 4] : s.kind === 'rollback' ? [10, 8] : [1, 9];
                    return <rect key={i} className={cls} x={x} y={y} width={w} height={h} />;
                  })}
              </svg>
            </div>
          ))}
          <div className="rb-lane">
            <span />
            <div className="rb-axis">
              <span>+0 s</span>
              <span>+{formatDuration(Math.round(run.totalSeconds / 2))}</span>
              <span>+{formatDuration(run.totalSeconds)}</span>
            </div>
          </div>
        </div>
      </figure>

      <details className="rl-sim-events">
        <summary>The timeline as a table ({visibleSpans.length} bars so far)</summary>
        <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Timeline as a table">
          <table className="rl-sim-table">
            <caption>Attempts, waits and rollbacks, in the order they happened</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {visibleSpans.map((s, i) => (
                <tr key={i}>
                  <th scope="row">{s.stepId}</th>
                  <td>{s.kind === 'attempt' ? `attempt ${s.attempt}` : s.kind === 'backoff' ? `backoff before attempt ${s.attempt}` : s.kind === 'approval' ? 'waiting for a person' : 'rollback'}</td>
                  <td>+{formatElapsed(s.start - run.startAt)}</td>
                  <td>+{formatElapsed(s.end - run.startAt)}</td>
                  <td>{s.result ? SPAN_TEXT[s.result] : s.kind === 'approval' ? 'approved' : 'waited'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>

      <div className="rl-table-scroll rb-log" tabIndex={0} role="region" aria-label="Execution log">
        <p className="rl-sim-label">Execution log ({cursor} of {run.log.length} lines)</p>
        {shown.length === 0 ? (
          <p className="rb-note">Nothing has run yet.</p>
        ) : (
          <ol>
            {shown.map((l, i) => (
              <li key={i} data-kind={l.kind}>
                <span className="rb-time">{stamp(l.at)}</span> {l.message}
              </li>
            ))}
          </ol>
        )}
      </div>

      <details className="rl-sim-own rb-editor" open={own || draftErrors.length > 0 ? true : undefined}>
        <summary>Write your own runbook</summary>
        <p>
          One field per line, two spaces per level, steps as a list (<code>- id: ...</code>); JSON with the same fields works too. Fields of a step:{' '}
          <code>id</code>, <code>action</code> (required); <code>prerequisites: [a, b]</code>, <code>timeoutSeconds</code> (300),{' '}
          <code>retries</code> (0 to 10, default 3), <code>backoffSeconds</code> (1; waits double), <code>successChance</code> (0 to 1, default 1),{' '}
          <code>durationSeconds</code> (a number or a range like <code>1-5</code>), <code>rollback</code> (<code>none</code>,{' '}
          <code>irreversible: why</code> or the undo command), <code>requiresApproval</code>, <code>continueOnFailure</code> (steps that need a failed step are
          skipped), <code>stopChance</code>. Your text is kept in this browser.
        </p>
        <label>
          Runbook text
          <textarea rows={14} spellCheck={false} value={draft} onChange={(e) => editDraft(e.target.value)} aria-describedby={draftErrors.length > 0 ? `${id}-errors` : undefined} />
        </label>
        <div className="rl-sim-buttons rb-buttons">
          <button type="button" className="rl-button" onClick={() => send({ type: 'draft.apply' })}>
            Run my runbook
          </button>
          {draft !== CONNECTION_POOL_TEXT && (
            <button type="button" className="rl-button rl-button-quiet" onClick={() => editDraft(CONNECTION_POOL_TEXT)}>
              Replace my text with the example
            </button>
          )}
          {own && (
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'draft.builtin' })}>
              Back to the built-in runbook
            </button>
          )}
        </div>
        {draftErrors.length > 0 && (
          <div className="rl-sim-warning" role="alert" id={`${id}-errors`}>
            <p>Your runbook was not run; the one before keeps running. Fix these:</p>
            <ul>
              {draftErrors.slice(0, 12).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            {draftErrors.length > 12 && <p>…and {draftErrors.length - 12} more.</p>}
          </div>
        )}
      </details>

      <p className="rl-sim-cli">
        The same run in a terminal: <code>{cliCommand(params, own)}</code>
        {own && ` (save your runbook text as ${OWN_RUNBOOK_FILE} first)`}
      </p>
      {base !== runbook && Object.keys(params.chances).length > 0 && <p className="rb-note">Success chances changed with the sliders: {Object.keys(params.chances).join(', ')}.</p>}
    </div>
  );
}
