// @ts-check
/**
 * The code that runs INSIDE the sandbox (a Web Worker in the browser, a locked-down child
 * process for `rlab grade`), next to the learner's code. It knows nothing about exercises:
 * it loads the learner's module, runs each test's probe (a small function that calls the
 * learner's exports with the test's input) and reports what came back as plain, encoded data.
 * It never sees an expected value: verdicts are decided outside, by the grader.
 *
 * Plain JavaScript (no imports, no TypeScript) so the child process can run it directly under
 * Node's permission model and the browser worker can import it as is.
 */

/** Largest encoded result a test may report (characters); more is reported as an error. */
export const MAX_RESULT_CHARS = 200_000;

/**
 * Turns a value into JSON-safe data that keeps what JSON loses: undefined, NaN, Infinity, -0.
 * Functions, symbols, cycles and very deep values are refused with a message, so a verdict
 * is never decided on something the grader cannot see.
 * @param {unknown} value
 * @returns {unknown}
 */
export function encodeValue(value) {
  const seen = new Set();
  /** @param {unknown} v @param {number} depth @returns {unknown} */
  const walk = (v, depth) => {
    if (depth > 50) throw new Error('returned a value nested more than 50 levels deep');
    if (v === undefined) return { $: 'undefined' };
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return { $: 'NaN' };
      if (v === Infinity) return { $: 'Infinity' };
      if (v === -Infinity) return { $: '-Infinity' };
      if (Object.is(v, -0)) return { $: '-0' };
      return v;
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return { $: 'bigint', v: String(v) };
    if (typeof v === 'function') throw new Error('returned a function, not data');
    if (typeof v === 'symbol') throw new Error('returned a symbol, not data');
    if (seen.has(v)) throw new Error('returned a value that contains itself (a cycle)');
    seen.add(v);
    let out;
    if (Array.isArray(v)) out = Array.from(v, (x) => walk(x, depth + 1));
    else if (v instanceof Map) out = { $: 'Map', v: Array.from(v.entries(), ([k, x]) => [walk(k, depth + 1), walk(x, depth + 1)]) };
    else if (v instanceof Set) out = { $: 'Set', v: Array.from(v.values(), (x) => walk(x, depth + 1)) };
    else if (v instanceof Date) out = { $: 'Date', v: v.getTime() };
    else if (v instanceof Error) out = { $: 'Error', v: String(v.message) };
    else {
      /** @type {Record<string, unknown>} */
      const o = {};
      for (const key of Object.keys(v)) o[key === '$' ? '$$' : key] = walk(/** @type {any} */ (v)[key], depth + 1);
      out = o;
    }
    seen.delete(v);
    return out;
  };
  return walk(value, 0);
}

/**
 * The inverse of `encodeValue`.
 * @param {unknown} data
 * @returns {unknown}
 */
export function decodeValue(data) {
  if (Array.isArray(data)) return data.map(decodeValue);
  if (data === null || typeof data !== 'object') return data;
  const o = /** @type {Record<string, any>} */ (data);
  if (typeof o.$ === 'string') {
    switch (o.$) {
      case 'undefined': return undefined;
      case 'NaN': return NaN;
      case 'Infinity': return Infinity;
      case '-Infinity': return -Infinity;
      case '-0': return -0;
      case 'bigint': return BigInt(o.v);
      case 'Map': return new Map(o.v.map((/** @type {[unknown, unknown]} */ [k, v]) => [decodeValue(k), decodeValue(v)]));
      case 'Set': return new Set(o.v.map(decodeValue));
      case 'Date': return new Date(o.v);
      case 'Error': return Object.assign(new Error(o.v), { fromSubmission: true });
    }
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(o)) out[k === '$$' ? '$' : k] = decodeValue(v);
  return out;
}

/**
 * Test doubles a probe may use: a simulated clock (sleep advances it at once) and scripted
 * functions (each call returns the next value, or throws it if it is `{ throws: message }`).
 */
export function makeKit() {
  return {
    /** @param {number} [start] */
    clock(start = 0) {
      const clock = {
        time: start,
        /** @type {number[]} */
        sleeps: [],
        now: () => clock.time,
        /** @param {number} ms */
        sleep: (ms) => {
          clock.sleeps.push(ms);
          clock.time += Math.max(0, Number(ms) || 0);
          return Promise.resolve();
        },
      };
      return clock;
    },
    /** @param {unknown[]} outcomes @param {number} [costMs] @param {{ time: number } | undefined} [clock] */
    script(outcomes, costMs = 0, clock) {
      /** @type {unknown[][]} */
      const calls = [];
      const fn = (/** @type {unknown[]} */ ...args) => {
        calls.push(args);
        if (clock) clock.time += costMs;
        const next = outcomes[Math.min(calls.length - 1, outcomes.length - 1)];
        if (next && typeof next === 'object' && 'throws' in next) return Promise.reject(new Error(String(/** @type {any} */ (next).throws)));
        return Promise.resolve(next);
      };
      return Object.assign(fn, { calls });
    },
  };
}

/**
 * Loads CommonJS code (the transpiled submission) and returns its exports. `import`/`require`
 * of anything is refused: exercises are self-contained.
 * @param {string} code
 * @returns {Record<string, unknown>}
 */
export function loadModule(code) {
  const module = { exports: /** @type {Record<string, unknown>} */ ({}) };
  const require = (/** @type {string} */ name) => {
    throw new Error(`imports are not available in exercises (tried to import "${name}")`);
  };
  // eslint-disable-next-line no-new-func
  new Function('exports', 'require', 'module', code)(module.exports, require, module);
  return module.exports;
}

/**
 * @typedef {{ id: string, run: string, input?: unknown }} Probe
 * A test as the sandbox sees it: its id, the source of its probe `(m, input, kit) => ...`, and its input.
 * @typedef {{ type: 'loaded' } | { type: 'load-error', error: string } | { type: 'result', id: string, ok: true, value: unknown } | { type: 'result', id: string, ok: false, error: string } | { type: 'done' }} RunnerMessage
 */

/** @param {unknown} e */
const messageOf = (e) => {
  if (e instanceof Error) return `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`;
  try {
    return `threw ${JSON.stringify(e)}`;
  } catch {
    return 'threw a value that cannot be shown';
  }
};

/**
 * Runs the probes in order against a module (code to load, or exports already loaded) and posts
 * one message per step. Captures `post` and the helpers it needs before the submission loads, so
 * a submission that replaces globals cannot change how results are sent.
 * @param {string | Record<string, unknown>} submission
 * @param {Probe[]} probes
 * @param {(message: RunnerMessage) => void} post
 */
export async function runSubmission(submission, probes, post) {
  const send = post;
  const stringify = JSON.stringify;
  const encode = encodeValue;
  const makeProbe = (/** @type {string} */ source) => (0, eval)(`(${source})`);
  const prepared = probes.map((p) => ({ id: p.id, input: decodeValue(p.input), fn: makeProbe(p.run) }));
  /** @type {Record<string, unknown>} */
  let exports;
  try {
    exports = typeof submission === 'string' ? loadModule(submission) : submission;
  } catch (e) {
    send({ type: 'load-error', error: messageOf(e) });
    return;
  }
  send({ type: 'loaded' });
  for (const probe of prepared) {
    try {
      const value = await probe.fn(exports, probe.input, makeKit());
      const encoded = encode(value);
      if (stringify(encoded).length > MAX_RESULT_CHARS) throw new Error(`returned more than ${MAX_RESULT_CHARS} characters of data`);
      send({ type: 'result', id: probe.id, ok: true, value: encoded });
    } catch (e) {
      send({ type: 'result', id: probe.id, ok: false, error: messageOf(e) });
    }
  }
  send({ type: 'done' });
}
