/**
 * One run of the burn-rate simulator as the lesson shows it: the scenario's traffic, the
 * Workbook's six approaches evaluated side by side, and chart-ready series (downsampled).
 * Pure: the same parameters always give the same run, in the browser and in the CLI.
 */
import { formatDuration } from '../core/duration';
import { errorBudget, evaluate, scenario, slidingErrorRatio, workbookApproaches, type EventWindow, type Series, type Severity } from './model';
import { periodSeconds, type BurnRateParams } from './params';

/** One row of the comparison table: one approach (its rules taken together). */
export interface ApproachRow {
  number: number;
  label: string;
  /** Seconds from the start of the event to the first firing, or null if it never fired during it. */
  detectionDelaySeconds: number | null;
  /** Seconds after the event ended until it stopped firing; null if missed or still firing. */
  resetSeconds: number | null;
  /** Fraction of the period's budget spent when it first fired. */
  budgetSpentAtDetection: number | null;
  missed: boolean;
  /** Firings that did not overlap the event (noise). */
  falseAlarms: number;
  /** Most urgent severity that fired during the event. */
  severity: Severity | null;
}

/** A point of the chart, time in hours since the start of the series. */
export interface ChartPoint {
  hours: number;
  /** Error ratio over 5 minutes, as a percentage. */
  errorPercent: number;
  /** Budget remaining, as a percentage (can go below 0). */
  budgetPercent: number;
}

/** A series the learner brought (a CSV file), used instead of the built-in scenario. */
export interface CustomSeries {
  /** File name or "pasted series". */
  label: string;
  series: Series;
}

/** Everything the view shows for one set of parameters. */
export interface BurnRateRun {
  params: BurnRateParams;
  description: string;
  errorBudget: number;
  /** The bad event; null for a learner's own series (times then count from the series start). */
  event: { startHours: number; endHours: number } | null;
  rows: ApproachRow[];
  chart: ChartPoint[];
  budgetSpent: number;
  exhaustedAtHours: number | null;
  /** One sentence for screen readers and the summary line. */
  summary: string;
}

/** Keeps at most `max` evenly spaced points, always keeping the maximum of each bucket for spikes. */
export function downsampleMax<T>(points: T[], max: number, value: (p: T) => number): T[] {
  if (points.length <= max) return points;
  const size = points.length / max;
  const out: T[] = [];
  for (let b = 0; b < max; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length, Math.floor((b + 1) * size));
    let best = points[from]!;
    for (let i = from + 1; i < to; i++) if (value(points[i]!) > value(best)) best = points[i]!;
    out.push(best);
  }
  return out;
}

/**
 * Runs the simulator for the given parameters, on the built-in scenario they name or, when
 * `custom` is given, on the learner's own series (then "fires after" counts from its start).
 */
export function runBurnRate(params: BurnRateParams, maxChartPoints = 1500, custom?: CustomSeries): BurnRateRun {
  const slo = { target: params.sloPercent / 100, periodSeconds: periodSeconds(params.period) };
  const sc: { series: Series; event: EventWindow | null; description: string } = custom
    ? { series: custom.series, event: null, description: `Your series (${custom.label})` }
    : scenario(params.scenario, { slo, seed: params.seed });
  const approaches = workbookApproaches(slo, { sloth: params.sloth });
  const evaluation = evaluate(
    sc.series,
    slo,
    approaches.flatMap((a) => a.rules),
    { event: sc.event },
  );
  const start = (sc.series.samples[0]?.t ?? 0) - sc.series.stepSeconds;
  const byRule = new Map(evaluation.rules.map((r) => [r.rule, r]));
  const rows: ApproachRow[] = approaches.map((a) => {
    const results = a.rules.map((r) => byRule.get(r)!);
    const detected = results.filter((r) => r.detectedAt !== null).sort((x, y) => x.detectedAt! - y.detectedAt!);
    const first = detected[0];
    const resets = results.filter((r) => !r.missed).map((r) => r.resetSeconds);
    return {
      number: a.number,
      label: a.label,
      detectionDelaySeconds: sc.event ? (first?.detectionDelaySeconds ?? null) : first ? first.detectedAt! - start : null,
      resetSeconds: resets.length === 0 || resets.some((r) => r === null) ? null : Math.max(...(resets as number[])),
      budgetSpentAtDetection: first?.budgetSpentAtDetection ?? null,
      missed: detected.length === 0,
      falseAlarms: results.reduce((s, r) => s + (r.firingsOutsideEvent ?? 0), 0),
      severity: detected.some((r) => r.rule.severity === 'page') ? 'page' : detected.length ? 'ticket' : null,
    };
  });

  const ratio5m = slidingErrorRatio(sc.series, 300);
  const all: ChartPoint[] = sc.series.samples.map((s, i) => ({
    hours: s.t / 3600,
    errorPercent: ratio5m[i]! * 100,
    budgetPercent: evaluation.budgetRemaining[i]! * 100,
  }));
  const chart = downsampleMax(all, maxChartPoints, (p) => p.errorPercent);
  const missed = rows.filter((r) => r.missed).map((r) => r.number);
  const six = rows[5]!;
  const summary =
    `${sc.description} at SLO ${params.sloPercent}% over ${params.period}: ` +
    `${(evaluation.budgetSpent * 100).toFixed(1)}% of the budget spent. ` +
    (missed.length ? `Approach${missed.length > 1 ? 'es' : ''} ${missed.join(', ')} ${sc.event ? 'missed it' : 'never fired'}. ` : 'Every approach fired. ') +
    (six.missed ? 'Multiwindow alerting did not fire.' : `Multiwindow alerting fired after ${formatDuration(six.detectionDelaySeconds!)}.`);
  return {
    params,
    description: sc.description,
    errorBudget: errorBudget(slo.target),
    event: sc.event ? { startHours: sc.event.startSeconds / 3600, endHours: sc.event.endSeconds / 3600 } : null,
    rows,
    chart,
    budgetSpent: evaluation.budgetSpent,
    exhaustedAtHours: evaluation.exhaustedAt === null ? null : evaluation.exhaustedAt / 3600,
    summary,
  };
}
