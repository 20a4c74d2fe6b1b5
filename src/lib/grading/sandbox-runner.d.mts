/** Types of `sandbox-runner.mjs` (plain JavaScript so it runs unchanged in a worker and in a vm realm). */
export declare const MAX_RESULT_CHARS: number;
/** A value as JSON text that keeps undefined, NaN, ±Infinity, -0, BigInt, Map, Set, Date, Error; throws on functions, cycles, depth > 50 or more than MAX_RESULT_CHARS. */
export declare function encodeValue(value: unknown): string;
/** Names of built-ins replaced, deleted or given new keys since the runner loaded. */
export declare function tamperedBuiltins(): string[];
/** The inverse of `encodeValue` (text, or data already parsed from it); throws an Error on anything malformed. */
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
export declare function loadModule(code: string | ((exports: unknown, require: unknown, module: unknown) => void)): Record<string, unknown>;
/** A test as the sandbox sees it. */
export interface Probe {
  id: string;
  /** Source of `(m, input, kit) => result`. */
  run: string;
  /** The test's input, `encodeValue` text. */
  input?: unknown;
}
/** What the sandbox reports. A result's `value` is `encodeValue` text; `by` says whose error it is. */
export type RunnerMessage =
  | { type: 'loaded' }
  | { type: 'load-error'; error: string }
  | { type: 'result'; id: string; ok: true; value: string }
  | { type: 'result'; id: string; ok: false; error: string; by: 'submission' | 'runner'; errorName?: string }
  | { type: 'done' };
export declare function runSubmission(
  submission: string | Function | Record<string, unknown>,
  probes: (Probe | { id: string; fn: Function; input?: unknown })[],
  post: (message: RunnerMessage) => void,
  options?: { between?: () => Promise<void> },
): Promise<void>;
/** The runner's side of the `node:vm` boundary: functions that take and return primitives only. */
export declare function createPump(): {
  addProbe(id: string, fn: Function, input: string): void;
  start(moduleFunction: Function): void;
  next(): string;
  resume(): void;
  fire(id: number): void;
};
/** A RunnerMessage checked field by field, or null. */
export declare function parseRunnerMessage(value: unknown): RunnerMessage | null;
