import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** A team with different working hours. */
const uneven = [
  // 12 + 8 = 20 of 32 h = 62.5%
  { member: 'erin', totalWorkHours: 32, hours: { manualDeployments: 12, manualTesting: 8 } },
  // 10 of 40 h = 25%
  { member: 'frank', totalWorkHours: 40, hours: { incidentResponse: 10 } },
  // 4 + 8 = 12 of 16 h = 75%
  { member: 'grace', totalWorkHours: 16, hours: { manualMonitoring: 4, ticketTriaging: 8 } },
];

export default defineTests<typeof M>([
  // No totalWorkHours: 40. 10 + 2 = 12 of 40 = 30%; unreported activities appear as 0.
  {
    id: 'defaults',
    name: 'missing working hours default to 40 and missing activities count as 0',
    task: 1,
    input: { member: 'dana', hours: { incidentResponse: 10, manualTesting: 2 } },
    run: (m, week) => m.measureToil(week, '2024-02-02'),
    expect: {
      member: 'dana',
      totalHours: 40,
      toilHours: 12,
      toilPercentage: 30,
      breakdown: { manualDeployments: 0, incidentResponse: 10, manualMonitoring: 0, ticketTriaging: 0, manualTesting: 2 },
      weekEnding: '2024-02-02',
    },
  },
  { id: 'zero-hours', name: 'a week of 0 working hours is refused', task: 1, input: { member: 'nobody', totalWorkHours: 0, hours: {} }, run: (m, week) => m.measureToil(week, '2024-02-02'), throws: { name: 'RangeError' } },
  // 20 + 10 + 12 = 42 of 32 + 40 + 16 = 88 h: 47.73%. The mean of 62.5, 25 and 75 is 54.17%,
  // on the wrong side of the 50% line.
  {
    id: 'uneven-team',
    name: 'an uneven team: 42 of 88 hours is 47.7%, not the 54.2% average of percentages',
    task: 1,
    input: uneven,
    run: (m, weeks) => {
      const rs = weeks.map((w: M.ToilWeek) => m.measureToil(w, '2024-02-02'));
      return { people: rs.map((r: M.ToilMeasurement) => r.toilPercentage), team: m.teamToil(rs) };
    },
    expect: { people: [62.5, 25, 75], team: { toilHours: 42, workHours: 88, toilPercentage: (42 / 88) * 100 } },
  },
  // At $150: 60 x 150 = 9,000; 18 x 150 = 2,700 a month; 32,400 a year; net 23,400; ROI 260%; payback 3.33.
  {
    id: 'roi-hourly-cost',
    name: 'at $150 an hour the dollars change, payback and ROI do not',
    task: 2,
    input: { effortHours: 60, savedHoursPerMonth: 18 },
    run: (m, item) => m.calculateRoi(item, 150),
    expect: { implementationCost: 9_000, monthlySavings: 2_700, annualSavings: 32_400, paybackMonths: 9_000 / 2_700, netBenefitYear1: 23_400, roiYear1: 260 },
  },
  // 40 h x $100 = $4,000 spent, nothing saved: payback never, net -$4,000, ROI -100%.
  {
    id: 'roi-saves-nothing',
    name: 'an improvement that saves nothing never pays back and returns -100%',
    task: 2,
    input: { effortHours: 40, savedHoursPerMonth: 0 },
    run: (m, item) => m.calculateRoi(item),
    expect: { implementationCost: 4_000, monthlySavings: 0, annualSavings: 0, paybackMonths: Infinity, netBenefitYear1: -4_000, roiYear1: -100 },
  },
  // 120 / 11.9 = 10.08 -> 10; never paying back -> 1; 18 months -> 1.
  { id: 'roi-score-edges', name: 'ROI score of 11.9 months, of never, of 18 months', task: 3, input: [11.9, Infinity, 18], run: (m, ps) => ps.map((p: number) => m.roiScore(p)), expect: [10, 1, 1] },
  // Critical automation paying back in 1 month: 0.4 x 10 + 0.4 x 9 + 0.2 x 4 = 8.4, the highest possible.
  // Low-priority process paying back in 40 months: 0.4 x 1 + 0.4 x 6 + 0.2 x 1 = 3.0.
  {
    id: 'score-extremes',
    name: 'the best possible score is 8.4; a slow low-priority process change scores 3.0',
    task: 3,
    input: [
      { title: 'auto-remediate disk full', type: 'automation', priority: 'critical', effortHours: 20, savedHoursPerMonth: 20 },
      { title: 'new on-call handbook', type: 'process', priority: 'low', effortHours: 400, savedHoursPerMonth: 10 },
    ],
    run: (m, cs) => cs.map((c: M.Candidate) => m.combinedScore(c)),
    expect: [8.4, 3.0],
  },
  // Training, critical, 100 h for 5 h/month: payback 20 months -> ROI score 1: 0.4 + 2 + 0.8 = 3.2.
  // Two tooling/high items with fast paybacks: 7.4 each, kept in input order.
  // Architecture/high, 200 h for 10 h/month: payback 20 -> 0.4 + 3.2 + 0.6 = 4.2.
  {
    id: 'rank-ties-and-slow',
    name: 'ties keep their input order and a slow payback sinks an item',
    task: 3,
    input: [
      { title: 'chaos training', type: 'training', priority: 'critical', effortHours: 100, savedHoursPerMonth: 5 },
      { title: 'dashboard as code', type: 'tooling', priority: 'high', effortHours: 30, savedHoursPerMonth: 12 },
      { title: 'split the monolith', type: 'architecture', priority: 'high', effortHours: 200, savedHoursPerMonth: 10 },
      { title: 'log search tool', type: 'tooling', priority: 'high', effortHours: 20, savedHoursPerMonth: 40 },
    ],
    run: (m, cs) => m.prioritize(cs).map((r) => [r.item.title, r.strategic, r.score]),
    expect: [
      ['dashboard as code', 7, 7.4],
      ['log search tool', 7, 7.4],
      ['split the monolith', 8, 4.2],
      ['chaos training', 5, 3.2],
    ],
  },
  // The uneven team (42 of 88 h) saves 40 h/month = 10 h/week: 32 / 88 = 36.36%.
  { id: 'projected-uneven', name: 'the uneven team after saving 40 hours a month: 36.4%', task: 4, input: [42, 40, 88], run: (m, [t, s, w]) => m.projectedToil(t, s, w).toilPercentage, expect: (32 / 88) * 100 },
  // 86.6 h/month at 4.33 weeks a month = 20 h/week; (50 - 20) / 100 = 30%.
  {
    id: 'projected-weeks-per-month',
    name: 'savings estimated at 4.33 weeks a month are converted back with 4.33',
    task: 4,
    input: [50, 86.6, 100, 4.33],
    run: (m, [t, s, w, wpm]) => m.projectedToil(t, s, w, wpm),
    expect: { savedPerWeek: 20, newToilHours: 30, toilPercentage: 30 },
  },
]);
