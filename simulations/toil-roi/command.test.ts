import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTeam, planTimeline, SOURCE_TEAM } from './model';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join('simulations', 'toil-roi', 'fixtures');

/** Runs the real executable, as a user would. */
function rlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rlab toil (spawned)', () => {
  it('is listed in rlab --help, and its --help lists its options', () => {
    expect(rlab('--help').stdout).toMatch(/^\s+toil\s/m);
    const help = rlab('toil', '--help');
    expect(help.code).toBe(0);
    for (const text of ['--input', '--hourly-cost', '--order', '--schedule', '--json', 'manualDeployments']) expect(help.stdout).toContain(text);
  });

  it("--json on the source's team file gives the model's numbers, the same as without --input", () => {
    const withFile = rlab('toil', '--input', join(fixtures, 'source-team.json'), '--json');
    expect(withFile.stderr).toBe('');
    expect(withFile.code).toBe(0);
    const report = JSON.parse(withFile.stdout);
    const builtIn = JSON.parse(rlab('toil', '--json').stdout);
    expect({ ...report, input: null }).toEqual(builtIn);

    expect(Object.keys(report)).toEqual(['input', 'settings', 'limitPercent', 'people', 'team', 'activities', 'opportunities', 'uncovered', 'plan', 'timeline', 'corrections']);
    // The three percentages (57.5, 57.5, 55.0) and the ranked opportunities with their ROI (1,040%, 260%, 1,160%).
    expect(report.people.map((p: { toilPercent: number }) => p.toilPercent.toFixed(1))).toEqual(['57.5', '57.5', '55.0']);
    expect(report.opportunities.map((o: { activity: string; roiYear1: number; combinedScore: number }) => [o.activity, Math.round(o.roiYear1), o.combinedScore.toFixed(1)])).toEqual([
      ['manualDeployments', 1040, '8.2'],
      ['ticketTriaging', 260, '8.0'],
      ['manualMonitoring', 1160, '7.4'],
    ]);
    expect(report.plan.sourceNewToilPercent.toFixed(1)).toBe('-963.3');
    expect(report.plan.correctedNewToilPercent.toFixed(1)).toBe('28.3');
    const a = analyzeTeam(SOURCE_TEAM);
    expect(report.timeline.paybackMonth).toBe(planTimeline(a.plan, a.ranked, 100, 'score', 'quarterly').paybackMonth);
  });

  it('applies the hourly cost and the plan settings', () => {
    const r = JSON.parse(rlab('toil', '--hourly-cost', '120', '--order', 'fastest-payback', '--schedule', 'back-to-back', '--json').stdout);
    expect(r.settings).toEqual({ hourlyCost: 120, order: 'fastest-payback', schedule: 'back-to-back' });
    expect(r.opportunities[0].implementationCost).toBe(9600); // 80 h * $120
    expect(r.timeline.projects[0].title).toBe('Implement proactive alerting');
  });

  it('prints a readable report with the corrections', () => {
    const r = rlab('toil');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+alice@company\.example\s+40\s+23\s+57\.5\s+at or above$/m);
    expect(r.stdout).toMatch(/^\s+1\s+Implement automated deployment pipeline\s+automation\s+high\s+80\s+76\s+\$8,000\s+\$7,600\s+1\.05\s+1,040%\s+8\.2$/m);
    expect(r.stdout).toContain('new team toil rate: 28.3% (the template prints -963.3%)');
    expect(r.stdout).not.toMatch(/\bsource\b/i);
    expect(r.stdout).toContain('Incident response       14  no catalogue entry');
  });

  it.each([
    [['toil', '--input', join(fixtures, 'bad-values.json')], 'people[1].tasks[0].hoursPerWeek must be a non-negative number, got -3'],
    [['toil', '--input', join(fixtures, 'bad-syntax.json')], 'is not valid JSON'],
    [['toil', '--input', 'no-such-team.json'], 'cannot read --input "no-such-team.json"'],
    [['toil', '--hourly-cost', 'cheap'], '--hourly-cost: hourly cost must be a number of dollars above 0 and at most 10000, got "cheap"'],
    [['toil', '--order', 'random'], '--order must be one of score, fastest-payback; got "random"'],
    [['toil', '--schedule', 'someday'], '--schedule must be one of quarterly, back-to-back'],
    [['toil', 'extra'], 'unexpected argument "extra"'],
  ])('%j: says what is wrong on stderr and exits 2', (args, message) => {
    const r = rlab(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
