/**
 * The incident lesson's self-paced simulator: pick a scenario and seed, read the briefing, move the
 * simulated clock, watch symptoms and golden signals, act (acknowledge, declare, assign roles, post
 * updates, diagnose, mitigate, escalate, resolve), and at the end see the metrics, the debrief and
 * the root cause; replay the run minute by minute and fork from any minute. Thin: the engine and
 * the machine decide everything; this only draws the state and sends events.
 */
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { mitigations as MITIGATIONS, roles as ROLES, type IncidentState, type Mitigation, type Role, type RunResult, type Severity, type SignalPoint } from './contract';
import { MAX_MINUTES, mitigationLabel, postmortemMarkdown, roleLabel, toResult } from './engine';
import { incidentMachine, type ActionRequest } from './machine';
import { lastResultArea } from './result-store';
import { cliCommand, linkFromSearch, linkToSearch, type IncidentLink } from './run-spec';
import { builtInScenarios, DEFAULT_SCENARIO_ID, scenarioIds } from './scenarios';
import { useLinkedParams, type LinkedParams } from '../../src/simulations/use-linked-params';
import { save } from '../../src/scripts/browser-store';
import { useChartAnimation } from '../../src/components/useChartAnimation';
import { niceAxis, type AxisUnit } from '../../src/lib/chart-axis';
import { useSettledAnnouncement } from '../../src/components/useAnnouncement';
import { downloadText } from '../../src/scripts/download';

const DEFAULT_LINK: IncidentLink = { scenario: DEFAULT_SCENARIO_ID, seed: 1, actions: [], minute: 0 };
const LINK: LinkedParams<IncidentLink> = {
  read: (search) => {
    const { link, problems } = linkFromSearch(search, builtInScenarios, DEFAULT_LINK);
    return { params: link, problems };
  },
  write: (link, existing) => linkToSearch(link, existing),
};

const PHASE_TEXT: Record<IncidentState['phase'], string> = {
  undetected: 'All quiet (as far as anyone knows)',
  alerting: 'Alerting: nobody has acknowledged',
  acknowledged: 'Acknowledged',
  declared: 'Incident declared',
  mitigated: 'Service restored: not yet resolved',
  resolved: 'Resolved',
};

interface Panel {
  key: keyof Omit<SignalPoint, 'minute'>;
  title: string;
  /** Shown in the caption when the tick labels do not carry it. */
  unit?: string;
  axis: AxisUnit;
  /** The most the quantity can be (a percentage). */
  cap?: number;
  scale: number;
  color: string;
}
const PANELS: Panel[] = [
  { key: 'errorRatio', title: 'Errors (5xx ratio)', axis: 'percent', cap: 100, scale: 100, color: '#d9480f' },
  { key: 'p99Ms', title: 'Latency p99', axis: 'ms', scale: 1, color: '#c2255c' },
  { key: 'trafficRps', title: 'Traffic', unit: 'req/s', axis: 'count', scale: 1, color: '#1c7ed6' },
  { key: 'saturation', title: 'Saturation', axis: 'percent', cap: 100, scale: 1, color: '#7048e8' },
];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const minutesText = (m: number | null) => (m === null ? 'not reached' : `${m} min`);

/** The four signals up to `minute`; `run` names the scenario and seed (a new run may animate), `live` is true while the clock plays. */
function Charts({ signals, minute, run, live }: { signals: SignalPoint[]; minute: number; run: string; live: boolean }) {
  const animate = useChartAnimation(run, live);
  // Minutes in round steps (0, 10, 20, 30), growing as the incident runs.
  const minutesAxis = niceAxis([minute], { minTop: 30 });
  const recent = signals.slice(-10);
  return (
    <div className="rl-incident-charts">
      <div className="rl-sim-panels">
        {PANELS.map((p) => (
          <figure className="rl-sim-chart" key={p.key}>
            <figcaption>
              {p.title}
              {p.unit && ` (${p.unit})`}
            </figcaption>
            <div aria-hidden="true">
              <ResponsiveContainer width="100%" height={140}>
                <LineChart accessibilityLayer={false} data={signals} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
                  <XAxis dataKey="minute" type="number" domain={minutesAxis.domain} ticks={minutesAxis.ticks} interval={0} stroke="var(--sl-color-gray-3)" />
                  <YAxis stroke="var(--sl-color-gray-3)" {...niceAxis(signals.map((d) => d[p.key] * p.scale), { unit: p.axis, cap: p.cap, include: p.key === 'errorRatio' ? [5 * 1.2] : [] })} />
                  {p.key === 'errorRatio' && <ReferenceLine y={5} stroke="#c92a2a" strokeDasharray="4 4" />}
                  <Line type="linear" dataKey={(d: SignalPoint) => d[p.key] * p.scale} stroke={p.color} dot={false} isAnimationActive={animate} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        ))}
      </div>
      <details className="rl-incident-table">
        <summary>The signals as a table (last {recent.length} minutes)</summary>
        <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Golden signals per minute">
          <table className="rl-sim-table">
            <caption>Golden signals per minute</caption>
            <thead>
              <tr>
                <th scope="col">Minute</th>
                <th scope="col">Errors %</th>
                <th scope="col">p99 ms</th>
                <th scope="col">Traffic req/s</th>
                <th scope="col">Saturation %</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((s) => (
                <tr key={s.minute}>
                  <th scope="row">{s.minute}</th>
                  <td>{fmt(s.errorRatio * 100, 1)}</td>
                  <td>{fmt(s.p99Ms)}</td>
                  <td>{fmt(s.trafficRps)}</td>
                  <td>{fmt(s.saturation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/** One small form: its fields and a submit button; Enter in a field submits. */
function ActionForm({ label, button, onSubmit, children, disabled }: { label: string; button: string; onSubmit: () => void; children?: ReactNode; disabled?: boolean }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="rl-incident-action" onSubmit={submit} aria-label={label}>
      {children}
      <button type="submit" className="rl-button" disabled={disabled}>
        {button}
      </button>
    </form>
  );
}

function ActionPanel({ state, send }: { state: IncidentState; send: (a: ActionRequest) => void }) {
  const s = state.scenario;
  const [by, setBy] = useState('you');
  const [severity, setSeverity] = useState<Severity>(2);
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [role, setRole] = useState<Role>('incident-commander');
  const [person, setPerson] = useState('');
  const [audience, setAudience] = useState<'internal' | 'public'>('internal');
  const [text, setText] = useState('');
  const [check, setCheck] = useState(s.diagnostics[0]?.check ?? '');
  const [mitigation, setMitigation] = useState<Mitigation>(MITIGATIONS[0]);
  const [target, setTarget] = useState('');
  const [to, setTo] = useState('');
  const [why, setWhy] = useState('');
  useEffect(() => setCheck(s.diagnostics[0]?.check ?? ''), [s]);
  const declared = state.severity !== null;

  return (
    <section className="rl-incident-actions" aria-labelledby="rl-incident-actions-h">
      <h3 id="rl-incident-actions-h">Act at minute {state.minute}</h3>
      <ActionForm label="Acknowledge the page" button="Acknowledge" onSubmit={() => send({ kind: 'acknowledge', by })}>
        <label>
          Your name <input value={by} onChange={(e) => setBy(e.target.value)} />
        </label>
      </ActionForm>
      {!declared ? (
        <ActionForm label="Declare the incident" button="Declare" onSubmit={() => send({ kind: 'declare', severity, title: title || `${s.service} incident` })}>
          <label>
            Severity{' '}
            <select value={severity} onChange={(e) => setSeverity(Number(e.target.value) as Severity)}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  SEV-{n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Title <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={`${s.service} incident`} />
          </label>
        </ActionForm>
      ) : (
        <ActionForm label="Change the severity" button="Change severity" onSubmit={() => send({ kind: 'set-severity', severity, reason: reason || 'impact reassessed' })}>
          <label>
            New severity{' '}
            <select value={severity} onChange={(e) => setSeverity(Number(e.target.value) as Severity)}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  SEV-{n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Why <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        </ActionForm>
      )}
      <ActionForm label="Assign a role" button="Assign" onSubmit={() => send({ kind: 'assign-role', role, person })}>
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Person <input value={person} onChange={(e) => setPerson(e.target.value)} />
        </label>
      </ActionForm>
      <ActionForm label="Post a status update" button="Post update" onSubmit={() => send({ kind: 'status-update', audience, text })}>
        <label>
          Audience{' '}
          <select value={audience} onChange={(e) => setAudience(e.target.value as 'internal' | 'public')}>
            <option value="internal">internal (stakeholders)</option>
            <option value="public">public (status page)</option>
          </select>
        </label>
        <label>
          Update <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      </ActionForm>
      <ActionForm label="Run a diagnostic" button="Run check" onSubmit={() => send({ kind: 'diagnose', check })}>
        <label>
          Check{' '}
          <select value={check} onChange={(e) => setCheck(e.target.value)}>
            {s.diagnostics.map((d) => (
              <option key={d.check} value={d.check}>
                {d.check} ({d.minutes} min)
              </option>
            ))}
          </select>
        </label>
      </ActionForm>
      <ActionForm label="Try a mitigation" button="Mitigate" onSubmit={() => send({ kind: 'mitigate', mitigation, ...(target.trim() ? { target: target.trim() } : {}) })}>
        <label>
          Mitigation{' '}
          <select value={mitigation} onChange={(e) => setMitigation(e.target.value as Mitigation)}>
            {MITIGATIONS.map((m) => (
              <option key={m} value={m}>
                {mitigationLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target (optional) <input value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
      </ActionForm>
      <ActionForm label="Escalate" button="Escalate" onSubmit={() => send({ kind: 'escalate', to, reason: why })}>
        <label>
          To <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="database team" />
        </label>
        <label>
          Why <input value={why} onChange={(e) => setWhy(e.target.value)} />
        </label>
      </ActionForm>
      <ActionForm label="Resolve the incident" button="Resolve" onSubmit={() => send({ kind: 'resolve' })} />
    </section>
  );
}

function Debrief({ state, result }: { state: IncidentState; result: RunResult }) {
  const m = state.metrics;
  const s = state.scenario;
  return (
    <section className="rl-incident-debrief" aria-labelledby="rl-incident-debrief-h">
      <h3 id="rl-incident-debrief-h">Debrief</h3>
      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Response metrics">
        <table className="rl-sim-table" data-testid="incident-metrics">
          <caption>Response metrics (minutes from impact start unless noted)</caption>
          <tbody>
            <tr data-metric="detect">
              <th scope="row">Time to detect</th>
              <td>{minutesText(m.timeToDetect)}</td>
            </tr>
            <tr data-metric="acknowledge">
              <th scope="row">Time to acknowledge (from the alert)</th>
              <td>{minutesText(m.timeToAcknowledge)}</td>
            </tr>
            <tr data-metric="mitigate">
              <th scope="row">Time to mitigate (the restoring change started)</th>
              <td>{minutesText(m.timeToMitigate)}</td>
            </tr>
            <tr data-metric="recover">
              <th scope="row">Time to recover: this course's MTTR</th>
              <td>{minutesText(m.timeToRecover)}</td>
            </tr>
            <tr data-metric="resolve">
              <th scope="row">Time to resolve</th>
              <td>{minutesText(m.timeToResolve)}</td>
            </tr>
            <tr data-metric="impact">
              <th scope="row">Customer impact</th>
              <td>
                {fmt(m.customerImpactMinutes, 2)} full-outage minutes; {fmt(m.failedRequests)} failed requests
              </td>
            </tr>
            <tr data-metric="budget">
              <th scope="row">Error budget spent</th>
              <td>
                {fmt(m.errorBudgetSpent * 100, 1)}% of {s.slo.periodDays} days at {fmt(s.slo.target * 100, 2)}%
              </td>
            </tr>
            <tr data-metric="severity">
              <th scope="row">Severity</th>
              <td>
                {m.severity.declared === null ? 'never declared' : `declared SEV-${m.severity.declared}`}; the facts justify SEV-{m.severity.expected}
                {m.severity.matches ? ' (match)' : ''}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>Why SEV-{s.expectedSeverity}: {s.severityReason}</p>
      <h4>Incident-command practice: {m.practice.score}%</h4>
      <ul className="rl-incident-checks">
        {m.practice.checks.map((c) => (
          <li key={c.name} data-passed={c.passed}>
            <strong>{c.passed ? 'Done' : 'Missed'}: {c.name}.</strong> {c.detail}
          </li>
        ))}
      </ul>
      <h4>Root cause</h4>
      <p>{s.rootCause}</p>
      <h4>What this scenario teaches</h4>
      <p>{s.debrief}</p>
      <div className="rl-sim-buttons">
        <button type="button" className="rl-button" onClick={() => downloadText(`incident-${s.id}-seed-${state.seed}.json`, 'application/json', JSON.stringify(result, null, 2) + '\n')}>
          Export result (JSON)
        </button>
        <button type="button" className="rl-button" onClick={() => downloadText(`postmortem-${s.id}-seed-${state.seed}.md`, 'text/markdown', postmortemMarkdown(result))}>
          Export post-mortem draft (Markdown)
        </button>
      </div>
    </section>
  );
}

/** The incident simulator. Reads and writes its run in the page URL (`in-` parameters). */
export default function IncidentView() {
  const [snapshot, send] = useMachine(incidentMachine, { input: {} });
  const { scenarioId, seed, actions, minute, state, error, review } = snapshot.context;
  const finished = snapshot.matches('finished');
  const playing = snapshot.matches({ running: 'playing' });
  const link = useMemo<IncidentLink>(() => ({ scenario: scenarioId, seed, actions, minute }), [scenarioId, seed, actions, minute]);
  const { problems, ready } = useLinkedParams(link, LINK, (l) => send({ type: 'run.load', scenarioId: l.scenario, seed: l.seed, actions: l.actions, minute: l.minute }));
  const scenario = state.scenario;
  const [seedText, setSeedText] = useState(String(seed));
  useEffect(() => setSeedText(String(seed)), [seed]);

  // The last finished run is kept for the post-mortem editor (next lesson).
  const result = useMemo(() => (finished ? toResult(state, '', new Date().toISOString()) : null), [finished, state]);
  const savedFor = useRef('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!result || !ready) return;
    const key = `${scenarioId}/${seed}/${actions.length}/${minute}`;
    if (savedFor.current === key) return;
    savedFor.current = key;
    setSaved(save(lastResultArea, result));
  }, [result, ready, scenarioId, seed, actions.length, minute]);

  const shown = review?.state ?? state;
  const visibleTimeline = shown.timeline.filter((e) => e.visibleToTeam);
  const lastMessage = state.messages[state.messages.length - 1];
  const statusLine = `Minute ${state.minute}. ${PHASE_TEXT[state.phase]}.${lastMessage && lastMessage.at === state.minute ? ` ${lastMessage.text}` : ''}`;
  // Announced: phase changes, injects and outcomes, never a bare clock tick (the minute is only shown).
  const announcement = useSettledAnnouncement(
    review
      ? `Showing the run at minute ${review.minute}: ${PHASE_TEXT[shown.phase]}.`
      : `${PHASE_TEXT[state.phase]}.${lastMessage ? ` Minute ${lastMessage.at}: ${lastMessage.text}` : ''}${finished ? ' The incident is over; the debrief follows.' : ''}`,
  );
  const act = (action: ActionRequest) => send({ type: 'act', action });

  return (
    <div className="rl-sim rl-incident" data-sim="incident" data-ready={ready} data-phase={state.phase} data-minute={state.minute}>
      {problems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and were skipped: {problems.join('; ')}.
        </p>
      )}
      <form className="rl-sim-controls" aria-label="Choose the incident" onSubmit={(e) => (e.preventDefault(), send({ type: 'seed.set', seed: Number(seedText) }))}>
        <fieldset className="rl-sim-fieldset">
          <legend>Scenario and seed</legend>
          <label>
            Scenario{' '}
            <select value={scenarioId} onChange={(e) => send({ type: 'scenario.choose', scenarioId: e.target.value })}>
              {scenarioIds.map((id) => (
                <option key={id} value={id}>
                  {builtInScenarios[id]!.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Seed <input type="number" min={0} value={seedText} onChange={(e) => setSeedText(e.target.value)} />
          </label>
          <button type="submit" className="rl-button rl-button-quiet">
            Use seed
          </button>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'run.restart' })}>
            Start over
          </button>
        </fieldset>
      </form>

      <section className="rl-incident-briefing" aria-labelledby="rl-incident-briefing-h">
        <h3 id="rl-incident-briefing-h">Briefing: {scenario.title}</h3>
        <p>{scenario.briefing}</p>
        <p className="rl-sim-label">
          Service {scenario.service}, {fmt(scenario.requestsPerSecond)} requests per second, SLO {fmt(scenario.slo.target * 100, 2)}% over {scenario.slo.periodDays} days.
        </p>
      </section>

      <div className="rl-sim-time rl-incident-clock">
        <p className="rl-incident-now" data-testid="incident-status">
          {statusLine}
        </p>
        <p className="sr-only" aria-live="polite" data-announcer>
          {announcement}
        </p>
        {!finished && (
          <div className="rl-sim-buttons" role="group" aria-label="Simulated clock">
            {[1, 5, 15].map((n) => (
              <button key={n} type="button" className="rl-button" onClick={() => send({ type: 'time.advance', minutes: n })} disabled={playing}>
                +{n} min
              </button>
            ))}
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: playing ? 'clock.pause' : 'clock.play' })}>
              {playing ? 'Pause' : 'Play (1 min per second)'}
            </button>
          </div>
        )}
      </div>

      {error && (
        <p className="rl-sim-warning" role="alert">
          Not done: {error}.
        </p>
      )}

      <div className="rl-incident-grid">
        <section aria-labelledby="rl-incident-symptoms-h">
          <h3 id="rl-incident-symptoms-h">What you can see</h3>
          {shown.symptoms.filter((x) => x.visibleToTeam !== false).length === 0 ? (
            <p>Nothing unusual on the dashboards.</p>
          ) : (
            <ul className="rl-incident-symptoms">
              {shown.symptoms
                .filter((x) => x.visibleToTeam !== false)
                .map((x) => (
                  <li key={x.id} data-kind={x.kind}>
                    <span className="rl-incident-at">{x.shownAt}′</span> {x.text}
                  </li>
                ))}
            </ul>
          )}
          <p className="rl-sim-label">
            Severity: {shown.severity === null ? 'not declared' : `SEV-${shown.severity}`}. Roles:{' '}
            {Object.keys(shown.roleHolders).length === 0
              ? 'none assigned (whoever acknowledges holds them all)'
              : (Object.entries(shown.roleHolders) as [Role, string][]).map(([r, p]) => `${roleLabel(r)} ${p}`).join(', ')}
            .
          </p>
        </section>
        <Charts signals={shown.signals} minute={shown.minute} run={`${scenarioId}:${seed}`} live={playing} />
      </div>

      {!finished && <ActionPanel state={state} send={act} />}

      <div className="rl-incident-grid">
        <section aria-labelledby="rl-incident-messages-h">
          <h3 id="rl-incident-messages-h">Messages</h3>
          {shown.messages.length === 0 ? (
            <p>No messages yet.</p>
          ) : (
            <div className="rl-incident-scroll" tabIndex={0} role="region" aria-label="Messages, newest first">
              <ol className="rl-incident-log" reversed>
                {[...shown.messages].reverse().map((m, i) => (
                  <li key={i}>
                    <span className="rl-incident-at">{m.at}′</span> {m.text}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </section>
        <section aria-labelledby="rl-incident-timeline-h">
          <h3 id="rl-incident-timeline-h">Timeline ({visibleTimeline.length} entries)</h3>
          <div className="rl-incident-scroll" tabIndex={0} role="region" aria-label="Timeline">
            <ol className="rl-incident-log">
              {visibleTimeline.map((e, i) => (
                <li key={i} data-source={e.source}>
                  <span className="rl-incident-at">{e.at}′</span> {e.text}
                </li>
              ))}
            </ol>
          </div>
        </section>
      </div>

      {finished && result && (
        <>
          <Debrief state={state} result={result} />
          <p className="rl-sim-label" role="status">
            {saved ? 'This run is saved in this browser: the post-mortem editor in the next lesson starts from it.' : ''}
          </p>
          <section className="rl-incident-replay" aria-labelledby="rl-incident-replay-h">
            <h3 id="rl-incident-replay-h">Replay and fork</h3>
            <label className="rl-sim-inline rl-sim-slider">
              Show the run at minute {review?.minute ?? state.minute}
              <input
                type="range"
                min={0}
                max={state.minute}
                step={1}
                value={review?.minute ?? state.minute}
                onChange={(e) => send({ type: 'review.set', minute: Number(e.target.value) })}
                aria-valuetext={`minute ${review?.minute ?? state.minute}`}
              />
            </label>
            <button type="button" className="rl-button" onClick={() => send({ type: 'review.fork' })}>
              Fork from minute {review?.minute ?? state.minute}
            </button>
            <p className="rl-sim-label">Forking keeps the actions before that minute and lets you continue differently; the seed keeps the same incident.</p>
          </section>
        </>
      )}

      <p className="rl-sim-cli">
        Share this run: the page address holds the scenario, seed and your actions. The same run in a terminal: <code>{cliCommand(link)}</code>
        {minute >= MAX_MINUTES ? ' (the 4-hour limit was reached)' : ''}
      </p>
    </div>
  );
}
