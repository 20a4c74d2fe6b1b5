/**
 * Speed of the burn-rate model, for the project's bench (`npm run bench`) to call; never
 * asserted in tests. Uses `performance.now()`, so it is not part of the pure model.
 */
import { evaluate, multiwindowRules, scenario, workbookApproaches, type SloSpec } from './model';

/** Options of `benchBurnRate`. */
export interface BenchOptions {
  /** `all`: the six Workbook approaches (default); `multiwindow`: approach 6 only. */
  rules?: 'all' | 'multiwindow';
  /** Timed runs; the median is reported. Default 7. */
  runs?: number;
}

/**
 * Median milliseconds for `evaluate` over 90 days at 60 s steps (129,600 samples), after one
 * warm-up run. Generating the series is not timed.
 */
export function benchBurnRate(options: BenchOptions = {}): { samples: number; ms: number } {
  const slo: SloSpec = { target: 0.999, periodSeconds: 30 * 86_400 };
  const { series, event } = scenario('slow-burn', { slo, seed: 'bench', days: 90, stepSeconds: 60 });
  const rules = options.rules === 'multiwindow' ? multiwindowRules(slo) : workbookApproaches(slo).flatMap((a) => a.rules);
  evaluate(series, slo, rules, { event });
  const times: number[] = [];
  for (let i = 0; i < (options.runs ?? 7); i++) {
    const start = performance.now();
    evaluate(series, slo, rules, { event });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { samples: series.samples.length, ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 };
}
