import { describe, expect, it } from 'vitest';
import { binomial, createRng, normal, poisson, type Rng } from './rng';

const draws = (count: number, draw: () => number): number[] => Array.from({ length: count }, draw);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('createRng', () => {
  it('gives the same sequence for the same seed, as a string or a number', () => {
    const a = draws(50, createRng(42));
    expect(draws(50, createRng(42))).toEqual(a);
    expect(draws(50, createRng('42'))).toEqual(a);
  });

  it('gives different sequences for different seeds', () => {
    expect(draws(50, createRng('a'))).not.toEqual(draws(50, createRng('b')));
  });

  it('stays in [0, 1)', () => {
    const xs = draws(10_000, createRng('range'));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('distribution helpers', () => {
  const N = 20_000;
  let rng: Rng;
  const fresh = (seed: string) => (rng = createRng(seed));

  it('normal has the requested mean and standard deviation', () => {
    fresh('normal');
    const xs = draws(N, () => normal(rng, 5, 2));
    expect(mean(xs)).toBeCloseTo(5, 1);
    expect(Math.sqrt(variance(xs))).toBeCloseTo(2, 1);
  });

  it.each([0.3, 4, 25, 600])('poisson(%d) has mean and variance lambda, with integer draws', (lambda) => {
    fresh(`poisson-${lambda}`);
    const xs = draws(N, () => poisson(rng, lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    // Tolerance: 5 standard errors of the mean.
    expect(Math.abs(mean(xs) - lambda)).toBeLessThan(5 * Math.sqrt(lambda / N));
    expect(variance(xs) / lambda).toBeGreaterThan(0.9);
    expect(variance(xs) / lambda).toBeLessThan(1.1);
  });

  it('poisson of zero or a negative rate is 0', () => {
    fresh('poisson-0');
    expect(poisson(rng, 0)).toBe(0);
    expect(poisson(rng, -1)).toBe(0);
  });

  it.each([
    [20, 0.3], // small n: exact
    [600, 0.001], // rare errors: exact
    [600, 0.9], // p > 0.5 by symmetry
    [100_000, 0.0001], // many trials, rare outcome: still exact
    [5_000, 0.4], // normal approximation
  ])('binomial(%d, %d) has mean n*p and variance n*p*(1-p)', (n, p) => {
    fresh(`binomial-${n}-${p}`);
    const xs = draws(N, () => binomial(rng, n, p));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(mean(xs) - n * p)).toBeLessThan((5 * sd) / Math.sqrt(N));
    expect(variance(xs) / sd ** 2).toBeGreaterThan(0.9);
    expect(variance(xs) / sd ** 2).toBeLessThan(1.1);
  });

  it('binomial handles the edges: no trials, p = 0, p = 1', () => {
    fresh('binomial-edges');
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 500, 0)).toBe(0);
    expect(binomial(rng, 500, 1)).toBe(500);
    expect(binomial(rng, 50_000, 1)).toBe(50_000);
  });
});
