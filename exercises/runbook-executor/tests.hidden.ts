import { defineTests } from '../../src/lib/grading/cases';
import type { Kit } from '../../src/lib/grading/sandbox-runner.mjs';
import type * as M from './starter';

/**
 * The fake world every scenario runs in (a self-contained probe, shared by several tests).
 * - The shell: `input.shell` maps a command line (arguments joined by spaces) to its outcomes,
 *   one per call, the last repeated: `{ ms, exit, out, err }` finishes after `ms` simulated ms,
 *   `{ hang: true }` runs until killed, `{ throws }` fails to start. Unlisted commands exit 0 after 1 s.
 *   A killed command rejects once it has exited: at once, or `exitMs` after the kill
 *   (`{ hang: true, exitMs: 2000 }`: a process that takes 2 s to die).
 * - The clock moves only when something waits: a command and the timer raced against it are
 *   decided together (whichever ends first), a lone sleep or a lone command just takes its time.
 *   A sleep whose signal aborts resolves at once and its timer is cleared.
 * - It records every command started (time and line), every kill, and any command started while
 *   an earlier one was still running or dying (an overlap). With `input.countTimers`, it also counts
 *   stray timers: timeout timers that lost their race to the command and were never cleared.
 */
const world = async (m: typeof M, input: any, kit: Kit) => {
  // No named inner functions here: the grader's loader would wrap them in a helper the sandbox lacks.
  const runs: unknown[] = [];
  for (let k = 0; k < (input.repeat ? 2 : 1); k++) {
    const clock = kit.clock(0);
    const calls: [number, string][] = [];
    const kills: [number, string][] = [];
    const shell: Record<string, any[]> = JSON.parse(JSON.stringify(input.shell ?? {}));
    const w: any = {
      live: null,
      timer: null,
      queued: false,
      overlaps: 0,
      stray: 0,
      seed: input.seed ?? 0,
      decide() {
        w.queued = false;
        const c = w.live;
        const t = w.timer;
        if (c && !c.hang && (!t || c.ms <= t.ms)) {
          clock.time += c.ms;
          w.live = null;
          if (t && c.dying) {
            t.ms -= c.ms; // a dying process exited during a lone sleep: the sleep goes on
            w.soon();
          } else if (t) t.lost = true; // the command won the race: its timer should now be cleared
          c.finish();
        } else if (t) {
          clock.time += t.ms;
          w.timer = null;
          if (c) c.ms -= t.ms;
          t.done();
        }
      },
      soon() {
        if (!w.queued) {
          w.queued = true;
          Promise.resolve().then(w.decide);
        }
      },
      /** Drops a timer that lost its race and was never cleared: it would fire later, for nobody. */
      drop() {
        if (w.timer?.lost) {
          w.stray++;
          w.timer = null;
        }
      },
      seeded() {
        w.seed = (w.seed + 0x6d2b79f5) | 0;
        let t = Math.imul(w.seed ^ (w.seed >>> 15), 1 | w.seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      },
    };
    const deps: M.Deps = {
      now() {
        return clock.time;
      },
      random() {
        return input.seed === undefined ? (input.random ?? 0.5) : w.seeded();
      },
      log() {},
      async approve(step) {
        return !(input.decline ?? []).includes(step);
      },
      sleep(ms, signal) {
        return new Promise<void>((done) => {
          w.drop();
          const t = { ms, done, lost: false };
          w.timer = t;
          signal?.addEventListener('abort', () => {
            if (w.timer === t) w.timer = null; // cleared
            done();
          });
          w.soon();
        });
      },
      run(command, signal) {
        return new Promise((resolve, reject) => {
          w.drop();
          const line = command.join(' ');
          calls.push([clock.time, line]);
          if (w.live) w.overlaps++;
          const list = shell[line] ?? [{ ms: 1000, exit: 0 }];
          const o = list.length > 1 ? list.shift() : list[0];
          const c: any = {
            ms: o.ms ?? 0,
            hang: !!o.hang,
            dying: false,
            finish() {
              if (o.throws) reject(new Error(o.throws));
              else resolve({ exitCode: o.exit ?? 0, stdout: o.out ?? '', stderr: o.err ?? '' });
            },
          };
          signal?.addEventListener('abort', () => {
            if (w.live === c && !c.dying) {
              kills.push([clock.time, line]);
              if (!o.exitMs) {
                w.live = null;
                reject(new Error('killed'));
                return;
              }
              c.dying = true; // still running until it has exited
              c.hang = false;
              c.ms = o.exitMs;
              c.finish = () => reject(new Error('killed'));
              // Decide only once the code under test has had its turn (a retry it starts now overlaps).
              let p = Promise.resolve();
              for (let i = 0; i < 50; i++) p = p.then(() => undefined);
              p.then(() => w.soon());
            }
          });
          w.live = c;
          w.soon();
        });
      },
    };
    const steps = input.steps.map((s: any) =>
      s.stopWhenOut === undefined
        ? s
        : {
            ...s,
            stopIf(r: M.CommandResult) {
              return r.stdout.trim() === s.stopWhenOut ? s.stopReason : undefined;
            },
          },
    );
    const first = steps[0];
    const result: any =
      input.call === 'once'
        ? await m.runWithTimeout(first.command, first.timeoutSeconds, deps)
        : input.call === 'step'
          ? await m.executeStep(first, first.command, deps)
          : await m.runRunbook(steps, input.context ?? {}, deps);
    if (input.reasonHas !== undefined) result.reason = String(result.reason).includes(input.reasonHas);
    w.drop();
    const out: any = { result, time: clock.time, calls, kills, overlaps: w.overlaps };
    if (input.countTimers) out.strayTimers = w.stray;
    runs.push(out);
  }
  return input.repeat ? runs : runs[0];
};

/** A step with the defaults used here: 30 s timeout, no retries, nothing to undo. */
const step = (name: string, command: string[], extra: Record<string, unknown> = {}) => ({
  name,
  description: name,
  command,
  timeoutSeconds: 30,
  retries: 0,
  prerequisites: [] as string[],
  rollback: { kind: 'nothing-to-undo' },
  ...extra,
});

/** The alert's context. */
const context = { db_host: 'db-1', app_name: 'payment-api', namespace: 'payments', app_url: 'payment-api.payments.svc' };

/** The lesson's corrected connection-pool runbook (SQL moved to files to keep the lines short). */
const poolRunbook = [
  step('check_connection_pool', ['psql', '-h', '{db_host}', '-At', '-f', 'check_pool.sql'], { retries: 3 }),
  step('identify_long_queries', ['psql', '-h', '{db_host}', '-At', '-f', 'count_stuck.sql'], {
    retries: 3,
    stopWhenOut: '0|4',
    stopReason: '4 sessions stuck over 5 min, none over 10: nothing to terminate',
  }),
  step('terminate_long_queries', ['psql', '-h', '{db_host}', '-At', '-f', 'terminate_stuck.sql'], {
    timeoutSeconds: 60,
    retries: 1,
    prerequisites: ['identify_long_queries'],
    requiresApproval: true,
    rollback: { kind: 'irreversible', why: 'terminated sessions and their rolled-back transactions cannot be restored' },
  }),
  step('restart_connection_pool', ['kubectl', 'rollout', 'restart', 'deployment/{app_name}', '-n', '{namespace}'], { prerequisites: ['terminate_long_queries'] }),
  step('wait_for_rollout', ['kubectl', 'rollout', 'status', 'deployment/{app_name}', '-n', '{namespace}', '--timeout=300s'], { timeoutSeconds: 330, prerequisites: ['restart_connection_pool'] }),
  step('verify_recovery', ['curl', '-fsS', '--max-time', '10', 'http://{app_url}/health'], { timeoutSeconds: 60, retries: 5 }),
];

const CHECK = 'psql -h db-1 -At -f check_pool.sql';
const IDENTIFY = 'psql -h db-1 -At -f count_stuck.sql';
const TERMINATE = 'psql -h db-1 -At -f terminate_stuck.sql';
const RESTART = 'kubectl rollout restart deployment/payment-api -n payments';
const WAIT = 'kubectl rollout status deployment/payment-api -n payments --timeout=300s';
const HEALTH = 'curl -fsS --max-time 10 http://payment-api.payments.svc/health';
const SCALE_UP = 'kubectl scale deployment/payment-api --replicas=6 -n payments';
const SCALE_BACK = 'kubectl scale deployment/payment-api --replicas=3 -n payments';
const POOL_UP = 'kubectl set env deployment/payment-api DB_POOL_SIZE=20 -n payments';
const POOL_BACK = 'kubectl set env deployment/payment-api DB_POOL_SIZE=10 -n payments';

const changeRunbook = [
  step('scale_up', ['kubectl', 'scale', 'deployment/{app_name}', '--replicas=6', '-n', '{namespace}'], {
    rollback: { kind: 'command', command: ['kubectl', 'scale', 'deployment/{app_name}', '--replicas=3', '-n', '{namespace}'] },
  }),
  step('raise_pool', ['kubectl', 'set', 'env', 'deployment/{app_name}', 'DB_POOL_SIZE=20', '-n', '{namespace}'], {
    rollback: { kind: 'command', command: ['kubectl', 'set', 'env', 'deployment/{app_name}', 'DB_POOL_SIZE=10', '-n', '{namespace}'] },
  }),
  step('restart_connection_pool', ['kubectl', 'rollout', 'restart', 'deployment/{app_name}', '-n', '{namespace}']),
];

export default defineTests<typeof M>([
  // random 0.999: retry 3 waits 4000 * (0.5 + 0.4995) = 3998 ms; retry 1 at random 0.25 waits 625 ms.
  { id: 'backoff-other-draws', name: 'backoff at other random draws stays under the un-jittered wait', task: 1, input: null, run: (m) => [m.backoffMs(3, () => 0.999), m.backoffMs(1, () => 0.25), m.backoffMs(5, () => 0.5)], expect: [3998, 625, 12_000] },
  // No steps: 0. retries 0: just the timeout (330). retries 5 at 60 s: 360 + 31 = 391. retries 1 at 45 s: 90 + 1 = 91.
  {
    id: 'worst-case-edges',
    name: 'worst case of no steps, of a step without retries, and of a mixed runbook',
    task: 1,
    input: null,
    run: (m) => [
      m.worstCaseSeconds([]),
      m.worstCaseSeconds([{ timeoutSeconds: 330, retries: 0 }]),
      m.worstCaseSeconds([{ timeoutSeconds: 60, retries: 5 }, { timeoutSeconds: 45, retries: 1 }]),
    ],
    expect: [0, 330, 482],
  },
  // retries 0: a single attempt that hangs, killed at 60 s; no backoff afterwards.
  {
    id: 'no-retries-timeout',
    name: 'retries: 0 and a hung command: one attempt, killed at 60 s, "timed out after 60 s"',
    task: 2,
    input: { call: 'step', steps: [step('terminate_long_queries', ['psql', '-h', 'db-1', '-At', '-f', 'terminate_stuck.sql'], { timeoutSeconds: 60 })], shell: { [TERMINATE]: [{ hang: true }] } },
    run: world,
    expect: { result: { kind: 'failed', reason: 'timed out after 60 s' }, time: 60_000, calls: [[0, TERMINATE]], kills: [[60_000, TERMINATE]], overlaps: 0 },
  },
  // Every attempt hangs, random 0.5: 4 x 30 s + 0.75 + 1.5 + 3 s = 125.25 s, under the 127 s worst case.
  // Attempts start at 0, 30.75, 62.25, 95.25 s and are killed at 30, 60.75, 92.25, 125.25 s: the common version
  // retried timeouts at once, without backing off.
  {
    id: 'every-attempt-times-out',
    name: 'four hung attempts: each killed before the next, with backoff after timeouts too; 125.25 s in all',
    task: 2,
    input: { call: 'step', steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 3 })], shell: { [CHECK]: [{ hang: true }] } },
    run: world,
    expect: {
      result: { kind: 'failed', reason: 'timed out after 30 s' },
      time: 125_250,
      calls: [[0, CHECK], [30_750, CHECK], [62_250, CHECK], [95_250, CHECK]],
      kills: [[30_000, CHECK], [60_750, CHECK], [92_250, CHECK], [125_250, CHECK]],
      overlaps: 0,
    },
    points: 2,
  },
  // Every attempt hangs and takes 3 s to die after its kill; random 0.5. Kill at 30 s, exit at 33 s,
  // wait 0.75 s; 33.75 s, kill at 63.75 s, exit at 66.75 s, wait 1.5 s; 68.25 s, kill at 98.25 s, exit at 101.25 s.
  {
    id: 'slow-deaths',
    name: 'three hung attempts that each take 3 s to die: every retry waits for the exit, then backs off; 101.25 s in all',
    task: 2,
    input: { call: 'step', steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 2 })], shell: { [CHECK]: [{ hang: true, exitMs: 3000 }] } },
    run: world,
    expect: {
      result: { kind: 'failed', reason: 'timed out after 30 s' },
      time: 101_250,
      calls: [[0, CHECK], [33_750, CHECK], [68_250, CHECK]],
      kills: [[30_000, CHECK], [63_750, CHECK], [98_250, CHECK]],
      overlaps: 0,
    },
  },
  // runWithTimeout on its own: the command answers in 2 s, before its 30 s timer, which is then cleared.
  {
    id: 'run-with-timeout-ok',
    name: 'runWithTimeout: a command that answers in time comes back as its result, and its timer is cleared',
    task: 2,
    input: { call: 'once', countTimers: true, steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'])], shell: { [CHECK]: [{ ms: 2000, exit: 0, out: '97|100\n' }] } },
    run: world,
    expect: { result: { exitCode: 0, stdout: '97|100\n', stderr: '' }, time: 2000, calls: [[0, CHECK]], kills: [], overlaps: 0, strayTimers: 0 },
  },
  // A command that fails to start (rejects) is a failed attempt: random 0 waits 500 ms, then 1 s attempt.
  {
    id: 'rejected-run-retried',
    name: 'a command that fails to start counts as a failed attempt and is retried after a backoff',
    task: 2,
    input: { call: 'step', random: 0, steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 1 })], shell: { [CHECK]: [{ throws: 'spawn psql ENOENT' }, { ms: 1000, exit: 0 }] } },
    run: world,
    expect: { result: { kind: 'ok' }, time: 1500, calls: [[0, CHECK], [500, CHECK]], kills: [], overlaps: 0 },
  },
  // The full recovery: checks 0-2 s, terminate 2-3 s, restart 3-4 s, rollout 4-49 s; the health check
  // fails twice (0.1 s each) with waits of 0.75 and 1.5 s: 49.1, 49.85-49.95, 51.45-51.55 s.
  {
    id: 'full-recovery',
    name: 'the connection-pool runbook recovers: the health check succeeds on its third attempt at 51.55 s',
    task: 3,
    input: {
      context,
      steps: poolRunbook,
      shell: { [IDENTIFY]: [{ ms: 1000, exit: 0, out: '2|6' }], [WAIT]: [{ ms: 45_000, exit: 0 }], [HEALTH]: [{ ms: 100, exit: 22, err: 'curl: (22) 503' }, { ms: 100, exit: 22, err: 'curl: (22) 503' }, { ms: 100, exit: 0, out: 'ok' }] },
    },
    run: world,
    expect: {
      result: { outcome: 'succeeded', skipped: [] },
      time: 51_550,
      calls: [[0, CHECK], [1000, IDENTIFY], [2000, TERMINATE], [3000, RESTART], [4000, WAIT], [49_000, HEALTH], [49_850, HEALTH], [51_450, HEALTH]],
      kills: [],
      overlaps: 0,
    },
    points: 2,
  },
  // The first step hangs twice (retries 1): killed at 30 s and 60.75 s; its own rollback runs, 60.75-61.75 s.
  {
    id: 'first-step-rolls-back-itself',
    name: 'a step that timed out may have half-happened: it is rolled back even though it never succeeded',
    task: 3,
    input: { context, steps: [{ ...changeRunbook[0]!, retries: 1 }, changeRunbook[1]!], shell: { [SCALE_UP]: [{ hang: true }] } },
    run: world,
    expect: {
      result: { outcome: 'failed', at: 'scale_up', reason: 'timed out after 30 s', rollbackComplete: true },
      time: 61_750,
      calls: [[0, SCALE_UP], [30_750, SCALE_UP], [60_750, SCALE_BACK]],
      kills: [[30_000, SCALE_UP], [60_750, SCALE_UP]],
      overlaps: 0,
    },
  },
  // raise_pool fails; its own undo fails too (exit 1): the rollback goes on to scale_up, then reports incomplete.
  {
    id: 'rollback-command-fails',
    name: 'a rollback command that fails makes the rollback incomplete, but the earlier steps are still undone',
    task: 3,
    input: { context, steps: changeRunbook, shell: { [POOL_UP]: [{ ms: 1000, exit: 1, err: 'quota exceeded' }], [POOL_BACK]: [{ ms: 1000, exit: 1, err: 'connection reset' }] } },
    run: world,
    expect: {
      result: { outcome: 'failed', at: 'raise_pool', reason: 'exit 1: quota exceeded', rollbackComplete: false },
      time: 4000,
      calls: [[0, SCALE_UP], [1000, POOL_UP], [2000, POOL_BACK], [3000, SCALE_BACK]],
      kills: [],
      overlaps: 0,
    },
  },
  // scale_up's undo has its own 120 s timeout (scaling back down can be slow). raise_pool fails 1-2 s,
  // its undo 2-3 s; scale_up's undo hangs from 3 s and is killed at 3 + 120 = 123 s: incomplete.
  {
    id: 'rollback-own-timeout',
    name: "a rollback command's own timeoutSeconds wins over the step's: killed after 120 s, not 30",
    task: 3,
    input: {
      context,
      steps: [{ ...changeRunbook[0]!, rollback: { ...changeRunbook[0]!.rollback, timeoutSeconds: 120 } }, changeRunbook[1]!],
      shell: { [POOL_UP]: [{ ms: 1000, exit: 1, err: 'quota exceeded' }], [SCALE_BACK]: [{ hang: true }] },
    },
    run: world,
    expect: {
      result: { outcome: 'failed', at: 'raise_pool', reason: 'exit 1: quota exceeded', rollbackComplete: false },
      time: 123_000,
      calls: [[0, SCALE_UP], [1000, POOL_UP], [2000, POOL_BACK], [3000, SCALE_BACK]],
      kills: [[123_000, SCALE_BACK]],
      overlaps: 0,
    },
  },
  // The change runbook succeeds, 1 s a step: none of the three timeout timers may be left running.
  {
    id: 'runbook-timers-cleared',
    name: 'a runbook that succeeds leaves no timeout timer running',
    task: 3,
    input: { context, countTimers: true, steps: changeRunbook },
    run: world,
    expect: {
      result: { outcome: 'succeeded', skipped: [] },
      time: 3000,
      calls: [[0, SCALE_UP], [1000, POOL_UP], [2000, 'kubectl rollout restart deployment/payment-api -n payments']],
      kills: [],
      overlaps: 0,
      strayTimers: 0,
    },
  },
  // A value from the alert that is not a plain name: the step fails before anything runs.
  {
    id: 'unsafe-context',
    name: 'an unsafe context value ("db-1; kubectl delete namespace payments") fails the step before any command runs',
    task: 3,
    input: { context: { ...context, db_host: 'db-1; kubectl delete namespace payments' }, steps: poolRunbook, reasonHas: 'unsafe context value for db_host' },
    run: world,
    expect: { result: { outcome: 'failed', at: 'check_connection_pool', reason: true, rollbackComplete: true }, time: 0, calls: [], kills: [], overlaps: 0 },
  },
  // app_name missing: scale_up fails at once; its rollback needs app_name too, so the undo cannot be built: incomplete.
  {
    id: 'missing-context',
    name: 'a missing context value fails the step; its rollback cannot be built either, so the rollback is incomplete',
    task: 3,
    input: { context: { db_host: 'db-1', namespace: 'payments' }, steps: changeRunbook, reasonHas: 'missing context value: app_name' },
    run: world,
    expect: { result: { outcome: 'failed', at: 'scale_up', reason: true, rollbackComplete: false }, time: 0, calls: [], kills: [], overlaps: 0 },
  },
  // verify_cache needs warm_cache, which comes later: prerequisites must have succeeded *before*.
  {
    id: 'prerequisite-later',
    name: 'a prerequisite that appears later in the runbook has not succeeded yet: the step is skipped',
    task: 3,
    input: {
      context,
      steps: [
        step('verify_cache', ['curl', '-fsS', 'http://{app_url}/cache'], { prerequisites: ['warm_cache'] }),
        step('warm_cache', ['curl', '-fsS', 'http://{app_url}/warm']),
        step('report', ['curl', '-fsS', 'http://{app_url}/report'], { prerequisites: ['verify_cache', 'warm_cache'] }),
      ],
    },
    run: world,
    expect: { result: { outcome: 'succeeded', skipped: ['verify_cache', 'report'] }, time: 1000, calls: [[0, 'curl -fsS http://payment-api.payments.svc/warm']], kills: [], overlaps: 0 },
  },
]);
