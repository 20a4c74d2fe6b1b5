import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSpec } from './contract';
import { stateAt } from './engine';
import { encodeActions } from './run-spec';
import { builtInScenarios } from './scenarios';

const root = join(import.meta.dirname, '..', '..');
const fx = (name: string) => join('simulations', 'incident', 'fixtures', name);

/** Runs the real executable, as a user would. */
function rlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rlab scenario validate (spawned)', () => {
  it('accepts every built-in (exit 0) and counts them', () => {
    const files = ['database-outage', 'memory-leak', 'bad-deploy', 'certificate-expiry', 'retry-storm', 'config-push'].map((id) => join('simulations', 'incident', 'scenarios', `${id}.json`));
    const r = rlab('scenario', 'validate', ...files);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 of 6 files valid');
  });

  it('reports every problem of every bad file with its location, exit 1', () => {
    const r = rlab('scenario', 'validate', fx('bad-scenario.invalid.json'), fx('bad-syntax.invalid.json'), join('simulations', 'incident', 'scenarios', 'config-push.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad-scenario.invalid.json: invalid, 7 problems');
    expect(r.stdout).toContain('  mitigations[2].effect must be one of fixes, partial, nothing, worse; got "maybe"');
    expect(r.stdout).toContain('  slo.target must be a fraction strictly between 0 and 1');
    expect(r.stdout).toMatch(/bad-syntax\.invalid\.json is not valid JSON \(line \d+, column \d+\)/);
    expect(r.stdout).toContain('config-push.json: valid');
    expect(r.stdout).toContain('1 of 3 files valid');
  });

  it('usage errors exit 2', () => {
    expect(rlab('scenario').code).toBe(2);
    expect(rlab('scenario', 'validate').stderr).toContain('give at least one scenario file');
    expect(rlab('scenario', 'check', 'x.json').stderr).toContain('unknown action "check"');
  });
});

describe('rlab incident (spawned)', () => {
  it('--json gives the engine state, the same in every process', () => {
    const args = ['incident', '--actions', fx('database-outage.good.json'), '--json'];
    const a = rlab(...args);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(rlab(...args).stdout).toBe(a.stdout);
    const report = JSON.parse(a.stdout);
    const spec = JSON.parse(readFileSync(join(root, fx('database-outage.good.json')), 'utf8')) as RunSpec;
    const { scenario: _s, ...expected } = stateAt(builtInScenarios['database-outage']!, 42, spec.actions, 240);
    expect(report).toMatchObject({ scenario: { id: 'database-outage', expectedSeverity: 1 }, ...JSON.parse(JSON.stringify(expected)), ignored: [] });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['phase', 'minute', 'timeline', 'metrics', 'signals', 'messages', 'symptoms', 'rootCause', 'debrief']));
    expect(report.metrics.timeToRecover).toBe(21);
  });

  it('--log (the link encoding) and --until reproduce the same state as the file', () => {
    const spec = JSON.parse(readFileSync(join(root, fx('memory-leak.good.json')), 'utf8')) as RunSpec;
    const fromLog = JSON.parse(rlab('incident', '--scenario', 'memory-leak', '--seed', '42', '--log', encodeActions(spec.actions), '--until', '22', '--json').stdout);
    const fromFile = JSON.parse(rlab('incident', '--actions', fx('memory-leak.good.json'), '--until', '22', '--json').stdout);
    expect(fromLog).toEqual(fromFile);
    expect(fromLog.minute).toBe(22);
    expect(fromLog.phase).toBe('mitigated');
    expect(fromLog.rootCause).toBeUndefined(); // hidden until the run is resolved
  });

  it('prints a readable summary with refused actions, and the result and post-mortem formats', () => {
    const text = rlab('incident', '--actions', fx('database-outage.bad.json'));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Refused actions:');
    expect(text.stdout).toContain('minute 34 resolve: service is not restored yet');
    expect(text.stdout).toMatch(/time to recover\s+39 min/);
    const result = JSON.parse(rlab('incident', '--actions', fx('retry-storm.good.json'), '--result', '--team', 'Blue').stdout);
    expect(result).toMatchObject({ format: 'reliability-lab-incident-result', version: 1, team: 'Blue', run: { scenario: 'retry-storm', seed: 42 } });
    expect(rlab('incident', '--actions', fx('retry-storm.good.json'), '--postmortem').stdout).toMatch(/^# Post-mortem: Retry storm/);
  });

  it('a bad run file exits 1 with every problem; bad arguments exit 2', () => {
    const bad = rlab('incident', '--actions', fx('bad-actions.invalid.json'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('actions[3].check "Check the moon" is not a check of scenario database-outage');
    expect(rlab('incident', '--until', 'soon').stderr).toContain('--until must be a whole minute from 0 to');
    expect(rlab('incident', '--scenario', 'volcano').stderr).toContain('unknown scenario "volcano"');
    expect(rlab('incident', '--scenario', 'memory-leak', '--until', '999').code).toBe(2);
    expect(rlab('incident', '--scenario', 'memory-leak', '--log', '1q').code).toBe(2);
    const badScenario = rlab('incident', '--scenario', fx('bad-scenario.invalid.json'));
    expect(badScenario.code).toBe(1);
    expect(badScenario.stderr).toContain('mitigations[2].effect');
  });
});
