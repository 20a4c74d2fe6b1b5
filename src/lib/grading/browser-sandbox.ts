/**
 * The parent side of the in-browser sandbox. Learner code (already transpiled to CommonJS) runs
 * in a Web Worker created inside a sandboxed iframe (`sandbox="allow-scripts"`, `srcdoc`): the
 * frame has an opaque origin, so neither it nor its worker can reach this page, its storage,
 * cookies or IndexedDB; its CSP forbids every network request. The worker runs
 * `sandbox-runner.mjs` (inlined as text) and reports RunnerMessage objects through a private
 * MessagePort that learner code never holds; the frame relays them here, and this module judges
 * nothing: it collects reports, enforces time limits and replaces a hung sandbox with a fresh one.
 *
 * Pure apart from `iframeFactory` (DOM): the run loop talks to a `SandboxFrame`, so tests drive
 * it with a fake frame and fake timers.
 */
import type { ExerciseMeta, TestCase } from './cases';
import { parseRunnerMessage, type Probe, type RunnerMessage } from './sandbox-runner.mjs';
import { judge, type TestResult, type TestStatus } from './verdict';

/** The Content-Security-Policy of the sandbox document (and, inherited, of its blob worker). */
export const SANDBOX_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

/** Marks our messages between the page and the sandbox frame. */
export const SANDBOX_CHANNEL = 'rlab-sandbox';

/** Default per-run limit (ms): a whole run stops after this, whatever the per-test limits. */
export const DEFAULT_RUN_LIMIT_MS = 15_000;

/** Extra time (ms) a fresh sandbox gets to start (frame, worker, runner) before loading counts. */
export const STARTUP_GRACE_MS = 3_000;

/** Longest error text kept from a report (characters). */
const MAX_ERROR_CHARS = 2_000;

/**
 * Globals removed inside the worker before learner code loads: every API that can open a connection
 * or reach storage (fetch, sockets, WebSocketStream, FontFace loading a URL...). Defence in depth:
 * the CSP `default-src 'none'` blocks the same requests.
 */
export const BLOCKED_WORKER_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'FontFace',
  'navigator',
] as const;

/**
 * The worker's script: the runner module with its `export` keywords removed, wrapped in a strict
 * IIFE (so learner code, evaluated in the global scope, cannot reach the runner's captured
 * built-ins), then a bootstrap that takes one `{ code, probes }` message and a MessagePort,
 * removes network and storage globals, and runs the submission posting reports to that port.
 */
export function workerSource(runnerSource: string): string {
  const runner = runnerSource.replace(/^\/\/ @ts-check\s*$/m, '').replace(/^export (?=(async )?function |const |let )/gm, '');
  if (/^export\b/m.test(runner)) throw new Error('sandbox-runner.mjs has an export this bundler does not understand');
  return `'use strict';
(() => {
'use strict';
${runner}
const reflectApply = Reflect.apply;
const portPost = MessagePort.prototype.postMessage;
const blocked = ${JSON.stringify(BLOCKED_WORKER_GLOBALS)};
const neutralise = () => {
  for (const name of blocked) {
    for (let o = self; o; o = Object.getPrototypeOf(o)) {
      try { if (Object.prototype.hasOwnProperty.call(o, name)) delete o[name]; } catch {}
    }
    try { Object.defineProperty(self, name, { value: undefined, writable: false, configurable: false }); } catch {}
  }
};
self.addEventListener('unhandledrejection', (event) => event.preventDefault());
self.addEventListener('error', (event) => event.preventDefault());
self.onmessage = (event) => {
  self.onmessage = null;
  const port = event.ports[0];
  const data = event.data;
  if (!port || !data || typeof data.code !== 'string' || !Array.isArray(data.probes)) return;
  neutralise();
  runSubmission(data.code, data.probes, (message) => { reflectApply(portPost, port, [message]); });
};
})();
`;
}

/**
 * The sandbox frame's document. Its script starts one worker from a blob when the page sends
 * `{ kind: 'run', code, probes }`, hands the worker one end of a MessageChannel, and relays what
 * arrives on the other end to the page. Messages the worker posts on its own global are ignored.
 */
export function sandboxDocument(runnerSource: string): string {
  const source = JSON.stringify(workerSource(runnerSource)).replace(/</g, '\\u003c');
  const channel = JSON.stringify(SANDBOX_CHANNEL);
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}"><title>Code sandbox</title></head><body><script>
'use strict';
(() => {
  const source = ${source};
  const channel = ${channel};
  let started = false;
  const tell = (data) => parent.postMessage(Object.assign({ channel }, data), '*');
  addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== parent || started || !data || data.channel !== channel || data.kind !== 'run') return;
    started = true;
    try {
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      worker.onerror = (e) => e.preventDefault();
      const pipe = new MessageChannel();
      pipe.port1.onmessage = (m) => tell({ kind: 'runner', message: m.data });
      worker.postMessage({ code: data.code, probes: data.probes }, [pipe.port2]);
    } catch (error) {
      tell({ kind: 'failed', error: String(error) });
    }
  });
  tell({ kind: 'ready' });
})();
</script></body></html>`;
}

/** What the frame may say, once validated. */
export type FrameMessage = { kind: 'ready' } | { kind: 'failed'; error: string } | { kind: 'runner'; message: RunnerMessage };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (text: string) => (text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text);

export { parseRunnerMessage };

/** Validates what the sandbox frame posted to the page; null for anything else. */
export function parseFrameMessage(data: unknown): FrameMessage | null {
  if (!isRecord(data) || data.channel !== SANDBOX_CHANNEL) return null;
  if (data.kind === 'ready') return { kind: 'ready' };
  if (data.kind === 'failed') return { kind: 'failed', error: clip(String(data.error)) };
  if (data.kind === 'runner') {
    const message = parseRunnerMessage(data.message);
    return message ? { kind: 'runner', message } : null;
  }
  return null;
}

/** One sandbox instance, as the run loop sees it. */
export interface SandboxFrame {
  /** Starts the run: the code and the probes still to run. Call once, after `ready`. */
  start(code: string, probes: Probe[]): void;
  /** Removes the frame and, with it, its worker (a loop inside is stopped). */
  destroy(): void;
}

/** Creates a sandbox that calls `onMessage` with the raw data of messages from that sandbox only. */
export type FrameFactory = (onMessage: (data: unknown) => void) => SandboxFrame;

/**
 * The real sandbox: a hidden `<iframe sandbox="allow-scripts" srcdoc>` appended to `host`.
 * Only messages whose `event.source` is this frame's window reach `onMessage`.
 */
export function iframeFactory(documentHtml: string, host: HTMLElement = document.body): FrameFactory {
  return (onMessage) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('title', 'Code sandbox');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.hidden = true;
    frame.srcdoc = documentHtml;
    const listener = (event: MessageEvent) => {
      if (event.source !== null && event.source === frame.contentWindow) onMessage(event.data);
    };
    window.addEventListener('message', listener);
    host.append(frame);
    return {
      start(code, probes) {
        frame.contentWindow?.postMessage({ channel: SANDBOX_CHANNEL, kind: 'run', code, probes }, '*');
      },
      destroy() {
        window.removeEventListener('message', listener);
        frame.remove();
      },
    };
  };
}

/** What a run produced for one test when the sandbox did not report it. */
export interface Fallback {
  status: TestStatus;
  message: string;
}

/** The outcome of a run: reports to judge, verdicts the parent decided (timeouts, stops), timings. */
export interface SandboxOutcome {
  /** The sandbox's report per test id (first report only, in order). */
  reports: Map<string, Extract<RunnerMessage, { type: 'result' }>>;
  /** Tests the sandbox did not report, with the reason (timeout, load error, stopped). */
  fallbacks: Map<string, Fallback>;
  /** Milliseconds per reported or timed-out test. */
  ms: Map<string, number>;
  /** How many sandboxes were created (1 + one per hang). */
  sandboxes: number;
  /** Whole run, ms. */
  durationMs: number;
  /** Why the run ended early, if it did. */
  stopped?: 'aborted' | 'run-limit';
}

/** Options of `runInSandbox`. */
export interface SandboxRunOptions {
  /** The submission as CommonJS. */
  code: string;
  /** Probes of the tests to run, in order (from `toProbe`; visible tests only in the browser). */
  probes: Probe[];
  createFrame: FrameFactory;
  /** Per-test limit, ms (default 2000). */
  timeoutMs?: number;
  /** Whole-run limit, ms (default 15 s). */
  runLimitMs?: number;
  /** Extra time a fresh sandbox gets to start (default 3 s). */
  startupGraceMs?: number;
  /** Called when a test starts: index (0-based) of the test now running and the total. */
  onProgress?: (index: number, total: number, id: string | undefined) => void;
  signal?: AbortSignal;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * Runs the probes in sandboxes, one after another, and resolves with every test accounted for:
 * reported by the runner, timed out (the sandbox is destroyed and a fresh one runs the rest),
 * failed to load, or not run (stopped, run limit). Never rejects.
 */
export function runInSandbox(options: SandboxRunOptions): Promise<SandboxOutcome> {
  const { code, probes, createFrame, onProgress, signal } = options;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const runLimitMs = options.runLimitMs ?? DEFAULT_RUN_LIMIT_MS;
  const startupGraceMs = options.startupGraceMs ?? STARTUP_GRACE_MS;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const outcome: SandboxOutcome = { reports: new Map(), fallbacks: new Map(), ms: new Map(), sandboxes: 0, durationMs: 0 };
  let remaining = probes.slice();
  const total = probes.length;

  return new Promise((resolve) => {
    let frame: SandboxFrame | undefined;
    let generation = 0;
    let testTimer: ReturnType<typeof setTimeout> | undefined;
    let testStarted = 0;
    let finished = false;

    const clearTestTimer = () => {
      if (testTimer !== undefined) clearTimeout(testTimer);
      testTimer = undefined;
    };
    const finish = (stopped?: SandboxOutcome['stopped']) => {
      if (finished) return;
      finished = true;
      clearTestTimer();
      clearTimeout(runTimer);
      signal?.removeEventListener('abort', onAbort);
      frame?.destroy();
      frame = undefined;
      outcome.durationMs = now() - started;
      if (stopped) outcome.stopped = stopped;
      resolve(outcome);
    };
    const failRemaining = (fallback: Fallback) => {
      for (const p of remaining) if (!outcome.reports.has(p.id) && !outcome.fallbacks.has(p.id)) outcome.fallbacks.set(p.id, fallback);
      remaining = [];
    };
    const startTest = () => {
      clearTestTimer();
      const current = remaining[0];
      onProgress?.(total - remaining.length, total, current?.id);
      if (!current) return;
      testStarted = now();
      testTimer = setTimeout(() => {
        // The test hung: throw the whole sandbox away (its worker with it) and go on in a fresh one.
        outcome.fallbacks.set(current.id, { status: 'timeout', message: `Timed out after ${timeoutMs} ms (an endless loop, or a promise that never settles?).` });
        outcome.ms.set(current.id, now() - testStarted);
        remaining.shift();
        launch();
      }, timeoutMs);
    };

    const launch = () => {
      clearTestTimer();
      frame?.destroy();
      frame = undefined;
      if (finished) return;
      if (remaining.length === 0) return finish();
      const mine = ++generation;
      let phase: 'starting' | 'loading' | 'running' = 'starting';
      outcome.sandboxes += 1;
      onProgress?.(total - remaining.length, total, remaining[0]?.id);
      testTimer = setTimeout(() => {
        failRemaining({ status: 'error', message: `Loading your code did not finish within ${timeoutMs} ms (an endless loop outside a function?).` });
        finish();
      }, timeoutMs + startupGraceMs);
      const onMessage = (data: unknown) => {
        if (finished || mine !== generation) return;
        const message = parseFrameMessage(data);
        if (!message) return;
        if (message.kind === 'ready') {
          if (phase !== 'starting') return;
          phase = 'loading';
          frame?.start(code, remaining);
          return;
        }
        if (message.kind === 'failed') {
          failRemaining({ status: 'error', message: `The sandbox could not start: ${message.error}` });
          return finish();
        }
        const m = message.message;
        if (m.type === 'loaded') {
          if (phase !== 'loading') return;
          phase = 'running';
          startTest();
        } else if (m.type === 'load-error') {
          if (phase !== 'loading') return;
          failRemaining({ status: 'error', message: `Your code failed to load: ${m.error}` });
          finish();
        } else if (m.type === 'result') {
          if (phase !== 'running' || remaining[0]?.id !== m.id) return;
          outcome.reports.set(m.id, m);
          outcome.ms.set(m.id, now() - testStarted);
          remaining.shift();
          if (remaining.length === 0) finish();
          else startTest();
        } else if (m.type === 'done') {
          if (phase !== 'running') return;
          failRemaining({ status: 'error', message: 'The sandbox ended without reporting this test.' });
          finish();
        }
      };
      frame = createFrame(onMessage);
    };

    const onAbort = () => {
      failRemaining({ status: 'not-run', message: 'Stopped before this test ran.' });
      finish('aborted');
    };
    const runTimer = setTimeout(() => {
      failRemaining({ status: 'not-run', message: `Not run: the whole run stopped after ${Math.round(runLimitMs / 1000)} s.` });
      finish('run-limit');
    }, runLimitMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    launch();
  });
}

/** Turns a run's outcome into verdicts, in the tests' order, with `judge()` (expected values stay on this side). */
export function judgeOutcome(tests: TestCase<any>[], outcome: SandboxOutcome, meta: Pick<ExerciseMeta, 'pointsPerTest'>): TestResult[] {
  return tests.map((test) => {
    const result = judge(test, outcome.reports.get(test.id), meta, 'visible', outcome.fallbacks.get(test.id));
    const ms = outcome.ms.get(test.id);
    return ms === undefined ? result : { ...result, ms: Math.round(ms) };
  });
}
