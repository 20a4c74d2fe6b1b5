import { describe, expect, it } from 'vitest';
import { formatDuration, formatWindow, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['15s', 15],
    ['1m', 60],
    ['6h', 21_600],
    ['28d', 2_419_200],
    ['30d', 2_592_000],
    ['1w', 604_800],
    ['1h30m', 5_400],
    ['1.5h', 5_400],
    ['90', 90],
    [' 2m ', 120],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'm', '-5m', '5 minutes', '1y', '5m extra', '1h-30m'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatWindow and formatDuration', () => {
  it('writes windows in their largest exact unit, as the Workbook names them', () => {
    expect([300, 1_800, 3_600, 21_600, 129_600, 259_200, 90].map(formatWindow)).toEqual(['5m', '30m', '1h', '6h', '36h', '3d', '90s']);
  });

  it('writes durations as parts, and round-trips through parseDuration', () => {
    expect(formatDuration(3_480)).toBe('58m');
    expect(formatDuration(86_460)).toBe('1d 1m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(-90)).toBe('-1m 30s');
    for (const s of [1, 59, 61, 3_599, 90_061, 2_592_000]) {
      expect(parseDuration(formatDuration(s).replaceAll(' ', ''))).toBe(s);
    }
  });
});
