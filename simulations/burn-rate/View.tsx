/**
 * The burn-rate simulator's view: controls, the six approaches side by side, and a chart of
 * the error ratio and the budget remaining. Thin: every number comes from the machine's run.
 */
import { useMachine } from '@xstate/react';
import { useId, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../core/duration';
import { burnRateMachine } from './machine';
import { SCENARIO_NAMES, type ScenarioName } from './model';
import { MAX_SEED, PERIOD_CHOICES, SLO_CHOICES, cliCommand, paramsFromSearch, paramsToSearch, type BurnRateParams, type PeriodChoice } from './params';
import { useLinkedParams, type LinkedParams } from '../../src/simulations/use-linked-params';
import { usePrefersReducedMotion } from '../../src/components/usePrefersReducedMotion';
import { niceAxis } from '../../src/lib/chart-axis';
import { useSettledAnnouncement } from '../../src/components/useAnnouncement';

/** Query-string prefix of this simulator, so it can share a page with others. */
const PREFIX = 'br-';
const LINK: LinkedParams<BurnRateParams> = {
  read: (search) => paramsFromSearch(search, PREFIX),
  write: (params, existing) => paramsToSearch(params, existing, PREFIX),
};

const SCENARIO_LABELS: Record<ScenarioName, string> = {
  'total-outage': 'Total outage (1 h)',
  'fast-burn': 'Fast burn (20x for 3 h)',
  'slow-burn': 'Slow burn (2x for 3 days)',
  flapping: 'Flapping errors (5 min on, 5 min off)',
  'low-traffic': 'Low traffic (10 requests per hour)',
  'ticket-leak': 'Ticket-level leak (1.2x for 5 days)',
};

const pct = (x: number | null, digits = 1) => (x === null ? '–' : `${(x * 100).toFixed(digits)}%`);
const dur = (s: number | null) => (s === null ? '–' : formatDuration(s));

/** The burn-rate alerting simulator. Reads and writes its parameters in the page URL. */
export default function BurnRateView() {
  const reducedMotion = usePrefersReducedMotion();
  const [snapshot, send] = useMachine(burnRateMachine, { input: {} });
  const { params, run, custom, csvErrors } = snapshot.context;
  const { problems: linkProblems, ready: urlRead } = useLinkedParams(params, LINK, (p) => send({ type: 'param.change', params: p }));
  const id = useId();
  const [pasted, setPasted] = useState('');
  // Settled, so arrowing through the scenarios announces the one the learner stops at.
  const announcement = useSettledAnnouncement(run.summary);

  return (
    <div className="rl-sim" data-sim="burn-rate" data-ready={urlRead}>
      {linkProblems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and defaults were used: {linkProblems.join('; ')}.
        </p>
      )}
      <fieldset className="rl-sim-controls">
        <legend>Scenario and SLO</legend>
        <label>
          Scenario
          <select value={params.scenario} onChange={(e) => send({ type: 'param.change', params: { scenario: e.target.value as ScenarioName } })}>
            {SCENARIO_NAMES.map((name) => (
              <option key={name} value={name}>
                {SCENARIO_LABELS[name]}
              </option>
            ))}
          </select>
        </label>
        <label>
          SLO target
          <select value={params.sloPercent} onChange={(e) => send({ type: 'param.change', params: { sloPercent: Number(e.target.value) } })}>
            {SLO_CHOICES.map((v) => (
              <option key={v} value={v}>
                {v}%
              </option>
            ))}
          </select>
        </label>
        <label>
          SLO period
          <select value={params.period} onChange={(e) => send({ type: 'param.change', params: { period: e.target.value as PeriodChoice } })}>
            {PERIOD_CHOICES.map((v) => (
              <option key={v} value={v}>
                {v === '28d' ? '28 days' : '30 days'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seed
          <input
            type="number"
            min={0}
            max={MAX_SEED}
            step={1}
            value={params.seed}
            onChange={(e) => {
              const seed = Number(e.target.value);
              if (e.target.value !== '' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) send({ type: 'param.change', params: { seed } });
            }}
          />
        </label>
        <label className="rl-sim-check">
          <input type="checkbox" checked={params.sloth} onChange={(e) => send({ type: 'param.change', params: { sloth: e.target.checked } })} />
          Add Sloth's 1d/2h ticket pair
        </label>
        <div className="rl-sim-buttons">
          <button type="button" className="rl-button" onClick={() => send({ type: 'seed.next' })}>
            New seed
          </button>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'sim.reset' })}>
            Reset
          </button>
        </div>
      </fieldset>

      <details className="rl-sim-own">
        <summary>Use your own series (CSV)</summary>
        <p>
          A CSV with the header <code>t_seconds,error_ratio</code> (constant traffic, each ratio held until the next row) or{' '}
          <code>t_seconds,requests,errors</code>, on one-minute steps; the same format as <code>npx rlab burn-rate --input</code>.
          It stays in this page and is not part of the link.
        </p>
        <label>
          CSV file{' '}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) send({ type: 'series.load', label: file.name, csv: await file.text() });
            }}
          />
        </label>
        <label className="rl-sim-paste">
          Or paste it here
          <textarea rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder={'t_seconds,error_ratio\n0,0.0005\n7200,1\n9000,0.0005\n172800,0.0005'} />
        </label>
        <div className="rl-sim-buttons">
          <button type="button" className="rl-button" disabled={pasted.trim() === ''} onClick={() => send({ type: 'series.load', label: 'pasted series', csv: pasted })}>
            Run my series
          </button>
          {custom && (
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'series.clear' })}>
              Back to the scenario
            </button>
          )}
        </div>
        {csvErrors.length > 0 && (
          <div className="rl-sim-warning" role="alert">
            <p>The series was not loaded:</p>
            <ul>
              {csvErrors.slice(0, 10).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            {csvErrors.length > 10 && <p>…and {csvErrors.length - 10} more.</p>}
          </div>
        )}
      </details>

      <p className="rl-sim-summary" aria-live="polite" id={`${id}-summary`}>
        {announcement}
      </p>

      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Alerting approaches compared">
        <table className="rl-sim-table">
          <caption>
            The Workbook's six alerting approaches on the same traffic (error budget {run.errorBudget};{' '}
            {run.event
              ? `event from hour ${run.event.startHours.toFixed(1)} to ${run.event.endHours.toFixed(1)}`
              : 'times count from the start of your series'}
            )
          </caption>
          <thead>
            <tr>
              <th scope="col">Approach</th>
              <th scope="col">Fires after</th>
              <th scope="col">Budget spent then</th>
              <th scope="col">Resets after</th>
              <th scope="col">False alarms</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {run.rows.map((row) => (
              <tr key={row.number} data-approach={row.number} data-missed={row.missed}>
                <th scope="row">
                  {row.number}. {row.label}
                </th>
                <td>{dur(row.detectionDelaySeconds)}</td>
                <td>{pct(row.budgetSpentAtDetection)}</td>
                <td>{row.missed ? '–' : row.resetSeconds === null ? 'still firing' : dur(row.resetSeconds)}</td>
                <td>{row.falseAlarms}</td>
                <td>{row.missed ? 'Missed' : row.severity === 'page' ? 'Paged' : 'Ticket'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <figure className="rl-sim-chart">
        <div className="rl-sim-chart-canvas" aria-hidden="true">
          <ResponsiveContainer width="100%" height={280}>
            {/* The table above carries the numbers for keyboard and screen-reader users; the chart is decoration for them. */}
            <LineChart accessibilityLayer={false} data={run.chart} margin={{ top: 10, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
              <XAxis dataKey="hours" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(h: number) => `${Math.round(h)}h`} stroke="var(--sl-color-gray-3)" />
              <YAxis yAxisId="err" stroke="var(--sl-color-gray-3)" {...niceAxis(run.chart.map((d) => d.errorPercent), { unit: 'percent', cap: 100, minTop: 0.1 })} />
              <YAxis yAxisId="budget" orientation="right" stroke="var(--sl-color-gray-3)" {...niceAxis(run.chart.map((d) => d.budgetPercent), { unit: 'percent', minTop: 100 })} />
              {run.event && <ReferenceArea yAxisId="err" x1={run.event.startHours} x2={run.event.endHours} fill="var(--sl-color-orange)" fillOpacity={0.15} />}
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(2)}%` : String(v))} labelFormatter={(h) => `hour ${Number(h).toFixed(2)}`} />
              <Legend />
              <Line yAxisId="err" type="linear" dataKey="errorPercent" name="Error ratio (5 min)" stroke="#d9480f" dot={false} isAnimationActive={!reducedMotion} />
              <Line yAxisId="budget" type="linear" dataKey="budgetPercent" name="Budget remaining" stroke="#1c7ed6" dot={false} isAnimationActive={!reducedMotion} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption>
          Error ratio over 5 minutes (left axis) and error budget remaining (right axis); the shaded band is the event.{' '}
          {run.exhaustedAtHours === null
            ? `The budget is never exhausted; ${pct(run.budgetSpent)} is spent by the end.`
            : `The budget runs out at hour ${run.exhaustedAtHours.toFixed(1)}.`}
        </figcaption>
      </figure>

      {!custom && (
        <p className="rl-sim-cli">
          The same run in a terminal: <code>{cliCommand(params)}</code>
        </p>
      )}
    </div>
  );
}
