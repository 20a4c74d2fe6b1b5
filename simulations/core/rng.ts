import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). Models take one instead of the global, unseeded random source. */
export type Rng = () => number;

/** A seeded RNG (seedrandom's ARC4): the same seed always gives the same sequence. */
export function createRng(seed: string | number): Rng {
  const prng = seedrandom(String(seed));
  return () => prng();
}

/** One draw from a normal distribution (Box-Muller; uses two uniforms). */
export function normal(rng: Rng, mean: number, sd: number): number {
  // 1 - u is in (0, 1], so the logarithm is finite.
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Means at or above this use the normal approximation in `poisson` and `binomial`. */
const APPROXIMATE_ABOVE_MEAN = 30;

/**
 * One draw from a Poisson distribution: Knuth's product method for `lambda < 30`, otherwise
 * a normal approximation rounded to an integer and clamped at 0.
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda >= APPROXIMATE_ABOVE_MEAN) {
    return Math.max(0, Math.round(normal(rng, lambda, Math.sqrt(lambda))));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let product = rng();
  while (product > limit) {
    k += 1;
    product *= rng();
  }
  return k;
}

/** Up to this many trials `binomial` is always exact. */
const EXACT_UP_TO_TRIALS = 1000;

/**
 * One draw from a binomial distribution (`n` trials, success probability `p`).
 * Exact (inverse transform, one uniform, about `n * min(p, 1 - p)` steps) when `n <= 1000`
 * or when the rarer outcome is expected fewer than 30 times (so rare errors among many
 * requests stay exact); otherwise a normal approximation, rounded and clamped to [0, n].
 */
export function binomial(rng: Rng, n: number, p: number): number {
  const trials = Math.floor(n);
  if (trials <= 0 || !(p > 0)) return 0;
  if (p >= 1) return trials;
  if (p > 0.5) return trials - binomial(rng, trials, 1 - p);
  const mean = trials * p;
  if (trials > EXACT_UP_TO_TRIALS && mean >= APPROXIMATE_ABOVE_MEAN) {
    const draw = Math.round(normal(rng, mean, Math.sqrt(mean * (1 - p))));
    return Math.min(trials, Math.max(0, draw));
  }
  // Inverse transform: walk the CDF from k = 0 until it passes u.
  const u = rng();
  const odds = p / (1 - p);
  let pmf = Math.pow(1 - p, trials);
  let cdf = pmf;
  let k = 0;
  while (u >= cdf && k < trials) {
    pmf *= (odds * (trials - k)) / (k + 1);
    k += 1;
    cdf += pmf;
  }
  return k;
}
