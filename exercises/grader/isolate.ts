/**
 * Runs one submission's probes in a separate, locked-down process and collects what it reports.
 *
 * Layers (`isolationMode()` says which apply on this machine; README: what each guarantees):
 * - a `node:vm` realm with no Node globals inside the child (child.mjs): the learner's code
 *   cannot reach `process`, `require`, `import()`, `eval` or the result channel;
 * - a fresh process per submission (and per restart), killed on a time limit, so loops,
 *   `await`-then-loop, crashes and exits cannot touch the grader;
 * - when the grader runs as root, each child runs as its own unprivileged user (one uid per
 *   concurrent child), so it can signal no other process;
 * - Node's permission model: the child may read only its own script (no other files, no
 *   child processes, no workers, no native addons);
 * - Linux namespaces via `unshare` (user, network, pid, mount): no network interfaces at all and
 *   no other processes visible;
 * - resource limits via `prlimit`: data segment (caps ArrayBuffers as well as the JS heap), CPU
 *   seconds, open files; plus V8's heap limit;
 * - results travel on file descriptor 3, each line prefixed with a random nonce the submission
 *   never sees, and are validated here; stdout and stderr are captured as data and truncated.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunnerMessage, type Probe, type RunnerMessage } from '../../src/lib/grading/sandbox-runner.mjs';

const childScript = join(import.meta.dirname, 'child.mjs');
const runnerScript = join(import.meta.dirname, '..', '..', 'src', 'lib', 'grading', 'sandbox-runner.mjs');
/** The runner's source, sent to every child (which evaluates it inside its vm realm). */
let runnerSource: string | undefined;

/** First uid (and gid) of the unprivileged users children run as when the grader is root: one per concurrent child. */
export const SANDBOX_UID_BASE = 2_140_000_000;
/** Most children at once (uids SANDBOX_UID_BASE .. +63). */
export const SANDBOX_UID_SLOTS = 64;

/** Limits applied to a submission. */
export interface Limits {
  /** Per test, ms. */
  testMs: number;
  /** Loading the module, ms. */
  loadMs: number;
  /** Whole submission (all tests and restarts), ms. */
  totalMs: number;
  /** Memory for data (heap and buffers), MB. */
  memoryMb: number;
  /** Characters of stdout and of stderr kept. */
  outputChars: number;
}

/** Sensible defaults: 2 s a test, 10 s to load, 60 s in all, 256 MB, 4,000 characters of output. */
export const defaultLimits: Limits = { testMs: 2000, loadMs: 10_000, totalMs: 60_000, memoryMb: 256, outputChars: 4000 };

/** Which isolation layers this machine offers. */
export interface IsolationMode {
  namespaces: boolean;
  prlimit: boolean;
  /** Each child runs as its own unprivileged uid and gid (the grader runs as root). */
  separateUsers: boolean;
  /**
   * No OS-level layer keeps a child from signalling processes of the grader's user (neither
   * namespaces nor separate users): only the vm realm does. Grading then needs explicit consent.
   */
  weak: boolean;
  /** One line for reports; ends with "WARNING: ..." when a layer is missing. */
  description: string;
}

/** The description and weakness of a set of layers (pure: `isolationMode()` probes the machine). */
export function describeIsolation(layers: { namespaces: boolean; prlimit: boolean; separateUsers: boolean }): IsolationMode {
  const parts = ['a vm realm without Node globals (no process, require or import)', 'separate process per submission'];
  if (layers.separateUsers) parts.push('its own unprivileged user per process');
  parts.push("Node's permission model (no file reads, no child processes)");
  if (layers.namespaces) parts.push('network, pid and mount namespaces (no network)');
  if (layers.prlimit) parts.push('prlimit memory, CPU and file limits');
  const weak = !layers.namespaces && !layers.separateUsers;
  const warnings: string[] = [];
  if (!layers.namespaces) warnings.push('no network isolation on this machine (unshare unavailable)');
  if (weak) warnings.push('no OS-level process isolation (not root and no namespaces), only the vm realm keeps submissions from signalling your processes');
  return { ...layers, weak, description: `${parts.join(' + ')}${warnings.length ? `; WARNING: ${warnings.join('; ')}` : ''}` };
}

/** Why grading is refused on this machine without `--allow-weak-isolation`, or undefined. */
export function weakIsolationRefusal(mode: IsolationMode): string | undefined {
  if (!mode.weak) return undefined;
  return 'refusing to grade: this machine offers no OS-level isolation between submissions and your processes (the grader is not root, so it cannot run each submission as its own user, and Linux user namespaces are unavailable). Only the vm realm would stand between a submission and your processes. Run as root (for example in a container), enable user namespaces, or pass --allow-weak-isolation to accept this; every report will then carry a WARNING.';
}

let cachedMode: IsolationMode | undefined;
let stagedDir: string | undefined;

/** The uid (and gid) of slot `slot`, distinct per grader process so two graders do not share users. */
export function sandboxUid(slot: number): number {
  return SANDBOX_UID_BASE + (process.pid % 4096) * SANDBOX_UID_SLOTS + slot;
}

/**
 * The child script where a sandbox user can read it: a copy in a fresh world-readable folder
 * (the course checkout may be private to root). Removed when the grader exits.
 */
function stagedChildScript(): string {
  if (!stagedDir) {
    stagedDir = mkdtempSync(join(tmpdir(), 'rlab-grade-'));
    chmodSync(stagedDir, 0o755);
    copyFileSync(childScript, join(stagedDir, 'child.mjs'));
    chmodSync(join(stagedDir, 'child.mjs'), 0o644);
    const dir = stagedDir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return join(stagedDir, 'child.mjs');
}

/**
 * Probes the machine once: can we run children as their own users (root), use `unshare`
 * namespaces (as that user) and `prlimit`? `RLAB_GRADE_NO_NAMESPACES=1` and
 * `RLAB_GRADE_NO_USER_SWITCH=1` turn a layer off (to test what happens where it is missing).
 */
export function isolationMode(): IsolationMode {
  if (cachedMode) return cachedMode;
  const linux = process.platform === 'linux';
  const asUser = linux && process.getuid?.() === 0 && process.env.RLAB_GRADE_NO_USER_SWITCH !== '1' ? { uid: sandboxUid(0), gid: sandboxUid(0) } : undefined;
  const works = (cmd: string, args: string[], user?: { uid: number; gid: number }) => {
    try {
      return spawnSync(cmd, args, { stdio: 'ignore', timeout: 5000, ...(user ? { ...user, cwd: tmpdir() } : {}) }).status === 0;
    } catch {
      return false;
    }
  };
  const separateUsers = asUser !== undefined && works(process.execPath, ['--experimental-permission', `--allow-fs-read=${stagedChildScript()}`, '-e', 'process.exit(process.getuid() === 0 ? 1 : 0)'], asUser);
  const user = separateUsers ? asUser : undefined;
  const namespaces = linux && process.env.RLAB_GRADE_NO_NAMESPACES !== '1' && works('unshare', ['--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', 'true'], user);
  const prlimit = linux && works('prlimit', ['--nofile=64', 'true']);
  cachedMode = describeIsolation({ namespaces, prlimit, separateUsers });
  return cachedMode;
}

/** The command line that starts a child under every available layer. */
export function childCommand(mode: IsolationMode, limits: Limits): { cmd: string; args: string[] } {
  const script = mode.separateUsers ? stagedChildScript() : childScript;
  const node = [
    process.execPath,
    '--experimental-permission',
    `--allow-fs-read=${script}`,
    '--experimental-vm-modules',
    '--no-warnings',
    `--max-old-space-size=${Math.max(32, Math.floor(limits.memoryMb / 2))}`,
    script,
  ];
  const cpuSeconds = Math.ceil(limits.totalMs / 1000) + 5;
  const prlimit = mode.prlimit ? ['prlimit', `--data=${limits.memoryMb * 1024 * 1024 * 2}`, `--cpu=${cpuSeconds}`, '--nofile=64', '--core=0', '--'] : [];
  const unshare = mode.namespaces ? ['unshare', '--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', '--kill-child'] : [];
  const all = [...unshare, ...prlimit, ...node];
  return { cmd: all[0]!, args: all.slice(1) };
}

/** Free uid slots, and those waiting for one. */
const freeSlots = Array.from({ length: SANDBOX_UID_SLOTS }, (_, i) => i);
const slotWaiters: ((slot: number) => void)[] = [];
function acquireSlot(): Promise<number> {
  const slot = freeSlots.shift();
  return slot !== undefined ? Promise.resolve(slot) : new Promise((resolve) => slotWaiters.push(resolve));
}
function releaseSlot(slot: number) {
  const waiter = slotWaiters.shift();
  if (waiter) waiter(slot);
  else freeSlots.push(slot);
}

/** What one isolated run produced. */
export interface IsolatedRun {
  /** The first report of each test, by id. */
  results: Map<string, Extract<RunnerMessage, { type: 'result' }>>;
  /** Why tests without a result have none (timeout, crash, exit), by id. */
  problems: Map<string, { status: 'timeout' | 'error'; message: string }>;
  /** Set when the module could not be loaded at all. */
  loadError?: string;
  stdout: string;
  stderr: string;
  /** How many fresh processes it took (1 + restarts after timeouts and crashes). */
  processes: number;
}

class Capped {
  text = '';
  dropped = 0;
  constructor(private readonly max: number) {}
  add(chunk: string) {
    const room = this.max - this.text.length;
    if (room > 0) this.text += chunk.slice(0, room);
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
  }
  toString() {
    return this.dropped ? `${this.text}\n[output truncated: ${this.dropped} more characters]` : this.text;
  }
}

/** How a child process ended. */
type Ended = { kind: 'done' } | { kind: 'timeout'; during: string } | { kind: 'exit'; code: number | null; signal: string | null };

/** One child process over some probes; resolves when it is done, stuck, or gone. */
async function runChild(code: string, probes: Probe[], limits: Limits, mode: IsolationMode, deadline: number, out: Capped, err: Capped) {
  const slot = mode.separateUsers ? await acquireSlot() : undefined;
  runnerSource ??= readFileSync(runnerScript, 'utf8');
  return new Promise<{ messages: RunnerMessage[]; ended: Ended }>((resolve) => {
    const nonce = randomBytes(16).toString('hex');
    const { cmd, args } = childCommand(mode, limits);
    const user = slot === undefined ? {} : { uid: sandboxUid(slot), gid: sandboxUid(slot), cwd: tmpdir() };
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' }, ...user });
    let released = slot === undefined;
    const release = () => {
      if (released) return;
      released = true;
      releaseSlot(slot!);
    };
    const messages: RunnerMessage[] = [];
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    let current: 'load' | string = 'load';
    const finish = (ended: Ended) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      resolve({ messages, ended });
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      const left = deadline - Date.now();
      timer = setTimeout(() => finish({ kind: 'timeout', during: current }), Math.max(0, Math.min(ms, left)));
    };
    const pending = [...probes];
    const nextProbe = () => (current = pending.shift()?.id ?? 'done');
    arm(limits.loadMs);
    child.stdout!.setEncoding('utf8').on('data', (c: string) => out.add(c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => err.add(c));
    let buffer = '';
    const results = child.stdio[3] as NodeJS.ReadableStream;
    results.setEncoding('utf8');
    results.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 5_000_000) return finish({ kind: 'exit', code: null, signal: 'protocol overflow' });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith(`${nonce} `)) continue; // not from our runner: ignored
        let message: RunnerMessage | null;
        try {
          message = parseRunnerMessage(JSON.parse(line.slice(nonce.length + 1)));
        } catch {
          continue;
        }
        if (!message) continue;
        messages.push(message);
        if (message.type === 'loaded') {
          nextProbe();
          arm(limits.testMs);
        } else if (message.type === 'result') {
          nextProbe();
          arm(limits.testMs);
        } else if (message.type === 'done' || message.type === 'load-error') {
          finish({ kind: 'done' });
        }
      }
    });
    // After an exit, read what is still in the results pipe (up to a second on a busy machine)
    // before deciding: a last message written just before exiting must not be lost.
    let resultsEnded = false;
    let onResultsEnd: (() => void) | undefined;
    results.on('end', () => {
      resultsEnded = true;
      onResultsEnd?.();
    });
    child.on('exit', (code, signal) => {
      release();
      const decide = () => finish({ kind: 'exit', code, signal });
      if (resultsEnded) return decide();
      const late = setTimeout(decide, 1000);
      onResultsEnd = () => {
        clearTimeout(late);
        decide();
      };
    });
    child.on('error', (e) => {
      release();
      err.add(`could not start the sandbox: ${e.message}`);
      finish({ kind: 'exit', code: null, signal: null });
    });
    child.stdin!.on('error', () => {});
    child.stdin!.end(JSON.stringify({ nonce, runner: runnerSource, code, probes }));
  });
}

/**
 * Runs the probes against the submission's (transpiled, CommonJS) code. A test that hangs or
 * kills the process is marked, and a fresh process takes the remaining tests.
 */
export async function runIsolated(code: string, probes: Probe[], limits: Limits = defaultLimits): Promise<IsolatedRun> {
  const mode = isolationMode();
  const deadline = Date.now() + limits.totalMs;
  const out = new Capped(limits.outputChars);
  const err = new Capped(limits.outputChars);
  const run: IsolatedRun = { results: new Map(), problems: new Map(), stdout: '', stderr: '', processes: 0 };
  let remaining = [...probes];
  while (remaining.length > 0) {
    if (Date.now() >= deadline) {
      for (const p of remaining) run.problems.set(p.id, { status: 'timeout', message: `not run: the submission used up its ${limits.totalMs / 1000} s in all` });
      break;
    }
    run.processes += 1;
    const { messages, ended } = await runChild(code, remaining, limits, mode, deadline, out, err);
    for (const m of messages) {
      if (m.type === 'result' && remaining.some((p) => p.id === m.id) && !run.results.has(m.id)) run.results.set(m.id, m);
      if (m.type === 'load-error') run.loadError = m.error;
    }
    if (run.loadError) break;
    const loaded = messages.some((m) => m.type === 'loaded');
    const stuck = remaining.find((p) => !run.results.has(p.id));
    if (!stuck) break;
    if (!loaded) {
      // Never got through loading: no point restarting.
      const why =
        ended.kind === 'timeout'
          ? `loading the submission took longer than ${limits.loadMs / 1000} s (a loop at the top level?)`
          : ended.kind === 'exit'
            ? `the submission's process ended while loading (exit code ${ended.code ?? '-'}${ended.signal ? `, ${ended.signal}` : ''})`
            : 'the submission did not load';
      run.loadError = why;
      break;
    }
    if (ended.kind === 'timeout') {
      run.problems.set(stuck.id, { status: 'timeout', message: `timed out after ${limits.testMs} ms (the process was stopped; the remaining tests ran in a fresh one)` });
    } else if (ended.kind === 'exit') {
      const how = ended.signal === 'SIGXCPU' ? 'ran out of CPU time' : ended.signal ? `was killed (${ended.signal}; out of memory?)` : `exited with code ${ended.code}`;
      run.problems.set(stuck.id, { status: 'error', message: `the submission's process ${how} during this test` });
    } else {
      run.problems.set(stuck.id, { status: 'error', message: 'no result was reported for this test' });
    }
    remaining = remaining.filter((p) => !run.results.has(p.id) && !run.problems.has(p.id));
  }
  run.stdout = out.toString();
  run.stderr = err.toString();
  return run;
}
