/**
 * The toil-roi simulator's view: an editable weekly toil survey, each person's and the team's toil
 * against the 50% line, the common template's ranked opportunities with ROI and score, its three-quarter
 * plan, the corrections to its arithmetic, the xkcd 1205 table and two charts with tables.
 * Thin: every number comes from the machine (and so from the pure model).
 */
import { useMachine } from '@xstate/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { clearArea } from '../../src/lib/storage';
import { areaNotice, browserStore, load, save, wallClock } from '../../src/scripts/browser-store';
import { useLinkedParams, type LinkedParams } from '../../src/simulations/use-linked-params';
import { FORM_ACTIVITIES, toilMachine, type TaskKey } from './machine';
import {
  activityLabel,
  corrections,
  FREQUENCIES,
  formatComicDuration,
  formatHours,
  formatMoney,
  formatPercent,
  formatWhole,
  MAX_COMBINED_SCORE,
  OPPORTUNITY_MIN_HOURS,
  placeTask,
  TIME_SAVED,
  TOIL_LIMIT_PERCENT,
  toilSummary,
  xkcdTable,
  type FrequencyId,
  type PlanOrder,
  type PlanSchedule,
} from './model';
import { cliCommand, isSourceTeam, MAX_HOURLY_COST, parseTeamJson, settingsFromSearch, settingsToSearch, teamArea, teamToJson, type ToilSettings } from './params';
import { usePrefersReducedMotion } from '../../src/components/usePrefersReducedMotion';
import { niceAxis } from '../../src/lib/chart-axis';

const PREFIX = 'tr-';
const LINK: LinkedParams<ToilSettings> = {
  read: (search) => settingsFromSearch(search, PREFIX),
  write: (settings, existing) => settingsToSearch(settings, existing, PREFIX),
};

/** One colour per activity in the breakdown chart (the table beside it carries the numbers). */
const ACTIVITY_COLORS = ['#1c7ed6', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#e67700', '#0c8599', '#5c940d'];
const ORDER_LABELS: Record<PlanOrder, string> = { score: "Score order (the template's)", 'fastest-payback': 'Fastest payback first' };
const SCHEDULE_LABELS: Record<PlanSchedule, string> = { quarterly: "One project per quarter (the template's)", 'back-to-back': 'Back to back, one engineer' };
const COMIC = xkcdTable();
const months = (m: number) => (Number.isFinite(m) ? m.toFixed(2) : 'never');
const fieldId = (base: string, path: string) => `${base}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
/** Shows an issue without its path, which the field's label already gives. */
const withoutPath = (message: string, path: string) => {
  const rest = message.startsWith(path) ? message.slice(path.length).trim() : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
};

/** The toil and improvement ROI simulator. Settings live in the page URL; the team in this browser. */
export default function ToilRoiView() {
  const reducedMotion = usePrefersReducedMotion();
  const [snapshot, send] = useMachine(toilMachine, { input: {} });
  const { draft, team, issues, settings, settingsError, analysis, timeline, xkcd, editError } = snapshot.context;
  const invalid = snapshot.matches('invalid');
  const { problems: linkProblems, ready: urlRead } = useLinkedParams(settings, LINK, (p) => send({ type: 'settings.change', settings: p }));
  const [stored, setStored] = useState(false);
  const [costText, setCostText] = useState(String(settings.hourlyCost));
  const [pasted, setPasted] = useState('');
  const [pasteIssues, setPasteIssues] = useState<string[]>([]);
  const base = useId().replace(/:/g, '');
  const skipSave = useRef(true);

  // The learner's team is kept in this browser (a link would be too long); read it once mounted.
  useEffect(() => {
    const saved = load(teamArea);
    if (!isSourceTeam(saved)) send({ type: 'team.load', team: saved });
    setStored(true);
  }, [send]);
  useEffect(() => {
    if (!stored) return;
    if (skipSave.current) {
      skipSave.current = false;
      return;
    }
    if (isSourceTeam(team)) {
      const error = clearArea(browserStore(), teamArea, wallClock());
      if (error) areaNotice(teamArea, `${error}.`);
    }
    else save(teamArea, team);
  }, [team, stored]);
  useEffect(() => setCostText(String(settings.hourlyCost)), [settings.hourlyCost]);

  const byPath = new Map<string, string>();
  for (const i of issues) if (!byPath.has(i.path)) byPath.set(i.path, i.message);
  const fieldProps = (path: string) => {
    const message = byPath.get(path);
    return message ? { 'aria-invalid': true as const, 'aria-describedby': `${fieldId(base, path)}-error` } : {};
  };
  const fieldError = (path: string) => {
    const message = byPath.get(path);
    return message ? (
      <span className="rl-toil-error" id={`${fieldId(base, path)}-error`}>
        {withoutPath(message, path)}
      </span>
    ) : null;
  };
  const personIssues = issues.filter((i) => !/^people\[\d+\]\.(name|totalWorkHours|tasks\[\d+\]\.(activity|hoursPerWeek))$/.test(i.path));

  const { toil, scan, ranked, plan } = analysis;
  const activities = toil.activityHours.filter((a) => a.hoursPerWeek > 0 || team.people.some((p) => p.tasks.some((t) => t.activity === a.activity)));
  const breakdownData = toil.people.map((p) => ({
    name: p.name.split('@')[0],
    ...Object.fromEntries(activities.map((a) => [a.activity, ((p.breakdown[a.activity] ?? 0) / p.totalHours) * 100])),
  }));
  const fixes = corrections(analysis);
  const headline = fixes.find((c) => c.id === 'new-toil-rate');
  const others = fixes.filter((c) => c.id !== 'new-toil-rate');

  // The xkcd pick: a person's task or the team's total for an activity.
  const taskChoices: { key: TaskKey; label: string; hours: number }[] = [
    ...toil.activityHours.filter((a) => a.hoursPerWeek > 0).map((a) => ({ key: `team:${a.activity}`, label: `Team: ${activityLabel(a.activity)}`, hours: a.hoursPerWeek })),
    ...team.people.flatMap((p, i) =>
      p.tasks.filter((t) => t.hoursPerWeek > 0).map((t) => ({ key: `${i}:${t.activity}`, label: `${p.name}: ${activityLabel(t.activity)}`, hours: t.hoursPerWeek })),
    ),
  ];
  const picked = taskChoices.find((c) => c.key === xkcd.task) ?? null;
  const placement = picked ? placeTask(picked.hours, xkcd.frequency) : null;

  const loadPasted = () => {
    const checked = parseTeamJson(pasted);
    if (!checked.ok) {
      setPasteIssues(checked.issues.map((i) => i.message));
      return;
    }
    setPasteIssues([]);
    send({ type: 'team.load', team: checked.team });
  };

  return (
    <div className="rl-sim rl-toil" data-sim="toil-roi" data-ready={urlRead && stored} data-state={invalid ? 'invalid' : 'valid'}>
      {linkProblems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and defaults were used: {linkProblems.join('; ')}.
        </p>
      )}

      <section className="rl-toil-survey" aria-labelledby={`${base}-survey`}>
        <h3 id={`${base}-survey`}>The team's week: toil hours per person</h3>
        <p className="rl-toil-note">
          Prefilled with the common template's three engineers. Edits are saved in this browser only; the link keeps the cost and plan settings.
        </p>
        {draft.people.map((person, i) => {
          const measured = invalid ? undefined : toil.people[i];
          return (
            <fieldset className="rl-toil-person" key={i} data-person={i}>
              <legend>
                Person {i + 1}
                {person.name.trim() ? `: ${person.name}` : ''}
              </legend>
              <div className="rl-toil-row">
                <label>
                  Name
                  <input type="text" value={person.name} onChange={(e) => send({ type: 'person.edit', index: i, field: 'name', value: e.target.value })} {...fieldProps(`people[${i}].name`)} />
                  {fieldError(`people[${i}].name`)}
                </label>
                <label>
                  Working hours per week
                  <input
                    type="number"
                    min={0}
                    step="any"
                    value={person.totalWorkHours}
                    onChange={(e) => send({ type: 'person.edit', index: i, field: 'totalWorkHours', value: e.target.value })}
                    {...fieldProps(`people[${i}].totalWorkHours`)}
                  />
                  {fieldError(`people[${i}].totalWorkHours`)}
                </label>
              </div>
              {person.tasks.length === 0 ? (
                <p className="rl-toil-note">No toil tasks yet.</p>
              ) : (
                <ul className="rl-toil-tasks">
                  {person.tasks.map((task, k) => {
                    const who = person.name.trim() || `person ${i + 1}`;
                    const options = FORM_ACTIVITIES.includes(task.activity) ? FORM_ACTIVITIES : [...FORM_ACTIVITIES, task.activity];
                    return (
                      <li key={k} className="rl-toil-row">
                        <label>
                          Activity
                          <select
                            value={task.activity}
                            aria-label={`Activity ${k + 1} of ${who}`}
                            onChange={(e) => send({ type: 'task.edit', person: i, task: k, field: 'activity', value: e.target.value })}
                            {...fieldProps(`people[${i}].tasks[${k}].activity`)}
                          >
                            {options.map((a) => (
                              <option key={a} value={a}>
                                {a === 'other' ? 'Other toil' : activityLabel(a)}
                              </option>
                            ))}
                          </select>
                          {fieldError(`people[${i}].tasks[${k}].activity`)}
                        </label>
                        <label>
                          Hours per week
                          <input
                            type="number"
                            min={0}
                            step="any"
                            value={task.hoursPerWeek}
                            aria-label={`${activityLabel(task.activity)} hours per week, ${who}`}
                            onChange={(e) => send({ type: 'task.edit', person: i, task: k, field: 'hoursPerWeek', value: e.target.value })}
                            {...fieldProps(`people[${i}].tasks[${k}].hoursPerWeek`)}
                          />
                          {fieldError(`people[${i}].tasks[${k}].hoursPerWeek`)}
                        </label>
                        <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'task.remove', person: i, task: k })}>
                          Remove task<span className="sr-only">: {activityLabel(task.activity)} of {who}</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
              {personIssues
                .filter((issue) => issue.path.startsWith(`people[${i}]`))
                .map((issue) => (
                  <p key={issue.path} className="rl-toil-error">
                    {issue.message}
                  </p>
                ))}
              <div className="rl-sim-buttons">
                <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'task.add', person: i })}>
                  Add task<span className="sr-only"> for {person.name.trim() || `person ${i + 1}`}</span>
                </button>
                <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'person.remove', index: i })} disabled={draft.people.length <= 1}>
                  Remove person<span className="sr-only"> {person.name.trim() || i + 1}</span>
                </button>
              </div>
              {measured && (
                <p className="rl-toil-result" data-limit={measured.belowLimit ? 'below' : 'above'}>
                  Toil: {formatHours(measured.toilHours)} of {formatHours(measured.totalHours)} hours, <strong>{formatPercent(measured.toilPercent)}</strong>,{' '}
                  <span className={measured.belowLimit ? 'rl-toil-ok' : 'rl-alert-firing'}>{measured.belowLimit ? 'below' : 'at or above'} the 50% line</span>
                </p>
              )}
            </fieldset>
          );
        })}
        <div className="rl-sim-buttons">
          <button type="button" className="rl-button" onClick={() => send({ type: 'person.add' })}>
            Add person
          </button>
          <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: 'team.reset' })}>
            Reset to the template's team
          </button>
        </div>
        {personIssues.filter((i) => !i.path.startsWith('people[')).map((i) => (
          <p key={i.path} className="rl-toil-error">
            {i.message}
          </p>
        ))}
        {editError && (
          <p className="rl-sim-warning" role="alert">
            Not changed: {editError}.
          </p>
        )}
      </section>

      <p className="rl-sim-summary" aria-live="polite">
        {invalid
          ? `${issues.length} ${issues.length === 1 ? 'field needs' : 'fields need'} fixing; the results below still show the last valid team. ${toilSummary(toil)}`
          : toilSummary(toil)}
      </p>

      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Toil per person and for the team">
        <table className="rl-sim-table" data-table="toil">
          <caption>
            Toil per person and for the team against the {TOIL_LIMIT_PERCENT}% line (keep toil below it)
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Working h/week</th>
              <th scope="col">Toil h/week</th>
              <th scope="col">Toil</th>
              <th scope="col">50% line</th>
            </tr>
          </thead>
          <tbody>
            {toil.people.map((p) => (
              <tr key={p.name} data-limit={p.belowLimit ? 'below' : 'above'}>
                <th scope="row">{p.name}</th>
                <td>{formatHours(p.totalHours)}</td>
                <td>{formatHours(p.toilHours)}</td>
                <td>{formatPercent(p.toilPercent)}</td>
                <td className={p.belowLimit ? 'rl-toil-ok' : 'rl-alert-firing'}>{p.belowLimit ? 'below' : 'at or above'}</td>
              </tr>
            ))}
            <tr data-row="team" data-limit={toil.belowLimit ? 'below' : 'above'}>
              <th scope="row">Team (hours-weighted)</th>
              <td>{formatHours(toil.workHours)}</td>
              <td>{formatHours(toil.toilHours)}</td>
              <td>{formatPercent(toil.toilPercent)}</td>
              <td className={toil.belowLimit ? 'rl-toil-ok' : 'rl-alert-firing'}>{toil.belowLimit ? 'below' : 'at or above'}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <figure className="rl-sim-chart">
        <figcaption>Toil breakdown: each person's week by activity, in percent of their working hours; the dashed line is 50%.</figcaption>
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={breakdownData} margin={{ top: 10, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
              <XAxis dataKey="name" stroke="var(--sl-color-gray-3)" interval={0} />
              <YAxis {...niceAxis([100], { unit: 'percent', cap: 100 })} stroke="var(--sl-color-gray-3)" />
              {activities.map((a, i) => (
                <Bar key={a.activity} dataKey={a.activity} stackId="toil" fill={ACTIVITY_COLORS[i % ACTIVITY_COLORS.length]} isAnimationActive={!reducedMotion} />
              ))}
              <ReferenceLine y={TOIL_LIMIT_PERCENT} stroke="#c92a2a" strokeDasharray="6 4" strokeWidth={2} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p className="rl-sim-legend">
          {activities.map((a, i) => (
            <span key={a.activity}>
              <span className="rl-swatch rl-toil-swatch" style={{ background: ACTIVITY_COLORS[i % ACTIVITY_COLORS.length] }} /> {activityLabel(a.activity)}
            </span>
          ))}
        </p>
        <details className="rl-sim-own">
          <summary>The breakdown as a table</summary>
          <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Toil hours per person and activity">
            <table className="rl-sim-table">
              <caption>Hours per week by activity (team total and whether the template proposes an improvement)</caption>
              <thead>
                <tr>
                  <th scope="col">Activity</th>
                  {toil.people.map((p) => (
                    <th scope="col" key={p.name}>
                      {p.name}
                    </th>
                  ))}
                  <th scope="col">Team</th>
                  <th scope="col">Template's rule</th>
                </tr>
              </thead>
              <tbody>
                {activities.map((a) => (
                  <tr key={a.activity}>
                    <th scope="row">{activityLabel(a.activity)}</th>
                    {toil.people.map((p) => (
                      <td key={p.name}>{formatHours(p.breakdown[a.activity] ?? 0)}</td>
                    ))}
                    <td>{formatHours(a.hoursPerWeek)}</td>
                    <td>
                      {scan.opportunities.some((o) => o.activity === a.activity)
                        ? 'opportunity'
                        : a.hoursPerWeek > OPPORTUNITY_MIN_HOURS
                          ? 'no catalogue entry (dropped by the template)'
                          : `at most ${OPPORTUNITY_MIN_HOURS} h: not considered`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>

      <fieldset className="rl-sim-controls">
        <legend>Cost and plan</legend>
        <label>
          Loaded cost per engineer hour ($)
          <input
            type="number"
            min={1}
            max={MAX_HOURLY_COST}
            step="any"
            value={costText}
            aria-invalid={settingsError ? true : undefined}
            aria-describedby={settingsError ? `${base}-cost-error` : undefined}
            onChange={(e) => {
              setCostText(e.target.value);
              send({ type: 'settings.change', settings: { hourlyCost: e.target.value.trim() === '' ? NaN : Number(e.target.value) } });
            }}
          />
          {settingsError && (
            <span className="rl-toil-error" id={`${base}-cost-error`}>
              {settingsError.charAt(0).toUpperCase() + settingsError.slice(1)}; still using ${settings.hourlyCost}.
            </span>
          )}
        </label>
        <label>
          Plan order on the timeline
          <select value={settings.order} onChange={(e) => send({ type: 'settings.change', settings: { order: e.target.value as PlanOrder } })}>
            {(Object.keys(ORDER_LABELS) as PlanOrder[]).map((o) => (
              <option key={o} value={o}>
                {ORDER_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Schedule
          <select value={settings.schedule} onChange={(e) => send({ type: 'settings.change', settings: { schedule: e.target.value as PlanSchedule } })}>
            {(Object.keys(SCHEDULE_LABELS) as PlanSchedule[]).map((s) => (
              <option key={s} value={s}>
                {SCHEDULE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Ranked improvement opportunities">
        <table className="rl-sim-table" data-table="opportunities">
          <caption>
            Improvement opportunities ranked by the template's combined score (0.4 × ROI score + 0.4 × strategic score + 0.2 × 2 × priority multiplier; at most{' '}
            {MAX_COMBINED_SCORE.toFixed(1)}), at {formatMoney(settings.hourlyCost)} an hour
          </caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Improvement</th>
              <th scope="col">Type, priority</th>
              <th scope="col">Cost</th>
              <th scope="col">Saved per month</th>
              <th scope="col">Payback</th>
              <th scope="col">ROI, year 1</th>
              <th scope="col">ROI score</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {ranked.length === 0 && (
              <tr>
                <td colSpan={9}>No opportunity: no activity with a catalogue entry takes more than {OPPORTUNITY_MIN_HOURS} team hours a week.</td>
              </tr>
            )}
            {ranked.map((r) => (
              <tr key={r.opportunity.activity} data-activity={r.opportunity.activity}>
                <td>{r.rank}</td>
                <th scope="row">
                  {r.opportunity.title}
                  <span className="rl-toil-sub">
                    {activityLabel(r.opportunity.activity)}: {formatHours(r.opportunity.activityHoursPerWeek)} h/week × 4 × {r.opportunity.removes} → {r.opportunity.savedHoursPerMonth} h/month
                  </span>
                </th>
                <td>
                  {r.opportunity.type}, {r.opportunity.priority}
                </td>
                <td>
                  {formatMoney(r.roi.implementationCost)} ({r.opportunity.effortHours} h)
                </td>
                <td>
                  {formatMoney(r.roi.monthlySavings)} ({r.opportunity.savedHoursPerMonth} h)
                </td>
                <td>{months(r.roi.paybackMonths)} months</td>
                <td>{formatWhole(r.roi.roiYear1)}%</td>
                <td>{formatHours(r.roiScore)}</td>
                <td>{r.combinedScore.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {scan.uncovered.length > 0 && (
        <p className="rl-toil-note">
          Not in the template's catalogue, so its report never mentions them:{' '}
          {scan.uncovered.map((u) => `${activityLabel(u.activity)} (${formatHours(u.hoursPerWeek)} h/week)`).join(', ')}.
        </p>
      )}

      <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Three-quarter plan">
        <table className="rl-sim-table" data-table="plan">
          <caption>The template's plan: the top three, one per quarter, one full-time engineer (40 h/week) each</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col">Improvement</th>
              <th scope="col">Effort</th>
              <th scope="col">Weeks (template's)</th>
              <th scope="col">Saved per month</th>
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {plan.steps.map((s) => (
              <tr key={s.quarter}>
                <td>Q{s.quarter}</td>
                <th scope="row">{s.title}</th>
                <td>{s.effortHours} h</td>
                <td>
                  {s.weeksCorrected}
                  {s.weeksSource !== s.weeksCorrected ? ` (template: ${s.weeksSource})` : ''}
                </td>
                <td>{s.savedHoursPerMonth} h</td>
                <td>{s.owner}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="rl-toil-note">
        Total investment {plan.totalEffortHours} h; total savings {plan.totalSavedHoursPerMonth} h a month ({formatHours(plan.savedHoursPerWeek)} h a week).
      </p>

      {headline && (
        <aside className="rl-toil-callout" aria-labelledby={`${base}-correction`} data-correction="new-toil-rate">
          <h4 id={`${base}-correction`}>Correction: the team's toil rate after the plan</h4>
          <dl className="rl-toil-compare">
            <div>
              <dt>The template prints</dt>
              <dd data-value="source">{formatPercent(headline.sourceValue!)}</dd>
            </div>
            <div>
              <dt>Corrected</dt>
              <dd data-value="corrected">{formatPercent(headline.correctedValue!)}</dd>
            </div>
          </dl>
          <p>
            <code>{headline.source}</code>
          </p>
          <p>
            <code>{headline.corrected}</code>
          </p>
          <p>{headline.explanation}</p>
          {others.length > 0 && (
            <details>
              <summary>Other corrections to the template ({others.length})</summary>
              <ul>
                {others.map((c) => (
                  <li key={c.id} data-correction={c.id}>
                    <strong>{c.title}.</strong> The template: {c.source}. Corrected: {c.corrected}. {c.explanation}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </aside>
      )}

      {timeline.projects.length > 0 && (
        <figure className="rl-sim-chart">
          <figcaption>
            Cumulative cost and savings of the plan ({ORDER_LABELS[settings.order].toLowerCase()}, {SCHEDULE_LABELS[settings.schedule].toLowerCase()}; each project saves from the day it
            ships).{' '}
            {timeline.paybackMonth === null
              ? 'It never pays back: it saves nothing.'
              : `Savings overtake cost for good after ${months(timeline.paybackMonth)} months (marked); net after 12 months ${formatMoney(timeline.netAtYear1)}.`}
          </figcaption>
          <div aria-hidden="true">
            <ResponsiveContainer width="100%" height={260}>
              <LineChart accessibilityLayer={false} data={timeline.points} margin={{ top: 10, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--sl-color-gray-5)" />
                <XAxis dataKey="month" type="number" domain={[0, timeline.horizonMonths]} tickFormatter={(m: number) => `${m}`} stroke="var(--sl-color-gray-3)" />
                <YAxis {...niceAxis(timeline.points.flatMap((d) => [d.cumulativeCost, d.cumulativeSavings]), { unit: 'dollars' })} stroke="var(--sl-color-gray-3)" />
                <Line type="linear" dataKey="cumulativeCost" stroke="#d9480f" strokeWidth={2} dot={false} isAnimationActive={!reducedMotion} />
                <Line type="linear" dataKey="cumulativeSavings" stroke="#1c7ed6" strokeWidth={2} dot={false} isAnimationActive={!reducedMotion} />
                {timeline.paybackMonth !== null && (
                  <>
                    <ReferenceLine x={timeline.paybackMonth} stroke="var(--sl-color-gray-2)" strokeDasharray="4 4" />
                    <ReferenceDot
                      x={timeline.paybackMonth}
                      y={timeline.points.find((p) => p.month === timeline.paybackMonth)?.cumulativeSavings ?? 0}
                      r={5}
                      fill="var(--sl-color-text)"
                      stroke="none"
                    />
                  </>
                )}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <p className="rl-sim-legend">
            <span>
              <span className="rl-swatch rl-toil-swatch" style={{ background: '#d9480f' }} /> cumulative cost
            </span>
            <span>
              <span className="rl-swatch rl-toil-swatch" style={{ background: '#1c7ed6' }} /> cumulative savings
            </span>
            <span>dot and dashed line: payback, months from the start</span>
          </p>
          <details className="rl-sim-own">
            <summary>The timeline as a table</summary>
            <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Cumulative cost and savings by month">
              <table className="rl-sim-table">
                <caption>Cumulative cost and savings (months from the start of the plan; fractional months are starts, ship dates and the payback point)</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col">Cost so far</th>
                    <th scope="col">Savings so far</th>
                    <th scope="col">Net</th>
                  </tr>
                </thead>
                <tbody>
                  {timeline.points.map((p) => (
                    <tr key={p.month} data-payback={p.month === timeline.paybackMonth || undefined}>
                      <th scope="row">
                        {Number.isInteger(p.month) ? p.month : p.month.toFixed(2)}
                        {p.month === timeline.paybackMonth ? ' (payback)' : ''}
                      </th>
                      <td>{formatMoney(p.cumulativeCost)}</td>
                      <td>{formatMoney(p.cumulativeSavings)}</td>
                      <td>{formatMoney(p.net)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>
      )}

      <section className="rl-toil-xkcd" aria-labelledby={`${base}-xkcd`}>
        <h3 id={`${base}-xkcd`}>Is it worth the time? (xkcd 1205)</h3>
        <p className="rl-toil-note">
          How long you can spend automating a routine task before it stops paying off over five years: time saved per run × runs per year × 5, in
          calendar time (24-hour days), rounded down as in the comic. "—": the task would take more time than there is.
        </p>
        <div className="rl-sim-controls rl-toil-pick">
          <label>
            A task from the survey
            <select value={xkcd.task ?? ''} onChange={(e) => send({ type: 'xkcd.pick', task: e.target.value === '' ? null : e.target.value })}>
              <option value="">None</option>
              {taskChoices.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label} ({formatHours(c.hours)} h/week)
                </option>
              ))}
            </select>
          </label>
          <label>
            How often it runs
            <select value={xkcd.frequency} onChange={(e) => send({ type: 'xkcd.pick', frequency: e.target.value as FrequencyId })}>
              {FREQUENCIES.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="rl-toil-note" aria-live="polite">
          {picked && placement
            ? `${picked.label}: ${formatHours(picked.hours)} h/week, run ${FREQUENCIES[placement.row]!.label.toLowerCase()}, is about ${formatComicDuration(placement.secondsPerRun)} a run (column "${TIME_SAVED[placement.column]!.label}"). Automating it away completely is worth up to ${formatWhole(placement.breakEvenSeconds / 3600)} hours (${formatComicDuration(placement.breakEvenSeconds)}) over five years, whatever the frequency.`
            : 'Pick a task to highlight its row and column.'}
        </p>
        <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="xkcd 1205 table">
          <table className="rl-sim-table rl-toil-comic" data-table="xkcd">
            <caption>
              Time you can spend automating, by how often the task runs (rows) and how much time it saves (columns)
              {placement ? `; highlighted: row ${FREQUENCIES[placement.row]!.label}, column ${TIME_SAVED[placement.column]!.label}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">How often</th>
                {TIME_SAVED.map((c, ci) => (
                  <th scope="col" key={c.label} data-highlight={placement?.column === ci || undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {COMIC.map((row, ri) => (
                <tr key={FREQUENCIES[ri]!.id} data-highlight={placement?.row === ri || undefined}>
                  <th scope="row">{FREQUENCIES[ri]!.label}</th>
                  {row.map((cell, ci) => (
                    <td
                      key={ci}
                      data-highlight={(placement !== null && (placement.row === ri || placement.column === ci)) || undefined}
                      data-cell={placement?.row === ri && placement?.column === ci ? 'picked' : undefined}
                    >
                      {cell.text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <details className="rl-sim-own">
        <summary>The team as JSON (for rlab toil --input), or load one</summary>
        <label>
          Current team
          <textarea readOnly rows={6} value={teamToJson(team)} />
        </label>
        <label>
          Paste a team to load
          <textarea rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder={'{"people": [{"name": "dana", "totalWorkHours": 40, "tasks": [{"activity": "manualDeployments", "hoursPerWeek": 12}]}]}'} />
        </label>
        <button type="button" className="rl-button" disabled={pasted.trim() === ''} onClick={loadPasted}>
          Load this team
        </button>
        {pasteIssues.length > 0 && (
          <div className="rl-sim-warning" role="alert">
            <p>The team was not loaded:</p>
            <ul>
              {pasteIssues.slice(0, 10).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            {pasteIssues.length > 10 && <p>…and {pasteIssues.length - 10} more.</p>}
          </div>
        )}
      </details>

      <p className="rl-sim-cli">
        The same analysis in a terminal: <code>{cliCommand(settings, team)}</code>
        {isSourceTeam(team) ? '' : ' (save the JSON above as team.json)'}
      </p>
    </div>
  );
}
