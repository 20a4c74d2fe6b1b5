import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../core/command';
import { main } from '../cli';
import { alertThreshold, errorBudget, groupBySeverity, multiwindowRules, roundSignificant } from './model';
import { prometheusRules, prometheusRuleSpec, recordName, RECORDED_WINDOWS, type RulesOptions } from './rules';
import { createRulesCommand } from './rules-command';
import { findPromtool } from './promtool-path';

const DAY = 86_400;
const root = join(import.meta.dirname, '..', '..');
const P30 = { sloPercent: 99.9, periodSeconds: 30 * DAY, service: 'payment-api' } satisfies RulesOptions;
const P28 = { sloPercent: 99.95, periodSeconds: 28 * DAY, service: 'payment-api' } satisfies RulesOptions;

interface RuleFile {
  groups: { name: string; rules: { record?: string; alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
}
const parse = (yaml: string) => load(yaml) as RuleFile;

/** Every `(factor * budget)` comparison in an alert expression, with its windows. */
function conditions(expr: string) {
  return [...expr.matchAll(/max\(slo:sli_error:ratio_rate(\w+)\{sloth_service="([^"]+)"\} (\S+) \(([\d.e-]+) \* ([\d.e-]+)\)\) without \(sloth_window\)/g)].map((m) => ({
    window: m[1]!,
    service: m[2]!,
    op: m[3]!,
    factor: Number(m[4]),
    budget: Number(m[5]),
  }));
}

const promtool = findPromtool();

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rlab-rules-'));
  dirs.push(d);
  return d;
}

describe('prometheusRules: recording rules', () => {
  it("records the error ratio over Sloth's seven windows, with Sloth's names", () => {
    const file = parse(prometheusRules(P30));
    const [recordings] = file.groups;
    expect(recordings!.name).toBe('slo-sli-recordings-payment-api');
    expect(recordings!.rules.map((r) => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
    ]);
    expect(recordings!.rules[2]).toEqual({
      record: 'slo:sli_error:ratio_rate1h',
      expr: 'sum(rate(http_requests_total{service="payment-api",code=~"5.."}[1h]))\n/\nsum(rate(http_requests_total{service="payment-api"}[1h]))\n',
      labels: { sloth_service: 'payment-api', sloth_window: '1h' },
    });
    for (const r of recordings!.rules) {
      const w = r.labels!.sloth_window!;
      expect(r.record).toBe(`slo:sli_error:ratio_rate${w}`);
      // Ranges only on vector selectors, never on an expression.
      expect(r.expr.match(/\[(\w+)\]/g)).toEqual([`[${w}]`, `[${w}]`]);
      expect(r.expr).not.toMatch(/\)\[/);
    }
  });

  it('every window an alert uses has a recording rule', () => {
    const windows = new Set(RECORDED_WINDOWS.map(recordName));
    for (const slo of [P30, P28]) {
      for (const a of prometheusRuleSpec({ ...slo, sloth: true }).alerts) {
        for (const p of a.rule.pairs) {
          expect(windows).toContain(recordName(p.longSeconds));
          expect(windows).toContain(recordName(p.shortSeconds!));
        }
      }
    }
  });
});

describe('prometheusRules: alerts', () => {
  it('30d: page 1h/5m x14.4 or 6h/30m x6; ticket 3d/6h x1, strict >, no for:', () => {
    const file = parse(prometheusRules(P30));
    const alerts = file.groups[1]!;
    expect(alerts.name).toBe('slo-alerts-payment-api');
    expect(alerts.rules.map((r) => [r.alert, r.labels])).toEqual([
      ['ErrorBudgetBurnPage', { severity: 'page' }],
      ['ErrorBudgetBurnTicket', { severity: 'ticket' }],
    ]);
    const [page, ticket] = alerts.rules;
    expect(conditions(page!.expr).map((c) => [c.window, c.factor, c.budget, c.op])).toEqual([
      ['1h', 14.4, 0.001, '>'],
      ['5m', 14.4, 0.001, '>'],
      ['6h', 6, 0.001, '>'],
      ['30m', 6, 0.001, '>'],
    ]);
    expect(conditions(ticket!.expr).map((c) => [c.window, c.factor])).toEqual([
      ['3d', 1],
      ['6h', 1],
    ]);
    for (const r of alerts.rules) {
      expect(r.for).toBeUndefined();
      expect(r.expr).not.toMatch(/>=|\bbool\b|\bfor\b/);
      expect(Object.keys(r.annotations!)).toEqual(['summary', 'runbook_url']);
      expect(r.annotations!.runbook_url).toBe('https://runbooks.example.com/slo/payment-api');
    }
    expect(page!.annotations!.summary).toContain('SLO 99.9% over 30d');
  });

  it('pairs are AND-ed inside and OR-ed across', () => {
    const [, alerts] = parse(prometheusRules({ ...P30, sloth: true })).groups;
    for (const r of alerts!.rules) {
      const pairs = r.expr.trim().split('\nor\n');
      expect(pairs).toHaveLength(2);
      for (const pair of pairs) {
        expect(pair.startsWith('(') && pair.endsWith(')')).toBe(true);
        expect(pair.split('\n').filter((l) => l.trim() === 'and')).toHaveLength(1);
        expect(conditions(pair)).toHaveLength(2);
      }
    }
  });

  it("sloth adds the 1d/2h ticket pair at 3x; on 28 days the factors are Sloth's", () => {
    const ticket30 = parse(prometheusRules({ ...P30, sloth: true })).groups[1]!.rules[1]!;
    expect(conditions(ticket30.expr).map((c) => [c.window, c.factor])).toEqual([
      ['3d', 1],
      ['6h', 1],
      ['1d', 3],
      ['2h', 3],
    ]);
    const rules28 = parse(prometheusRules({ ...P28, sloth: true })).groups[1]!.rules;
    const factors = rules28.flatMap((r) => conditions(r.expr).map((c) => c.factor));
    expect(factors).toEqual([13.44, 13.44, 5.6, 5.6, 0.933333333333, 0.933333333333, 2.8, 2.8]);
    expect(rules28.flatMap((r) => conditions(r.expr).map((c) => c.budget))).toEqual(Array(8).fill(0.0005));
  });

  it("thresholds are the simulator's numbers: factor and budget from its presets, same rounded product", () => {
    for (const options of [P30, P28, { ...P30, sloPercent: 99 }, { ...P28, sloPercent: 99.99 }]) {
      for (const sloth of [false, true]) {
        const spec = prometheusRuleSpec({ ...options, sloth });
        const slo = { target: roundSignificant(options.sloPercent / 100), periodSeconds: options.periodSeconds };
        const budget = errorBudget(slo.target);
        const expected = groupBySeverity(multiwindowRules(slo, { sloth }), 'x');
        expect(spec.errorBudget).toBe(budget);
        expect(spec.alerts.map((a) => a.rule.pairs)).toEqual(expected.map((r) => r.pairs));
        spec.alerts.forEach((a, k) => {
          const written = conditions(a.expr);
          const pairs = expected[k]!.pairs;
          expect(written.map((c) => c.window)).toEqual(pairs.flatMap((p) => [p.longSeconds, p.shortSeconds!]).map((w) => recordName(w).replace('slo:sli_error:ratio_rate', '')));
          written.forEach((c, i) => {
            const pair = pairs[Math.floor(i / 2)]!;
            expect(c.factor).toBe(pair.factor);
            expect(c.budget).toBe(budget);
            expect(roundSignificant(c.factor * c.budget)).toBe(alertThreshold(pair.factor, budget));
          });
        });
      }
    }
  });

  it('uses the service in every selector and label, and the runbook given', () => {
    const yaml = prometheusRules({ ...P30, service: 'search.v2_eu-1', runbookUrl: 'https://wiki.example.org/rb/search' });
    const file = parse(yaml);
    expect(file.groups.map((g) => g.name)).toEqual(['slo-sli-recordings-search.v2_eu-1', 'slo-alerts-search.v2_eu-1']);
    expect(yaml).not.toContain('payment-api');
    expect([...yaml.matchAll(/service="([^"]+)"/g)].every((m) => m[1] === 'search.v2_eu-1')).toBe(true);
    expect(file.groups[1]!.rules.every((r) => r.annotations!.runbook_url === 'https://wiki.example.org/rb/search')).toBe(true);
  });

  it('matches the reviewed fixture (regenerate with the rlab command in its name if the format changes)', () => {
    // rlab rules --slo 99.9 --period 30d --service payment-api --sloth --out simulations/burn-rate/fixtures/payment-api-99.9-30d-sloth.rules.yml
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'payment-api-99.9-30d-sloth.rules.yml'), 'utf8');
    expect(prometheusRules({ ...P30, sloth: true })).toBe(fixture);
  });
});

describe('prometheusRules: input validation', () => {
  it.each([
    [{ sloPercent: 100 }, /SLO must be a percentage between 0 and 100/],
    [{ sloPercent: 0 }, /SLO must be a percentage between 0 and 100/],
    [{ sloPercent: -5 }, /SLO must be a percentage/],
    [{ sloPercent: Number.NaN }, /SLO must be a percentage/],
    [{ sloPercent: 99.99999999999999 }, /SLO must be a percentage|leaves no error budget/],
    [{ periodSeconds: 0 }, /period must be a positive number of seconds/],
    [{ periodSeconds: Infinity }, /period must be a positive number/],
    [{ service: '' }, /service must be a label value/],
    [{ service: 'payment api' }, /service must be a label value.*"payment api"/],
    [{ service: 'a"b' }, /service must be a label value/],
    [{ service: 'svc}' }, /service must be a label value/],
    [{ service: '-leading' }, /service must be a label value/],
    [{ service: 'x'.repeat(129) }, /service must be a label value/],
    [{ runbookUrl: 'javascript:alert(1)' }, /runbook URL must start with http/],
  ] as [Partial<RulesOptions>, RegExp][])('rejects %o', (override, message) => {
    expect(() => prometheusRules({ ...P30, ...override })).toThrow(RangeError);
    expect(() => prometheusRules({ ...P30, ...override })).toThrow(message);
  });

  it('accepts service names like payment-api, search.v2, a, checkout_eu-1', () => {
    for (const service of ['payment-api', 'search.v2', 'a', 'checkout_eu-1', 'X'.repeat(128)]) {
      expect(() => prometheusRules({ ...P30, service })).not.toThrow();
    }
  });
});

describe('rlab rules', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readFile: () => '' };
    return { io, out, err };
  }

  it('prints the same YAML as prometheusRules', () => {
    const { io, out, err } = capture();
    expect(main(['rules', '--slo', '99.95', '--period', '28d', '--service', 'checkout', '--sloth'], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('')).toBe(prometheusRules({ sloPercent: 99.95, periodSeconds: 28 * DAY, service: 'checkout', sloth: true }));
  });

  it('--out writes the file and says so; a write failure exits 1', () => {
    const written: [string, string][] = [];
    const cmd = createRulesCommand((path, text) => void written.push([path, text]));
    const { io, out } = capture();
    expect(cmd.run(['--slo', '99.9', '--service', 'payment-api', '--out', 'x.yml', '--runbook', 'https://rb.example/x'], io)).toBe(0);
    expect(written).toEqual([['x.yml', prometheusRules({ ...P30, runbookUrl: 'https://rb.example/x' })]]);
    expect(out.join('')).toBe('Wrote 7 recording rules and 2 alerts to x.yml\n');
    const failing = createRulesCommand(() => {
      throw new Error('EACCES');
    });
    const c2 = capture();
    expect(failing.run(['--slo', '99.9', '--service', 'a', '--out', '/nope/x.yml'], c2.io)).toBe(1);
    expect(c2.err.join('')).toContain('cannot write --out "/nope/x.yml": EACCES');
  });

  it.each([
    [['--slo', '99.9'], /missing --service/],
    [['--slo', '100', '--service', 'a'], /--slo must be a percentage/],
    [['--slo', 'abc', '--service', 'a'], /--slo must be a percentage/],
    [['--slo', '99.9', '--service', 'a', '--period', '30x'], /--period must be a duration/],
    [['--service', 'a', '--period', '400d'], /--period must be a duration from 1d to 365d/],
    [['--service', 'a', '--runbook', `https://x/${'a'.repeat(5000)}`], /runbook URL .* at most 2048 characters; got "https:\/\/x\/a{60,80}…"$/m],
    [['--slo', '99.9', '--service', 'bad name'], /service must be a label value/],
    [['--slo', '99.9', '--service', 'a', 'extra'], /unexpected argument "extra"/],
  ])('%j exits 2 with a clear message', (args, message) => {
    const { io, err } = capture();
    expect(main(['rules', ...args], io)).toBe(2);
    expect(err.join('')).toMatch(message);
    expect(err.join('')).toContain('rlab rules --help');
  });

  it("defaults --slo to the lesson's 99.9 and --period to 30d", () => {
    const { io, out } = capture();
    expect(main(['rules', '--service', 'payment-api'], io)).toBe(0);
    expect(out.join('')).toBe(prometheusRules(P30));
  });

  it('is registered: rlab --help lists it and rlab rules --help documents it (spawned)', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), 'rules', '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const text of ['--slo', '--period', '--service', '--sloth', '--out', 'slo:sli_error:ratio_rate5m', 'ErrorBudgetBurnPage']) expect(r.stdout).toContain(text);
    const top = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), '--help'], { cwd: root, encoding: 'utf8' });
    expect(top.stdout).toMatch(/^\s+rules\s/m);
  });
});

describe('promtool check rules', () => {
  const variants = [
    ['99.9/30d', P30, false],
    ['99.9/30d sloth', P30, true],
    ['99.95/28d', P28, false],
    ['99.95/28d sloth', P28, true],
  ] as const;

  it.skipIf(!promtool).each(variants)(`accepts the rules for %s${promtool ? '' : ' (skipped: promtool not installed; apt-get install prometheus)'}`, (_name, options, sloth) => {
    const dir = tempDir();
    const file = join(dir, 'rules.yml');
    writeFileSync(file, prometheusRules({ ...options, sloth }));
    const r = spawnSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('SUCCESS: 9 rules found');
    expect(r.status).toBe(0);
  });

  it.skipIf(!promtool)('and rejects a broken rule file (the check is real)', () => {
    const dir = tempDir();
    const file = join(dir, 'rules.yml');
    // The course text's mistake: a range on an expression.
    writeFileSync(file, prometheusRules(P30).replace('[5m]))', '[5m])[5m])'));
    const r = spawnSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('ranges only allowed for vector selectors');
    expect(r.status).not.toBe(0);
  });
});
