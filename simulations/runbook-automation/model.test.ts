import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { CONNECTION_POOL_RUNBOOK, SOURCE_ORIGINAL_RUNBOOK } from './connection-pool';
import { parseRunbookOrThrow, type Runbook } from './format';
import { backoffSeconds, executeRunbook, worstCaseSeconds } from './model';
import { applyChances } from './params';

const lines = (e: { log: { message: string }[] }) => e.log.map((l) => l.message);
const seeds = Array.from({ length: 200 }, (_, i) => i);
/** The connection-pool runbook without its "nothing to terminate" stop, so only success chances decide. */
const noStops: Runbook = { ...CONNECTION_POOL_RUNBOOK, steps: CONNECTION_POOL_RUNBOOK.steps.map((s) => ({ ...s, stopChance: 0 })) };
const allChances = (p: number) => Object.fromEntries(CONNECTION_POOL_RUNBOOK.steps.map((s) => [s.id, p]));

describe('retries with exponential backoff on the simulated clock', () => {
  // One step that always fails: 4 attempts of exactly 1 s, base 2 s doubling.
  // Attempt 1 [0, 1], wait 2 s [1, 3], attempt 2 [3, 4], wait 4 s [4, 8], attempt 3 [8, 9],
  // wait 8 s [9, 17], attempt 4 [17, 18]: 4 x 1 s + (2 + 4 + 8) s = 18 s in all.
  const flaky = parseRunbookOrThrow(`name: backoff
steps:
  - id: flaky
    action: always fails
    retries: 3
    backoffSeconds: 2
    successChance: 0
    durationSeconds: 1
    timeoutSeconds: 10
`);

  it('waits 2, 4 and 8 s between the four attempts', () => {
    const e = executeRunbook(flaky, { seed: 1 });
    const waits = e.spans.filter((s) => s.kind === 'backoff');
    expect(waits.map((s) => s.end - s.start)).toEqual([2, 4, 8]);
    expect(waits.map((s) => s.start)).toEqual([1, 4, 9]);
    expect(e.spans.filter((s) => s.kind === 'attempt').map((s) => [s.start, s.end])).toEqual([[0, 1], [3, 4], [8, 9], [17, 18]]);
    expect(lines(e).filter((m) => m.includes('backing off'))).toEqual([
      'flaky: backing off 2 s before attempt 2',
      'flaky: backing off 4 s before attempt 3',
      'flaky: backing off 8 s before attempt 4',
    ]);
    expect(e.outcome).toBe('rolled-back');
    expect(e.endAt).toBe(18);
  });

  it("reproduces the source's 2 ** attempt waits with base 1 s: 1, 2, 4", () => {
    expect([1, 2, 3].map((n) => backoffSeconds(1, n, null))).toEqual([1, 2, 4]);
  });

  it('with jitter, multiplies each wait by a factor in [0.5, 1), the same for the same seed', () => {
    // Retry 3 at base 2 s waits 2 * 2^2 = 8 s without jitter, so from 4 to 8 s with it
    // (just under 8 s rounds to 8.0 on the clock's tenth-of-a-second resolution).
    const rng = createRng(3);
    const waits = Array.from({ length: 200 }, () => backoffSeconds(2, 3, rng));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8);
    expect(new Set(waits).size).toBeGreaterThan(20);
    const jittery: Runbook = { ...flaky, jitter: true };
    expect(executeRunbook(jittery, { seed: 5 })).toEqual(executeRunbook(jittery, { seed: 5 }));
    expect(executeRunbook(jittery, { seed: 5 }).endAt).toBeLessThan(18);
  });
});

describe('timeouts', () => {
  it('kills an attempt that overruns its timeout, even one that would have succeeded, and retries after the backoff', () => {
    // Every attempt takes 50 s against a 30 s timeout: attempt 1 killed at 30 s, wait 1 s,
    // attempt 2 killed at 31 + 30 = 61 s. That is exactly the worst case 2 x 30 + 1 x (2^1 - 1) = 61 s.
    const hang = parseRunbookOrThrow('name: hang\nsteps:\n  - id: stuck\n    action: sleep 50\n    timeoutSeconds: 30\n    retries: 1\n    successChance: 1\n    durationSeconds: 50\n');
    const e = executeRunbook(hang, { seed: 1 });
    expect(e.spans.filter((s) => s.kind === 'attempt').map((s) => s.result)).toEqual(['timed-out', 'timed-out']);
    expect(lines(e)).toContain('stuck: attempt 1 of 2 timed out after 30 s; killed');
    expect(e.outcome).toBe('rolled-back');
    expect(e.endAt).toBe(61);
    expect(worstCaseSeconds(hang)).toBe(61);
  });

  it("gives the lesson's worst cases: 826 s for the corrected runbook, 2,099 s for the original", () => {
    // Lesson: 127 + 127 + 121 + 30 + 330 + 91 = 826 (curl --max-time 10 caps the health check);
    // the original's table: 127 + 127 + 247 + 1207 + 391 = 2099.
    expect(worstCaseSeconds(CONNECTION_POOL_RUNBOOK)).toBe(826);
    expect(worstCaseSeconds(SOURCE_ORIGINAL_RUNBOOK)).toBe(2099);
  });
});

describe('prerequisites and rollback', () => {
  it('skips a step whose prerequisite did not succeed, and the steps that need that one, and runs the rest', () => {
    // warm fails (0% chance, no retries) at 2 s but may fail; use_cache needs warm, report_from_cache
    // needs use_cache: both skipped; report needs nothing and runs from 2 s to 3 s.
    const r = parseRunbookOrThrow(`name: skip
steps:
  - id: warm
    action: warm the cache
    successChance: 0
    retries: 0
    durationSeconds: 2
    continueOnFailure: true
  - id: use_cache
    action: serve from the cache
    prerequisites: [warm]
  - id: report_from_cache
    action: report
    prerequisites: [use_cache]
  - id: report
    action: report without the cache
    durationSeconds: 1
`);
    const e = executeRunbook(r, { seed: 1 });
    expect(e.outcome).toBe('succeeded');
    expect(e.skipped).toEqual(['use_cache', 'report_from_cache']);
    expect(e.succeeded).toEqual(['report']);
    expect(lines(e)).toContain('use_cache: skipped, prerequisites not met (warm)');
    expect(lines(e)).toContain('report_from_cache: skipped, prerequisites not met (use_cache)');
    expect(e.endAt).toBe(3);
  });

  it('rolls back the steps that ran, newest first, the failed one included; never skipped or unreached steps', () => {
    const r = parseRunbookOrThrow(`name: rollback
steps:
  - id: a
    action: change a
    durationSeconds: 1
    rollback: undo a
  - id: optional
    action: try something
    successChance: 0
    retries: 0
    durationSeconds: 1
    continueOnFailure: true
    rollback: undo optional
  - id: needs_optional
    action: build on it
    prerequisites: [optional]
    rollback: undo needs_optional
  - id: b
    action: send the customer email
    durationSeconds: 1
    rollback: "irreversible: an email cannot be unsent"
  - id: c
    action: change c
    successChance: 0
    retries: 0
    durationSeconds: 1
    rollback: undo c
  - id: d
    action: change d
    rollback: undo d
`);
    const e = executeRunbook(r, { seed: 1 });
    expect(e.outcome).toBe('rolled-back');
    expect(e.atStep).toBe('c');
    expect(e.rolledBack).toEqual(['c', 'b', 'optional', 'a']);
    expect(e.rollbackComplete).toBe(false); // b cannot be undone
    const rollbackLines = e.log.filter((l) => l.kind === 'rollback').map((l) => l.message);
    expect(rollbackLines).toEqual([
      'rolling back 4 steps, newest first: c, b, optional, a',
      'rolling back c: undo c',
      'rolled back c in 1 s',
      'rolling back b: cannot be undone (an email cannot be unsent)',
      'rolling back optional: undo optional',
      'rolled back optional in 1 s',
      'rolling back a: undo a',
      'rolled back a in 1 s',
    ]);
    // Four 1 s steps ran (a, optional, b, c), then three 1 s undo commands: 7 s.
    expect(e.endAt).toBe(7);
  });

  it('a check that finds nothing to do stops the runbook: no rollback, later steps never run', () => {
    const stop = applyChances({ ...noStops, steps: noStops.steps.map((s) => (s.id === 'identify_long_queries' ? { ...s, stopChance: 1 } : s)) }, allChances(1));
    const e = executeRunbook(stop, { seed: 4 });
    expect(e.outcome).toBe('stopped');
    expect(e.atStep).toBe('identify_long_queries');
    expect(e.rolledBack).toEqual([]);
    expect(e.succeeded).toEqual(['check_connection_pool']);
  });
});

describe('success chances', () => {
  it('1 for every step: the connection-pool runbook always succeeds, each step on its first attempt', () => {
    const sure = applyChances(noStops, allChances(1));
    for (const seed of seeds) {
      const e = executeRunbook(sure, { seed });
      expect(e.outcome).toBe('succeeded');
      expect(e.spans.filter((s) => s.kind === 'attempt')).toHaveLength(6);
    }
  });

  it('0 for every step: it always rolls back at the first step after 4 attempts', () => {
    const hopeless = applyChances(noStops, allChances(0));
    for (const seed of seeds) {
      const e = executeRunbook(hopeless, { seed });
      expect(e.outcome).toBe('rolled-back');
      expect(e.rolledBack).toEqual(['check_connection_pool']);
      expect(e.spans.filter((s) => s.kind === 'attempt')).toHaveLength(4);
    }
  });

  it('0 for terminating sessions: rolls back terminate, identify, check in that order, and says it is incomplete', () => {
    const e = executeRunbook(applyChances(noStops, { terminate_long_queries: 0 }), { seed: 1 });
    expect(e.rolledBack).toEqual(['terminate_long_queries', 'identify_long_queries', 'check_connection_pool']);
    expect(e.rollbackComplete).toBe(false);
  });
});

describe('determinism', () => {
  it('the same seed gives the same run; different seeds give different runs', () => {
    expect(executeRunbook(CONNECTION_POOL_RUNBOOK, { seed: 42 })).toEqual(executeRunbook(CONNECTION_POOL_RUNBOOK, { seed: 42 }));
    const ends = new Set(seeds.slice(0, 20).map((seed) => executeRunbook(CONNECTION_POOL_RUNBOOK, { seed }).endAt));
    expect(ends.size).toBeGreaterThan(10);
    const outcomes = new Set(seeds.map((seed) => executeRunbook(CONNECTION_POOL_RUNBOOK, { seed }).outcome));
    expect(outcomes).toEqual(new Set(['succeeded', 'stopped', 'rolled-back']));
  });

  it("changing one step's chance leaves the earlier steps' draws alone (one random stream per step)", () => {
    const sure = applyChances(noStops, allChances(1));
    const before = executeRunbook(sure, { seed: 9 });
    const after = executeRunbook(applyChances(sure, { verify_recovery: 0 }), { seed: 9 });
    expect(before.outcome).toBe('succeeded');
    expect(after.outcome).toBe('rolled-back');
    const firstFive = (e: typeof before) => e.spans.filter((s) => s.stepId !== 'verify_recovery' && s.kind !== 'rollback');
    expect(firstFive(after)).toEqual(firstFive(before));
  });

  it('waits 30 s for the person at the keyboard before terminating sessions', () => {
    const e = executeRunbook(applyChances(noStops, allChances(1)), { seed: 2 });
    const wait = e.spans.find((s) => s.kind === 'approval')!;
    expect(wait.stepId).toBe('terminate_long_queries');
    expect(wait.end - wait.start).toBe(30);
    expect(lines(e)).toContain('terminate_long_queries: approved after 30s');
  });
});
