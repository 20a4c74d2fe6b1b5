import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** Sloth's tiers: the Workbook's three plus a ticket pair 1d/2h at 10%. */
const slothTiers = [
  { severity: 'page', long: '1h', short: '5m', longHours: 1, budgetPercent: 2 },
  { severity: 'page', long: '6h', short: '30m', longHours: 6, budgetPercent: 5 },
  { severity: 'ticket', long: '1d', short: '2h', longHours: 24, budgetPercent: 10 },
  { severity: 'ticket', long: '3d', short: '6h', longHours: 72, budgetPercent: 10 },
] as const;

export default defineTests<typeof M>([
  // 28 days = 672 h: 0.02 x 672 = 13.44; 0.05 x 672 / 6 = 5.6; 0.1 x 672 / 24 = 2.8; 0.1 x 672 / 72 = 0.9333.
  {
    id: 'factors-28d',
    name: "Sloth's factors for 28 days: 13.44, 5.6, 2.8, 0.9333",
    task: 1,
    input: null,
    run: (m) => [m.burnFactor(2, 1, 672), m.burnFactor(5, 6, 672), m.burnFactor(10, 24, 672), m.burnFactor(10, 72, 672)],
    expect: [13.44, 5.6, 2.8, 67.2 / 72],
  },
  // Half the budget left at 6x: 0.5 x 720 / 6 = 60 h. No burn: never.
  { id: 'exhaustion-remaining', name: 'with half the budget left 6x lasts 60 h; burn 0 never exhausts it', task: 1, input: null, run: (m) => [m.timeToExhaustion(720, 6, 0.5), m.timeToExhaustion(720, 0)], expect: [60, Infinity] },
  // 3 d at 1x: 72 / 720 = 10%; 6 h at 6x: 36 / 720 = 5%; one failure in 10 requests an hour at 99.9%: burn 100 for 1 h = 13.9%.
  { id: 'spent-tiers', name: 'budget spent: 10% for 3 d at 1x, 5% for 6 h at 6x, 13.9% for an hour at 100x', task: 1, input: null, run: (m) => [m.budgetSpent(1, 72, 720), m.budgetSpent(6, 6, 720), m.budgetSpent(100, 1, 720)], expect: [0.1, 0.05, 100 / 720] },
  { id: 'budget-one', name: 'an SLO of 1 (100%) leaves no budget and is refused', task: 1, input: 1, run: (m, s) => m.errorBudget(s), throws: { name: 'RangeError' } },
  // 14.4 x 0.0005 = 0.0072: exactly at it does not fire; 0.0073 does. (With an unrounded budget,
  // 14.4 x 0.0004999999999999449 = 0.0071999999999992, and 0.0072 would fire.)
  {
    id: 'exact-9995',
    name: 'at 99.95%, 0.0072 (exactly 14.4x) does not page; 0.0073 does',
    task: 2,
    input: [{ '1h': 0.0072, '5m': 0.0072 }, { '1h': 0.0073, '5m': 0.0073 }],
    run: (m, cases) => cases.map((ratios: Record<string, number>) => m.firingTiers(0.9995, 30, ratios).map((t) => `${t.long}/${t.short}`)),
    expect: [[], ['1h/5m']],
  },
  // Burn 1.5 everywhere: below 14.4 and 6, above 1: only the ticket.
  {
    id: 'slow-leak',
    name: 'a slow leak at 1.5x opens a ticket and pages nobody',
    task: 2,
    input: { '5m': 0.0015, '30m': 0.0015, '1h': 0.0015, '6h': 0.0015, '3d': 0.0015 },
    run: (m, ratios) => m.firingTiers(0.999, 30, ratios).map((t) => `${t.long}/${t.short}`),
    expect: ['3d/6h'],
  },
  // 90% SLO, everything failing: 1 > 1.44 is false, so only the 6x (0.6) and 1x (0.1) tiers fire.
  {
    id: 'outage-90',
    name: 'a 90% SLO fully down: the 14.4x tier cannot fire, the other two do',
    task: 2,
    input: { '5m': 1, '30m': 1, '1h': 1, '6h': 1, '3d': 1 },
    run: (m, ratios) => m.firingTiers(0.9, 30, ratios).map((t) => `${t.long}/${t.short}`),
    expect: ['6h/30m', '3d/6h'],
  },
  // 0.0135 at 99.9% is burn 13.5: above 13.44 (28 days), below 14.4 (30 days). Only the 1 h windows are given.
  {
    id: 'period-28',
    name: 'burn 13.5 pages on a 28-day SLO (13.44x) but not on a 30-day one (14.4x)',
    task: 2,
    input: { tiers: slothTiers, ratios: { '1h': 0.0135, '5m': 0.0135 } },
    run: (m, { tiers, ratios }) => [m.firingTiers(0.999, 28, ratios, tiers), m.firingTiers(0.999, 30, ratios)].map((ts) => ts.map((t) => `${t.long}/${t.short}`)),
    expect: [['1h/5m'], []],
  },
  // 28 days with Sloth's tiers: 13.44, 5.6, 2.8, 0.933333333333 (12 significant digits); recording windows 5m, 1h, 30m, 6h, 2h, 1d, 3d.
  {
    id: 'sloth-28d',
    name: "Sloth's tiers on 28 days: 13.44, 5.6, 2.8 and 0.933333333333, and seven recorded windows",
    task: 3,
    input: slothTiers,
    run: (m, tiers) => {
      const r = m.sloRules({ service: 'api', name: 'availability', objective: 0.999, periodDays: 28, errorRatio: (w) => `ratio[${w}]` }, tiers);
      return { records: r.recording.map((x) => x.record.replace('slo:sli_error:ratio_rate', '')), thresholds: r.alerts.map((a) => a.expr.match(/\([0-9.e-]+ \* [0-9.e-]+\)/g)) };
    },
    expect: {
      records: ['5m', '1h', '30m', '6h', '2h', '1d', '3d'],
      thresholds: [
        ['(13.44 * 0.001)', '(13.44 * 0.001)', '(5.6 * 0.001)', '(5.6 * 0.001)'],
        ['(2.8 * 0.001)', '(2.8 * 0.001)', '(0.933333333333 * 0.001)', '(0.933333333333 * 0.001)'],
      ],
    },
  },
  // 99.95%: thresholds 14.4, 6 and 1 times 0.0005. No range on an expression ("...)[1h]"),
  // no "* 100" (percent), no 36x anywhere.
  {
    id: 'valid-promql',
    name: 'for 99.95%: thresholds 14.4, 6 and 1 times 0.0005, no range on an expression, no percentages, no 36x',
    task: 3,
    input: null,
    run: (m) => {
      const r = m.sloRules({ service: 'payment-api', name: 'availability', objective: 0.9995, periodDays: 30, errorRatio: (w) => `sum(rate(http_requests_total{code=~"5.."}[${w}])) / sum(rate(http_requests_total[${w}]))` });
      const exprs = [...r.recording, ...r.alerts].map((x) => x.expr);
      return {
        rangeOnExpression: exprs.some((e) => /\)\s*\[/.test(e)),
        percent: exprs.some((e) => /\*\s*100\b/.test(e)),
        thirtySix: exprs.some((e) => /\b36\b/.test(e)),
        thresholds: r.alerts.map((a) => a.expr.match(/\([0-9.e-]+ \* [0-9.e-]+\)/g)),
      };
    },
    expect: {
      rangeOnExpression: false,
      percent: false,
      thirtySix: false,
      thresholds: [
        ['(14.4 * 0.0005)', '(14.4 * 0.0005)', '(6 * 0.0005)', '(6 * 0.0005)'],
        ['(1 * 0.0005)', '(1 * 0.0005)'],
      ],
    },
  },
  // B = 0.2: 14.4 x 0.2 = 2.88 and 6 x 0.2 = 1.2 can never be exceeded: no page alert at all.
  {
    id: 'slo-80',
    name: 'an 80% SLO has only a ticket alert; both paging tiers are unreachable',
    task: 3,
    input: null,
    run: (m) => {
      const r = m.sloRules({ service: 'reports', name: 'availability', objective: 0.8, periodDays: 30, errorRatio: (w) => `ratio[${w}]` });
      return { alerts: r.alerts.map((a) => a.alert), unreachable: r.unreachable.map((t) => t.long) };
    },
    expect: { alerts: ['ReportsAvailabilityErrorBudgetBurnTicket'], unreachable: ['1h', '6h'] },
  },
  { id: 'rules-percent', name: 'an objective of 99.95 (a percentage) is refused', task: 3, input: null, run: (m) => m.sloRules({ service: 'payment-api', name: 'availability', objective: 99.95, periodDays: 30, errorRatio: (w) => `ratio[${w}]` }), throws: { name: 'RangeError' } },
]);
