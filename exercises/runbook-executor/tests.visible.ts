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
const HEALTH = 'curl -fsS --max-time 10 http://payment-api.payments.svc/health';
const POOL_UP = 'kubectl set env deployment/payment-api DB_POOL_SIZE=20 -n payments';
const POOL_BACK = 'kubectl set env deployment/payment-api DB_POOL_SIZE=10 -n payments';
const SCALE_UP = 'kubectl scale deployment/payment-api --replicas=6 -n payments';
const SCALE_BACK = 'kubectl scale deployment/payment-api --replicas=3 -n payments';

/** A change that makes room and then raises the pool size; both can be undone. */
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
  // retry n waits 1000 * 2^(n-1) * (0.5 + random/2): random 0.5 -> x0.75: 750, 1500, 3000; random 0 -> x0.5: 500, 1000, 2000.
  {
    id: 'backoff-doubles',
    name: 'backoff doubles from 1 s with a jitter factor in [0.5, 1): 750, 1500, 3000 ms at random 0.5',
    task: 1,
    input: null,
    run: (m) => [1, 2, 3].map((n) => [m.backoffMs(n, () => 0.5), m.backoffMs(n, () => 0)]),
    expect: [[750, 500], [1500, 1000], [3000, 2000]],
  },
  // Source: 127 + 127 + 247 + 1207 + 391 = 2099 s. Corrected, by the formula with the stated timeouts:
  // 127 + 127 + 121 + 30 + 330 + 391 = 1126 s. (The lesson's 826 s also counts curl's own --max-time 10,
  // which caps each health check at 10 s: 91 s instead of 391; the formula only sees timeoutSeconds.)
  {
    id: 'worst-case-lesson',
    name: "worst case by the formula: the classic runbook 2,099 s, the corrected one 1,126 s",
    task: 1,
    input: {
      source: [{ timeoutSeconds: 30, retries: 3 }, { timeoutSeconds: 30, retries: 3 }, { timeoutSeconds: 60, retries: 3 }, { timeoutSeconds: 300, retries: 3 }, { timeoutSeconds: 60, retries: 5 }],
      corrected: poolRunbook,
    },
    run: (m, i) => [m.worstCaseSeconds(i.source), m.worstCaseSeconds(i.corrected)],
    expect: [2099, 1126],
    points: 2,
  },
  // Attempts of 2 s; random 0.5: 0-2 s fail, wait 0.75 s, 2.75-4.75 s fail, wait 1.5 s, 6.25-8.25 s succeed.
  {
    id: 'retry-then-succeed',
    name: 'two failures, then success: attempts at 0, 2.75 and 6.25 s, done at 8.25 s',
    task: 2,
    input: {
      call: 'step',
      steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 3 })],
      shell: { [CHECK]: [{ ms: 2000, exit: 2, err: 'could not connect' }, { ms: 2000, exit: 2, err: 'could not connect' }, { ms: 2000, exit: 0, out: '97|100' }] },
    },
    run: world,
    expect: { result: { kind: 'ok' }, time: 8250, calls: [[0, CHECK], [2750, CHECK], [6250, CHECK]], kills: [], overlaps: 0 },
  },
  // Attempt 1 hangs: killed at the 30 s timeout; back off 0.75 s; attempt 2 at 30.75 s takes 2 s.
  {
    id: 'timeout-kills',
    name: 'a hung attempt is killed at its timeout, before the retry starts (no overlap)',
    task: 2,
    input: {
      call: 'step',
      steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 3 })],
      shell: { [CHECK]: [{ hang: true }, { ms: 2000, exit: 0, out: '97|100' }] },
    },
    run: world,
    expect: { result: { kind: 'ok' }, time: 32_750, calls: [[0, CHECK], [30_750, CHECK]], kills: [[30_000, CHECK]], overlaps: 0 },
    points: 2,
  },
  // 3 attempts of 1 s, waits 0.75 and 1.5 s: 1 + 0.75 + 1 + 1.5 + 1 = 5.25 s.
  {
    id: 'all-attempts-fail',
    name: 'retries: 2 means three attempts; the reason is the last exit code and stderr',
    task: 2,
    input: {
      call: 'step',
      steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 2 })],
      shell: { [CHECK]: [{ ms: 1000, exit: 2, err: 'could not connect to server: Connection refused\n' }] },
    },
    run: world,
    expect: { result: { kind: 'failed', reason: 'exit 2: could not connect to server: Connection refused' }, time: 5250, calls: [[0, CHECK], [1750, CHECK], [4250, CHECK]], kills: [], overlaps: 0 },
  },
  // Attempt 1 hangs: killed at its 30 s timeout, but the process takes 2 s to die (exits at 32 s).
  // Wait for it, then back off 0.75 s: the retry starts at 32.75 s and takes 1 s. Not waiting would
  // start the backoff at 30 s and the retry at 30.75 s, beside the dying process (an overlap).
  {
    id: 'kill-waits-for-exit',
    name: 'a killed attempt that takes 2 s to exit: the backoff starts once it has exited, the retry at 32.75 s',
    task: 2,
    input: {
      call: 'step',
      steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 1 })],
      shell: { [CHECK]: [{ hang: true, exitMs: 2000 }, { ms: 1000, exit: 0 }] },
    },
    run: world,
    expect: { result: { kind: 'ok' }, time: 33_750, calls: [[0, CHECK], [32_750, CHECK]], kills: [[30_000, CHECK]], overlaps: 0 },
  },
  // Same run as 'retry-then-succeed': three attempts, each finishing (2 s) before its 30 s timer.
  // Each of those three timers must be cleared when its command wins, or it fires later for nobody.
  {
    id: 'timers-cleared',
    name: 'a timeout timer that loses the race to its command is cleared (no stray timers)',
    task: 2,
    input: {
      call: 'step',
      countTimers: true,
      steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 3 })],
      shell: { [CHECK]: [{ ms: 2000, exit: 2, err: 'could not connect' }, { ms: 2000, exit: 2, err: 'could not connect' }, { ms: 2000, exit: 0, out: '97|100' }] },
    },
    run: world,
    expect: { result: { kind: 'ok' }, time: 8250, calls: [[0, CHECK], [2750, CHECK], [6250, CHECK]], kills: [], overlaps: 0, strayTimers: 0 },
  },
  // runWithTimeout on its own: a hung command under a 10 s limit is killed at 10 s and reported.
  {
    id: 'run-with-timeout-hung',
    name: "runWithTimeout: a hung command under a 10 s limit is killed at 10 s and comes back 'timed-out'",
    task: 2,
    input: { call: 'once', steps: [step('verify_recovery', ['curl', '-fsS', '--max-time', '10', 'http://payment-api.payments.svc/health'], { timeoutSeconds: 10 })], shell: { [HEALTH]: [{ hang: true }] } },
    run: world,
    expect: { result: 'timed-out', time: 10_000, calls: [[0, HEALTH]], kills: [[10_000, HEALTH]], overlaps: 0 },
  },
  // The command worked (exit 0) and its answer says stop: one attempt, no retry.
  {
    id: 'diagnostic-stop',
    name: 'a diagnostic whose answer says "not this problem" stops, and is not retried',
    task: 2,
    input: {
      call: 'step',
      steps: [step('identify_long_queries', ['psql', '-h', 'db-1', '-At', '-f', 'count_stuck.sql'], { retries: 3, stopWhenOut: '0|4', stopReason: '4 sessions stuck over 5 min, none over 10: nothing to terminate' })],
      shell: { [IDENTIFY]: [{ ms: 500, exit: 0, out: '0|4\n' }] },
    },
    run: world,
    expect: { result: { kind: 'stop', reason: '4 sessions stuck over 5 min, none over 10: nothing to terminate' }, time: 500, calls: [[0, IDENTIFY]], kills: [], overlaps: 0 },
  },
  // Seed 42 (mulberry32) draws 0.6011, 0.4483, 0.8525: waits 800.55, 1448.29, 3704.93 ms.
  // 0-1 s fail; 1.80 s attempt hangs, killed at 31.80 s; 33.25 s fail at 34.25 s; 37.95 s succeeds at 38.95 s.
  {
    id: 'same-seed-replays',
    name: 'the same seed replays the same run, to the millisecond',
    task: 2,
    input: {
      call: 'step',
      repeat: true,
      seed: 42,
      steps: [step('check_connection_pool', ['psql', '-h', 'db-1', '-At', '-f', 'check_pool.sql'], { retries: 3 })],
      shell: { [CHECK]: [{ ms: 1000, exit: 2, err: 'x' }, { hang: true }, { ms: 1000, exit: 2, err: 'x' }, { ms: 1000, exit: 0 }] },
    },
    run: world,
    expect: [0, 1].map(() => ({
      result: { kind: 'ok' },
      time: 38_953.774_021_938_44,
      calls: [[0, CHECK], [1800.551_875_960_081_8, CHECK], [33_248.842_434_957_62, CHECK], [37_953.774_021_938_44, CHECK]],
      kills: [[31_800.551_875_960_08, CHECK]],
      overlaps: 0,
    })),
    tolerance: 1e-6,
  },
  // warm_cache needs enable_cache (not in this runbook), verify_cache needs warm_cache: both skipped.
  {
    id: 'skip-and-substitute',
    name: 'steps whose prerequisites did not succeed are skipped; placeholders are filled from the context',
    task: 3,
    input: {
      context,
      steps: [
        step('check_connection_pool', ['psql', '-h', '{db_host}', '-At', '-f', 'check_pool.sql']),
        step('warm_cache', ['curl', '-fsS', 'http://{app_url}/warm'], { prerequisites: ['enable_cache'] }),
        step('verify_cache', ['curl', '-fsS', 'http://{app_url}/cache'], { prerequisites: ['warm_cache'] }),
        step('verify_recovery', ['curl', '-fsS', '--max-time', '10', 'http://{app_url}/health']),
      ],
    },
    run: world,
    expect: {
      result: { outcome: 'succeeded', skipped: ['warm_cache', 'verify_cache'] },
      time: 2000,
      calls: [[0, CHECK], [1000, 'curl -fsS --max-time 10 http://payment-api.payments.svc/health']],
      kills: [],
      overlaps: 0,
    },
  },
  {
    id: 'runbook-stops',
    name: 'no session stuck over 10 minutes: the runbook stops before terminating anything',
    task: 3,
    input: { context, steps: poolRunbook, shell: { [IDENTIFY]: [{ ms: 500, exit: 0, out: '0|4' }] } },
    run: world,
    expect: {
      result: { outcome: 'stopped', at: 'identify_long_queries', reason: '4 sessions stuck over 5 min, none over 10: nothing to terminate' },
      time: 1500,
      calls: [[0, CHECK], [1000, IDENTIFY]],
      kills: [],
      overlaps: 0,
    },
  },
  // scale_up 0-1 s; raise_pool fails 1-2 s; rollback newest first, the failed step included:
  // raise_pool's undo 2-3 s, then scale_up's 3-4 s. restart_connection_pool never runs.
  {
    id: 'rollback-reverse',
    name: 'a failed step rolls back itself, then the earlier steps, newest first',
    task: 3,
    input: {
      context,
      steps: changeRunbook,
      shell: { 'kubectl set env deployment/payment-api DB_POOL_SIZE=20 -n payments': [{ ms: 1000, exit: 1, err: 'error: timed out waiting for the condition' }] },
    },
    run: world,
    expect: {
      result: { outcome: 'failed', at: 'raise_pool', reason: 'exit 1: error: timed out waiting for the condition', rollbackComplete: true },
      time: 4000,
      calls: [
        [0, 'kubectl scale deployment/payment-api --replicas=6 -n payments'],
        [1000, 'kubectl set env deployment/payment-api DB_POOL_SIZE=20 -n payments'],
        [2000, 'kubectl set env deployment/payment-api DB_POOL_SIZE=10 -n payments'],
        [3000, 'kubectl scale deployment/payment-api --replicas=3 -n payments'],
      ],
      kills: [],
      overlaps: 0,
    },
    points: 2,
  },
  // scale_up 0-1 s; raise_pool fails 1-2 s. Its rollback hangs: it runs under the step's own 30 s
  // timeout (no timeout of its own), is killed at 32 s and reported, and the rollback goes on to
  // scale_up's undo, 32-33 s. The rollback is incomplete.
  {
    id: 'rollback-times-out',
    name: "a hung rollback command is killed at the step's timeout, the rollback goes on, and it is reported incomplete",
    task: 3,
    input: { context, steps: changeRunbook, shell: { [POOL_UP]: [{ ms: 1000, exit: 1, err: 'quota exceeded' }], [POOL_BACK]: [{ hang: true }] } },
    run: world,
    expect: {
      result: { outcome: 'failed', at: 'raise_pool', reason: 'exit 1: quota exceeded', rollbackComplete: false },
      time: 33_000,
      calls: [[0, SCALE_UP], [1000, POOL_UP], [2000, POOL_BACK], [32_000, SCALE_BACK]],
      kills: [[32_000, POOL_BACK]],
      overlaps: 0,
    },
    points: 2,
  },
  // 3 sessions over 10 min: terminate (approved) runs; the restart fails (retries 0). Rollback:
  // restart and the checks have nothing to undo, terminate is irreversible: rollback incomplete.
  {
    id: 'irreversible-incomplete',
    name: 'terminated sessions cannot be restored: the rollback is reported incomplete',
    task: 3,
    input: {
      context,
      steps: poolRunbook,
      shell: { [IDENTIFY]: [{ ms: 1000, exit: 0, out: '3|5' }], [RESTART]: [{ ms: 1000, exit: 1, err: 'Error from server (NotFound): deployments.apps "payment-api" not found' }] },
    },
    run: world,
    expect: {
      result: { outcome: 'failed', at: 'restart_connection_pool', reason: 'exit 1: Error from server (NotFound): deployments.apps "payment-api" not found', rollbackComplete: false },
      time: 4000,
      calls: [[0, CHECK], [1000, IDENTIFY], [2000, TERMINATE], [3000, RESTART]],
      kills: [],
      overlaps: 0,
    },
    points: 2,
  },
  {
    id: 'approval-declined',
    name: 'a person declines the terminate step: the runbook stops cleanly, nothing to roll back',
    task: 3,
    input: { context, steps: poolRunbook, decline: ['terminate_long_queries'], shell: { [IDENTIFY]: [{ ms: 1000, exit: 0, out: '3|5' }] } },
    run: world,
    expect: {
      result: { outcome: 'stopped', at: 'terminate_long_queries', reason: 'a person declined this step' },
      time: 2000,
      calls: [[0, CHECK], [1000, IDENTIFY]],
      kills: [],
      overlaps: 0,
    },
  },
]);
