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
  throw new Error('Not implemented: histogramQuantile');
}

/** The share of requests that failed between two scrapes; counters may have been reset. */
export function errorRatio(before: Scrape, after: Scrape): number {
  throw new Error('Not implemented: errorRatio');
}
