/**
 * Value axes that read: a domain that ends on a round number, ticks in 1-2-5 steps, labels in
 * compact units (33k, 1.2 s, 2.5%), quantities that cannot pass a limit (a percentage of CPU)
 * capped there, and an axis wide enough for its longest label. Pure: every chart in the simulators
 * and the game day spreads the result into recharts' `<YAxis {...axis} />`.
 */

/** Tick label size in px. */
export const TICK_FONT_PX = 12;

/** A no-break space between a number and its unit, so recharts never wraps `600 ms` onto two lines. */
const NBSP = '\u00a0';

/** What an axis measures, which decides how its labels are written. */
export type AxisUnit = 'count' | 'ms' | 'percent' | 'dollars';

/** The props a recharts `<YAxis>` takes from {@link niceAxis}. */
export interface NiceAxis {
  /** `[bottom, top]`, both on the tick grid. */
  domain: [number, number];
  /** Every tick from bottom to top, evenly spaced. */
  ticks: number[];
  /** Writes a tick value in the axis's unit, compactly (`33k`, `1.2 s`). */
  tickFormatter: (value: number) => string;
  /** Pixels the labels need (at the 12 px tick font set in course.css), so none is cut. */
  width: number;
  /** Every tick is drawn; recharts would otherwise drop some to avoid overlaps. */
  interval: 0;
  /** The labels' font size, which recharts also measures with (12 px, as {@link axisWidthFor} assumes). */
  tick: { fontSize: number };
  /** Values beyond a cap are drawn at the edge instead of stretching the axis past it. */
  allowDataOverflow: boolean;
}

/** Options for {@link niceAxis}. */
export interface NiceAxisOptions {
  /** How labels are written (default `count`). */
  unit?: AxisUnit;
  /** Values that must stay in view besides the data, such as an alert threshold. */
  include?: readonly number[];
  /** The axis never goes above this (100 for a percentage that cannot exceed it). */
  cap?: number;
  /** The smallest top, so a flat zero line still has an axis (default 1). */
  minTop?: number;
  /** About how many intervals between ticks (default 4). */
  intervals?: number;
}

/**
 * The 1, 2 or 5 times a power of ten nearest to `rough` (on a log scale, as d3's tick step does:
 * 2.2 -> 2, 3.5 -> 5, 8 -> 10); 1 for anything not positive and finite.
 */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.sqrt(2) ? 2 : 1;
  return nice * power;
}

/** Decimals a label needs to tell ticks `step` apart (0.5 -> 1, 0.05 -> 2, 20 -> 0). */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/** Trims a number to `decimals` without trailing zeros or `-0`. */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * A formatter for ticks `step` apart on an axis whose largest magnitude is `extent`: thousands as
 * `k` (and millions as `M`) from 1,000 up, milliseconds as seconds from 1,000 ms up, `%` and `$`;
 * zero is plain `0` (`0%` and `$0` for percentages and money).
 */
export function tickFormatterFor(unit: AxisUnit, step: number, extent: number): (value: number) => string {
  const scaled = (divisor: number, suffix: string, prefix = '') => (value: number) =>
    `${value < 0 ? '-' : ''}${prefix}${fixed(Math.abs(value) / divisor, decimalsFor(step / divisor))}${value === 0 && suffix !== '%' ? '' : suffix}`;
  const big = Math.abs(extent);
  switch (unit) {
    case 'ms':
      return big >= 1000 ? scaled(1000, `${NBSP}s`) : scaled(1, `${NBSP}ms`);
    case 'percent':
      return scaled(1, '%');
    case 'dollars':
      return big >= 1e6 ? scaled(1e6, 'M', '$') : big >= 1000 ? scaled(1000, 'k', '$') : scaled(1, '', '$');
    case 'count':
    default:
      return big >= 1e6 ? scaled(1e6, 'M') : big >= 1000 ? scaled(1000, 'k') : scaled(1, '');
  }
}

/** Pixels a y axis needs for these labels at a 12 px font: about 7 px a character plus the tick mark. */
export function axisWidthFor(labels: readonly string[]): number {
  const longest = labels.reduce((n, label) => Math.max(n, label.length), 1);
  return Math.ceil(longest * 7 + 14);
}

/**
 * A value axis for `values` (non-finite ones are ignored): from 0, or from a round number below the
 * smallest negative value, to the first round number at or above the largest (or the cap), in
 * 1-2-5 steps.
 */
export function niceAxis(values: Iterable<number>, options: NiceAxisOptions = {}): NiceAxis {
  const { unit = 'count', include = [], cap, minTop = 1, intervals = 4 } = options;
  let low = 0;
  let high = 0;
  for (const v of [...values, ...include]) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  let overflow = false;
  if (cap !== undefined && high > cap) {
    high = cap;
    overflow = true;
  }
  high = Math.max(high, Math.min(minTop, cap ?? minTop));
  const step = niceStep((high - low) / Math.max(1, intervals));
  const bottom = Math.floor(low / step + 1e-9) * step;
  let top = Math.ceil(high / step - 1e-9) * step;
  // A cap that is not on the grid (rare: 100 always is for 1-2-5 steps) still bounds the axis.
  if (cap !== undefined && top > cap) top = cap;
  const ticks: number[] = [];
  const count = Math.round((top - bottom) / step);
  for (let i = 0; i <= count; i++) ticks.push(Number((bottom + i * step).toFixed(12)));
  if (ticks[ticks.length - 1]! < top) ticks.push(top);
  const tickFormatter = tickFormatterFor(unit, step, Math.max(Math.abs(bottom), Math.abs(top)));
  return {
    domain: [ticks[0]!, top],
    ticks,
    tickFormatter,
    width: axisWidthFor(ticks.map(tickFormatter)),
    interval: 0,
    tick: { fontSize: TICK_FONT_PX },
    allowDataOverflow: overflow,
  };
}
