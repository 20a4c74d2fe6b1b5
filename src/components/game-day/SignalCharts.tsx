/**
 * The service's golden signals as four small charts (recharts), each with the same numbers in a
 * table for screen readers and keyboard users. Used by the console and the team view.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SignalPoint } from '../../../simulations/incident/contract';
import { niceAxis, type AxisUnit } from '../../lib/chart-axis';

interface Panel {
  key: keyof Omit<SignalPoint, 'minute'>;
  title: string;
  unit: string;
  axis: AxisUnit;
  /** The most the quantity can be (a percentage). */
  cap?: number;
  color: string;
  scale: number;
  digits: number;
}

const PANELS: Panel[] = [
  { key: 'errorRatio', title: 'Errors (5xx)', unit: '%', axis: 'percent', cap: 100, color: '#d9480f', scale: 100, digits: 1 },
  { key: 'p99Ms', title: 'Latency p99', unit: 'ms', axis: 'ms', color: '#c2255c', scale: 1, digits: 0 },
  { key: 'trafficRps', title: 'Traffic', unit: 'req/s', axis: 'count', color: '#1c7ed6', scale: 1, digits: 0 },
  { key: 'saturation', title: 'Saturation', unit: '%', axis: 'percent', cap: 100, color: '#7048e8', scale: 1, digits: 0 },
];

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Every 5th minute and the latest one: the rows of the table alternative. */
function tableRows(signals: readonly SignalPoint[]): SignalPoint[] {
  const last = signals[signals.length - 1];
  return signals.filter((s) => s.minute % 5 === 0 || s === last);
}

/**
 * The four golden signals up to now, with a table alternative. `height` in px per chart. The game
 * day's clock ticks every second, so the charts draw each minute at once and never animate (an
 * animation restarted every tick never catches up with the clock).
 */
export default function SignalCharts({ signals, height = 150, label }: { signals: readonly SignalPoint[]; height?: number; label: string }) {
  // Minutes in round steps (0, 10, 20, 30), growing as the game day runs.
  const minutesAxis = niceAxis([signals[signals.length - 1]?.minute ?? 0], { minTop: 30 });
  const latest = signals[signals.length - 1];
  return (
    <section className="gd-signals" aria-label={label}>
      <div className="gd-charts">
        {PANELS.map((panel) => (
          <figure className="gd-chart" key={panel.key}>
            <figcaption>
              {panel.title}: <strong>{latest ? `${round(latest[panel.key] * panel.scale, panel.digits)} ${panel.unit}` : '–'}</strong>
            </figcaption>
            <div aria-hidden="true">
              <ResponsiveContainer width="100%" height={height}>
                <LineChart accessibilityLayer={false} data={signals as SignalPoint[]} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
                  <XAxis dataKey="minute" type="number" domain={minutesAxis.domain} ticks={minutesAxis.ticks} interval={0} stroke="var(--sl-color-gray-3)" />
                  <YAxis stroke="var(--sl-color-gray-3)" {...niceAxis(signals.map((d) => d[panel.key] * panel.scale), { unit: panel.axis, cap: panel.cap })} />
                  <Line type="linear" dataKey={(d: SignalPoint) => d[panel.key] * panel.scale} name={panel.title} stroke={panel.color} dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        ))}
      </div>
      <details className="gd-signal-table">
        <summary>The signals as a table</summary>
        <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Golden signals by minute">
          <table className="rl-sim-table">
            <caption>Golden signals every 5 minutes and now</caption>
            <thead>
              <tr>
                <th scope="col">Minute</th>
                {PANELS.map((p) => (
                  <th scope="col" key={p.key}>
                    {p.title} ({p.unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tableRows(signals).map((s) => (
                <tr key={s.minute}>
                  <th scope="row">{s.minute}</th>
                  {PANELS.map((p) => (
                    <td key={p.key}>{round(s[p.key] * p.scale, p.digits)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
