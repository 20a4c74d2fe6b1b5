/**
 * The comparison page: load several teams' result files of the same scenario and seed and set
 * them side by side (metrics with the best per row marked, then the timelines in columns).
 * Every file is checked; problems name the file and the field, and nothing crashes.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { compareResults, readResultFile, type Comparison } from '../../../simulations/game-day/compare';
import { clockText } from '../../../simulations/game-day/clock';

/** The comparison island. */
export default function Compare() {
  const [ready, setReady] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => setReady(true), []);

  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    if (files.length === 0) return;
    const read = await Promise.all(files.map(async (f) => readResultFile(f.name, await f.text())));
    const problems = read.flatMap((r) => (r.ok ? [] : r.errors));
    const good = read.flatMap((r) => (r.ok ? [{ name: r.name, result: r.result }] : []));
    const compared = good.length ? compareResults(good) : null;
    if (compared && !compared.ok) problems.push(compared.error);
    setErrors(problems);
    const shown = compared?.ok ? compared.comparison : null;
    setComparison(shown);
    setStatus(
      shown
        ? `Comparing ${shown.teams.length} team${shown.teams.length === 1 ? '' : 's'}${problems.length ? `; ${problems.length} problem${problems.length === 1 ? '' : 's'} below` : ''}.`
        : `Nothing to compare: ${problems.length} problem${problems.length === 1 ? '' : 's'} below.`,
    );
  };

  return (
    <div className="gd-compare not-content" data-ready={ready}>
      <div className="rl-sim-controls">
        <label>
          Teams' result files (JSON, several at once)
          <input type="file" accept=".json,application/json" multiple onChange={load} />
        </label>
      </div>
      <p className="rl-sim-summary" role="status">
        {status}
      </p>
      {errors.length > 0 && (
        <div className="rl-sim-warning" role="alert">
          <p>These files could not be used:</p>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {comparison && (
        <>
          <h2>
            {comparison.scenarioTitle} (scenario <code>{comparison.scenario}</code>, seed {comparison.seed})
          </h2>
          <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Metrics by team">
            <table className="rl-sim-table gd-compare-table">
              <caption>Metrics by team (★ best of the teams)</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  {comparison.teams.map((t, i) => (
                    <th scope="col" key={`${i}-${t.file}`}>
                      {t.team} <span className="gd-file">({t.file})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {comparison.rows.map((row) => (
                  <tr key={row.key} data-metric={row.key}>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((cell, i) => (
                      <td key={i} data-best={row.best.includes(i) || undefined}>
                        {cell}
                        {row.best.includes(i) && <span className="gd-best"> ★<span className="gd-sr-only"> best</span></span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Timelines</h2>
          <div className="gd-columns">
            {comparison.teams.map((t, i) => (
              <section key={`${i}-${t.file}`} className="gd-column" aria-label={`Timeline of ${t.team}`}>
                <h3>
                  {t.team} <span className="gd-file">(ended at {clockText(t.endedAt)})</span>
                </h3>
                <ol>
                  {t.timeline.map((e, j) => (
                    <li key={j} data-source={e.source}>
                      <span className="gd-time">{clockText(e.at)}</span> {e.text}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
