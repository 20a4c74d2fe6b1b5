/**
 * The canary simulator's view: pick a policy and how bad the new version is, then run the rollout
 * one analysis interval at a time (or play it) and watch each decision, the outcome, and what the
 * new version cost against a big bang. Thin: the machine holds the run; this only draws it.
 */
import { useMachine } from '@xstate/react';
import { useState, type FormEvent } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatDuration, formatWindow } from '../core/duration';
import { outcomeLine } from './command';
import { PREDICTION_CHOICES, rolloutVerdict } from './prediction';
import { parseStepsText, stepsText } from './config';
import { argoRolloutYaml, flaggerCanaryYaml } from './export';
import { canaryMachine } from './machine';
import { BIG_BANG_DEFINITION, FAULT_KINDS, plannedIntervals, POLICIES, type FaultKind, type PolicyName } from './model';
import { cliCommand, configFromParams, DEFAULT_FAULT_VALUE, MAX_SEED, paramsFromSearch, paramsToSearch, type CanaryParams } from './params';
import { useLinkedParams, type LinkedParams } from '../../src/simulations/use-linked-params';
import { useChartAnimation } from '../../src/components/useChartAnimation';
import { niceAxis } from '../../src/lib/chart-axis';

const PREFIX = 'cn-';
const LINK: LinkedParams<CanaryParams> = {
  read: (search) => paramsFromSearch(search, PREFIX),
  write: (params, existing) => paramsToSearch(params, existing, PREFIX),
};

const POLICY_LABELS: Record<PolicyName, string> = {
  simple: 'Simple rule (2x baseline or 5x budget)',
  argo: 'Argo Rollouts analysis',
  flagger: 'Flagger analysis',
  kayenta: 'Kayenta judge (Mann-Whitney U)',
};
const POLICY_HELP: Record<PolicyName, string> = {
  simple: 'Every minute: roll back if the canary’s 5xx ratio is above twice the baseline’s or above 5 × the 0.05% budget.',
  argo: 'Every minute: 5xx ratio ≤ 0.3% succeeds, > 0.72% fails, in between is Inconclusive (pauses); p99 ≤ 500 ms. failureLimit 1: the 2nd failure aborts.',
  flagger: 'Every minute: success rate ≥ 99.28% and p99 ≤ 500 ms move the weight up one step; failing intervals add up, the 3rd rolls back.',
  kayenta: 'At the end of each step: Mann-Whitney U on 5xx ratios (critical) and latencies at 98% confidence; score ≥ 75 passes, ≥ 50 pauses, below rolls back.',
};
const FAULT_LABELS: Record<FaultKind, string> = { none: 'Healthy (as good as today’s)', 'error-ratio': 'Returns more errors', 'latency-shift': 'Is slower' };
const VERDICT_CLASS: Record<string, string> = { fail: 'rl-alert-firing', error: 'rl-alert-firing', inconclusive: 'rl-alert-pending' };
const OUTCOME_WORDS = { promoted: 'Promoted', 'rolled-back': 'Rolled back', paused: 'Paused for a person' } as const;

const pct = (x: number | null, digits = 2) => (x === null ? '–' : `${(x * 100).toFixed(digits)}%`);
const ms = (x: number | null) => (x === null ? '–' : `${Math.round(x)} ms`);
const minutes = (s: number) => formatDuration(s);

/** The canary simulator. Reads and writes its parameters in the page URL. */
export default function CanaryView() {
  const [snapshot, send] = useMachine(canaryMachine, { input: {} });
  const { params, run, cursor, error, prediction } = snapshot.context;
  const playing = snapshot.matches('playing');
  // Intervals (played or stepped) are drawn at once; a new policy, fault or seed may animate.
  const animate = useChartAnimation(JSON.stringify(params), playing);
  const { problems: linkProblems, ready } = useLinkedParams(params, LINK, (p) => send({ type: 'param.change', params: p }));

  // Text fields are applied on submit, so a half-typed value is never run.
  const [sizeText, setSizeText] = useState<string | null>(null);
  const [stepsInput, setStepsInput] = useState<string | null>(null);
  const [rpsText, setRpsText] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [copied, setCopied] = useState('');

  const fault = params.newVersion.fault;
  const sizeShown = sizeText ?? (fault === 'error-ratio' ? String(Math.round(params.newVersion.value * 10000) / 100) : String(params.newVersion.value));
  const stepsShown = stepsInput ?? stepsText(params.steps);
  const rpsShown = rpsText ?? String(params.rps);

  const shown = run.intervals.slice(0, cursor);
  const done = cursor >= run.intervals.length;
  const last = shown[shown.length - 1];
  const chart = shown.map((r) => ({ minute: r.endSeconds / 60, weight: r.weight, canary: r.canary.errorRatio === null ? null : r.canary.errorRatio * 100, baseline: r.baseline.errorRatio === null ? null : r.baseline.errorRatio * 100 }));
  const config = configFromParams(params);
  // Before the end, only what the plan says: the run's own length would give an early abort away.
  const planned = plannedIntervals(config);
  const totalMinutes = Math.max(1, (done ? Math.max(planned, run.intervals.length) : Math.max(planned, cursor)) * (config.intervalSeconds / 60));

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const changes: Partial<CanaryParams> = {};
    const problems: string[] = [];
    if (fault !== 'none') {
      const n = Number(sizeShown);
      if (sizeShown.trim() === '' || !Number.isFinite(n) || n < 0) problems.push(`${fault === 'error-ratio' ? 'the error ratio' : 'the latency shift'} must be a number of at least 0, got "${sizeShown}"`);
      else changes.newVersion = { fault, value: fault === 'error-ratio' ? n / 100 : n };
    }
    try {
      changes.steps = parseStepsText(stepsShown);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
    const rps = Number(rpsShown);
    if (rpsShown.trim() === '' || !Number.isFinite(rps)) problems.push(`traffic must be a number of requests per second, got "${rpsShown}"`);
    else changes.rps = rps;
    if (problems.length > 0) return setFormError(problems.join('; '));
    setFormError(null);
    setSizeText(null);
    setStepsInput(null);
    setRpsText(null);
    send({ type: 'param.change', params: changes });
  };

  const copy = async (label: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${label} copied to the clipboard.`);
    } catch {
      setCopied(`Could not copy ${label}; select the text below and copy it.`);
    }
  };

  const status = !last
    ? `Ready: ${POLICY_LABELS[params.policy]}; the plan has ${planned} analysis intervals if every one passes. Press “Next interval” or “Play”.`
    : done
      ? `Minute ${last.endSeconds / 60}: ${last.summary} Outcome: ${outcomeLine(run)}`
      : `Minute ${last.endSeconds / 60}, weight ${last.weight}%: ${last.summary}`;

  return (
    <div className="rl-sim rl-canary" data-sim="canary" data-ready={ready} data-pagefind-ignore>
      {linkProblems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and were skipped: {linkProblems.join('; ')}.
        </p>
      )}
      <form className="rl-sim-controls" onSubmit={apply} aria-label="Rollout settings">
        <fieldset className="rl-sim-fieldset">
          <legend>Rollout settings</legend>
          <label>
            Analysis policy
            <select value={params.policy} onChange={(e) => send({ type: 'param.change', params: { policy: e.target.value as PolicyName } })}>
              {POLICIES.map((p) => (
                <option key={p} value={p}>
                  {POLICY_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <label>
            The new version
            <select
              value={fault}
              onChange={(e) => {
                const kind = e.target.value as FaultKind;
                setSizeText(null);
                send({ type: 'param.change', params: { newVersion: { fault: kind, value: DEFAULT_FAULT_VALUE[kind] } } });
              }}
            >
              {FAULT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FAULT_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {fault !== 'none' && (
            <label>
              {fault === 'error-ratio' ? 'Its 5xx ratio (%)' : 'Added latency (ms)'}
              <input type="number" min={0} max={fault === 'error-ratio' ? 100 : 60000} step="any" value={sizeShown} onChange={(e) => setSizeText(e.target.value)} />
            </label>
          )}
          <label>
            Steps (weight:pause, …)
            <input type="text" className="rl-canary-steps" value={stepsShown} onChange={(e) => setStepsInput(e.target.value)} aria-describedby="rl-canary-steps-help" spellCheck={false} />
          </label>
          <label>
            Traffic (req/s)
            <input type="number" min={1} max={100000} step="any" value={rpsShown} onChange={(e) => setRpsText(e.target.value)} />
          </label>
          <button type="submit" className="rl-button">
            Apply
          </button>
        </fieldset>
        <p id="rl-canary-steps-help" className="rl-canary-help">
          Steps such as <code>5:5m,25:5m,50:5m</code>: 5% of traffic for 5 minutes, then 25%, then 50%, then 100%. Pauses are whole minutes (the analysis interval).{' '}
          {POLICY_HELP[params.policy]}
        </p>
        {(formError ?? error) && (
          <p className="rl-sim-warning" role="alert">
            Not applied: {formError ?? error}.
          </p>
        )}
      </form>

      <div className="rl-sim-predict">
        {prediction === null ? (
          <label className="rl-sim-inline">
            Predict first: how does this rollout end?{' '}
            <select value="" onChange={(e) => e.target.value && send({ type: 'prediction.set', prediction: e.target.value as (typeof PREDICTION_CHOICES)[number]['value'] })}>
              <option value="">Choose before you play…</option>
              {PREDICTION_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="rl-sim-prediction" data-finished={done}>
            {done ? rolloutVerdict(prediction, run).text : `Your prediction: ${PREDICTION_CHOICES.find((c) => c.value === prediction)!.label.toLowerCase()}. Play to see.`}{' '}
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'prediction.set', prediction: null })}>
              Predict again
            </button>
          </p>
        )}
      </div>

      <div className="rl-sim-buttons rl-canary-run">
        <button type="button" className="rl-button" onClick={() => !done && send({ type: 'sim.step' })} aria-disabled={done}>
          Next interval
        </button>
        <button type="button" className="rl-button" onClick={() => send({ type: playing ? 'sim.pause' : 'sim.play' })}>
          {playing ? 'Pause' : done ? 'Replay' : 'Play'}
        </button>
        <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'sim.reset' })}>
          Reset
        </button>
        <label className="rl-sim-inline">
          Seed{' '}
          <input type="number" min={0} max={MAX_SEED} value={params.seed} onChange={(e) => e.target.value !== '' && send({ type: 'param.change', params: { seed: Number(e.target.value) } })} />
        </label>
        <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'seed.next' })}>
          New seed
        </button>
      </div>

      <p className="rl-sim-summary" aria-live="polite" data-cursor={cursor}>
        {status}
      </p>
      {done && (
        <p className={`rl-canary-outcome rl-canary-${run.outcome.result}`} data-outcome={run.outcome.result}>
          <strong>{OUTCOME_WORDS[run.outcome.result]}</strong> after {minutes(run.outcome.atSeconds)}, at step {run.outcome.stepIndex + 1} (canary weight {run.outcome.weight}%): {run.outcome.reason}.
        </p>
      )}

      <div className="rl-sim-panels">
        <figure className="rl-sim-chart">
          <figcaption>Canary weight over time (%); the table below lists every interval</figcaption>
          <div aria-hidden="true">
            <ResponsiveContainer width="100%" height={160}>
              <LineChart accessibilityLayer={false} data={chart} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
                <XAxis dataKey="minute" type="number" domain={[0, totalMinutes]} stroke="var(--sl-color-gray-3)" />
                <YAxis stroke="var(--sl-color-gray-3)" {...niceAxis([100], { unit: 'percent', cap: 100 })} />
                <Line type="stepBefore" dataKey="weight" stroke="#1c7ed6" dot={false} isAnimationActive={animate} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure className="rl-sim-chart">
          <figcaption>5xx ratio per interval (%), canary and baseline</figcaption>
          <div aria-hidden="true">
            <ResponsiveContainer width="100%" height={160}>
              <LineChart accessibilityLayer={false} data={chart} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
                <XAxis dataKey="minute" type="number" domain={[0, totalMinutes]} stroke="var(--sl-color-gray-3)" />
                <YAxis stroke="var(--sl-color-gray-3)" {...niceAxis(chart.flatMap((d) => [d.canary ?? 0, d.baseline ?? 0]), { unit: 'percent', cap: 100, minTop: 0.1 })} />
                <Line type="linear" dataKey="canary" stroke="#d9480f" dot={chart.length < 2} isAnimationActive={animate} connectNulls={false} />
                <Line type="linear" dataKey="baseline" stroke="#2b8a3e" dot={chart.length < 2} isAnimationActive={animate} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <p className="rl-sim-legend">
            <span>
              <span className="rl-swatch" style={{ background: '#d9480f' }} /> canary
            </span>
            <span>
              <span className="rl-swatch" style={{ background: '#2b8a3e' }} /> baseline
            </span>
          </p>
        </figure>
      </div>

      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Analysis intervals so far">
        <table className="rl-sim-table">
          <caption>
            Analysis intervals so far ({done ? `all ${run.intervals.length}` : `${cursor}, of ${planned} planned`}; every {formatWindow(config.intervalSeconds)}, seed {params.seed})
          </caption>
          <thead>
            <tr>
              <th scope="col">Minute</th>
              <th scope="col">Weight</th>
              <th scope="col">Canary requests</th>
              <th scope="col">Canary 5xx</th>
              <th scope="col">Baseline 5xx</th>
              <th scope="col">Canary p99</th>
              <th scope="col">Verdict</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={8}>The rollout has not started.</td>
              </tr>
            ) : (
              shown.map((r) => (
                <tr key={r.index} data-verdict={r.verdict} data-action={r.action}>
                  <th scope="row">{r.endSeconds / 60}</th>
                  <td>{r.weight}%</td>
                  <td>{r.canary.requests}</td>
                  <td>{pct(r.canary.errorRatio)}</td>
                  <td>{pct(r.baseline.errorRatio, 3)}</td>
                  <td>{ms(r.canary.p99Ms)}</td>
                  <td className={VERDICT_CLASS[r.verdict] ?? ''}>{r.verdict}</td>
                  <td>{r.summary}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      {done && (
        <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="What the new version cost">
          <table className="rl-sim-table rl-canary-cost">
            <caption>What the new version cost. {BIG_BANG_DEFINITION}</caption>
            <thead>
              <tr>
                <th scope="col">Deploy</th>
                <th scope="col">Requests it served</th>
                <th scope="col">Excess failed requests</th>
                <th scope="col">Share of the 30-day budget</th>
                <th scope="col">Slowed requests</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Canary', run.cost.canary],
                  ['Big bang', run.cost.bigBang],
                ] as const
              ).map(([name, c]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{c.requests.toLocaleString('en')}</td>
                  <td>{c.excessErrors.toFixed(1)}</td>
                  <td>{(c.budgetFraction * 100).toFixed(4)}%</td>
                  <td>{c.slowedRequests.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <details className="rl-sim-own">
        <summary>This policy as Argo Rollouts and Flagger YAML</summary>
        <p aria-live="polite" className="rl-canary-help">
          {copied}
        </p>
        {(
          [
            ['Argo Rollouts AnalysisTemplate and Rollout', argoRolloutYaml(config)],
            ['Flagger Canary', flaggerCanaryYaml(config)],
          ] as const
        ).map(([label, yaml]) => (
          <div key={label} className="rl-canary-yaml">
            <p className="rl-sim-label">
              {label}{' '}
              <button type="button" className="rl-button rl-button-quiet" onClick={() => void copy(label, yaml)}>
                Copy {label.startsWith('Argo') ? 'Argo' : 'Flagger'} YAML
              </button>
            </p>
            <pre tabIndex={0} aria-label={`${label} YAML`}>
              {yaml}
            </pre>
          </div>
        ))}
      </details>

      <p className="rl-sim-cli">
        The same run in a terminal: <code>{cliCommand(params)}</code>
      </p>
    </div>
  );
}
