/**
 * Prometheus rules for the multiwindow, multi-burn-rate alerts (Google SRE Workbook,
 * "Alerting on SLOs", table 5-8), in the shape Sloth (slok/sloth) generates: one recording rule
 * per window (`slo:sli_error:ratio_rate5m` ... `_rate3d`), one page alert and one ticket alert,
 * each OR-ing its window pairs, each pair AND-ing its long and short window, strict `>`, no `for:`.
 *
 * The thresholds come from the simulator's own presets (`multiwindowRules`, `groupBySeverity`),
 * so the factor and the budget written into each `(factor * budget)` are the numbers the
 * simulator compares with. `promtool.test.ts` runs these rules in Prometheus against the
 * simulator's traffic and checks that both fire at the same evaluations.
 *
 * Pure: builds a string, no file system. The YAML is written by hand (no dependency): every
 * string is a JSON string, which is also a valid YAML double-quoted scalar, and every PromQL
 * expression is a literal block scalar.
 */
import { formatWindow } from '../core/duration';
import { quote } from '../core/input';
import { errorBudget, groupBySeverity, multiwindowRules, roundSignificant, type AlertRule, type Severity, type SloSpec } from './model';

/** The windows Sloth records, shortest first; every alert window must be one of them. */
export const RECORDED_WINDOWS: readonly number[] = [5 * 60, 30 * 60, 3_600, 2 * 3_600, 6 * 3_600, 86_400, 3 * 86_400];

/** The request counter the SLI is computed from, with `service` and `code` labels. */
export const REQUESTS_METRIC = 'http_requests_total';

/** Inputs of `prometheusRules`. */
export interface RulesOptions {
  /** SLO target in percent, in (0, 100): 99.9. */
  sloPercent: number;
  /** SLO period in seconds: 30 days = 2_592_000. */
  periodSeconds: number;
  /** The `service` label value of the counter, e.g. `payment-api`. */
  service: string;
  /** Add Sloth's ticket pair 1d/2h (3x on 30 days). */
  sloth?: boolean;
  /** Where the alerts' `runbook_url` points; default `https://runbooks.example.com/slo/<service>`. */
  runbookUrl?: string;
}

/** One recording rule. */
export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
  windowSeconds: number;
}

/** One alerting rule, as Prometheus will see it. */
export interface PrometheusAlert {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The simulator's rule this alert implements (its pairs, factors, severity). */
  rule: AlertRule;
}

/** Everything `prometheusRules` writes, as data. */
export interface RulesSpec {
  slo: SloSpec;
  errorBudget: number;
  service: string;
  recordingGroup: string;
  alertGroup: string;
  recordings: RecordingRule[];
  alerts: PrometheusAlert[];
}

/**
 * Label values are embedded unescaped in PromQL strings, YAML, group names and URLs, so the
 * service name is restricted to what service names look like in practice.
 */
const SERVICE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;

/** Recording rule name for a window: `slo:sli_error:ratio_rate5m`. */
export function recordName(windowSeconds: number): string {
  return `slo:sli_error:ratio_rate${formatWindow(windowSeconds)}`;
}

/** The alert name for a severity: `ErrorBudgetBurnPage`, `ErrorBudgetBurnTicket`. */
export function alertName(severity: Severity): string {
  return `ErrorBudgetBurn${severity === 'page' ? 'Page' : 'Ticket'}`;
}

/** A number as PromQL and people read it: 14.4, 0.001, 0.933333333333, 1e-7. */
function num(x: number): string {
  return String(x);
}

/** Longest runbook URL accepted (characters). */
const MAX_URL_LENGTH = 2048;

function validate(options: RulesOptions): { slo: SloSpec; budget: number } {
  const { sloPercent, periodSeconds, service } = options;
  if (typeof sloPercent !== 'number' || !(sloPercent > 0 && sloPercent < 100)) {
    throw new RangeError(`SLO must be a percentage between 0 and 100 (exclusive), e.g. 99.9; got ${String(sloPercent)}`);
  }
  if (typeof periodSeconds !== 'number' || !(periodSeconds > 0) || !Number.isFinite(periodSeconds)) {
    throw new RangeError(`SLO period must be a positive number of seconds, e.g. 2592000 for 30d; got ${String(periodSeconds)}`);
  }
  if (typeof service !== 'string' || !SERVICE.test(service)) {
    throw new RangeError(
      `service must be a label value of 1 to 128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit (e.g. payment-api); got ${typeof service === 'string' ? quote(service) : String(service)}`,
    );
  }
  if (options.runbookUrl !== undefined && !(/^https?:\/\/\S+$/.test(options.runbookUrl) && options.runbookUrl.length <= MAX_URL_LENGTH)) {
    throw new RangeError(`runbook URL must start with http:// or https://, contain no spaces and be at most ${MAX_URL_LENGTH} characters; got ${quote(options.runbookUrl)}`);
  }
  const target = roundSignificant(sloPercent / 100);
  const budget = errorBudget(target);
  if (!(budget > 0)) throw new RangeError(`SLO ${sloPercent}% leaves no error budget`);
  return { slo: { target, periodSeconds }, budget };
}

function ratioExpr(service: string, windowSeconds: number): string {
  const w = formatWindow(windowSeconds);
  return [
    `sum(rate(${REQUESTS_METRIC}{service="${service}",code=~"5.."}[${w}]))`,
    `/`,
    `sum(rate(${REQUESTS_METRIC}{service="${service}"}[${w}]))`,
  ].join('\n');
}

function alertExpr(rule: AlertRule, service: string, budget: number): string {
  const cond = (windowSeconds: number, factor: number) =>
    `max(${recordName(windowSeconds)}{sloth_service="${service}"} > (${num(factor)} * ${num(budget)})) without (sloth_window)`;
  const pairs = rule.pairs.map((p) => {
    const parts = [cond(p.longSeconds, p.factor)];
    if (p.shortSeconds !== null) parts.push('and', cond(p.shortSeconds, p.factor));
    return ['(', ...parts.map((x) => `  ${x}`), ')'].join('\n');
  });
  return pairs.join('\nor\n');
}

/** The rules as data: what `prometheusRules` writes as YAML. Throws `RangeError` on bad input. */
export function prometheusRuleSpec(options: RulesOptions): RulesSpec {
  const { slo, budget } = validate(options);
  const { service } = options;
  const runbook = options.runbookUrl ?? `https://runbooks.example.com/slo/${service}`;
  const recordings = RECORDED_WINDOWS.map((w) => ({
    record: recordName(w),
    expr: ratioExpr(service, w),
    labels: { sloth_service: service, sloth_window: formatWindow(w) },
    windowSeconds: w,
  }));
  const grouped = groupBySeverity(multiwindowRules(slo, { sloth: options.sloth === true }), 'multiwindow-multi-burn-rate');
  const period = formatWindow(slo.periodSeconds);
  const sloText = `${roundSignificant(slo.target * 100)}%`;
  const alerts = grouped.map((rule): PrometheusAlert => {
    for (const p of rule.pairs) {
      for (const w of [p.longSeconds, p.shortSeconds]) {
        if (w !== null && !RECORDED_WINDOWS.includes(w)) throw new Error(`window ${formatWindow(w)} has no recording rule`);
      }
    }
    const pairs = rule.pairs.map((p) => `${formatWindow(p.longSeconds)}/${formatWindow(p.shortSeconds!)} above ${num(p.factor)}x`).join(' or ');
    return {
      alert: alertName(rule.severity),
      expr: alertExpr(rule, service, budget),
      labels: { severity: rule.severity },
      annotations: {
        summary: `${service} is burning its error budget too fast (SLO ${sloText} over ${period}; ${pairs} the budget)`,
        runbook_url: runbook,
      },
      rule,
    };
  });
  return {
    slo,
    errorBudget: budget,
    service,
    recordingGroup: `slo-sli-recordings-${service}`,
    alertGroup: `slo-alerts-${service}`,
    recordings,
    alerts,
  };
}

const q = (s: string) => JSON.stringify(s);

function block(indent: string, text: string): string[] {
  return text.split('\n').map((line) => indent + line);
}

function mapping(indent: string, key: string, entries: Record<string, string>): string[] {
  return [`${indent}${key}:`, ...Object.entries(entries).map(([k, v]) => `${indent}  ${k}: ${q(v)}`)];
}

/** The spec as a Prometheus rule file. */
export function rulesYaml(spec: RulesSpec): string {
  const { slo, errorBudget: budget } = spec;
  const period = formatWindow(slo.periodSeconds);
  const out: string[] = [
    `# SLO ${roundSignificant(slo.target * 100)}% over ${period} for service ${q(spec.service)}: error budget ${num(budget)}.`,
    `# Multiwindow, multi-burn-rate alerts (Google SRE Workbook, table 5-8), Sloth-style: a pair fires`,
    `# when both its long and short window error ratios are strictly above factor * budget.`,
  ];
  for (const a of spec.alerts) {
    for (const p of a.rule.pairs) {
      out.push(`#   ${a.alert}: ${formatWindow(p.longSeconds)} and ${formatWindow(p.shortSeconds!)} > ${num(p.factor)} * ${num(budget)}`);
    }
  }
  out.push('groups:', `  - name: ${q(spec.recordingGroup)}`, '    rules:');
  for (const r of spec.recordings) {
    out.push(`      - record: ${r.record}`, '        expr: |', ...block('          ', r.expr), ...mapping('        ', 'labels', r.labels));
  }
  out.push(`  - name: ${q(spec.alertGroup)}`, '    rules:');
  for (const a of spec.alerts) {
    out.push(
      `      - alert: ${a.alert}`,
      '        expr: |',
      ...block('          ', a.expr),
      ...mapping('        ', 'labels', a.labels),
      ...mapping('        ', 'annotations', a.annotations),
    );
  }
  return out.join('\n') + '\n';
}

/**
 * A Prometheus rule file (YAML) with the recording rules and the page and ticket alerts for
 * one service's availability SLO. Throws `RangeError` with a readable message on bad input.
 */
export function prometheusRules(options: RulesOptions): string {
  return rulesYaml(prometheusRuleSpec(options));
}
