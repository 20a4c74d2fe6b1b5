import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { formatElapsed } from './command';
import { runbookMachine } from './machine';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join('simulations', 'runbook-automation', 'fixtures', name);

/** Runs the real executable, as a user would. */
function rlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  runbook: { name: string; steps: { id: string; successChance: number }[]; worstCaseSeconds: number };
  seed: number;
  outcome: string;
  rolledBack: string[];
  rollbackComplete: boolean | null;
  escalated: boolean;
  totalSeconds: number;
  decision: { kind: string; reason: string } | null;
  log: { at: number; elapsed: number; step: string | null; kind: string; message: string }[];
}

describe('rlab runbook (spawned)', () => {
  it('is listed in rlab --help; its --help lists the options, the alerts and the format', () => {
    expect(rlab('--help').stdout).toMatch(/^\s+runbook\s/m);
    const help = rlab('runbook', '--help');
    expect(help.code).toBe(0);
    for (const text of ['--runbook', '--seed', '--chance', '--alert', '--policy', '--json', 'sun-0300-critical', 'timeoutSeconds', 'backoffSeconds']) {
      expect(help.stdout).toContain(text);
    }
  });

  it('--json gives the log, outcome and total time; the same in every process and in the browser machine', () => {
    const args = ['runbook', '--seed', '3', '--chance', 'terminate_long_queries=0', '--json'];
    const a = rlab(...args);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(rlab(...args).stdout).toBe(a.stdout);
    const report = JSON.parse(a.stdout) as Report;
    expect(report.runbook.name).toBe('database_connection_recovery');
    expect(report.runbook.worstCaseSeconds).toBe(826);
    expect(report.runbook.steps.find((s) => s.id === 'terminate_long_queries')!.successChance).toBe(0);
    expect(report.seed).toBe(3);
    expect(['rolled-back', 'stopped']).toContain(report.outcome);
    expect(report.totalSeconds).toBe(report.log.at(-1)!.elapsed);
    // The view's machine, with the same seed and chance, computes the same log.
    const s = getNextSnapshot(runbookMachine, getInitialSnapshot(runbookMachine, { seed: 3 }), { type: 'chance.set', stepId: 'terminate_long_queries', chance: 0 });
    expect(report.log.map((l) => [l.at, l.step, l.kind, l.message])).toEqual(s.context.run.log.map((l) => [l.at, l.stepId, l.kind, l.message]));
    expect(report.outcome).toBe(s.context.run.outcome);
  });

  it('prints the log on the simulated clock, the outcome and the total simulated time', () => {
    const r = rlab('runbook', '--runbook', fixture('retry-demo.json'), '--seed', '1', '--chance', 'flush=0');
    expect(r.code).toBe(0);
    // flush always fails: attempts of 1-3 s, waits 2, 4, 8 s, then rollback of flush and snapshot.
    expect(r.stdout).toMatch(/^\s+\+\d\d:\d\d:\d\d\.\d\s+flush: backing off 2 s before attempt 2$/m);
    expect(r.stdout).toMatch(/flush: backing off 4 s before attempt 3$/m);
    expect(r.stdout).toMatch(/flush: backing off 8 s before attempt 4$/m);
    expect(r.stdout).toContain('rolling back 2 steps, newest first: flush, snapshot');
    expect(r.stdout).toMatch(/^Outcome: rolled back, escalated to on-call .*rollback complete: flush, snapshot undone\)\. Total simulated time: [\d.]+s\.$/m);
  });

  it('names only the steps a rollback could not undo when verify_recovery never passes', () => {
    const r = rlab('runbook', '--seed', '1', '--chance', 'verify_recovery=0');
    expect(r.code).toBe(0);
    const outcome = r.stdout.split('\n').find((l) => l.startsWith('Outcome:'))!;
    expect(outcome).toMatch(/rollback incomplete: terminate_long_queries \([^)]*\) was not undone/);
    // The other steps are not said to be left undone: checks had nothing to undo.
    expect(outcome).not.toMatch(/check_connection_pool|identify_long_queries/);
  });

  it('--alert goes through the orchestrator and shows both rules; the old policy name "source" still works', () => {
    const r = rlab('runbook', '--alert', 'tue-1730-low', '--policy', 'common', '--json');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.decision).toEqual({ kind: 'ask-human', reason: 'low severity during business hours (9 <= hour 17 <= 17, any day of the week)' });
    expect(JSON.parse(rlab('runbook', '--alert', 'tue-1730-low', '--policy', 'source', '--json').stdout)).toEqual(report);
    expect(rlab('runbook', '--alert', 'tue-1730-low', '--policy', 'common').stdout).not.toMatch(/\bsource\b/i);
    expect(report.log[0]!.message).toBe('alert PostgresConnectionPoolExhausted (low) fired on payments-db at Tue 17:30:00');
    const text = rlab('runbook', '--alert', 'disk-full');
    expect(text.stdout).toContain('Outcome: escalated to on-call without running (no runbook matches NodeDiskFull)');
  });

  it.each([
    [['runbook', '--runbook', fixture('bad-retries.yaml')], "bad-retries.yaml: line 9: steps[1].retries must be a whole number from 0 to 10, got 'many'"],
    [['runbook', '--runbook', fixture('bad-cycle.yaml')], 'line 5: steps[0].prerequisites form a cycle: drain -> cordon -> drain'],
    [['runbook', '--runbook', fixture('bad-syntax.json')], 'line 4: not valid JSON'],
    [['runbook', '--runbook', fixture('no-such-file.yaml')], 'cannot read --runbook'],
    [['runbook', '--chance', 'ghost=0.5'], '--chance ghost=0.5: the runbook has no step "ghost"'],
    [['runbook', '--chance', 'verify_recovery=2'], 'must be from 0 to 1'],
    [['runbook', '--chance', 'verify_recovery'], 'must look like STEP_ID=0.5'],
    [['runbook', '--seed', '-1'], '--seed must be a whole number'],
    [['runbook', '--alert', 'meteor'], 'unknown --alert "meteor"'],
    [['runbook', '--policy', 'source'], '--policy needs --alert'],
    [['runbook', '--alert', 'loop', '--policy', 'yolo'], '--policy must be lesson or common'],
    [['runbook', 'extra'], 'unexpected argument "extra"'],
  ])('%j: says what is wrong on stderr and exits 2', (args, message) => {
    const r = rlab(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('formatElapsed', () => {
  it('prints hours, minutes, seconds and tenths', () => {
    expect(formatElapsed(0)).toBe('00:00:00.0');
    expect(formatElapsed(257.7)).toBe('00:04:17.7');
    expect(formatElapsed(3661.95)).toBe('01:01:02.0');
  });
});
