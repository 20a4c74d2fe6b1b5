/**
 * Drill statistics: reviews per day (last 30 days), true retention, cards per stage and the
 * reviews forecast for the next 30 days. Each chart has a table with the same numbers.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CourseCard } from '../../lib/cards/schema';
import type { ReviewLog } from '../../lib/srs/review-log';
import { dayMs, forecast, retention, reviewsPerDay, stageCounts, type CardState, type SrsSettings } from '../../lib/srs/schedule';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';

interface Props {
  log: ReviewLog;
  states: Map<string, CardState>;
  cards: CourseCard[];
  settings: SrsSettings;
  now: number;
}

const stageLabels = { new: 'New (not met yet)', learning: 'Learning', young: 'Young (interval under 21 days)', mature: 'Mature (21 days or more)', relearning: 'Relearning', leech: 'Leeches' } as const;
const short = (day: string) => day.slice(5);

function DayChart({ data, dataKey, name, color, caption }: { data: { day: string }[]; dataKey: string; name: string; color: string; caption: string }) {
  const reducedMotion = usePrefersReducedMotion();
  return (
    <figure className="rl-drills-chart">
      <div aria-hidden="true" style={{ width: '100%', height: 180 }}>
        <ResponsiveContainer>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={short} interval={6} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Bar dataKey={dataKey} name={name} fill={color} isAnimationActive={!reducedMotion} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** The statistics section of the drills page. */
export default function DrillStats({ log, states, cards, settings, now }: Props) {
  const perDay = reviewsPerDay(log, now, 30);
  const ahead = forecast(states, now, 30);
  const kept = retention(log, settings, now - 30 * dayMs);
  const counts = stageCounts(states, cards.map((c) => c.id));
  const total = perDay.reduce((s, d) => s + d.reviews, 0);
  const coming = ahead.reduce((s, d) => s + d.due, 0);
  return (
    <section aria-labelledby="rl-drills-stats" className="rl-drills-stats">
      <h2 id="rl-drills-stats">Statistics</h2>
      <dl className="rl-drills-figures">
        <div>
          <dt>Reviews in the last 30 days</dt>
          <dd data-stat="reviews">{total}</dd>
        </div>
        <div>
          <dt>Retention (cards in review, last 30 days)</dt>
          <dd data-stat="retention">{kept.rate === null ? 'no reviews yet' : `${Math.round(kept.rate * 1000) / 10}% of ${kept.reviews}`}</dd>
        </div>
        <div>
          <dt>Target retention</dt>
          <dd>{Math.round(settings.desiredRetention * 100)}%</dd>
        </div>
      </dl>
      <div className="rl-drills-charts">
        <DayChart data={perDay} dataKey="reviews" name="reviews" color="#1c7ed6" caption={`Reviews per day, last 30 days: ${total} in all.`} />
        <DayChart data={ahead} dataKey="due" name="cards due" color="#7048e8" caption={`Reviews due in the next 30 days (today includes overdue cards): ${coming} in all.`} />
      </div>
      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Cards per stage">
        <table className="rl-sim-table">
          <caption>Cards per stage, out of {cards.length} in the course</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Cards</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(stageLabels) as (keyof typeof stageLabels)[]).map((k) => (
              <tr key={k} data-stage={k}>
                <th scope="row">{stageLabels[k]}</th>
                <td>{counts[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>The forecast as a table</summary>
        <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Forecast table">
          <table className="rl-sim-table rl-drills-forecast">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Cards due</th>
              </tr>
            </thead>
            <tbody>
              {ahead.map((d) => (
                <tr key={d.day} data-day={d.day}>
                  <td>{d.day}</td>
                  <td>{d.due}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
