import { describe, expect, it } from 'vitest';
import {
  analyzeTeam,
  breakEvenSeconds,
  calculateRoi,
  corrections,
  formatComicDuration,
  MAX_COMBINED_SCORE,
  measureTeam,
  placeTask,
  planTimeline,
  roiScore,
  SOURCE_TEAM,
  TIME_SAVED,
  xkcdTable,
  type Team,
} from './model';

const source = analyzeTeam(SOURCE_TEAM);

describe('the toil survey (source data)', () => {
  it("gives each person's toil percentage as the source prints it", () => {
    // alice: 8 + 4 + 6 + 3 + 2 = 23 h of 40 = 57.5%; bob: 6 + 8 + 4 + 2 + 3 = 23 h = 57.5%;
    // charlie: 10 + 2 + 5 + 4 + 1 = 22 h = 55.0%. All three are above the 50% line.
    // (23 / 40 * 100 is 57.49999999999999 in binary floating point, in Python as here; both print 57.5.)
    expect(source.toil.people.map((p) => [p.toilHours, p.toilPercent.toFixed(1), p.belowLimit])).toEqual([
      [23, '57.5', false],
      [23, '57.5', false],
      [22, '55.0', false],
    ]);
  });

  it('gives the team figure as hours over hours, and the source average of percentages', () => {
    // 68 toil hours of 120 = 56.67%; the mean of 57.5, 57.5 and 55 is also 56.67 (everyone works 40 h).
    expect(source.toil.toilHours).toBe(68);
    expect(source.toil.workHours).toBe(120);
    expect(source.toil.toilPercent).toBeCloseTo(56.667, 3);
    expect(source.toil.averageOfPercentages).toBeCloseTo(56.667, 3);
    expect(source.toil.toilPercent.toFixed(1)).toBe('56.7');
  });

  it('weights the team figure by hours when people work different hours', () => {
    // The lesson's example: a 20-hour week at 80% toil (16 h) and a 40-hour week at 20% (8 h).
    // The mean of the percentages is 50%; the team spent 16 + 8 = 24 of 60 hours on toil: 40%.
    // (The lesson's text says "32 of 60 hours, 53%", an arithmetic slip reported separately.)
    const team: Team = {
      people: [
        { name: 'part-time', totalWorkHours: 20, tasks: [{ activity: 'manualTesting', hoursPerWeek: 16 }] },
        { name: 'full-time', totalWorkHours: 40, tasks: [{ activity: 'manualTesting', hoursPerWeek: 8 }] },
      ],
    };
    const toil = measureTeam(team);
    expect(toil.averageOfPercentages).toBe(50);
    expect(toil.toilPercent).toBe(40);
    expect(corrections(analyzeTeam(team)).find((c) => c.id === 'team-average')).toMatchObject({ sourceValue: 50, correctedValue: 40 });
  });

  it('treats exactly 50% as not below the line (keep toil below 50%)', () => {
    const toil = measureTeam({ people: [{ name: 'x', totalWorkHours: 40, tasks: [{ activity: 'incidentResponse', hoursPerWeek: 20 }] }] });
    expect(toil.people[0]!.belowLimit).toBe(false);
  });
});

describe("the source's opportunity rules, ROI and ranking", () => {
  it('finds the three catalogue opportunities with truncated monthly savings, and keeps what the source drops', () => {
    // Team hours: deployments 8+6+10 = 24, incidents 4+8+2 = 14, monitoring 6+4+5 = 15,
    // triage 3+2+4 = 9, testing 2+3+1 = 6; all above 5 h.
    // deployments: int(24 * 4 * 0.8) = int(76.8) = 76; monitoring: int(15 * 4 * 0.7) = 42; triage: int(9 * 4 * 0.5) = 18.
    // Sorted by priority (high, high, medium), ties in the source's order: deployments, monitoring, triage.
    expect(source.scan.opportunities.map((o) => [o.activity, o.savedHoursPerMonth, o.effortHours])).toEqual([
      ['manualDeployments', 76, 80],
      ['manualMonitoring', 42, 40],
      ['ticketTriaging', 18, 60],
    ]);
    expect(source.scan.uncovered).toEqual([
      { activity: 'incidentResponse', hoursPerWeek: 14 },
      { activity: 'manualTesting', hoursPerWeek: 6 },
    ]);
  });

  it('computes ROI at $100 an hour as the source does', () => {
    // Pipeline: cost 80 * 100 = $8,000; savings 76 * 100 = $7,600/month; payback 8000 / 7600 = 1.0526;
    // year 1: 12 * 7600 - 8000 = $83,200, ROI 83200 / 8000 = 1,040%.
    expect(calculateRoi({ effortHours: 80, savedHoursPerMonth: 76 })).toEqual({
      implementationCost: 8000,
      monthlySavings: 7600,
      annualSavings: 91_200,
      paybackMonths: 8000 / 7600,
      netBenefitYear1: 83_200,
      roiYear1: 1040,
    });
    // Nothing saved: payback never comes.
    expect(calculateRoi({ effortHours: 10, savedHoursPerMonth: 0 }).paybackMonths).toBe(Infinity);
  });

  it('ranks by the combined score: 8.2, 8.0, 7.4, the best ROI last', () => {
    // Every payback is under 12 months, so every ROI score is min(10, 120 / payback) = 10.
    // pipeline (automation 9, high 1.5): 4 + 3.6 + 0.6 = 8.2, ROI 1,040%, payback 1.05 months
    // routing (automation 9, medium 1.0): 4 + 3.6 + 0.4 = 8.0, cost $6,000, $1,800/month, payback 3.33, ROI (21600 - 6000) / 6000 = 260%
    // alerting (tooling 7, high 1.5): 4 + 2.8 + 0.6 = 7.4, cost $4,000, $4,200/month, payback 0.95, ROI (50400 - 4000) / 4000 = 1,160%
    const rows = source.ranked.map((r) => [r.opportunity.title, r.combinedScore.toFixed(1), r.roi.paybackMonths.toFixed(2), Math.round(r.roi.roiYear1), r.roiScore]);
    expect(rows).toEqual([
      ['Implement automated deployment pipeline', '8.2', '1.05', 1040, 10],
      ['Implement intelligent ticket routing', '8.0', '3.33', 260, 10],
      ['Implement proactive alerting', '7.4', '0.95', 1160, 10],
    ]);
  });

  it('makes the ROI score a switch at 12 months, and caps the combined score at 8.4', () => {
    expect([0.5, 6, 11.9, 12, 30, Infinity].map(roiScore)).toEqual([10, 10, 10, 1, 1, 1]);
    // 0.4 * 10 + 0.4 * 9 + 0.2 * 2 * 2.0 = 8.4
    expect(MAX_COMBINED_SCORE).toBeCloseTo(8.4, 10);
  });

  it('keeps dollars out of payback and ROI: only the money figures scale with the hourly cost', () => {
    const at150 = analyzeTeam(SOURCE_TEAM, 150);
    expect(at150.ranked[0]!.roi.implementationCost).toBe(12_000);
    expect(at150.ranked.map((r) => r.roi.roiYear1)).toEqual(source.ranked.map((r) => r.roi.roiYear1));
  });
});

describe('the plan and the new toil rate', () => {
  it("builds the three-quarter plan, with the source's floored weeks next to rounded-up ones", () => {
    // 80 // 40 = 2, 60 // 40 = 1 (really 1.5, so 2 weeks), 40 // 40 = 1.
    expect(source.plan.steps.map((s) => [s.quarter, s.effortHours, s.weeksSource, s.weeksCorrected, s.owner])).toEqual([
      [1, 80, 2, 2, 'platform-team'],
      [2, 60, 1, 2, 'support-platform-team'],
      [3, 40, 1, 1, 'sre-team'],
    ]);
    expect(source.plan.totalEffortHours).toBe(180);
    expect(source.plan.totalSavedHoursPerMonth).toBe(136); // 76 + 18 + 42
  });

  it("shows the source's mixed-unit toil rate (-963.3%) and the corrected one (28.3%)", () => {
    // Source: 56.67 - (136 / 40 * 3 * 100) = 56.67 - 1020 = -963.33.
    expect(source.plan.sourceNewToilPercent.toFixed(1)).toBe('-963.3');
    // Corrected: 136 h/month / 4 = 34 h/week saved; (68 - 34) / 120 = 28.33%.
    expect(source.plan.savedHoursPerWeek).toBe(34);
    expect(source.plan.newToilHoursPerWeek).toBe(34);
    expect(source.plan.correctedNewToilPercent.toFixed(1)).toBe('28.3');
    const fix = corrections(source).find((c) => c.id === 'new-toil-rate')!;
    expect(fix.sourceValue).toBe(source.plan.sourceNewToilPercent);
    // The source subtracts 1020 points where the real reduction is 56.67 - 28.33 = 28.33: 36 times too much
    // (x4 for monthly hours read as weekly, x9 for multiplying by 3 people instead of dividing by 3 * 40 h / 40).
    expect(fix.explanation).toContain('36 times');
  });

  it('lists every correction that applies to the source team', () => {
    expect(corrections(source).map((c) => c.id)).toEqual(['new-toil-rate', 'plan-weeks', 'score-scale', 'roi-score', 'uncovered']);
  });
});

describe('the plan timeline', () => {
  it('pays back 1.05 months after the pipeline ships when the source order runs one project a quarter', () => {
    // Pipeline: 80 h / 160 h a month = 0.5 months to build, then $7,600 a month. Net is -$8,000 at
    // month 0.5 and positive from then on (routing starts at month 3 with $19,000 already saved):
    // payback at 0.5 + 8000 / 7600 = 1.553 months. Net after 12 months:
    // 7600 * 11.5 + 1800 * (12 - 3.375) + 4200 * (12 - 6.25) - 18000 = 87400 + 15525 + 24150 - 18000 = 109,075.
    const t = planTimeline(source.plan, source.ranked, 100, 'score', 'quarterly');
    expect(t.projects.map((p) => [p.startMonth, p.shipMonth])).toEqual([
      [0, 0.5],
      [3, 3.375],
      [6, 6.25],
    ]);
    expect(t.paybackMonth).toBeCloseTo(0.5 + 8000 / 7600, 10);
    expect(t.netAtYear1).toBeCloseTo(109_075, 6);
    expect(t.totalCost).toBe(18_000);
    const atPayback = t.points.find((p) => p.month === t.paybackMonth)!;
    expect(atPayback.net).toBeCloseTo(0, 6);
  });

  it('pays back sooner but earns less in year one with the fastest payback first', () => {
    // Alerting first: 40 h = 0.25 months, then $4,200/month: payback 0.25 + 4000 / 4200 = 1.202 months.
    // Year 1: 4200 * 11.75 + 7600 * (12 - 3.5) + 1800 * (12 - 6.375) - 18000 = 49350 + 64600 + 10125 - 18000 = 106,075.
    const t = planTimeline(source.plan, source.ranked, 100, 'fastest-payback', 'quarterly');
    expect(t.projects.map((p) => p.title)).toEqual(['Implement proactive alerting', 'Implement automated deployment pipeline', 'Implement intelligent ticket routing']);
    expect(t.paybackMonth).toBeCloseTo(0.25 + 4000 / 4200, 10);
    expect(t.netAtYear1).toBeCloseTo(106_075, 6);
  });

  it('runs projects back to back when asked', () => {
    // Pipeline 0 to 0.5, routing 0.5 to 0.875, alerting 0.875 to 1.125 months.
    const t = planTimeline(source.plan, source.ranked, 100, 'score', 'back-to-back');
    expect(t.projects.map((p) => p.shipMonth)).toEqual([0.5, 0.875, 1.125]);
    // Net at 0.875: savings 7600 * 0.375 = 2850, cost 14000 -> -11150; at 1.125: 7600 * 0.625 + 1800 * 0.25 = 5200 vs 18000 -> -12800.
    // After 1.125 the slope is 13,600/month: payback 1.125 + 12800 / 13600 = 2.066 months.
    expect(t.paybackMonth).toBeCloseTo(1.125 + 12_800 / 13_600, 10);
  });

  it('never pays back when nothing is saved', () => {
    const team: Team = { people: [{ name: 'x', totalWorkHours: 40, tasks: [{ activity: 'manualDeployments', hoursPerWeek: 1.2 }, { activity: 'manualMonitoring', hoursPerWeek: 0.5 }] }] };
    const a = analyzeTeam(team);
    expect(a.ranked).toEqual([]); // nothing above 5 team hours
    expect(planTimeline(a.plan, a.ranked, 100, 'score', 'quarterly').paybackMonth).toBe(0);
  });
});

describe('xkcd 1205', () => {
  it('matches the reference: 5 minutes saved daily is 9,125 minutes, about 6.3 days', () => {
    // 5 min * 365 runs * 5 years = 9,125 min = 152.1 h = 6.34 days.
    expect(breakEvenSeconds(300, 'daily') / 60).toBe(9125);
    expect(breakEvenSeconds(300, 'daily') / 86_400).toBeCloseTo(6.34, 2);
    const table = xkcdTable();
    expect(table[2]![4]!.text).toBe('6 days'); // row daily, column 5 minutes
  });

  it('writes cells like the comic, rounded down in the largest unit', () => {
    const table = xkcdTable();
    const row = (i: number) => table[i]!.map((c) => c.text);
    // 50/day: 1 s * 18,250 * 5 = 91,250 s = 25.3 h -> 1 day; 5 s -> 5.28 days; 30 s -> 31.7 days = 4.5 weeks;
    // 1 min -> 63.4 days = 2.08 months; 5 min -> 317 days = 10.4 months; 30 min a run 50 times a day
    // is 25 h a day: impossible, as are the longer ones.
    expect(row(0)).toEqual(['1 day', '5 days', '4 weeks', '2 months', '10 months', '—', '—', '—', '—']);
    // weekly: 1 s * 52 * 5 = 260 s = 4 min; 5 s -> 21 min; 30 s -> 2 h; 1 min -> 4 h; 5 min -> 21 h;
    // 30 min -> 5.4 days; 1 h -> 10.8 days = 1.5 weeks; 6 h -> 65 days = 2.1 months; 1 day -> 260 days = 8.5 months.
    expect(row(3)).toEqual(['4 minutes', '21 minutes', '2 hours', '4 hours', '21 hours', '5 days', '1 week', '2 months', '8 months']);
    // yearly: 5 s, 25 s, 2.5 min, 5 min, 25 min, 2.5 h, 5 h, 30 h, 5 days.
    expect(row(5)).toEqual(['5 seconds', '25 seconds', '2 minutes', '5 minutes', '25 minutes', '2 hours', '5 hours', '1 day', '5 days']);
    // daily, 1 day saved: the task takes all the time there is.
    expect(table[2]![8]!.possible).toBe(false);
    expect(formatComicDuration(0.5)).toBe('0.5 seconds');
  });

  it('places a survey task in the table and values it independently of the frequency', () => {
    // Alice's 8 h/week of deployments, weekly: one 8-hour run, nearest column "6 hours" (ln(8/6) = 0.29 < ln(24/8) = 1.1).
    const weekly = placeTask(8, 'weekly');
    expect(TIME_SAVED[weekly.column]!.label).toBe('6 hours');
    expect(weekly.secondsPerRun).toBeCloseTo(8 * 3600, 6);
    // Over five years: 8 h * 52 weeks * 5 = 2,080 h, whatever the frequency.
    expect(weekly.breakEvenSeconds / 3600).toBeCloseTo(2080, 6);
    expect(placeTask(8, '5/day').breakEvenSeconds / 3600).toBeCloseTo(2080, 6);
  });
});
