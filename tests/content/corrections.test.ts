/**
 * Every wrong claim of the course source listed in `shared/reference/sre-facts.md` section 6 is
 * corrected somewhere in the course by a "common mistake" aside that shows the right version.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { loadLessons } from './lessons';

const asides = loadLessons().flatMap((lesson) =>
  [...lesson.source.matchAll(/<CommonMistake\b([\s\S]*?)<\/CommonMistake>/g)].map((m) => ({ lesson: lesson.slug, text: m[1]! })),
);

/** Each correction: what the aside must mention (all patterns must match one aside). */
const corrections: [string, RegExp[]][] = [
  ['fast burn is 14.4x, not 36x', [/36/, /14\.4/]],
  ['slow burn: 6x over 6 h spends 5%', [/6x|6 h|6h/, /5%/, /10%/]],
  ['threshold compared in percent against a fraction', [/\* ?100/, /100 ?(times|x)/i]],
  ['a range on an expression is invalid PromQL', [/\)\[1h\]/, /\[1h:\]|recording rule/]],
  ['S3 2017 lasted 4 h 17 min; $150M is not an AWS figure', [/4 h 17 min/, /150/]],
  ['GitHub: the 21 Oct 2018 incident, 43 s and 24 h 11 min', [/2018/, /43 s(econds)?\b/, /24 h(ours)? (and )?11 min/]],
  ['Stripe 2019-07-10: two database bugs and a configuration change', [/Stripe/, /two database bugs|database bugs/i]],
  ['new team toil rate mixes units', [/toil/i, /hours per week|per week/i]],
];

describe('corrections of the course source', () => {
  it('finds the common-mistake asides', () => {
    expect(asides.length).toBeGreaterThanOrEqual(corrections.length);
  });

  it.each(corrections)('%s', (_topic, patterns) => {
    const hits = asides.filter((a) => patterns.every((p) => p.test(a.text)));
    expect(hits.map((h) => h.lesson), 'lessons with a matching aside').not.toEqual([]);
  });
});

/**
 * The SRE reviewer's findings (issue 14): each fix is checked by running the lesson's own code
 * where the code holds it, and by the lesson's words where only prose can.
 */
type Module = Record<string, (...args: any[]) => any>;

/** Transpiles and runs the lesson's TypeScript block that contains `marker`; returns its exports. */
function lessonModule(slug: string, marker: string): Module {
  const lesson = loadLessons().find((l) => l.slug === slug);
  if (!lesson) throw new Error(`no lesson ${slug}`);
  const block = lesson.codeBlocks.find((b) => b.lang === 'ts' && b.code.includes(marker));
  if (!block) throw new Error(`${lesson.path}: no ts block contains ${marker}`);
  const js = ts.transpileModule(block.code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Module = {};
  new Function('exports', js)(exports);
  return exports;
}

const lessonText = (slug: string) => {
  const lesson = loadLessons().find((l) => l.slug === slug);
  if (!lesson) throw new Error(`no lesson ${slug}`);
  return lesson.source;
};

describe("the SRE reviewer's corrections", () => {
  it('03: MTTD counts from impact to the alert that detected it, not to the acknowledgement', () => {
    const src = lessonText('incident-response');
    expect(src).toMatch(/alertFiredAt: at\('10:04'\), acknowledgedAt: at\('10:09'\), detectedAt: at\('10:04'\)/);
    expect(src).toContain('{ mttd: 12, mtta: 5, mttrRecovery: 48.5, incidents: 2 }');
    const { responseMetrics } = lessonModule('incident-response', 'export function responseMetrics');
    const at = (hhmm: string) => Date.parse(`2024-03-05T${hhmm}:00Z`);
    expect(
      responseMetrics!([
        { impactStartedAt: at('10:00'), alertFiredAt: at('10:04'), acknowledgedAt: at('10:09'), detectedAt: at('10:04'), mitigatedAt: at('10:52') },
        { impactStartedAt: at('14:00'), detectedAt: at('14:20'), mitigatedAt: at('14:45') },
      ]),
    ).toEqual({ mttd: 12, mtta: 5, mttrRecovery: 48.5, incidents: 2 });
  });

  it("03: DORA renamed time to restore in 2023 to count only deployment-caused failures", () => {
    const src = lessonText('incident-response');
    expect(src).not.toMatch(/read in too many ways/);
    expect(src).toMatch(/2023[\s\S]{0,200}failed deployment recovery\s+time[\s\S]{0,200}caused by a deployment/);
  });

  it('03: a stuck incident escalates the response, never the severity by itself', () => {
    const src = lessonText('incident-response');
    const block = src.slice(src.indexOf('export function runIncident'));
    expect(block.slice(0, block.indexOf('```'))).not.toMatch(/ir\.escalate\(/);
    expect(src).toMatch(/Severity follows user impact/);
  });

  it("03: stakeholder updates may carry a labelled estimate, as PagerDuty's Deputy template does", () => {
    const src = lessonText('incident-response');
    expect(src).not.toMatch(/never contains a guess/);
    const { composeUpdates } = lessonModule('incident-response', 'export function composeUpdates');
    const facts = { state: 'identified', userImpact: 'Payments fail.', technical: 'DB failover.', actions: 'Running the runbook.', estimate: 'About 5 minutes.', nextUpdateInMinutes: 30 };
    const u = composeUpdates!(facts);
    expect(u.stakeholders).toContain('Estimate: About 5 minutes.');
    expect(u.customers).not.toContain('5 minutes.');
  });

  it("05: the naive trend leaves 'stable' for uptime only below about 89.9%", () => {
    const src = lessonText('continuous-improvement');
    expect(src).not.toMatch(/fall below 95%/);
    expect(src).toMatch(/89\.9%/);
    // The common trend rule on raw uptime: mean monthly change over three months against 5% of the first value.
    const naive = (values: number[]) => (values[values.length - 1]! - values[0]!) / (values.length - 1) < -Math.abs(values[0]!) * 0.05;
    expect(naive([99.9, 95, 90])).toBe(false);
    expect(naive([99.9, 95, 89.9])).toBe(true);
  });

  it('05: identifyOpportunities works in hours per week however many weeks were surveyed', () => {
    const { identifyOpportunities } = lessonModule('continuous-improvement', 'export function identifyOpportunities');
    const week = (weekEnding: string) => ({ member: 'a', weekEnding, breakdown: { manualDeployments: 24, incidentResponse: 14, manualMonitoring: 15, ticketTriaging: 9, manualTesting: 6 } });
    const one = identifyOpportunities!([week('2024-01-05')], 0);
    const four = identifyOpportunities!(['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'].map(week), 0);
    expect(four.opportunities.map((o: { savedHoursPerMonth: number }) => o.savedHoursPerMonth)).toEqual(one.opportunities.map((o: { savedHoursPerMonth: number }) => o.savedHoursPerMonth));
    expect(one.opportunities.map((o: { savedHoursPerMonth: number }) => o.savedHoursPerMonth)).toEqual([76, 42, 18]);
  });

  it('05: the five-year hours say which year they assume', () => {
    expect(lessonText('continuous-improvement')).toMatch(/4,560 hours[\s\S]{0,200}48-week year/);
  });

  it('02: a timed-out command is killed and awaited before the retry, and the losing timer is cleared', async () => {
    const { runWithTimeout } = lessonModule('runbooks-automation', 'export async function runWithTimeout');
    const events: string[] = [];
    let finishRun: (() => void) | undefined;
    const deps = {
      run: (_cmd: string[], signal: AbortSignal) =>
        new Promise((resolve, reject) => {
          finishRun = () => resolve({ exitCode: 0, stdout: 'ok', stderr: '' });
          signal.addEventListener('abort', () => setTimeout(() => (events.push('process exited'), reject(new Error('killed'))), 5));
        }),
      sleep: (_ms: number, signal?: AbortSignal) =>
        new Promise<void>((resolve) => {
          const fire = setTimeout(() => (events.push('timer fired'), resolve()), 1);
          signal?.addEventListener('abort', () => (clearTimeout(fire), events.push('timer cleared'), resolve()));
        }),
    };
    expect(await runWithTimeout!(['sleep', '999'], 1, deps)).toBe('timed-out');
    expect(events).toEqual(['timer fired', 'process exited']); // returned only after the process exited
    events.length = 0;
    const neverFires = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => signal?.addEventListener('abort', () => (events.push('timer cleared'), resolve())));
    const done = runWithTimeout!(['true'], 60, { ...deps, sleep: neverFires });
    finishRun!();
    expect(await done).toMatchObject({ exitCode: 0 });
    expect(events).toEqual(['timer cleared']);
  });

  it('02: rollback commands run under a timeout; the health check worst case is 91 s', () => {
    const src = lessonText('runbooks-automation');
    expect(src).toMatch(/runWithTimeout\(substitute\(rollback\.command, context\)/);
    expect(src).toMatch(/127 \+ 127 \+ 121 \+ 30 \+ 330 \+ 91 = 826 s/);
    expect(src).toMatch(/6 × 10 \+ 31 s of backoff = 91 s/);
  });

  it('02: the consolidation prompt about locking asks about something the lesson teaches', () => {
    const src = lessonText('runbooks-automation');
    expect(src).toMatch(/locking against other runbooks/);
    expect(src.slice(0, src.indexOf('## Consolidation'))).toMatch(/\*lock\*/);
  });

  it("04: a weekend deadline is judged in the team's time zone", () => {
    const { meetingDeadline } = lessonModule('post-mortems', 'export function meetingDeadline');
    // Resolved Thursday 19:00 in Los Angeles (Friday 03:00 UTC); SEV-1 is due a day later:
    // Friday 19:00 there (a working day), although it is already Saturday in UTC.
    const resolved = Date.parse('2024-03-08T03:00:00Z');
    expect(new Date(meetingDeadline!(1, resolved, 'America/Los_Angeles')).toISOString()).toBe('2024-03-09T03:00:00.000Z');
    expect(new Date(meetingDeadline!(1, resolved, 'UTC')).toISOString()).toBe('2024-03-11T03:00:00.000Z');
  });

  it('01: the lesson predicts with the simulator settings, and 14.4 is a multiplier', () => {
    const src = lessonText('observability');
    expect(src).toMatch(/every \*\*15 s\*\*[\s\S]{0,200}no `group_wait`/);
    expect(src).not.toMatch(/a burn\s+rate of 14\.4\) is a fraction/);
    expect(src).toMatch(/14\.4 itself is a multiplier/);
  });

  it("06: canary analysis selects the canary's pods, and Argo stops at the first limit crossed", () => {
    const src = lessonText('sre-practices');
    expect(src).not.toMatch(/value: payment-api-canary/);
    expect(src).toMatch(/rollouts_pod_template_hash="\{\{args\.canary-hash\}\}"/);
    expect(src).toMatch(/podTemplateHashValue: Latest/);
    expect(src).toMatch(/startingStep: 1 # 0-based/);
    const { metricPhase } = lessonModule('sre-practices', 'export function metricPhase');
    expect(metricPhase!(['Inconclusive', 'Failed', 'Failed'], { failureLimit: 1 })).toBe('Inconclusive');
    expect(metricPhase!(['Failed', 'Failed', 'Failed', 'Failed'], { failureLimit: 3 })).toBe('Failed');
    expect(metricPhase!(['Error', 'Successful'], { count: 1 })).toBe('Successful'); // errors do not count towards count
  });

  it('07: time-based SLIs are allowed, every window the alerts read is recorded, severities are spelt SEV-n', () => {
    const src = lessonText('integration-challenge');
    expect(src).not.toMatch(/must be request-based/);
    const recorded = new Set([...src.matchAll(/record: (slo:sli_error:ratio_rate\w+)/g)].map((m) => m[1]));
    const read = new Set([...src.matchAll(/(slo:sli_error:ratio_rate\w+)\{/g)].map((m) => m[1]));
    expect([...read].filter((r) => !recorded.has(r))).toEqual([]);
    for (const slug of ['integration-challenge', 'retrieval-gauntlets']) expect(lessonText(slug)).not.toMatch(/\bSEV\d/);
  });

  it('09: the alert review keeps self-resolved SLO pages and removes mostly-noise alerts', () => {
    const { reviewAlert } = lessonModule('anti-patterns-case-studies', 'export function reviewAlert');
    const base = { name: 'x', pages: true, hasRunbook: true };
    expect(reviewAlert!({ ...base, tiedToSlo: true, firedLast30Days: 1, neededActionLast30Days: 0 })).not.toBe('delete');
    expect(reviewAlert!({ ...base, tiedToSlo: false, firedLast30Days: 100, neededActionLast30Days: 1 })).toBe('delete');
    expect(reviewAlert!({ ...base, tiedToSlo: true, firedLast30Days: 2, neededActionLast30Days: 2 })).toBe('keep');
  });

  it('09: the Netflix and Chubby cases cite their sources', () => {
    const src = lessonText('anti-patterns-case-studies');
    expect(src).toMatch(/Netflix Simian Army/);
    expect(src).toMatch(/Basiri et al\., "Chaos Engineering"/);
    expect(src).toMatch(/The Global Chubby Planned Outage/);
  });

  it('10: a month without incidents is not an improvement in recovery time', () => {
    const { progress } = lessonModule('final-challenge', 'export function progress');
    const m = (recoveryMinutes: number[]) => ({ signalCoverage: 0.5, toilHoursPerWeek: 10, noisyPages: 3, recoveryMinutes });
    const recovery = progress!(m([40, 60]), m([])).find((c: { metric: string }) => c.metric === 'median recovery minutes');
    expect(recovery).toMatchObject({ before: 50, after: undefined, better: null });
  });
});
