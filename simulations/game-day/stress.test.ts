import { describe, expect, it } from 'vitest';
import type { InjectSpec } from '../incident/contract';
import { clockText, faster, MS_PER_MINUTE, SPEEDS, speedLabel } from './clock';
import { dueInjects, STRESS_PACE, stressSchedule } from './stress';

const injects: InjectSpec[] = [
  { id: 'replica-lag', title: 'Replica lag', kind: 'second-failure', text: 'The read replica falls behind.', addsErrorRatio: 0.1, clearedBy: 'restart' },
  { id: 'vp-eta', title: 'VP asks for an ETA', kind: 'stakeholder', text: 'When will it be fixed?' },
  { id: 'disk-alert', title: 'Disk alert', kind: 'misleading-alert', text: 'Disk 81% on log host.' },
  { id: 'big-customer', title: 'Big customer', kind: 'customer-escalation', text: 'Our largest customer escalates.' },
];

describe('stress dial', () => {
  it('off never fires anything', () => {
    expect(stressSchedule(injects, 7, 'off')).toEqual([]);
  });

  it('draws the same schedule for the same seed, and another for another seed', () => {
    // Measured once and pinned: seed 7 high shuffles to vp-eta, disk-alert, replica-lag,
    // big-customer with gaps 10, 5, 6, 9 (each in 5-10) -> minutes 10, 15, 21, 30.
    expect(stressSchedule(injects, 7, 'high')).toEqual([
      { at: 10, inject: 'vp-eta' },
      { at: 15, inject: 'disk-alert' },
      { at: 21, inject: 'replica-lag' },
      { at: 30, inject: 'big-customer' },
    ]);
    expect(stressSchedule(injects, 7, 'high')).toEqual(stressSchedule(injects, 7, 'high'));
    expect(stressSchedule(injects, 1, 'high')).not.toEqual(stressSchedule(injects, 7, 'high'));
  });

  it('low fires at most two distractions, 15-25 minutes apart, never a second failure', () => {
    for (let seed = 0; seed < 200; seed++) {
      const s = stressSchedule(injects, seed, 'low');
      expect(s).toHaveLength(STRESS_PACE.low.maxInjects);
      expect(s.some((x) => x.inject === 'replica-lag')).toBe(false);
      s.forEach((x, i) => {
        const gap = x.at - (i === 0 ? 0 : s[i - 1]!.at);
        expect(gap).toBeGreaterThanOrEqual(15);
        expect(gap).toBeLessThanOrEqual(25);
      });
    }
  });

  it('high fires every inject once, 5-10 minutes apart, so all four are out by minute 40', () => {
    for (let seed = 0; seed < 200; seed++) {
      const s = stressSchedule(injects, seed, 'high');
      expect(s.map((x) => x.inject).sort()).toEqual(['big-customer', 'disk-alert', 'replica-lag', 'vp-eta']);
      // Four gaps of at most 10 minutes: the last fires by minute 40; of at least 5: not before 20.
      expect(s[3]!.at).toBeGreaterThanOrEqual(20);
      expect(s[3]!.at).toBeLessThanOrEqual(40);
    }
  });

  it('releases an inject when the clock passes its minute, unless it already fired by hand', () => {
    const schedule = [
      { at: 10, inject: 'vp-eta' },
      { at: 15, inject: 'disk-alert' },
    ];
    expect(dueInjects(schedule, 9, 10, [])).toEqual([{ at: 10, kind: 'inject', inject: 'vp-eta' }]);
    expect(dueInjects(schedule, 10, 11, [])).toEqual([]);
    expect(dueInjects(schedule, 14, 15, [{ at: 4, kind: 'inject', inject: 'disk-alert' }])).toEqual([]);
  });
});

describe('game-day clock', () => {
  it('offers 10 s, 5 s, 2 s and 1 s per simulated minute', () => {
    expect(SPEEDS.map((s) => MS_PER_MINUTE[s])).toEqual([10_000, 5_000, 2_000, 1_000]);
    // 60 minutes x 10 s = 600 s: an hour of incident in 10 real minutes.
    expect(speedLabel('10s')).toBe('1 minute per 10 s (an hour in 10 min)');
    expect(faster('2s')).toBe('1s');
    expect(faster('1s')).toBe('1s');
  });

  it('shows minutes as T+h:mm', () => {
    expect(clockText(0)).toBe('T+0:00');
    expect(clockText(7)).toBe('T+0:07');
    expect(clockText(65)).toBe('T+1:05');
  });
});
