/**
 * Runs one submission's probes in a separate, locked-down process and collects what it reports.
 *
 * Layers, strongest available first (`isolationMode()` says which apply on this machine):
 * - a fresh process per submission (and per restart), killed on a time limit, so loops,
 *   `await`-then-loop, crashes and `process.exit` cannot touch the grader;
 * - Node's permission model: the child may read only the two runner files (no other files, no
 *   child processes, no workers, no native addons);
 * - Linux namespaces via `unshare` (user, network, pid, mount): no network interfaces at all and
 *   no other processes visible;
 * - resource limits via `prlimit`: data segment (caps ArrayBuffers as well as the JS heap), CPU
 *   seconds, open files; plus V8's heap limit;
 * - results travel on file descriptor 3, each line prefixed with a random nonce the submission
 *   never sees; stdout and stderr are captured as data and truncated.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Probe, RunnerMessage } from '../../src/lib/grading/sandbox-runner.mjs';

const childScript = join(import.meta.dirname, 'child.mjs');
const runnerScript = join(import.meta.dirname, '..', '..', 'src', 'lib', 'grading', 'sandbox-runner.mjs');

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
  /** One line for reports. */
  description: string;
}

let cachedMode: IsolationMode | undefined;

/** Probes the machine once: can we use `unshare` namespaces and `prlimit`? */
export function isolationMode(): IsolationMode {
  if (cachedMode) return cachedMode;
  const works = (cmd: string, args: string[]) => {
    try {
      return spawnSync(cmd, args, { stdio: 'ignore', timeout: 5000 }).status === 0;
    } catch {
      return false;
    }
  };
  const namespaces = process.platform === 'linux' && process.env.RLAB_GRADE_NO_NAMESPACES !== '1' && works('unshare', ['--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', 'true']);
  const prlimit = process.platform === 'linux' && works('prlimit', ['--nofile=64', 'true']);
  const layers = ['separate process per submission', "Node's permission model (no file reads, no child processes)"];
  if (namespaces) layers.push('network, pid and mount namespaces (no network)');
  if (prlimit) layers.push('prlimit memory, CPU and file limits');
  const description = `${layers.join(' + ')}${namespaces ? '' : '; WARNING: no network isolation on this machine (unshare unavailable)'}`;
  cachedMode = { namespaces, prlimit, description };
  return cachedMode;
}

/** The command line that starts a child under every available layer. */
export function childCommand(mode: IsolationMode, limits: Limits): { cmd: string; args: string[] } {
  const node = [
    process.execPath,
    '--experimental-permission',
    `--allow-fs-read=${childScript}`,
    `--allow-fs-read=${runnerScript}`,
    '--no-warnings',
    `--max-old-space-size=${Math.max(32, Math.floor(limits.memoryMb / 2))}`,
    childScript,
  ];
  const cpuSeconds = Math.ceil(limits.totalMs / 1000) + 5;
  const prlimit = mode.prlimit ? ['prlimit', `--data=${limits.memoryMb * 1024 * 1024 * 2}`, `--cpu=${cpuSeconds}`, '--nofile=64', '--core=0', '--'] : [];
  const unshare = mode.namespaces ? ['unshare', '--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', '--kill-child'] : [];
  const all = [...unshare, ...prlimit, ...node];
  return { cmd: all[0]!, args: all.slice(1) };
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
function runChild(code: string, probes: Probe[], limits: Limits, mode: IsolationMode, deadline: number, out: Capped, err: Capped) {
  return new Promise<{ messages: RunnerMessage[]; ended: Ended }>((resolve) => {
    const nonce = randomBytes(16).toString('hex');
    const { cmd, args } = childCommand(mode, limits);
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
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
        let message: RunnerMessage;
        try {
          message = JSON.parse(line.slice(nonce.length + 1)) as RunnerMessage;
        } catch {
          continue;
        }
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
    child.on('exit', (code, signal) => setTimeout(() => finish({ kind: 'exit', code, signal }), 50));
    child.on('error', (e) => {
      err.add(`could not start the sandbox: ${e.message}`);
      finish({ kind: 'exit', code: null, signal: null });
    });
    child.stdin!.on('error', () => {});
    child.stdin!.end(JSON.stringify({ nonce, code, probes }));
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
