/** Types of `sandbox-runner.mjs` (plain JavaScript so it runs unchanged in a worker and a locked-down child). */
export declare const MAX_RESULT_CHARS: number;
export declare function encodeValue(value: unknown): unknown;
/** Names of built-ins replaced or deleted since the runner loaded. */
export declare function tamperedBuiltins(): string[];
export declare function decodeValue(data: unknown): unknown;
/** A simulated clock: `sleep` advances `time` at once and records the delay. */
export interface KitClock {
  time: number;
  sleeps: number[];
  now(): number;
  sleep(ms: number): Promise<void>;
}
/** A scripted async function: each call resolves to the next outcome, or rejects if it is `{ throws }`. */
export type KitScript = ((...args: unknown[]) => Promise<unknown>) & { calls: unknown[][] };
/** The test doubles a probe receives. */
export interface Kit {
  clock(start?: number): KitClock;
  script(outcomes: unknown[], costMs?: number, clock?: { time: number }): KitScript;
}
export declare function makeKit(): Kit;
export declare function loadModule(code: string): Record<string, unknown>;
/** A test as the sandbox sees it. */
export interface Probe {
  id: string;
  /** Source of `(m, input, kit) => result`. */
  run: string;
  /** The test's input, encoded with `encodeValue`. */
  input?: unknown;
}
/** What the sandbox reports. */
export type RunnerMessage =
  | { type: 'loaded' }
  | { type: 'load-error'; error: string }
  | { type: 'result'; id: string; ok: true; value: unknown }
  | { type: 'result'; id: string; ok: false; error: string }
  | { type: 'done' };
export declare function runSubmission(submission: string | Record<string, unknown>, probes: Probe[], post: (message: RunnerMessage) => void): Promise<void>;
