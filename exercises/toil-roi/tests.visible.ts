import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** The lesson's survey: one week of the template's three engineers. */
const survey = [
  { member: 'alice@company.example', totalWorkHours: 40, hours: { manualDeployments: 8, incidentResponse: 4, manualMonitoring: 6, ticketTriaging: 3, manualTesting: 2 } },
  { member: 'bob@company.example', totalWorkHours: 40, hours: { manualDeployments: 6, incidentResponse: 8, manualMonitoring: 4, ticketTriaging: 2, manualTesting: 3 } },
  { member: 'charlie@company.example', totalWorkHours: 40, hours: { manualDeployments: 10, incidentResponse: 2, manualMonitoring: 5, ticketTriaging: 4, manualTesting: 1 } },
];

/** The three improvements the lesson's survey produces (savings: weekly hours x 4 x share, truncated). */
const improvements = [
  // 15 h/week x 4 x 0.7 = 42
  { title: 'Implement proactive alerting', type: 'tooling', priority: 'high', effortHours: 40, savedHoursPerMonth: 42 },
  // 24 h/week x 4 x 0.8 = 76.8 -> 76
  { title: 'Implement automated deployment pipeline', type: 'automation', priority: 'high', effortHours: 80, savedHoursPerMonth: 76 },
  // 9 h/week x 4 x 0.5 = 18
  { title: 'Implement intelligent ticket routing', type: 'automation', priority: 'medium', effortHours: 60, savedHoursPerMonth: 18 },
] as const;

export default defineTests<typeof M>([
  // Alice: 8 + 4 + 6 + 3 + 2 = 23 h of 40 = 57.5%.
  {
    id: 'alice',
    name: "Alice's week: 23 toil hours of 40, 57.5%",
    task: 1,
    input: survey[0],
    run: (m, week) => m.measureToil(week, '2024-01-19'),
    expect: {
      member: 'alice@company.example',
      totalHours: 40,
      toilHours: 23,
      toilPercentage: 57.5,
      breakdown: { manualDeployments: 8, incidentResponse: 4, manualMonitoring: 6, ticketTriaging: 3, manualTesting: 2 },
      weekEnding: '2024-01-19',
    },
  },
  // Bob 23/40 = 57.5%, Charlie 22/40 = 55%; the team 68 of 120 h = 56.67%.
  {
    id: 'survey-team',
    name: 'the survey team: 57.5%, 57.5%, 55.0%, and 68 of 120 hours (56.7%) for the team',
    task: 1,
    input: survey,
    run: (m, weeks) => {
      const rs = weeks.map((w: M.ToilWeek) => m.measureToil(w, '2024-01-19'));
      return { people: rs.map((r: M.ToilMeasurement) => r.toilPercentage), team: m.teamToil(rs) };
    },
    expect: { people: [57.5, 57.5, 55], team: { toilHours: 68, workHours: 120, toilPercentage: (68 / 120) * 100 } },
    points: 2,
  },
  // 16 of 20 h (80%) and 8 of 40 h (20%) average to 50%, but the team spent 24 of 60 h: 40%.
  {
    id: 'team-not-average',
    name: 'different working hours: the team figure is 24 of 60 hours (40%), not the 50% average',
    task: 1,
    input: [
      { member: 'part-timer', totalWorkHours: 20, hours: { incidentResponse: 10, manualDeployments: 6 } },
      { member: 'full-timer', totalWorkHours: 40, hours: { ticketTriaging: 8 } },
    ],
    run: (m, weeks) => m.teamToil(weeks.map((w: M.ToilWeek) => m.measureToil(w, '2024-01-19'))).toilPercentage,
    expect: 40,
  },
  // 80 h x $100 = $8,000; 76 h x $100 = $7,600 a month; x 12 = $91,200; 8,000 / 7,600 = 1.0526 months;
  // 91,200 - 8,000 = $83,200; 83,200 / 8,000 = 1,040%.
  {
    id: 'roi-pipeline',
    name: 'the deployment pipeline: $8,000, $7,600 a month, payback 1.05 months, ROI 1,040%',
    task: 2,
    input: improvements[1],
    run: (m, item) => m.calculateRoi(item),
    expect: { implementationCost: 8_000, monthlySavings: 7_600, annualSavings: 91_200, paybackMonths: 8_000 / 7_600, netBenefitYear1: 83_200, roiYear1: 1_040 },
    points: 2,
  },
  // Alerting: 4,000 / 4,200 = 0.952 months, (50,400 - 4,000) / 4,000 = 1,160%.
  // Routing: 6,000 / 1,800 = 3.33 months, (21,600 - 6,000) / 6,000 = 260%.
  {
    id: 'roi-payback-all',
    name: 'payback and first-year ROI of the three improvements',
    task: 2,
    input: improvements,
    run: (m, items) => items.map((i: M.Candidate) => [m.calculateRoi(i).paybackMonths, m.calculateRoi(i).roiYear1]),
    expect: [
      [4_000 / 4_200, 1_160],
      [8_000 / 7_600, 1_040],
      [6_000 / 1_800, 260],
    ],
  },
  // 120 / 1.05 = 114, capped at 10; a payback of 12 months is not under 12: 1.
  {
    id: 'roi-score-switch',
    name: 'the ROI score is 10 for any payback under a year, 1 from 12 months on',
    task: 3,
    input: [8_000 / 7_600, 11, 12],
    run: (m, paybacks) => paybacks.map((p: number) => m.roiScore(p)),
    expect: [10, 10, 1],
  },
  // Pipeline 4 + 3.6 + 0.6 = 8.2; routing 4 + 3.6 + 0.4 = 8.0; alerting 4 + 2.8 + 0.6 = 7.4.
  {
    id: 'ranking',
    name: 'the ranking: pipeline 8.2, ticket routing 8.0, proactive alerting 7.4',
    task: 3,
    input: improvements,
    run: (m, items) => m.prioritize(items).map((r) => [r.item.title, r.score]),
    expect: [
      ['Implement automated deployment pipeline', 8.2],
      ['Implement intelligent ticket routing', 8.0],
      ['Implement proactive alerting', 7.4],
    ],
    points: 2,
  },
  // 68 h/week of toil; 136 h/month saved / 4 = 34 h/week; (68 - 34) / 120 = 28.33%, not the template's -963.3%.
  {
    id: 'projected-survey',
    name: 'after the plan the survey team is at 28.3% toil, not -963.3%',
    task: 4,
    input: [68, 42 + 76 + 18, 120],
    run: (m, [toil, saved, work]) => m.projectedToil(toil, saved, work),
    expect: { savedPerWeek: 34, newToilHours: 34, toilPercentage: (34 / 120) * 100 },
    points: 2,
  },
  // 10 h/week of toil, 80 h/month saved = 20 h/week: toil cannot go below zero.
  {
    id: 'projected-floor',
    name: 'savings larger than the toil leave 0 hours, not a negative number',
    task: 4,
    input: [10, 80, 40],
    run: (m, [toil, saved, work]) => m.projectedToil(toil, saved, work),
    expect: { savedPerWeek: 20, newToilHours: 0, toilPercentage: 0 },
  },
]);
