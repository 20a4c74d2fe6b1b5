/** One cumulative histogram bucket: requests (or a rate) that took at most `le` seconds. */
export interface Bucket {
  /** Upper bound in seconds; `Infinity` for the +Inf bucket. */
  le: number;
  /** Cumulative count (or rate) up to this bound. */
  rate: number;
}

/** Raw counter values read in one scrape. */
export interface Scrape {
  total: number;
  errors: number;
}

/** The q-quantile of a cumulative histogram, as PromQL's `histogram_quantile` computes it. */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const last = buckets[buckets.length - 1];
  if (buckets.length < 2 || !last || last.le !== Infinity) return NaN;
  const total = last.rate;
  if (!(total > 0)) return NaN;
  const rank = q * total;
  const i = buckets.findIndex((b) => b.rate >= rank);
  const bucket = buckets[i]!;
  if (bucket.le === Infinity) return buckets[buckets.length - 2]!.le;
  const lower = i === 0 ? 0 : buckets[i - 1]!.le;
  const below = i === 0 ? 0 : buckets[i - 1]!.rate;
  const count = bucket.rate - below;
  if (count === 0) return bucket.le;
  return lower + (bucket.le - lower) * ((rank - below) / count);
}

/** A counter's increase between two reads; a drop means it restarted from zero. */
function increase(before: number, after: number): number {
  return after >= before ? after - before : after;
}

/** The share of requests that failed between two scrapes; counters may have been reset. */
export function errorRatio(before: Scrape, after: Scrape): number {
  const total = increase(before.total, after.total);
  const errors = increase(before.errors, after.errors);
  return total > 0 ? errors / total : NaN;
}
