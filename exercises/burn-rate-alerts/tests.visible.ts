import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

export default defineTests<typeof M>([
  // 30 days = 720 h. 0.02 x 720 / 1 = 14.4; 0.05 x 720 / 6 = 6; 0.10 x 720 / 72 = 1.
  {
    id: 'factors-30d',
    name: 'the Workbook factors for 30 days: 14.4, 6 and 1',
    task: 1,
    input: null,
    run: (m) => [m.burnFactor(2, 1, 720), m.burnFactor(5, 6, 720), m.burnFactor(10, 72, 720)],
    expect: [14.4, 6, 1],
    points: 2,
  },
  // 0.0144 / 0.001 = 14.4. 720 / 14.4 = 50 h; 720 / 36 = 20 h. 36 x 1 h / 720 h = 5% (the common "36x = 2%" is wrong);
  // 14.4 x 1 / 720 = 2%.
  {
    id: 'exhaustion-and-spent',
    name: '1.44% errors at 99.9% is burn 14.4; it empties the budget in 50 h, 36x in 20 h; an hour at 36x spends 5%, at 14.4x 2%',
    task: 1,
    input: null,
    run: (m) => [m.burnRate(0.0144, 0.001), m.timeToExhaustion(720, 14.4), m.timeToExhaustion(720, 36), m.budgetSpent(36, 1, 720), m.budgetSpent(14.4, 1, 720)],
    expect: [14.4, 50, 20, 0.05, 0.02],
  },
  // 1 - 0.9995 is 0.0004999999999999449 in floating point; rounded to 12 significant digits, 0.0005.
  { id: 'budget-exact', name: 'the budget of 99.95% is exactly 0.0005 and of 99.9% exactly 0.001', task: 1, input: [0.9995, 0.999], run: (m, slos) => slos.map((s: number) => m.errorBudget(s)), expect: [0.0005, 0.001], tolerance: 0 },
  { id: 'budget-percent', name: 'an SLO written as a percentage (99.9) is refused', task: 1, input: 99.9, run: (m, slo) => m.errorBudget(slo), throws: { name: 'RangeError' } },
  // Threshold 14.4 x 0.001 = 0.0144; 0.0144 > 0.0144 is false. (The common (100 - 99.9) x 14.4 / 100
  // is 0.014399999999999183, and against it 0.0144 would fire.)
  {
    id: 'exact-threshold',
    name: 'an error ratio of exactly 0.0144 at 99.9% does not page: the comparison is strict',
    task: 2,
    input: { '1h': 0.0144, '5m': 0.0144 },
    run: (m, ratios) => m.firingTiers(0.999, 30, ratios).map((t) => `${t.long}/${t.short}`),
    expect: [],
    points: 2,
  },
  // 2% errors at 99.9% is burn 20: above 14.4, so the 1h/5m pair pages (a 36x threshold would miss it).
  {
    id: 'burn-20',
    name: 'a burn of 20 on the 1 h and 5 min windows pages (a 36x rule would stay quiet)',
    task: 2,
    input: { '1h': 0.02, '5m': 0.02 },
    run: (m, ratios) => m.firingTiers(0.999, 30, ratios).map((t) => `${t.long}/${t.short}`),
    expect: ['1h/5m'],
  },
  // The hour still shows 2% but the last 5 minutes only 0.05%: the pair needs both, so it has stopped.
  {
    id: 'short-window-resets',
    name: 'once the 5-minute window recovers, the 1h/5m pair stops even though the hour is still high',
    task: 2,
    input: { '1h': 0.02, '5m': 0.0005 },
    run: (m, ratios) => m.firingTiers(0.999, 30, ratios).map((t) => `${t.long}/${t.short}`),
    expect: [],
  },
  // 0.0002 is 0.02% of requests failing: burn 0.2. Compared as a percentage (0.02 > 0.0144) it would page.
  {
    id: 'fraction-not-percent',
    name: '0.02% errors (burn 0.2) fires nothing: ratios and thresholds are both fractions',
    task: 2,
    input: { '5m': 0.0002, '30m': 0.0002, '1h': 0.0002, '6h': 0.0002, '3d': 0.0002 },
    run: (m, ratios) => m.firingTiers(0.999, 30, ratios).map((t) => `${t.long}/${t.short}`),
    expect: [],
  },
  // Windows in tier order, short then long, without repeats: 5m, 1h, 30m, 6h, 3d.
  {
    id: 'recording-rules',
    name: 'one recording rule per window: 5m, 1h, 30m, 6h, 3d, each the SLO\'s error ratio',
    task: 3,
    input: null,
    run: (m) => {
      const r = m.sloRules({
        service: 'payment-api',
        name: 'availability',
        objective: 0.999,
        periodDays: 30,
        errorRatio: (w) => `sum(rate(http_requests_total{service="payment-api",code=~"5.."}[${w}])) / sum(rate(http_requests_total{service="payment-api"}[${w}]))`,
      });
      return { records: r.recording.map((x) => x.record), first: r.recording[0] };
    },
    expect: {
      records: ['slo:sli_error:ratio_rate5m', 'slo:sli_error:ratio_rate1h', 'slo:sli_error:ratio_rate30m', 'slo:sli_error:ratio_rate6h', 'slo:sli_error:ratio_rate3d'],
      first: {
        record: 'slo:sli_error:ratio_rate5m',
        labels: { service: 'payment-api', slo: 'availability' },
        expr: 'sum(rate(http_requests_total{service="payment-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="payment-api"}[5m]))',
      },
    },
  },
  // Page: (1h and 5m > 14.4 x 0.001) or (6h and 30m > 6 x 0.001). Compared without whitespace.
  {
    id: 'page-expr',
    name: 'the page alert for 99.9% over 30 days, in the lesson\'s shape',
    task: 3,
    input: null,
    run: (m) => {
      const r = m.sloRules({ service: 'payment-api', name: 'availability', objective: 0.999, periodDays: 30, errorRatio: (w) => `ratio[${w}]` });
      return r.alerts.map((a) => a.expr.replace(/\s+/g, ''));
    },
    expect: [
      '(slo:sli_error:ratio_rate1h{service="payment-api",slo="availability"}>(14.4*0.001)andslo:sli_error:ratio_rate5m{service="payment-api",slo="availability"}>(14.4*0.001))' +
        'or(slo:sli_error:ratio_rate6h{service="payment-api",slo="availability"}>(6*0.001)andslo:sli_error:ratio_rate30m{service="payment-api",slo="availability"}>(6*0.001))',
      '(slo:sli_error:ratio_rate3d{service="payment-api",slo="availability"}>(1*0.001)andslo:sli_error:ratio_rate6h{service="payment-api",slo="availability"}>(1*0.001))',
    ],
    points: 2,
  },
  {
    id: 'alert-names',
    name: 'one page alert and one ticket alert, with names, labels and a summary',
    task: 3,
    input: null,
    run: (m) => {
      const r = m.sloRules({ service: 'payment-api', name: 'availability', objective: 0.9995, periodDays: 30, errorRatio: (w) => `ratio[${w}]` });
      return r.alerts.map((a) => ({ alert: a.alert, labels: a.labels, annotations: a.annotations }));
    },
    expect: [
      { alert: 'PaymentApiAvailabilityErrorBudgetBurn', labels: { severity: 'page', service: 'payment-api', slo: 'availability' }, annotations: { summary: 'payment-api is spending its 30-day availability budget too fast' } },
      { alert: 'PaymentApiAvailabilityErrorBudgetBurnTicket', labels: { severity: 'ticket', service: 'payment-api', slo: 'availability' }, annotations: { summary: 'payment-api is spending its 30-day availability budget too fast' } },
    ],
  },
  // B = 0.1: 14.4 x 0.1 = 1.44 >= 1 can never be exceeded; 6 x 0.1 = 0.6 and 1 x 0.1 = 0.1 can.
  {
    id: 'slo-90',
    name: 'a 90% SLO gets no 14.4x page: that tier is reported as unreachable',
    task: 3,
    input: null,
    run: (m) => {
      const r = m.sloRules({ service: 'batch', name: 'availability', objective: 0.9, periodDays: 30, errorRatio: (w) => `ratio[${w}]` });
      return { unreachable: r.unreachable.map((t) => t.long), thresholds: r.alerts.map((a) => a.expr.match(/\([0-9.e-]+ \* [0-9.e-]+\)/g)) };
    },
    expect: { unreachable: ['1h'], thresholds: [['(6 * 0.1)', '(6 * 0.1)'], ['(1 * 0.1)', '(1 * 0.1)']] },
  },
]);
