/**
 * The golden-signals simulator's view: inject faults into the payment API, play the hour (or
 * move the time slider), and watch the four golden signals and the three alert rules.
 * Thin: the machine holds the run; this only draws it up to the time cursor.
 */
import { useMachine } from '@xstate/react';
import { useState, type FormEvent } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { goldenSignalsMachine } from './machine';
import { checkPredictionMinute, predictionVerdict } from './prediction';
import type { AlertState, FaultKind, SignalName } from './model';
import { cliCommand, DEFAULT_FAULT_VALUE, FAULT_KINDS, FAULT_VALUE_LABEL, MAX_SEED, paramsFromSearch, paramsToSearch, RUN_SECONDS, type GoldenSignalsParams } from './params';
import { useLinkedParams, type LinkedParams } from '../../src/simulations/use-linked-params';
import { useChartAnimation } from '../../src/components/useChartAnimation';
import { niceAxis, type AxisUnit } from '../../src/lib/chart-axis';
import { useSettledAnnouncement } from '../../src/components/useAnnouncement';

const PREFIX = 'gs-';
const LINK: LinkedParams<GoldenSignalsParams> = {
  read: (search) => paramsFromSearch(search, PREFIX),
  write: (params, existing) => paramsToSearch(params, existing, PREFIX),
};

const FAULT_LABELS: Record<FaultKind, string> = {
  'error-burst': 'Error burst',
  'latency-regression': 'Latency regression',
  'cpu-saturation': 'CPU saturation',
  // One control for both directions: ×3 is a spike, ×0 a drop to zero (the lesson's "traffic drop").
  'traffic-spike': 'Traffic change (spike or drop)',
};

interface Panel {
  title: string;
  /** Shown in the caption when the tick labels do not carry it. */
  unit?: string;
  axis: AxisUnit;
  /** The most the quantity can be (a percentage of CPU or of requests). */
  cap?: number;
  lines: { key: SignalName; name: string; color: string; scale: number }[];
  threshold?: { value: number; label: string };
}

const PANELS: Panel[] = [
  { title: 'Traffic', unit: 'req/s', axis: 'count', lines: [{ key: 'trafficRps', name: 'requests per second', color: '#1c7ed6', scale: 1 }] },
  { title: 'Errors', axis: 'percent', cap: 100, lines: [{ key: 'errorRatio', name: '5xx ratio', color: '#d9480f', scale: 100 }], threshold: { value: 5, label: 'alert > 5%' } },
  {
    title: 'Latency (successful requests)',
    axis: 'ms',
    lines: [
      { key: 'latencyP50', name: 'p50', color: '#2b8a3e', scale: 1000 },
      { key: 'latencyP90', name: 'p90', color: '#e67700', scale: 1000 },
      { key: 'latencyP99', name: 'p99', color: '#c2255c', scale: 1000 },
    ],
    threshold: { value: 500, label: 'p99 alert > 500 ms' },
  },
  { title: 'Saturation (CPU)', axis: 'percent', cap: 100, lines: [{ key: 'cpuPercent', name: 'CPU', color: '#7048e8', scale: 1 }], threshold: { value: 80, label: 'alert > 80%' } },
];

const STATE_TEXT: Record<AlertState, string> = { inactive: 'Inactive', pending: 'Pending', firing: 'Firing' };
const faultSize = (kind: FaultKind, value: number) =>
  kind === 'error-burst'
    ? `(${Math.round(value * 1000) / 10}% 5xx)`
    : kind === 'cpu-saturation'
      ? `(+${value} CPU points)`
      : kind === 'traffic-spike' && value === 0
        ? '(×0: traffic drops to zero)'
        : `(×${value})`;
const minutes = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** The golden-signals simulator. Reads and writes its parameters in the page URL. */
export default function GoldenSignalsView() {
  const [snapshot, send] = useMachine(goldenSignalsMachine, { input: {} });
  const { params, run, cursor, error } = snapshot.context;
  const playing = snapshot.matches('playing');
  // The clock (playing or the slider) redraws at once; a new fault or seed may animate.
  const animate = useChartAnimation(JSON.stringify(params), playing);
  const { problems: linkProblems, ready: urlRead } = useLinkedParams(params, LINK, (p) => send({ type: 'param.change', params: p }));
  const [kind, setKind] = useState<FaultKind>('latency-regression');
  const [start, setStart] = useState(25);
  const [length, setLength] = useState(10);
  const [value, setValue] = useState(DEFAULT_FAULT_VALUE['latency-regression']);
  const [guess, setGuess] = useState('');
  const [guessError, setGuessError] = useState<string | null>(null);
  const { prediction } = snapshot.context;
  const finished = cursor >= RUN_SECONDS;

  const shown = run.signals.filter((s) => s.t <= cursor);
  const chartData = shown.map((s) => ({ ...s, minute: s.t / 60 }));
  const index = Math.max(0, shown.length - 1);
  const events = run.events.filter((e) => e.at <= cursor);
  const latest = events[events.length - 1];
  const firing = shown.length ? run.rules.filter((_, r) => run.alertStates[r]![index] === 'firing').map((rule) => rule.name) : [];
  const faultCount = `${params.faults.length === 0 ? 'No fault' : params.faults.length === 1 ? '1 fault' : `${params.faults.length} faults`} injected`;
  // Settled, so scrubbing the time slider announces where it stopped, not every step; changes only when an alert does.
  const announcement = useSettledAnnouncement(
    `${faultCount}; ${firing.length ? `firing: ${firing.join(', ')}` : 'no alert firing'}. ${latest ? `At ${minutes(latest.at)}, ${latest.rule} became ${latest.state}.` : 'No alert has changed state yet.'}`,
  );

  const addFault = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'fault.add', fault: { kind, startSeconds: start * 60, endSeconds: (start + length) * 60, value } });
  };

  return (
    <div className="rl-sim" data-sim="golden-signals" data-ready={urlRead}>
      {linkProblems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and were skipped: {linkProblems.join('; ')}.
        </p>
      )}
      <form className="rl-sim-controls" onSubmit={addFault} aria-label="Inject a fault">
        <fieldset className="rl-sim-fieldset">
          <legend>Inject a fault</legend>
          <label>
            Fault
            <select
              value={kind}
              onChange={(e) => {
                const k = e.target.value as FaultKind;
                setKind(k);
                setValue(DEFAULT_FAULT_VALUE[k]);
              }}
            >
              {FAULT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FAULT_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Starts at minute
            <input type="number" min={0} max={59} step={1} value={start} onChange={(e) => setStart(Number(e.target.value))} />
          </label>
          <label>
            Lasts (minutes)
            <input type="number" min={1} max={60} step={1} value={length} onChange={(e) => setLength(Number(e.target.value))} />
          </label>
          <label>
            {FAULT_VALUE_LABEL[kind]}
            <input type="number" min={0} step="any" value={value} onChange={(e) => setValue(Number(e.target.value))} />
          </label>
          <button type="submit" className="rl-button">
            Inject
          </button>
        </fieldset>
        {error && (
          <p className="rl-sim-warning" role="alert">
            Not added: {error}.
          </p>
        )}
      </form>

      <div className="rl-sim-faults">
        <p className="rl-sim-label">Faults in this run (seed {params.seed}):</p>
        {params.faults.length === 0 ? (
          <p>None: a healthy hour.</p>
        ) : (
          <ul>
            {params.faults.map((f, i) => (
              <li key={`${i}-${f.kind}-${f.startSeconds}`}>
                {FAULT_LABELS[f.kind]} {faultSize(f.kind, f.value)} from minute {f.startSeconds / 60} to {f.endSeconds / 60}{' '}
                <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'fault.remove', index: i })} aria-label={`Remove ${FAULT_LABELS[f.kind]} from minute ${f.startSeconds / 60}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="rl-sim-buttons">
          <label className="rl-sim-inline">
            Seed{' '}
            <input
              type="number"
              min={0}
              max={MAX_SEED}
              value={params.seed}
              onChange={(e) => e.target.value !== '' && send({ type: 'param.change', params: { seed: Number(e.target.value) } })}
            />
          </label>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'seed.next' })}>
            New seed
          </button>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'sim.reset' })}>
            Reset
          </button>
        </div>
      </div>

      <form
        className="rl-sim-predict"
        aria-label="Your prediction"
        onSubmit={(e) => {
          e.preventDefault();
          const checked = checkPredictionMinute(guess);
          setGuessError(checked.ok ? null : checked.error);
          if (checked.ok) send({ type: 'prediction.set', prediction: { minute: checked.minute } });
        }}
      >
        {prediction === null ? (
          <>
            <label className="rl-sim-inline">
              Predict first: at what minute will the first page come (an alert firing)?{' '}
              <input type="text" inputMode="decimal" size={4} value={guess} onChange={(e) => setGuess(e.target.value)} aria-invalid={guessError ? true : undefined} />
            </label>{' '}
            <button type="submit" className="rl-button rl-button-quiet">
              Keep my prediction
            </button>{' '}
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'prediction.set', prediction: 'none' })}>
              No alert will fire
            </button>
            {guessError && (
              <span className="rl-sim-warning" role="alert">
                {' '}
                Not kept: {guessError}.
              </span>
            )}
          </>
        ) : (
          <p className="rl-sim-prediction" data-finished={finished}>
            {finished
              ? predictionVerdict(prediction, run).text
              : `Your prediction: ${prediction === 'none' ? 'no alert will fire' : `the first page at minute ${prediction.minute}`}. Play the hour to see.`}{' '}
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'prediction.clear' })}>
              Predict again
            </button>
          </p>
        )}
      </form>

      <div className="rl-sim-time">
        <button type="button" className="rl-button" onClick={() => send({ type: playing ? 'sim.pause' : 'sim.play' })}>
          {playing ? 'Pause' : 'Play the hour'}
        </button>
        <label className="rl-sim-inline rl-sim-slider">
          Time {minutes(cursor)}
          <input
            type="range"
            min={0}
            max={RUN_SECONDS}
            step={15}
            value={cursor}
            onChange={(e) => send({ type: 'time.set', seconds: Number(e.target.value) })}
            aria-valuetext={`minute ${minutes(cursor)}`}
          />
        </label>
      </div>

      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Alert rules at the current time">
        <table className="rl-sim-table">
          <caption>Alert rules at minute {minutes(cursor)} (Prometheus states: inactive, pending, firing)</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Condition</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {run.rules.map((rule, r) => {
              const state = shown.length ? run.alertStates[r]![index]! : 'inactive';
              return (
                <tr key={rule.name} data-rule={rule.name} data-state={state}>
                  <th scope="row">{rule.name}</th>
                  <td>{rule.description}</td>
                  <td className={`rl-alert-${state}`}>{STATE_TEXT[state]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="rl-sim-summary" aria-live="polite">
        {announcement}
      </p>

      <div className="rl-sim-panels">
        {PANELS.map((panel) => (
          <figure className="rl-sim-chart" key={panel.title}>
            <figcaption>
              {panel.title}
              {panel.unit && ` (${panel.unit})`}
            </figcaption>
            <div aria-hidden="true">
              <ResponsiveContainer width="100%" height={170}>
                <LineChart accessibilityLayer={false} data={chartData} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
                  <XAxis dataKey="minute" type="number" domain={[0, RUN_SECONDS / 60]} ticks={[0, 10, 20, 30, 40, 50, 60]} stroke="var(--sl-color-gray-3)" />
                  <YAxis
                    stroke="var(--sl-color-gray-3)"
                    {...niceAxis(
                      panel.lines.flatMap((line) => shown.map((s) => s[line.key] * line.scale)),
                      { unit: panel.axis, cap: panel.cap, include: panel.threshold ? [panel.threshold.value * 1.2] : [] },
                    )}
                  />
                  {params.faults.map((f, i) => (
                    <ReferenceArea key={i} x1={f.startSeconds / 60} x2={f.endSeconds / 60} fill="var(--sl-color-orange)" fillOpacity={0.12} />
                  ))}
                  {panel.threshold && <ReferenceLine y={panel.threshold.value} stroke="#c92a2a" strokeDasharray="4 4" />}
                  {panel.lines.map((line) => (
                    <Line
                      key={line.key}
                      type="linear"
                      dataKey={(d: Record<string, number>) => (Number.isFinite(d[line.key]) ? d[line.key]! * line.scale : null)}
                      name={line.name}
                      stroke={line.color}
                      dot={false}
                      isAnimationActive={animate}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            <p className="rl-sim-legend">
              {panel.lines.map((l) => (
                <span key={l.key}>
                  <span className="rl-swatch" style={{ background: l.color }} /> {l.name}
                </span>
              ))}
              {panel.threshold && <span>dashed line: {panel.threshold.label}</span>}
            </p>
          </figure>
        ))}
      </div>

      <details className="rl-sim-events">
        <summary>Alert timeline ({events.length} changes so far)</summary>
        <ol>
          {events.map((e, i) => (
            <li key={i}>
              {minutes(e.at)}: {e.rule} → {e.state}
            </li>
          ))}
        </ol>
      </details>

      <p className="rl-sim-cli">
        The same run in a terminal: <code>{cliCommand(params)}</code>
      </p>
    </div>
  );
}
